"""Benchmark: the management report at scale (issue 14: at most 1 s at 10,000 cases).

Run:  python tests/benchmarks/bench_report.py [--cases 10000] [--store DIR] [-n 5]

Makes ``--cases`` invented cases with ``borgerrejse sample`` (or uses ``--store`` as it
is), then prints, next to a baseline measured in the same run on an empty store:
``borgerrejse report --format csv`` as a new process — the first run, which builds the
report's index from every case file, and the median of the next ones — and the
report built in the process from the index. Never fails on a timing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def time_command(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--store", help="an existing store (made with `borgerrejse sample`) instead of a new one")
    parser.add_argument("-n", type=int, default=5)
    args = parser.parse_args(argv)
    python = sys.executable
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp) / "empty"
        if args.store:
            full = Path(args.store)
        else:
            full = Path(tmp) / "full"
            start = time.perf_counter()
            subprocess.run([python, "-m", "assistant", "sample", "--cases", str(args.cases), "--store", str(full)],
                           check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            print(f"sample: {args.cases} cases in {time.perf_counter() - start:.1f} s")
        from store import Store

        Store(empty)
        count = sum(1 for _ in Store(full).case_ids())

        def report(store: Path) -> list[str]:
            return [python, "-m", "assistant", "report", "--format", "csv", "--store", str(store)]

        figures["report_first"] = time_command(report(full))
        time_command(report(empty))
        base, warm = [], []
        for _ in range(args.n):
            base.append(time_command(report(empty)))
            warm.append(time_command(report(full)))
        b, w = statistics.median(base), statistics.median(warm)
        figures.update(report_empty=b, report=w)
        from assistant.report import report_for

        inproc = []
        for _ in range(args.n):
            start = time.perf_counter()
            report_for(Store(full))
            inproc.append(time.perf_counter() - start)
        figures["report_in_process"] = statistics.median(inproc)
        print(f"`report --format csv`, empty store:                 median {b * 1000:7.1f} ms")
        print(f"`report --format csv`, {count} cases, first (builds index): {figures['report_first'] * 1000:7.1f} ms")
        print(f"`report --format csv`, {count} cases, index in place:     median {w * 1000:7.1f} ms  (target <= 1000 ms)")
        print(f"report built in the process from the index, {count} cases: median {figures['report_in_process'] * 1000:7.1f} ms")
        print(f"ratio report {count} / empty: {w / b:.2f}")
    return figures


if __name__ == "__main__":
    main()
