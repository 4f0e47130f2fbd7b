"""Provider status per goal, and progress over time across follow-ups (three sides, dated)."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import converse, finalise, run_cli
from tests.support.personas import ANNA_DA

from assistant.services.casework import Casework
from assistant.render.export import export_plan
from assistant.services.plans import load_full_plan
from assistant.services.followup import FollowUp
from assistant.domain.progress import ProviderStatusError, UnknownGoal, record_provider_status
from assistant.services.resume import resume_case


def _on(monkeypatch, day: str) -> None:
    monkeypatch.setenv("BORGERREJSE_TODAY", day)


def _follow_up(store, case, answers) -> None:
    conv = resume_case(store, case)
    assert isinstance(conv, FollowUp)
    for answer in answers:
        reply = conv.respond(answer)
        assert reply.invalid is None, (answer, reply.invalid, conv.prompt().state)
    assert conv.finished
    conv.close()


def _make_final(store, case, **goal_indicators) -> None:
    with Casework(store, case, user="sb1") as work:
        for gid, status in goal_indicators.items():
            work.set_goal_field(gid, "indicator", {"name": "Deltagelse", "status": status, "target": 1})
        if work.status == "draft":
            work.set_status("reviewed")
        work.set_status("final")


def test_progress_across_three_follow_ups(store, store_path, monkeypatch):
    _on(monkeypatch, "2026-12-01")
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_plan_field("expected_duration_months", 12)
        work.set_goal_field("g1", "indicator", {"name": "Deltagelse", "status": 3, "target": 1})
        finalise(work)
    _on(monkeypatch, "2027-01-15")
    with Casework(store, case, user="sb1") as work:
        record_provider_status(work, [{"goal": "g1", "date": "2027-01-15", "indicator": 3, "note": "Kommer af og til"}])
    _on(monkeypatch, "2027-02-01")
    _follow_up(store, case, ["", "4", "3", "Lise", "Regn", "beholde", "6", "", "", "beholde", "nej", ""])
    _make_final(store, case)
    _on(monkeypatch, "2027-03-01")
    _follow_up(store, case, ["", "6", "1", "Klubben", "", "beholde", "7", "", "", "beholde", "nej", ""])
    with Casework(store, case, user="sb1") as work:
        record_provider_status(work, [{"goal": "g1", "date": "2027-03-01", "indicator": 3, "note": "Uregelmæssig"}])
        work.set_goal_field("g1", "indicator", {"name": "Deltagelse", "status": 2, "target": 1})
    _make_final(store, case)
    _on(monkeypatch, "2027-05-01")
    _follow_up(store, case, ["", "8", "1", "Vennerne", "", "nået", "8", "", "", "beholde", "nej", ""])
    plan = load_full_plan(store, case)
    assert plan["version"] == 4
    g1 = next(p for p in plan["progress"] if p["goal"] == "g1")
    assert g1["closed"] == "reached"
    rows = {r["date"]: r for r in g1["rows"]}
    assert list(rows) == ["2026-12-01", "2027-01-15", "2027-02-01", "2027-03-01", "2027-05-01"]
    assert [rows[d]["citizen_going"] for d in ("2027-02-01", "2027-03-01", "2027-05-01")] == [4, 6, 8]
    assert rows["2026-12-01"]["caseworker"] == 3 and rows["2027-01-15"]["provider"] == 3
    assert not rows["2027-02-01"]["talk_about"]  # all three say 3
    # 1 March: the citizen says 1, the provider 3, the caseworker 2: two apart, to talk about.
    march = rows["2027-03-01"]
    assert (march["citizen"], march["provider"], march["caseworker"]) == (1, 3, 2)
    assert march["difference"] == 2 and march["talk_about"]
    g2 = next(p for p in plan["progress"] if p["goal"] == "g2")
    assert [r["citizen_going"] for r in g2["rows"]] == [6, 7, 8]
    assert not any(r["talk_about"] for r in g2["rows"])  # only the citizen rated it
    md = export_plan(store, case, fmt="md", view="case")
    assert "- 1. februar 2027: besluttede: beholde; det hjalp: »Lise«; det stod i vejen: »Regn«" in md
    assert "## Udvikling over tid" in md
    assert "| 1. marts 2027 | 6 | 1 | 2 | 3 | Uregelmæssig | ja, 2 fra hinanden |" in md
    citizen = export_plan(store, case, fmt="md")
    assert "Sådan er det gået, som jeg sagde det: 6 af 10 den 1. februar 2027, 7 af 10 den 1. marts 2027" in citizen
    as_json = json.loads(export_plan(store, case, fmt="json", view="case"))
    assert as_json["progress"][0]["rows"] and as_json["provider_status"][1]["note"] == "Uregelmæssig"


def test_provider_status_is_imported_from_a_file_dated_and_checked(store, store_path, tmp_path):
    case = converse(store, ANNA_DA)
    good = tmp_path / "udfører.csv"
    good.write_text("goal;date;indicator;note\ng1;2027-01-10;2;Møder op hver uge\ng2;2027-01-10;;Har ikke prøvet endnu\n",
                    "utf-8")
    out = run_cli("casework", case, "--store", str(store_path), "--provider-status-from", str(good))
    assert "2 statusser" in out.stdout
    plan = load_full_plan(store, case)
    assert [(s["goal"], s["date"], s["indicator"], s["source"]) for s in plan["provider_status"]] == [
        ("g1", "2027-01-10", 2, "file:udfører.csv"), ("g2", "2027-01-10", None, "file:udfører.csv")]
    with Casework(store, case, user="sb1") as work:
        assert [e["what"] for e in work.trail()][-2:] == ["goal.g1.provider_status", "goal.g2.provider_status"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps([{"goal": "g1", "date": "2027-02-01", "indicator": 2},
                               {"goal": "g1", "date": "2027-02-01", "indicator": 9}]), "utf-8")
    refused = run_cli("casework", case, "--store", str(store_path), "--provider-status-from", str(bad), check=False)
    assert refused.returncode == 3 and "0 til 4" in refused.stderr and "Traceback" not in refused.stderr
    assert len(load_full_plan(store, case)["provider_status"]) == 2  # all or nothing
    with Casework(store, case, user="sb1") as work:
        with pytest.raises(UnknownGoal) as unknown:
            record_provider_status(work, [{"goal": "g7", "date": "2027-02-01", "indicator": 1}])
        assert "g7" in str(unknown.value) and "g1, g2" in str(unknown.value)
        with pytest.raises(ProviderStatusError):
            record_provider_status(work, [{"goal": "g1", "date": "1. feb", "indicator": 1}])
