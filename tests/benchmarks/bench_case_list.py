"""Benchmark: the case list at scale — `borgerrejse cases` and the workspace's list.

Run:  python tests/benchmarks/bench_case_list.py [--cases 10000] [-n 5]

Fills a store with copies of one finished conversation (as issue 14 measured),
then prints, each next to a baseline measured in the same run:

- ``borgerrejse cases`` (a new process each time): the first run, which builds the
  summary index from every case file, and the median of the next runs, which read the
  index; baseline: the same command on an empty store;
- the caseworker's workspace, process start until its list says how many cases it
  shows (80×24 pseudo-terminal); baseline: the workspace on an empty store, until it
  says there are no cases.

It never fails on a timing.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_answer_latency import fill_store  # noqa: E402
from bench_tui_startup import installed_env, time_to_text  # noqa: E402


def time_command(argv: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, env=installed_env())
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("-n", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument("--no-tui", action="store_true", help="skip the workspace (no pseudo-terminal)")
    args = parser.parse_args(argv)
    python = sys.executable
    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp) / "empty", Path(tmp) / "full"
        start = time.perf_counter()
        fill_store(full, args.cases)
        print(f"store: {args.cases} cases (copies of one finished conversation), made in {time.perf_counter() - start:.1f} s")
        fill_store(empty, 1)
        for case in (empty / "cases").iterdir():  # the same code path, no cases
            for f in case.iterdir():
                f.unlink()
            case.rmdir()

        def cases_cmd(store: Path) -> list[str]:
            return [python, "-m", "assistant", "cases", "--lang", "en", "--store", str(store)]

        figures["cases_first"] = time_command(cases_cmd(full))
        time_command(cases_cmd(empty))
        base, warm = [], []
        for _ in range(args.n):
            base.append(time_command(cases_cmd(empty)))
            warm.append(time_command(cases_cmd(full)))
        b, w = statistics.median(base), statistics.median(warm)
        figures.update(cases_empty=b, cases=w)
        print(f"`cases`, empty store:                      median {b * 1000:7.1f} ms")
        print(f"`cases`, {args.cases} cases, first (builds index): {figures['cases_first'] * 1000:7.1f} ms")
        print(f"`cases`, {args.cases} cases, index in place:     median {w * 1000:7.1f} ms  (target <= 300 ms)")
        print(f"ratio cases {args.cases} / empty: {w / b:.2f}")
        if not args.no_tui:
            def ws(store: Path) -> list[str]:
                return [python, "-m", "assistant", "caseworker", "--lang", "en", "--store", str(store)]

            marker_full = f"{args.cases} of {args.cases} cases"
            time_to_text(ws(empty), "No cases yet")
            time_to_text(ws(full), marker_full, timeout=120)
            base, listed = [], []
            for _ in range(args.n):
                base.append(time_to_text(ws(empty), "No cases yet"))
                listed.append(time_to_text(ws(full), marker_full, timeout=120))
            b, w = statistics.median(base), statistics.median(listed)
            figures.update(workspace_empty=b, workspace=w)
            print(f"workspace list, empty store:            median {b * 1000:7.1f} ms")
            print(f"workspace list, {args.cases} cases:          median {w * 1000:7.1f} ms")
            print(f"ratio workspace {args.cases} / empty: {w / b:.2f}  (target <= 1.3)")
    return figures


if __name__ == "__main__":
    main()
