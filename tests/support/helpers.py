"""Helpers shared by the test modules: run the CLI, drive a conversation, make a case.

(Kept out of conftest.py: tests import them as ``from tests.support.helpers import …``.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from store import Store

FIXED_NOW = "2026-01-15T10:00:00+00:00"  # the store's clock in the pictures (snapshot tests)


async def settle(pilot) -> None:
    """Wait until every worker (disk work) has finished and the screen has caught up.

    A worker cancelled because the app is closing (Ctrl+Q) counts as finished: on a
    busy machine the exit can overtake the worker that asked for it.
    """
    from textual.worker import WorkerCancelled

    for _ in range(3):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass
        await pilot.pause()


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def run_cli(*args: str, stdin: str = "", cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """Run ``borgerrejse`` as a user would, in a new process."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.run(
        [sys.executable, "-m", "assistant", *args],
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd,
        timeout=120,
    )
    if check and proc.returncode != 0:
        raise AssertionError(f"exit {proc.returncode}\nstdout:{proc.stdout}\nstderr:{proc.stderr}")
    return proc


def run_jsonl(store_path: Path, answers: list[str], *extra: str) -> list[dict]:
    """Feed ``answers`` to ``borgerrejse run --jsonl`` and return the events it printed."""
    proc = run_cli("run", "--jsonl", "--store", str(store_path), *extra, stdin="".join(a + "\n" for a in answers))
    return [json.loads(line) for line in proc.stdout.splitlines()]


def drive(
    store_path: Path,
    script: dict,
    *extra: str,
    stop_at_state: str | None = None,
    stop_with: str = "/pause",
) -> tuple[list[dict], int]:
    """Talk to ``borgerrejse run --jsonl`` as the persona ``script`` would.

    Answers each prompt as it arrives (a real back-and-forth over pipes). With
    ``stop_at_state`` it sends ``stop_with`` (or closes stdin if that is None)
    when that question appears. Returns the events and the exit code.
    """
    from tests.support.personas import answer_for

    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant", "run", "--jsonl", "--store", str(store_path), *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=env,
    )
    events: list[dict] = []
    counters: dict = {}
    try:
        for line in proc.stdout:
            event = json.loads(line)
            events.append(event)
            if event["event"] != "prompt" or event["state"] in ("end", "declined"):
                continue
            if stop_at_state and event["state"] == stop_at_state:
                if stop_with is None:
                    proc.stdin.close()
                    continue
                proc.stdin.write(stop_with + "\n")
                proc.stdin.flush()
                continue
            answer = answer_for(script, event["slot"], counters)
            proc.stdin.write(answer + "\n")
            proc.stdin.flush()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
        err = proc.stderr.read()
        proc.stdin.close() if not proc.stdin.closed else None
        proc.stdout.close()
        proc.stderr.close()
    assert "Traceback" not in err, err
    return events, proc.returncode


def last_plan(events: list[dict]) -> dict:
    plans = [e["plan"] for e in events if e["event"] == "plan"]
    assert plans, "no plan event"
    return plans[-1]


def converse(store: Store, script: dict, lang: str = "da", **meta) -> str:
    """Run a persona through a whole conversation in-process; returns the case id."""
    from tests.support.personas import answer_for

    from assistant.services.conversation import Conversation

    conv = Conversation.start(store, lang=lang)
    if meta:
        conv.handle.update_meta(**meta)
    counters: dict = {}
    for _ in range(200):
        prompt = conv.prompt()
        if prompt.final:
            break
        conv.respond(answer_for(script, prompt.slot, counters))
    conv.close()
    return conv.case_id


def finalise(work, *, measures: tuple[str, ...] = ("Bostøtte efter § 85",)) -> None:
    """Complete what every final plan needs besides the citizen's part (§ 141, stk. 3) and make it final."""
    work.set_plan_field("measures", list(measures))
    work.set_plan_field("other_conditions", "Ingen")
    work.set_status("reviewed")
    work.set_status("final")


def answer_until(conv, state: str, defaults: dict[str, str], answers: dict[str, str] | None = None) -> None:
    """Answer ``conv`` in-process (slot → answer, then "svar" for text, Enter for the rest) until ``state`` is asked."""
    answers = {**defaults, **(answers or {})}
    for _ in range(100):
        prompt = conv.prompt()
        if prompt.state == state:
            return
        reply = conv.respond(answers.get(prompt.slot, "svar" if prompt.kind == "text" else ""))
        assert reply.invalid is None, (prompt.state, reply.invalid)
    raise AssertionError(f"never reached {state}")


def child_flagged_case(store) -> str:
    """Anna's finished plan with a sign about a child (violence) and a direct question answered no."""
    from assistant.domain import safety, safety_check
    from store import clock
    from tests.support.personas import ANNA_DA

    case = converse(store, ANNA_DA)
    with store.open_case(case) as handle, handle.batch():
        safety.raise_flag(handle, ["violence", "child_at_risk"], state="dream", item=1, at=clock.now())
        safety_check.record_answer(handle, ["suicide"], "no", state="why", item=1, at=clock.now())
    return case
