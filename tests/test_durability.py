"""A process killed at any instant loses nothing it acknowledged and leaves no unreadable file.

Each run talks to ``borgerrejse run --jsonl`` over pipes as fast as it answers and
sends SIGKILL after a random delay. An answer counts as acknowledged once the
next prompt (or an "invalid" re-prompt) for it has been read. After every kill the
store must open and hold every acknowledged answer, in order.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading

from assistant.errors import CaseLockedError
from store import Store

RUNS = 60


def _answer(prompt: dict, n: int) -> str:
    if prompt["kind"] == "text":
        return f"svar {n} æøå"
    if prompt["kind"] == "scale":
        return str(n % 11)
    if prompt["kind"] == "info":
        return ""
    return "1"


def _one_run(store_path, case: str | None, rng: random.Random, counter: list[int]) -> tuple[str | None, list[tuple[str, str]], bool]:
    args = [sys.executable, "-m", "assistant", "run", "--jsonl", "--store", str(store_path)]
    if case:
        args += ["--case", case]
    proc = subprocess.Popen(
        args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8"
    )
    timer = threading.Timer(rng.uniform(0.02, 0.2), lambda: proc.send_signal(signal.SIGKILL))
    timer.start()
    acknowledged: list[tuple[str, str]] = []
    pending: tuple[str, str] | None = None
    finished = False
    try:
        for line in proc.stdout:
            event = json.loads(line)
            if event["event"] in ("prompt", "invalid", "plan", "end"):
                if pending is not None:
                    acknowledged.append(pending)
                    pending = None
            if event["event"] == "end":
                finished = True
            if event["event"] != "prompt" or event["state"] in ("end", "declined"):
                continue
            case = event["case"]
            counter[0] += 1
            text = _answer(event, counter[0])
            pending = (event["state"], text)
            try:
                proc.stdin.write(text + "\n")
                proc.stdin.flush()
            except (BrokenPipeError, OSError):
                break
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except (BrokenPipeError, OSError):
                pass
    return case, acknowledged, finished


def test_sigkill_at_random_moments_loses_nothing_acknowledged(store_path):
    rng = random.Random(20261123)
    case = None
    counter = [0]
    expected: dict[str, list[tuple[str, str]]] = {}
    killed = 0
    for _ in range(RUNS):
        case, acknowledged, finished = _one_run(store_path, case, rng, counter)
        if case is None:
            continue  # killed before the first prompt: the next run starts afresh
        expected.setdefault(case, []).extend(acknowledged)
        killed += not finished
        store = Store(store_path)
        for case_id, answers in expected.items():
            with store.open_case(case_id, write=False) as handle:  # opens: nothing unreadable
                stored = [(e["state"], e.get("text", "")) for e in handle.events() if e["type"] in ("answer", "invalid")]
            it = iter(stored)
            missing = [a for a in answers if not any(a == s for s in it)]
            assert not missing, (case_id, missing)
        if finished:
            case = None
    assert killed >= RUNS // 2, "the kills should mostly land mid-conversation"
    assert sum(len(a) for a in expected.values()) > RUNS, "runs should acknowledge answers before the kill"
    # Every case can be resumed for writing after all the kills (no stale lock).
    store = Store(store_path)
    for case_id in expected:
        try:
            store.open_case(case_id).close()
        except CaseLockedError:  # pragma: no cover - a lock must never outlive its process
            raise
    assert not [p for p in store.root.rglob("case.json") if os.path.getsize(p) == 0]
