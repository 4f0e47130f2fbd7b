"""A process killed at any instant loses nothing it acknowledged and leaves no unreadable file.

Each run talks to ``borgerrejse run --jsonl`` over pipes, answers a random number
of questions and then sends SIGKILL while the next answer is being handled: the
kill is timed from what the process has done (the k-th answer written to it),
plus a random delay drawn from how long this machine took to acknowledge the
answers before it. So on a fast machine and on a slow, loaded one alike the kills
land mid-conversation, most of them inside the handling of an answer.

An answer counts as acknowledged once the next prompt (or an "invalid" re-prompt)
for it has been read. After every kill the store must open and hold every
acknowledged answer, in order, and no lock may outlive its process.
"""

from __future__ import annotations

import json
import os
import random
import signal
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field

from store import Store

RUNS = 60
MAX_ANSWERS_PER_RUN = 12


def _answer(prompt: dict, n: int) -> str:
    if prompt["kind"] == "text":
        return f"svar {n} æøå"
    if prompt["kind"] == "scale":
        return str(n % 11)
    if prompt["kind"] == "info":
        return ""
    return "1"


@dataclass
class Run:
    case: str | None = None
    acknowledged: list[tuple[str, str]] = field(default_factory=list)
    finished: bool = False
    killed_mid_answer: bool = False  # the kill came while an answer was unacknowledged
    latencies: list[float] = field(default_factory=list)  # answer written → acknowledged, seconds


def _one_run(store_path, case: str | None, rng: random.Random, counter: list[int], typical: float) -> Run:
    args = [sys.executable, "-m", "assistant", "run", "--jsonl", "--store", str(store_path)]
    if case:
        args += ["--case", case]
    proc = subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8"
    )
    run = Run(case=case)
    kill_after = rng.randint(1, MAX_ANSWERS_PER_RUN)  # answers written before the kill
    written = 0
    killed = False
    pending: tuple[str, str] | None = None
    sent_at = 0.0
    try:
        for line in proc.stdout:
            event = json.loads(line)
            if event["event"] in ("prompt", "invalid", "plan", "end") and pending is not None:
                if not killed:
                    run.latencies.append(time.perf_counter() - sent_at)
                run.acknowledged.append(pending)  # written before the process died: acknowledged
                pending = None
            if event["event"] == "end":
                run.finished = True
            if killed or event["event"] != "prompt" or event["state"] in ("end", "declined"):
                continue
            run.case = event["case"]
            counter[0] += 1
            text = _answer(event, counter[0])
            pending = (event["state"], text)
            sent_at = time.perf_counter()
            try:
                proc.stdin.write(text + "\n")
                proc.stdin.flush()
            except (BrokenPipeError, OSError):
                break
            written += 1
            if written == kill_after:
                # Inside the handling of this answer: a random part of this machine's own
                # time to acknowledge one (the median measured so far in this test).
                time.sleep(rng.uniform(0.0, typical))
                proc.send_signal(signal.SIGKILL)
                killed = True
                # Whatever the process wrote before it died is still read above; an
                # answer with no reply by then was killed in its handling.
        run.killed_mid_answer = killed and pending is not None
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except (BrokenPipeError, OSError):
                pass
    run.finished = run.finished and not killed
    return run


def _typical_latency(latencies: list[float]) -> float:
    """How long this machine takes to acknowledge an answer (the median so far)."""
    if len(latencies) < 3:
        return 0.05
    return statistics.median(latencies)


def test_sigkill_at_random_moments_loses_nothing_acknowledged(store_path):
    rng = random.Random(20261123)
    case = None
    counter = [0]
    expected: dict[str, list[tuple[str, str]]] = {}
    latencies: list[float] = []
    mid_conversation = mid_answer = finished_runs = 0
    for _ in range(RUNS):
        run = _one_run(store_path, case, rng, counter, _typical_latency(latencies))
        latencies += run.latencies
        assert run.case is not None, "every run reaches its first question (the kill waits for an answer)"
        expected.setdefault(run.case, []).extend(run.acknowledged)
        if run.finished:
            finished_runs += 1
            case = None
        else:
            mid_conversation += 1
            mid_answer += run.killed_mid_answer
            case = run.case
        store = Store(store_path)
        for case_id, answers in expected.items():
            # Opens for writing: nothing unreadable, and no lock outlived the killed process.
            with store.open_case(case_id) as handle:
                stored = [(e["state"], e.get("text", "")) for e in handle.events() if e["type"] in ("answer", "invalid")]
            it = iter(stored)
            missing = [a for a in answers if not any(a == s for s in it)]
            assert not missing, (case_id, missing)
    summary = (
        f"{RUNS} runs: {mid_conversation} kills landed mid-conversation "
        f"({mid_answer} inside the handling of an answer), {finished_runs} conversations finished; "
        f"{sum(len(a) for a in expected.values())} acknowledged answers kept; "
        f"median acknowledgement {statistics.median(latencies) * 1000:.1f} ms"
    )
    print(summary)
    assert mid_conversation >= RUNS * 3 // 4, "the kills should mostly land mid-conversation: " + summary
    assert mid_answer >= mid_conversation // 4, "many kills should land inside an answer's handling: " + summary
    assert sum(len(a) for a in expected.values()) > RUNS, "runs should acknowledge answers before the kill: " + summary
    assert not [p for p in Store(store_path).root.rglob("case.json") if os.path.getsize(p) == 0]
