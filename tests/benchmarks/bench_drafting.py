"""Benchmark: the answer that drafts the plan against the other answers, in a fresh process.

Run:  python tests/benchmarks/bench_drafting.py [-n 5]

Each run is a new Python process that has one whole conversation (two dreams, the
review, remarks), timing every answer (fsynced). Between answers it waits until the
background warm-up the first answer starts has finished — a person takes seconds
to read and type, far longer than that. Printed: the drafting answer's median, the
median of all other answers, their ratio; and the same with the warm-up switched off
(how it was before issue 14), measured in the same run. Never fails on a timing.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = r"""
import json, sys, tempfile, time
sys.path.insert(0, {bench!r})
from bench_answer_latency import SCRIPT
import assistant.domain.classify as classify
from assistant.services.conversation import Conversation
from store import Store
if {off!r}:
    classify.warm_up = lambda: None
store = Store(tempfile.mkdtemp())
conv = Conversation.start(store)
drafting, others = None, []
for _ in range(60):
    prompt = conv.prompt()
    if prompt.final:
        break
    if prompt.slot == "another_dream":
        text = "nej"
    else:
        text = SCRIPT.get(prompt.slot, "Jeg vil gerne have en ven at spille fodbold med" if prompt.kind == "text" else "")
    had_plan = conv.plan() is not None
    start = time.perf_counter()
    reply = conv.respond(text)
    took = time.perf_counter() - start
    if reply.plan is not None and not had_plan:
        drafting = took
    else:
        others.append(took)
    if classify._warming is not None:
        classify._warming.join()  # the person reads the next question meanwhile
conv.close()
print(json.dumps({{"drafting": drafting, "others": others}}))
"""


def run_once(off: bool) -> tuple[float, float]:
    code = CHILD.format(bench=str(Path(__file__).parent), off=off)
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    data = json.loads(out.strip().splitlines()[-1])
    return data["drafting"], statistics.median(data["others"])


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=5)
    args = parser.parse_args(argv)
    results: dict[str, list[tuple[float, float]]] = {"warm-up": [], "no warm-up": []}
    for _ in range(args.n):
        results["no warm-up"].append(run_once(True))
        results["warm-up"].append(run_once(False))
    figures = {}
    for name, runs in results.items():
        d = statistics.median(r[0] for r in runs)
        o = statistics.median(r[1] for r in runs)
        figures[name] = d / o
        print(f"{name:11}: drafting answer median {d * 1000:6.1f} ms, other answers median {o * 1000:6.1f} ms, "
              f"ratio {d / o:.2f}")
    print(f"runs: {args.n} processes each, interleaved")
    return figures


if __name__ == "__main__":
    main()
