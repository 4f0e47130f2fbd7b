"""The workspace's progress tab (a chart per goal) and the provider's status form."""

from __future__ import annotations

from tests.support.cw_driving import converse, fill, press, settle
from tests.support.personas import ANNA_DA
from textual.widgets import Select

from assistant.services.casework import Casework
from assistant.services.plans import load_full_plan
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.widgets.progress import GoalChart, ProgressView
from assistant.services.resume import resume_case

SIZE = (120, 40)


def _case_with_a_follow_up(store, monkeypatch) -> str:
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-12-01")
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_plan_field("expected_duration_months", 12)
        work.set_plan_field("measures", ["Bostøtte"])
        work.set_plan_field("other_conditions", "Ingen")
        work.set_goal_field("g1", "indicator", {"name": "Deltagelse", "status": 3, "target": 1})
        work.set_status("reviewed")
        work.set_status("final")
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-02-01")
    conv = resume_case(store, case)
    for answer in ["", "6", "1", "Lise", "", "beholde", "5", "", "", "beholde", "nej", ""]:
        conv.respond(answer)
    assert conv.finished
    conv.close()
    return case


async def test_provider_status_is_recorded_and_progress_shows_a_chart_per_goal(store, store_path, monkeypatch):
    case = _case_with_a_follow_up(store, monkeypatch)
    async with make_caseworker_app(str(store_path), "da", user="sb1").run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, CaseScreen)
        await press(pilot, "s")
        form = pilot.app.screen
        form.query_one("#provider-indicator", Select).value = 3
        await fill(pilot, "#provider-note", "Kommer [bold]sjældent[/bold]")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        await press(pilot, "5")
        view = screen.query_one(ProgressView)
        charts = view.query(GoalChart)
        assert len(charts) == 2  # one per goal with ratings
        text = " ".join(str(w.render()) for w in view.query("Static"))
        assert "Mål 1" in text and "sjældent" in text and "[bold]" in text  # typed words shown literally
        assert "er 2 fra hinanden. Tal om det." in text  # citizen 1, provider 3
        assert "Det hjalp: »Lise«" in text  # the citizen's words at the follow-up
    (status,) = load_full_plan(store, case)["provider_status"]
    assert (status["goal"], status["date"], status["indicator"], status["source"]) == ("g1", "2027-02-01", 3, "caseworker")
