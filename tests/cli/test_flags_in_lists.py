"""An unhandled sign of distress shows wherever a caseworker lists cases: `cases`, `cases --json`
(a ``flags`` field), `my-cases` and `my-cases --json`, with how long it has been open."""

from __future__ import annotations

import json

from assistant.domain import safety
from assistant.services.caselist import register_case
from assistant.services.resume import resume_case
from store import clock
from tests.support.helpers import run_cli


def _flagged_case(store) -> str:
    """A registered case whose citizen wrote a clear sign at the first free-text question; handled: no."""
    case = register_case(store, name="Bo Hansen", lang="da", registered_by="sb1")
    with resume_case(store, case) as conv:
        for _ in range(10):
            prompt = conv.prompt()
            if prompt.kind == "text":
                conv.respond("jeg vil ikke leve mere")
                break
            conv.respond("ja" if prompt.choices else "Bo")
        assert conv.model.safety_pending, "the sign reached the safety step"
    return case


def test_cases_and_my_cases_show_an_open_sign_with_its_age(store, store_path, monkeypatch):
    case = _flagged_case(store)
    raised = clock.today()
    later = raised.fromordinal(raised.toordinal() + 12).isoformat()
    monkeypatch.setenv("BORGERREJSE_TODAY", later)
    monkeypatch.setenv("BORGERREJSE_USER", "sb1")

    text = run_cli("cases", "--store", str(store_path)).stdout
    line = next(l for l in text.splitlines() if case in l)
    assert "⚑" in line and "åben i 12 dage" in line and "selvmord" in line

    listed = json.loads(run_cli("cases", "--json", "--store", str(store_path)).stdout)
    entry = next(e for e in listed if e["id"] == case)
    assert entry["flags"] == [{"kinds": ["suicide"], "at": entry["flags"][0]["at"], "open_days": 12, "child": False}]

    mine = json.loads(run_cli("my-cases", "--json", "--store", str(store_path)).stdout)
    assert next(e for e in mine if e["case"] == case)["flags"][0]["open_days"] == 12
    assert "åben i 12 dage" in run_cli("my-cases", "--store", str(store_path)).stdout

    # Marked handled: no longer listed as open anywhere.
    with store.open_case(case) as handle:
        safety.mark_handled(handle, "Ringet til Bo, han har det bedre.", "sb1", at=clock.now())
    assert "⚑" not in next(l for l in run_cli("cases", "--store", str(store_path)).stdout.splitlines() if case in l)
    listed = json.loads(run_cli("cases", "--json", "--store", str(store_path)).stdout)
    assert next(e for e in listed if e["id"] == case)["flags"] == []


def test_one_day_is_said_in_the_singular(store, store_path, monkeypatch):
    case = _flagged_case(store)
    monkeypatch.setenv("BORGERREJSE_TODAY", clock.today().fromordinal(clock.today().toordinal() + 1).isoformat())
    line = next(l for l in run_cli("cases", "--store", str(store_path)).stdout.splitlines() if case in l)
    assert "åben i 1 dag" in line and "åben i 1 dage" not in line
