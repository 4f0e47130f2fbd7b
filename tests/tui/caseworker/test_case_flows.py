"""Open, edit, justify, finalise, reopen: asserted on the store, not only on the screen."""

from __future__ import annotations

import pytest
from tests.support.cw_driving import SIZE, app_for, fill, open_first, press, settle, status_text
from tests.support.helpers import converse
from tests.support.personas import ANNA_DA, CARLA_DA
from textual.widgets import Select

from assistant.services.casework import Casework
from assistant.tui.caseworker.widgets.form import ErrorLine
from assistant.common.errors import CaseLockedError
from assistant.services.plans import load_full_plan
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.screens.case_list import CaseListScreen
from assistant.tui.caseworker.widgets.panes import ConversationPane, PlanPane

REASONING = "Lægen anbefaler en fast døgnrytme; vi starter kl. 9 og justerer ved opfølgningen."


async def test_open_shows_conversation_beside_the_plan(store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        conversation = screen.query_one(ConversationPane)
        plan = screen.query_one(PlanPane)
        assert conversation.region.x < plan.region.x and conversation.region.y == plan.region.y  # side by side
        transcript = "\n".join(screen.state.transcript)
        assert "Kl. 8 er for tidligt. Jeg vil starte med kl. 10." in transcript
        card = str(screen.query_one("#goal-g1").render())
        assert "MISSING" in card and CARLA_DA["review_comment"][0] in card
        assert "Before the plan can be final" in status_text(screen)


async def test_the_case_is_locked_while_open_and_released_on_leaving(store, store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        await open_first(pilot)
        with pytest.raises(CaseLockedError):
            Casework(store, carla)
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, CaseListScreen)
        Casework(store, carla).close()  # free again


async def test_a_case_open_elsewhere_gives_a_sentence_not_a_traceback(store, store_path, carla):
    with Casework(store, carla):
        async with app_for(store_path).run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "enter")
            await settle(pilot)
            assert isinstance(pilot.app.screen, CaseListScreen)
            assert any("open somewhere else" in n.message for n in pilot.app._notifications)


async def test_finalise_is_blocked_until_the_disagreement_is_justified(store, store_path, carla):
    drafted = load_full_plan(store, carla)["goals"][0]["text"]
    assert "Stå op kl. 8 hver dag" in drafted
    with Casework(store, carla, user="sb0") as work:
        work.set_plan_field("measures", ["Bostøtte § 85"])
        work.set_plan_field("other_conditions", "Ingen")
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await press(pilot, "f")
        assert any("Goal 1: the citizen does not fully agree" in n.message for n in pilot.app._notifications)
        assert load_full_plan(store, carla)["status"] == "draft"

        await press(pilot, "e")
        await fill(pilot, "#reasoning", REASONING)
        await fill(pilot, "#text", "Carla står op kl. 9 tre dage om ugen.")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        assert "Mark the plan as reviewed first" in status_text(screen)  # the one thing left

        await press(pilot, "r")
        assert "Nothing stops the plan" in status_text(screen)
        await press(pilot, "f")
        # Carla has not seen the new wording: making it final is asked plainly (and then said in both views).
        assert "The citizen has not seen your changes" in str(pilot.app.screen.query_one(".dialog-title").render())
        await press(pilot, "enter")  # Enter by habit is "No"
        assert screen.state.status == "reviewed"
        await press(pilot, "f", "left", "enter")  # the arrow moves to "Yes"
        assert screen.state.status == "final"
    plan = load_full_plan(store, carla)
    goal = plan["goals"][0]
    assert plan["status"] == "final"
    assert goal["reasoning"] == REASONING
    assert goal["text"] == "Carla står op kl. 9 tre dage om ugen."
    assert goal["citizen"]["text"] == drafted  # the citizen's words kept
    assert goal["citizen_comment"] == CARLA_DA["review_comment"][0]
    with Casework(store, carla) as work:
        trail = [(e["who"], e["what"], e["old"], e["new"]) for e in work.trail()]
        assert len(work.versions()) == 1
    assert trail == [
        ("sb0", "plan.measures", [], [{"id": "m1", "title": "Bostøtte § 85", "legal_basis": None, "provider": None,
                                       "start": None, "end": None, "review": None, "extent": None, "goals": []}]),
        ("sb0", "plan.other_conditions", None, "Ingen"),
        ("sb1", "goal.g1.text", drafted, "Carla står op kl. 9 tre dage om ugen."),
        ("sb1", "goal.g1.reasoning", None, REASONING),
        ("sb1", "status", "draft", "reviewed"),
        ("sb1", "plan.final_unseen", None, 1),
        ("sb1", "status", "reviewed", "final"),
    ]


async def test_goal_fields_indicator_dimension_and_suggestions(store, store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await press(pilot, "e")
        dialog = pilot.app.screen
        await fill(pilot, "#success_criterion", "Carla er vågen, når børnene ringer kl. 16.")
        await fill(pilot, "#due", "2026-06-30")
        dialog.query_one("#horizon", Select).value = "long"
        dialog.query_one("#domain", Select).value = "psychological"
        await fill(pilot, "#indicator_name", "Døgnrytme")
        dialog.query_one("#indicator_status", Select).value = 3
        dialog.query_one("#indicator_target", Select).value = 1
        await fill(pilot, "#provider_suggestions", "Erfaringer med vækkeur og sms kan være en idé.")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, CaseScreen)
    goal = load_full_plan(store, carla)["goals"][0]
    assert goal["indicator"] == {"name": "Døgnrytme", "status": 3, "target": 1}
    assert (goal["domain"], goal["domain_suggested"]) == ("psychological", False)
    assert (goal["horizon"], goal["due"]) == ("long", "2026-06-30")
    assert goal["provider_suggestions"] == "Erfaringer med vækkeur og sms kan være en idé."
    assert goal["citizen"]["success_criterion"] == CARLA_DA["sign"][0]


async def test_a_bad_date_is_explained_in_the_dialog(store, store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        await open_first(pilot)
        await press(pilot, "e")
        await fill(pilot, "#due", "30/06/2026")
        await press(pilot, "ctrl+s")
        assert "YYYY-MM-DD" in str(pilot.app.screen.query_one("ErrorLine").render())
        await press(pilot, "escape")  # the typed date is not thrown away without asking
        await press(pilot, "left", "enter")
        assert isinstance(pilot.app.screen, CaseScreen)
    assert load_full_plan(store, carla)["goals"][0]["due"] != "30/06/2026"


async def test_plan_fields_and_the_three_month_rule(store, store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await press(pilot, "p")
        dialog = pilot.app.screen
        await fill(pilot, "#purpose", "Carla får en fast døgnrytme, så hun har overskud til sine børn.")
        await fill(pilot, "#expected_duration", "6 måneder")
        await fill(pilot, "#expected_duration_months", "6")
        await fill(pilot, "#follow_up", "2099-01-01")
        await fill(pilot, "#measures", "Bostøtte § 85\n\nSamtaleforløb")
        await fill(pilot, "#other_conditions", "Ingen.")
        dialog.query_one("#area", Select).value = "psychiatry"
        dialog.query_one("#new_costly_complex").value = True
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        assert "follow-up must be no later than" in status_text(screen)
    plan = load_full_plan(store, carla)
    assert plan["purpose"].startswith("Carla får") and "Sove bedre om natten" in plan["purpose_citizen"]
    assert [m["title"] for m in plan["measures"]] == ["Bostøtte § 85", "Samtaleforløb"]
    assert (plan["expected_duration"], plan["expected_duration_months"]) == ("6 måneder", 6)
    assert (plan["area"], plan["new_costly_complex"], plan["follow_up"]) == ("psychiatry", True, "2099-01-01")
    assert plan["remarks"] == CARLA_DA["remarks"][0]  # the citizen's remarks are not in the form


async def test_reopen_makes_a_new_version_and_the_final_one_stays_readable(store, store_path, carla):
    with Casework(store, carla, user="sb0") as work:
        work.set_goal_field("g1", "reasoning", REASONING)
        work.set_plan_field("measures", ["Bostøtte § 85"])
        work.set_plan_field("other_conditions", "Ingen")
        work.set_status("reviewed")
        work.set_status("final")
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        assert not screen.check_action("edit_goal", ())
        await press(pilot, "e")
        assert pilot.app.screen is screen  # final: no editing
        await press(pilot, "o")
        await fill(pilot, "#reason", "Flyttet")  # one word is no reason
        await press(pilot, "ctrl+s")
        assert "at least four words" in str(pilot.app.screen.query_one(ErrorLine).render())
        await fill(pilot, "#reason", "Carla er flyttet til en ny bolig.")
        await press(pilot, "ctrl+s")
        assert (screen.state.status, screen.state.version) == ("draft", 2)
        await press(pilot, "4")
        await press(pilot, "enter")
        assert "Lægen anbefaler" in pilot.app.screen.query_one("#version-text").source
        await press(pilot, "escape")
    with Casework(store, carla) as work:
        assert (work.status, work.version) == ("draft", 2)
        assert [v["version"] for v in work.versions()] == [1]
        assert work.trail()[-1]["what"] == "version" and work.trail()[-1]["who"] == "sb1"
        assert work.trail()[-1]["reason"] == "Carla er flyttet til en ny bolig."


async def test_the_trail_tab_lists_every_change(store, store_path, carla):
    with Casework(store, carla, user="sb0") as work:
        work.set_goal_field("g1", "reasoning", "[red]Ro[/red] er godt for os")
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await press(pilot, "3")
        table = screen.query_one("#trail")
        row = [str(cell) for cell in table.get_row_at(0)]
        assert row[1:5] == ["sb0", "goal 1: professional reasoning", "—", "[red]Ro[/red] er godt for os"]


async def test_escape_on_a_form_with_changes_asks_before_throwing_them_away(store, store_path, carla):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        await press(pilot, "e")
        form = pilot.app.screen
        await fill(pilot, "#text", "Carla står op kl. 9.")
        await press(pilot, "escape")
        assert "Throw away" in str(pilot.app.screen.query_one(".dialog-title").render())
        await press(pilot, "escape")  # no: back in the form, the words still there
        assert pilot.app.screen is form and form.query_one("#text").value == "Carla står op kl. 9."
        await press(pilot, "escape", "left", "enter")  # yes
        assert pilot.app.screen is screen
    assert load_full_plan(store, carla)["goals"][0]["text"] != "Carla står op kl. 9."


async def test_keys_typed_while_a_form_opens_do_not_edit_a_field(store, store_path, carla, monkeypatch):
    from textual import events

    from assistant.tui.caseworker.screens.goal_edit import GoalEditScreen

    real_mount = GoalEditScreen.on_mount

    def impatient(self) -> None:
        real_mount(self)
        # The caseworker pressed "e" twice more while the form was being built (it took 1.2 s):
        # those keys arrive just as the form is mounted, before it is on screen.
        for _ in range(2):
            self.app.post_message(events.Key("e", "e"))

    monkeypatch.setattr(GoalEditScreen, "on_mount", impatient)
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        drafted = screen.state.plan["goals"][0]["text"]
        await press(pilot, "e")
        form = pilot.app.screen
        assert isinstance(form, GoalEditScreen)
        assert form.query_one("#text").value == drafted and form.query_one("#reasoning").text == ""
        assert not form.changes()


async def test_e_asks_which_goal_when_none_has_the_focus(store, store_path):
    anna = converse(store, ANNA_DA)
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        screen.set_focus(None)
        await press(pilot, "e")
        assert "Which goal" in str(pilot.app.screen.query_one(".dialog-title").render())
        await press(pilot, "down", "enter")
        second = screen.state.plan["goals"][1]
        assert pilot.app.screen.goal["id"] == second["id"]


async def test_the_trail_is_readable_at_80_columns(store, store_path, carla):
    long_reason = "Lægen anbefaler en fast døgnrytme, så Carla sover bedre og har kræfter til sine børn om eftermiddagen."
    with Casework(store, carla, user="sb0") as work:
        work.set_goal_field("g1", "reasoning", long_reason)
    async with app_for(store_path).run_test(size=(80, 24)) as pilot:
        screen = await open_first(pilot)
        await press(pilot, "3")
        detail = str(screen.query_one("#trail-detail").render())
        assert long_reason in " ".join(detail.split())  # the whole new value, not cut at the column's edge
