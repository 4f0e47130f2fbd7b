"""The workspace: the citizen's answers to the caseworker's changes, read aloud (L), final unseen (F)."""

from __future__ import annotations

import pytest
from tests.support.cw_driving import SIZE, app_for, fill, open_first, press, status_text
from tests.support.helpers import converse
from tests.support.personas import CARLA_DA

from assistant.services.casework import Casework
from assistant.render.export import export_plan
from assistant.services.plans import load_full_plan
from assistant.tui.caseworker.widgets.form import ErrorLine
from assistant.tui.caseworker.widgets.panes import PlanPane
from assistant.services.resume import resume_case


@pytest.fixture
def carla(store):
    case = converse(store, CARLA_DA)
    with Casework(store, case, user="sb0") as work:
        work.set_goal_field("g1", "text", "Carla står op kl. 9 tre dage om ugen.")
        work.set_goal_field("g1", "reasoning", "Kl. 9 er et første skridt mod en fast døgnrytme.")
        work.set_plan_field("measures", ["Bostøtte § 85"])
        work.set_plan_field("other_conditions", "Ingen")
        work.set_plan_field("expected_duration_months", 6)
        work.set_status("reviewed")
    return case


async def test_read_aloud_in_the_workspace_marks_the_version_seen(store, store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        assert "has not seen version 1: 1 of your changes" in status_text(screen)
        assert any("not yet: your change is not shown to the citizen" in str(w.render())
                   for w in screen.query_one(PlanPane).query("*"))
        assert screen.check_action("read_aloud", ())
        await press(pilot, "l")
        await fill(pilot, "#reason", "Læst op")
        await press(pilot, "ctrl+s")
        assert "at least four words" in str(pilot.app.screen.query_one(ErrorLine).render())
        await fill(pilot, "#reason", "Læst højt på mødet, Carla var enig.")
        await press(pilot, "ctrl+s")
        assert screen.state.plan["seen_by_citizen"] is True
        assert "has not seen" not in status_text(screen)
        assert not screen.check_action("read_aloud", ())
    assert load_full_plan(store, carla)["seen"]["note"] == "Læst højt på mødet, Carla var enig."


async def test_final_unseen_is_confirmed_and_then_said(store, store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await press(pilot, "f")
        assert "has not seen your changes in this version" in str(pilot.app.screen.query_one(".dialog-title").render())
        await press(pilot, "enter")  # Enter by habit is "No"
        assert screen.state.status == "reviewed"
        await press(pilot, "f", "left", "enter")  # the arrow moves to "Yes"
        assert screen.state.status == "final"
    assert "Jeg har ikke set denne version af planen endnu." in export_plan(store, carla, fmt="md", view="citizen")


async def test_the_citizens_answers_stand_beside_the_goal(store, store_path, carla):
    with resume_case(store, carla) as conv:
        for reply in ("", "uenig", "Kl. 9 er for tidligt"):
            conv.respond(reply)
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        text = " ".join(str(w.render()) for w in screen.query_one(PlanPane).query("*"))
        assert "The citizen to your change (goal wording): Disagree: “Kl. 9 er for tidligt”" in text
        assert "does not fully agree with your change" in status_text(screen) or "more" in status_text(screen)


async def test_the_goal_form_shows_the_answer_to_the_change_and_never_calls_an_own_goal_the_citizens(store, store_path, carla):
    from assistant.tui.caseworker.render import citizen_side
    from assistant.common.i18n import translator

    with Casework(store, carla, user="sb0") as work:
        own = work.add_goal("Carla går til lægen.", success_criterion="Hun har været hos lægen")
    with resume_case(store, carla) as conv:
        for reply in ("", "delvis", "Kun om morgenen", "enig", "nej"):
            conv.respond(reply)
    plan = load_full_plan(store, carla)
    t = translator("en")
    side = str(citizen_side(plan["goals"][0], t))
    assert "The citizen to your change (goal wording): Partly: “Kun om morgenen”" in side
    mine = str(citizen_side(next(g for g in plan["goals"] if g["id"] == own), t))
    assert "Carla går til lægen" not in mine and "Hun har været hos lægen" not in mine
