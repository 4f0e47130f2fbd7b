"""Answer → next prompt (persisted, fsynced) with 10 and with 10,000 cases in the store.

Run:  python tests/benchmarks/bench_answer_latency.py [--cases 10,10000] [--answers 40]

Prints the median and 95th percentile per answer for each store size and the ratio
against the smallest store, measured in the same run; for the largest store also the
median once its summary indexes exist, and the ratio to the same store without them. It never fails on a timing:
the point is that one answer's cost does not grow with the number of cases.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from assistant.services.conversation import Conversation
from store import Store

SCRIPT = {"consent": "ja", "motivation": "7", "when": "1", "another_dream": "ja", "priority": "1", "review": "enig"}


def fill_store(root: Path, cases: int) -> None:
    """``cases`` finished-looking cases: one real conversation, copied on disk."""
    store = Store(root)
    template = Conversation.start(store)
    for _ in range(25):
        prompt = template.prompt()
        template.respond(SCRIPT.get(prompt.slot, "et svar" if prompt.kind == "text" else ""))
    template.close()
    source = root / "cases" / template.case_id
    for _ in range(cases - 1):
        target = root / "cases" / store.new_case_id()
        target.mkdir(mode=0o700)
        shutil.copy2(source / "case.json", target / "case.json")


def time_answers(root: Path, answers: int) -> list[float]:
    conv = Conversation.start(Store(root))
    timings = []
    for _ in range(answers):
        prompt = conv.prompt()
        if prompt.final:
            conv.close()
            conv = Conversation.start(Store(root))
            prompt = conv.prompt()
        text = SCRIPT.get(prompt.slot, "et svar" if prompt.kind == "text" else "")
        start = time.perf_counter()
        reply = conv.respond(text)
        assert reply.prompt is not None  # the next prompt exists only after the answer is on disk
        timings.append(time.perf_counter() - start)
    conv.close()
    return timings


def single_file_baseline(root: Path, docs: int, inserts: int = 10) -> float:
    """What we avoided: TinyDB's default storage, all cases in one file (median per insert)."""
    from tinydb import TinyDB

    db = TinyDB(root / "all.json")
    db.insert_multiple({"case": i, "type": "answer", "text": "et svar " * 8} for i in range(docs))
    timings = []
    for i in range(inserts):
        start = time.perf_counter()
        db.insert({"case": i, "type": "answer", "text": "et svar"})
        timings.append(time.perf_counter() - start)
    db.close()
    return statistics.median(timings)


def main(argv: list[str] | None = None) -> dict[int, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", default="10,10000")
    parser.add_argument("--answers", type=int, default=40)
    parser.add_argument("--no-baseline", action="store_true", help="skip the single-file comparison")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.cases.split(",")]
    medians: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            root = Path(tmp) / f"store-{size}"
            t0 = time.perf_counter()
            fill_store(root, size)
            filled = time.perf_counter() - t0
            timings = sorted(time_answers(root, args.answers))
            medians[size] = statistics.median(timings)
            p95 = timings[int(0.95 * (len(timings) - 1))]
            print(
                f"{size:>6} cases: answer → next prompt median {medians[size] * 1000:6.2f} ms, "
                f"p95 {p95 * 1000:6.2f} ms over {len(timings)} answers (store filled in {filled:.1f} s)"
            )
            if size == sizes[-1]:  # the same store once its summary indexes exist (the list and the report)
                Store(root).list_cases()
                Store(root).frames()
                indexed = statistics.median(time_answers(root, args.answers))
                print(f"{size:>6} cases, summary index in place: median {indexed * 1000:6.2f} ms; "
                      f"ratio with index / without: {indexed / medians[size]:.2f}×")
        if not args.no_baseline:
            single = single_file_baseline(Path(tmp), sizes[-1] * 25)
            print(
                f"baseline, one TinyDB file with {sizes[-1] * 25} events (not our design): "
                f"{single * 1000:.1f} ms per insert = {single / medians[sizes[-1]]:.0f}× ours"
            )
    base = sizes[0]
    for size in sizes[1:]:
        print(f"ratio {size} / {base} cases: {medians[size] / medians[base]:.2f}×")
    return medians


if __name__ == "__main__":
    main()
