"""How well the safety layer reads the corpus, and how fast (issue 20).

Run:  python tests/benchmarks/bench_safety.py [-n REPEATS]

For the development half (tests/domain/data/safety_dev.toml, tuned against), the second
development set (safety_dev2.toml, written fresh and measured before the rules were changed
for it) and the held-out half (safety_heldout.toml, never tuned against) separately it prints:
  - per category of sign, how many reach possible-or-clear (recall), how many reach
    exactly the tier the corpus expects, and how many are clear;
  - for ordinary answers, how often each tier fires (false alarms);
and then the time per answer: the corpus's answers (median and worst), a typical
answer, and a 5,000-character answer (first and later runs).

It prints figures only — never a sentence of the held-out half — and never fails on them.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from assistant.domain import safety  # noqa: E402

DATA = ROOT / "tests" / "domain" / "data"
HALVES = {"development": DATA / "safety_dev.toml", "development 2 (fresh)": DATA / "safety_dev2.toml",
          "held-out": DATA / "safety_heldout.toml"}
CATEGORIES = ("suicidal", "plans_means", "self_harm", "violence", "harm_others", "child_at_risk", "sexual_abuse")
TYPICAL = "Jeg vil gerne have et arbejde og en lejlighed, og så vil jeg gerne se min datter hver weekend."


def cases(path: Path) -> list[dict]:
    return tomllib.loads(path.read_text(encoding="utf-8"))["case"]


def measure(items: list[dict]) -> dict:
    """Figures for one half: per category (total, reached, exact tier, clear) and ordinary tiers."""
    per: dict[str, Counter] = {c: Counter() for c in CATEGORIES}
    ordinary: Counter = Counter()
    for case in items:
        found = safety.assess(case["text"])
        if case["category"] == "ordinary":
            ordinary["total"] += 1
            ordinary[found.tier] += 1
            continue
        row = per.setdefault(case["category"], Counter())
        row["total"] += 1
        row["reached"] += found.tier != "none"
        row["exact"] += found.tier == case["tier"]
        row["clear"] += found.tier == "clear"
        row["expected_clear"] += case["tier"] == "clear"
    return {"categories": per, "ordinary": ordinary}


def report(name: str, figures: dict) -> None:
    print(f"\n== {name} half ==")
    print(f"{'category':15} {'signs':>5} {'reached':>8} {'recall':>7} {'exact tier':>11} {'clear':>6}")
    total = reached = 0
    for category, row in figures["categories"].items():
        if not row["total"]:
            continue
        total += row["total"]
        reached += row["reached"]
        print(f"{category:15} {row['total']:5} {row['reached']:8} {row['reached'] / row['total']:7.1%} "
              f"{row['exact']:6}/{row['total']:<4} {row['clear']:6}")
    if total:
        print(f"{'all signs':15} {total:5} {reached:8} {reached / total:7.1%}")
    o = figures["ordinary"]
    if o["total"]:
        print(f"ordinary answers {o['total']}: clear {o['clear']} ({o['clear'] / o['total']:.1%}), "
              f"possible {o['possible']} ({o['possible'] / o['total']:.1%}), none {o['none']}")


def timings(all_texts: list[str], repeats: int) -> dict[str, float]:
    long_text = (" ".join(all_texts) * 3)[:5000]
    safety._patterns()
    t0 = time.perf_counter()
    safety.assess(long_text)
    first_long = time.perf_counter() - t0
    per_answer = []
    for _ in range(repeats):
        for text in all_texts:
            t0 = time.perf_counter()
            safety.assess(text)
            per_answer.append(time.perf_counter() - t0)
    typical = []
    for _ in range(max(20, repeats * 20)):
        t0 = time.perf_counter()
        safety.assess(TYPICAL)
        typical.append(time.perf_counter() - t0)
    longs, long_cpu = [], []
    for _ in range(max(5, repeats * 3)):
        t0, c0 = time.perf_counter(), time.process_time()
        safety.assess(long_text)
        longs.append(time.perf_counter() - t0)
        long_cpu.append(time.process_time() - c0)
    t0 = time.process_time()
    steps = 0
    for i in range(2_000_000):  # how busy the machine is: some 0.1 s on an idle one
        steps += i
    return {"corpus_median": statistics.median(per_answer), "corpus_max": max(per_answer),
            "typical": statistics.median(typical), "long_first": first_long, "long": statistics.median(longs),
            "long_max": max(longs), "long_cpu": statistics.median(long_cpu), "long_chars": len(long_text),
            "loop": time.process_time() - t0}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--repeats", type=int, default=3, help="how many times the corpus is timed")
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    safety.data()
    checked = time.perf_counter() - t0
    t0 = time.perf_counter()
    safety._patterns()
    built = time.perf_counter() - t0
    t0 = time.perf_counter()
    safety._patterns().compile_all()
    compiled = time.perf_counter() - t0
    results = {}
    texts: list[str] = []
    for name, path in HALVES.items():
        items = cases(path)
        texts += [c["text"] for c in items]
        results[name] = measure(items)
        report(name, results[name])
    t = timings(texts, args.repeats)
    print("\n== time ==")
    print(f"reading and checking the files {checked * 1000:.0f} ms; building the rules {built * 1000:.0f} ms; "
          f"compiling every pattern (the warm-up, in the background) {compiled * 1000:.0f} ms")
    print(f"corpus answers: median {t['corpus_median'] * 1000:.2f} ms, worst {t['corpus_max'] * 1000:.2f} ms per answer")
    print(f"typical answer: median {t['typical'] * 1000:.2f} ms")
    print(f"{t['long_chars']}-character answer: first {t['long_first'] * 1000:.1f} ms, "
          f"then median {t['long'] * 1000:.1f} ms (CPU {t['long_cpu'] * 1000:.1f} ms), worst {t['long_max'] * 1000:.1f} ms")
    print(f"machine: a 2-million-step Python loop took {t['loop']:.2f} s of CPU (some 0.1 s when the machine is idle)")
    results["time"] = t
    return results


if __name__ == "__main__":
    main()
