"""Benchmark: the management report at scale (issue 14: at most 1 s at 10,000 cases, and 100,000 if it fits).

Run:  python tests/benchmarks/bench_report.py [--cases 10000] [--store DIR] [--scale 100000] [-n 5]

Makes ``--cases`` invented cases with ``borgerrejse sample`` (or uses ``--store`` as it
is: a store made with ``borgerrejse sample``), then prints, next to a baseline measured
in the same run on an empty store: ``borgerrejse report --format csv`` as a new process —
the first run, which builds the report's index from every case file, and the median of
the next ones — and the report built in the process from the index. ``--scale N`` does
the same on a store of N cases made of the sampled ones (hard links under new case
numbers: N realistic case files without sampling N cases; the sampled store is not touched).
Never fails on a timing.
"""

from __future__ import annotations

import argparse
import os
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


def scaled_store(source: Path, target: Path, cases: int) -> int:
    """A store of ``cases`` cases: the source's case files again and again (hard links, new case numbers).

    The links are made to copies, so the source store's files (whose change times a link
    would touch, making its index read them all again) are left as they are.
    """
    import shutil

    from store import Store

    Store(target)
    copies = target.parent / f"{target.name}-originals"
    copies.mkdir()
    originals = []
    for folder in sorted(p for p in (source / "cases").iterdir() if (p / "case.json").exists()):
        (copies / folder.name).mkdir()
        shutil.copyfile(folder / "case.json", copies / folder.name / "case.json")
        originals.append(copies / folder.name)
    made = 0
    while made < cases:
        for folder in originals:
            if made == cases:
                break
            new = target / "cases" / f"{folder.name}{made:06d}"[:32]
            new.mkdir(mode=0o700)
            os.link(folder / "case.json", new / "case.json")
            made += 1
    return made


def measure(python: str, full: Path, empty: Path, n: int) -> dict[str, float]:
    def report(store: Path) -> list[str]:
        return [python, "-m", "assistant", "report", "--format", "csv", "--store", str(store)]

    figures = {"report_first": time_command(report(full))}
    time_command(report(empty))
    base, warm = [], []
    for _ in range(n):
        base.append(time_command(report(empty)))
        warm.append(time_command(report(full)))
    figures.update(report_empty=statistics.median(base), report=statistics.median(warm))
    from assistant.services.report import report_for
    from store import Store

    inproc = []
    for _ in range(n):
        start = time.perf_counter()
        report_for(Store(full))
        inproc.append(time.perf_counter() - start)
    figures["report_in_process"] = statistics.median(inproc)
    return figures


def show(count: int, figures: dict[str, float], target: str) -> None:
    b, w = figures["report_empty"], figures["report"]
    print(f"`report --format csv`, empty store (baseline):                 median {b * 1000:8.1f} ms")
    print(f"`report --format csv`, {count:>6} cases, first run (index built if missing or stale): {figures['report_first'] * 1000:8.1f} ms")
    print(f"`report --format csv`, {count:>6} cases, index in place:          median {w * 1000:8.1f} ms  ({target})")
    print(f"report built in the process from the index, {count:>6} cases:  median "
          f"{figures['report_in_process'] * 1000:8.1f} ms")
    print(f"ratio report {count} cases / empty store: {w / b:.2f}")


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--store", help="an existing store (made with `borgerrejse sample`) instead of a new one")
    parser.add_argument("--scale", type=int, default=0, help="also a store of this many cases made of the sampled ones")
    parser.add_argument("-n", type=int, default=5)
    args = parser.parse_args(argv)
    python = sys.executable
    out: dict[str, float] = {}
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
        figures = measure(python, full, empty, args.n)
        show(count, figures, "target <= 1000 ms at 10,000")
        out.update(figures)
        if args.scale:
            big = Path(tmp) / "scaled"
            start = time.perf_counter()
            made = scaled_store(full, big, args.scale)
            print(f"scaled store: {made} cases (links to the {count} sampled) in {time.perf_counter() - start:.1f} s")
            figures = measure(python, big, empty, max(1, args.n // 2))
            show(made, figures, "no target; issue 14: 'if it fits in a few minutes'")
            out.update({f"scaled_{k}": v for k, v in figures.items()})
    return out


if __name__ == "__main__":
    main()
