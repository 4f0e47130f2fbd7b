"""`borgerrejse sample`: realistic invented cases, the same for the same seed."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

from assistant.sample import sample
from store import Store


@pytest.fixture(scope="module")
def sampled(tmp_path_factory):
    root = tmp_path_factory.mktemp("sample") / "store"
    seen = []
    sample(Store(root), 60, seed=7, progress=lambda done, total: seen.append((done, total)))
    return root, seen


def _content(root) -> list[tuple]:
    store = Store(root)
    frames = store.frames()
    out = []
    for s in store.list_cases():
        frame = frames[s.id]
        plan = frame["plan"] or {}
        out.append((s.name, s.list_status, s.journey, s.lang, s.follow_up, frame["area"],
                    tuple((g["domain"], g["response"], g["reasoning"], g["due"]) for g in plan.get("goals", [])),
                    plan.get("duration_stated"), plan.get("remarks")))
    return sorted(out, key=repr)


def test_every_kind_of_case_is_there(sampled):
    root, seen = sampled
    store = Store(root)
    cases = store.list_cases()
    assert len(cases) == 60 and not any(c.error for c in cases)
    assert {c.list_status for c in cases} == {"not_started", "in_progress", "declined", "draft", "reviewed", "final"}
    today = dt.date.today().isoformat()
    follow_ups = [c.follow_up for c in cases if c.follow_up]
    assert any(f < today for f in follow_ups) and any(f >= today for f in follow_ups)  # past and due
    goals = [g for f in store.frames().values() if f["plan"] for g in f["plan"]["goals"]]
    disputed = [g for g in goals if g["response"] in ("partly", "disagree")]
    assert disputed and any(g["reasoning"] for g in disputed) and not all(g["reasoning"] for g in disputed)
    assert len({g["domain"] for g in goals}) >= 3
    assert seen[-1] == (60, 60) and [d for d, _ in seen] == list(range(1, 61))


def test_the_same_seed_makes_the_same_cases(sampled, tmp_path):
    root, _ = sampled
    again = tmp_path / "again"
    sample(Store(again), 60, seed=7, workers=1)  # another order of work: still the same cases
    assert _content(again) == _content(root)
    other = tmp_path / "other"
    sample(Store(other), 60, seed=8)
    assert _content(other) != _content(root)


def test_sample_on_the_command_line(tmp_path):
    store = tmp_path / "store"
    run = subprocess.run([sys.executable, "-m", "assistant", "sample", "--cases", "3", "--store", str(store), "--lang", "en"],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert run.stdout == f"3 invented cases made in {store}\n"
    assert "3/3" in run.stderr and "Traceback" not in run.stderr
    assert len(Store(store).list_cases()) == 3
    assert (store / "index" / "cases.json").exists()
    for bad in ("0", "-1", "x", "²"):
        bad_run = subprocess.run([sys.executable, "-m", "assistant", "sample", "--cases", bad, "--store", str(store)],
                                 capture_output=True, text=True)
        assert bad_run.returncode == 2 and "Traceback" not in bad_run.stderr
