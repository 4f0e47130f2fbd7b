"""`chat --case` on a case whose plan is final starts the follow-up in the chat."""

from __future__ import annotations

from tests.support.helpers import converse, finalise
from tests.support.personas import ANNA_DA

from assistant.services.casework import Casework
from assistant.services.plans import load_full_plan
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.widgets.messages import PlanMessage
from store import Store

from tests.support.tui_driving import press, say, settle, state


async def test_chat_on_a_final_plan_runs_the_follow_up(store_path, monkeypatch):
    store = Store(store_path)
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_plan_field("expected_duration_months", 12)
        finalise(work)
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-02-01")
    app = make_app(store_path=str(store_path), case=case)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert state(pilot) == "welcome"
        await press(pilot, "enter")
        assert state(pilot) == "going"
        await press(pilot, "7", "enter")
        await say(pilot, "Lise")
        await say(pilot, "Regn")
        assert state(pilot) == "decision"
        await press(pilot, "4")  # reached
        assert state(pilot) == "going"
        await press(pilot, "5", "enter")
        await press(pilot, "f3", "f3")  # skips what helped and what got in the way
        await press(pilot, "1")  # keep
        assert state(pilot) == "another"
        await press(pilot, "2")
        await say(pilot, "Tak")
        assert state(pilot) == "end"
        assert app.screen.query(PlanMessage)  # the new version is shown
    plan = load_full_plan(store, case)
    assert (plan["version"], plan["status"]) == (2, "draft")
    assert [g["id"] for g in plan["goals"]] == ["g2"] and plan["closed_goals"][0]["id"] == "g1"
