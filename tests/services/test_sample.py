"""`borgerrejse sample`: realistic invented cases of every journey, the same for the same seed."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from assistant.common.i18n import translator
from assistant.services.report import render, report_for
from assistant.services.sample import sample
from store import Store

TODAY = "2026-06-01"
CASES = 150


@pytest.fixture(scope="module")
def today():
    """Sampling and reporting on a fixed day (the sample's plans are dated back from it)."""
    old = os.environ.get("BORGERREJSE_TODAY")
    os.environ["BORGERREJSE_TODAY"] = TODAY
    yield dt.date.fromisoformat(TODAY)
    if old is None:
        os.environ.pop("BORGERREJSE_TODAY")
    else:
        os.environ["BORGERREJSE_TODAY"] = old


@pytest.fixture(scope="module")
def sampled(tmp_path_factory, today):
    root = tmp_path_factory.mktemp("sample") / "store"
    seen = []
    sample(Store(root), CASES, seed=7, progress=lambda done, total: seen.append((done, total)))
    return root, seen


def _content(root) -> list[tuple]:
    store = Store(root)
    frames = store.frames()
    out = []
    for s in store.list_cases():
        frame = frames[s.id]
        plan = frame["plan"] or {}
        out.append((s.name, s.list_status, s.journey, s.lang, s.follow_up, frame["area"], frame["distress_raised"],
                    frame["distress_handled"], json.dumps(plan, sort_keys=True)))
    return sorted(out, key=repr)


def _case_files(root) -> list[dict]:
    return [json.loads((d / "case.json").read_text()) for d in sorted((root / "cases").iterdir())]


def test_every_journey_and_every_kind_of_case_is_there(sampled, today):
    root, seen = sampled
    store = Store(root)
    cases = store.list_cases()
    assert len(cases) == CASES and not any(c.error for c in cases)
    assert {c.list_status for c in cases} == {"not_started", "in_progress", "declined", "draft", "reviewed", "final"}
    assert {c.journey for c in cases} == {"adult", "youth"}  # the follow-up is played on final plans, never first
    follow_ups = [c.follow_up for c in cases if c.follow_up]
    assert any(f < TODAY for f in follow_ups) and any(f >= TODAY for f in follow_ups)  # past and due
    frames = [f for f in store.frames().values()]
    plans = [f["plan"] for f in frames if f["plan"]]
    goals = [g for p in plans for g in p["goals"]]
    disputed = [g for g in goals if g["response"] in ("partly", "disagree")]
    assert disputed and any(g["reasoning"] for g in disputed) and not all(g["reasoning"] for g in disputed)
    assert len({g["domain"] for g in goals}) >= 3
    assert {g["area"] for g in goals} >= {"development", "family", "school", "health", "leisure"}  # young people's
    assert {p["kind"] for p in plans} == {"handleplan", "barnets_plan", "ungeplan"}
    assert all(f["area"] in ("children_young", None) for f in frames if f["journey"] == "youth")
    assert any(p["followups"] >= 2 for p in plans)  # followed up twice: version 3 or later
    assert any(p["reopened"] for p in plans) and any(p["provider_status"] for p in plans)
    assert any(p["goals_reached"] for p in plans) and any(p["goals_dropped"] for p in plans)
    assert any(f["distress_raised"] and f["distress_handled"] for f in frames)
    assert any(f["distress_raised"] and not f["distress_handled"] for f in frames)
    files = _case_files(root)
    assert any(any(r.get("status") != "complete" for r in (d.get("followups") or {}).values()) for d in files)
    assert any(d["case"]["1"].get("registered_name") for d in files)
    # the caseworker's changes: gone through in the chat, read aloud in a meeting, made final unseen
    assert any(d.get("change_reviews") for d in files)
    trails = [e for d in files for e in (d.get("trail") or {}).values()]
    assert any(e.get("what") == "plan.changes_read_aloud" for e in trails), {e.get("what") for e in trails}
    assert any(e.get("what") == "plan.final_unseen" for e in trails), {e.get("what") for e in trails}
    assert seen[-1] == (CASES, CASES) and [d for d, _ in seen] == list(range(1, CASES + 1))


def test_the_same_seed_makes_the_same_cases_and_figures(sampled, tmp_path, today):
    root, _ = sampled
    again = tmp_path / "again"
    sample(Store(again), CASES, seed=7, workers=1)  # another order of work: still the same cases
    assert _content(again) == _content(root)
    t = translator("en")
    assert render(report_for(Store(again), today=today), "csv", t) == render(report_for(Store(root), today=today), "csv", t)
    other, same = tmp_path / "other", tmp_path / "same"
    sample(Store(other), 20, seed=8)
    sample(Store(same), 20, seed=7)
    assert _content(other) != _content(same)
    assert set(_content(same)) <= set(_content(root))  # case n is the same whatever the number of cases


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
