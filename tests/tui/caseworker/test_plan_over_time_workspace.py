"""The workspace and the plan over time: the proposed follow-up date in the plan form, and
the conversation pane with the first conversation and each follow-up."""

from __future__ import annotations

import datetime as dt

from tests.support.cw_driving import converse, fill, press, settle
from tests.support.personas import ANNA_DA

from assistant.services.casework import Casework
from assistant.services.conversation import Conversation
from assistant.services.plans import load_full_plan
from assistant.domain.plan import add_months
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.widgets.panes import ConversationPane
from assistant.tui.shared.safe_markdown import SafeMarkdown
from assistant.services.resume import resume_case

SIZE = (120, 40)
ANNA_LATER = {**ANNA_DA, "when": ["2", "3"]}  # both goals long-term: in a year, and longer


async def _open_case(pilot) -> CaseScreen:
    await settle(pilot)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, CaseScreen)
    return pilot.app.screen


async def test_the_plan_form_offers_the_proposed_follow_up_and_keeps_a_chosen_one(store, store_path):
    case = converse(store, ANNA_LATER)
    made = dt.date.fromisoformat(load_full_plan(store, case)["created"][:10])
    async with make_caseworker_app(str(store_path), "en", user="sb1").run_test(size=SIZE) as pilot:
        screen = await _open_case(pilot)
        assert "(proposed)" in str(screen.query_one("#plan-summary").render())
        await press(pilot, "p")
        form = pilot.app.screen
        assert form.query_one("#follow_up").value == add_months(made, 12).isoformat()  # pre-filled
        assert "Proposed from the goals' dates" in str(form.query_one("#follow-up-hint").render())
        # Ticked new, costly or complex (the date untouched): the proposal moves to 3 months.
        form.query_one("#new_costly_complex").value = True
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        assert load_full_plan(store, case)["follow_up"] == add_months(made, 3).isoformat()
        await press(pilot, "p")
        chosen = (made + dt.timedelta(days=50)).isoformat()
        await fill(pilot, "#follow_up", chosen)
        await press(pilot, "ctrl+s")
        assert "proposed" not in str(screen.query_one("#plan-summary").render())
        await press(pilot, "p")
        assert not pilot.app.screen.query("#follow-up-hint")  # chosen: no longer offered as a proposal
    plan = load_full_plan(store, case)
    assert (plan["follow_up"], plan["follow_up_proposed"]) == (chosen, False)


async def test_the_conversation_pane_shows_the_first_conversation_and_each_follow_up(store, store_path, monkeypatch):
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-12-01")
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_plan_field("measures", ["Bostøtte"])
        work.set_plan_field("other_conditions", "Ingen")
        work.set_status("reviewed")
        work.set_status("final")
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-02-01")
    conv = resume_case(store, case)
    for answer in ["", "6", "**Lise** [x](http://x.dk)", "", "beholde", "5", "", "", "beholde", "nej", "Tak [b]for[/b] i dag"]:
        conv.respond(answer)
    assert conv.finished
    conv.close()
    async with make_caseworker_app(str(store_path), "da", user="sb1").run_test(size=SIZE) as pilot:
        screen = await _open_case(pilot)
        shown = "\n".join(screen.state.transcript)
        first = shown.index("### Den første samtale, 1. december 2026")
        follow_up = shown.index("### Opfølgningssamtale 1, 1. februar 2027")
        assert first < shown.index(ANNA_DA["dream"][0]) < follow_up
        assert "\\*\\*Lise\\*\\* \\[x\\](http://x.dk)" in shown[follow_up:]  # as typed, never markup
        pane = screen.query_one(ConversationPane).query_one(SafeMarkdown)
        text = " ".join(str(block.render()) for block in pane.query("*") if hasattr(block, "render"))
        assert "Opfølgningssamtale 1" in text and "**Lise**" in text
        summary = str(screen.query_one("#plan-summary").render())
        assert "Bemærkninger ved opfølgning 1, 1. februar 2027: »Tak [b]for[/b] i dag«" in summary


MIA = ["", "ja", "Mia", "ja", "Gode venner", "Sove mere", "nej", "ja", "Dansk", "Matematik", "nej",
       "ja", "Fodbold", "Flere venner", "Følge med i matematik", "3", "Ikke bange for prøver", "7",
       "Spørge læreren", "Min lærer", "Bedre karakterer", "1", "nej", "", "enig", "", ""]


def _young_case(store) -> str:
    conv = Conversation.start(store, "youth", "da")
    for answer in MIA:
        conv.respond(answer)
    assert conv.finished
    conv.close()
    return conv.case_id


async def test_a_young_persons_audit_names_barnets_lov_not_141(store, store_path):
    from assistant.tui.caseworker.widgets.records import AuditView

    _young_case(store)
    async with make_caseworker_app(str(store_path), "da", user="sb1").run_test(size=SIZE) as pilot:
        screen = await _open_case(pilot)
        await press(pilot, "2")
        text = str(screen.query_one(AuditView).render())
        assert "Barnets lov §§ 91–92" in text and "§ 141" not in text


async def test_a_young_persons_area_indicators_fit_80_columns(store, store_path):
    _young_case(store)
    async with make_caseworker_app(str(store_path), "da", user="sb1").run_test(size=(80, 24)) as pilot:
        await _open_case(pilot)
        await press(pilot, "p")
        form = pilot.app.screen
        label = next(w for w in form.query(".field-label") if "Skoleforhold" in str(w.render()))
        status, target = form.query_one("#area-school-status"), form.query_one("#area-school-target")
        # The whole label on its line; both numbers visible side by side under it.
        shown = str(label.render())
        assert shown == "Skoleforhold: indikator 0–4, nu og mål" and label.parent.region.width >= len(shown)
        assert status.size.width >= 4 and target.size.width >= 4 and status.region.x < target.region.x
        await fill(pilot, "#area-school-status", "3")
        await fill(pilot, "#area-school-target", "1")
        await press(pilot, "ctrl+s")
    assert load_full_plan(store, _only_case(store))["area_indicators"]["school"] == {
        "name": "school", "status": 3, "target": 1}


def _only_case(store) -> str:
    (case,) = store.list_cases()
    return case.id


async def test_the_providers_status_is_recorded_with_the_keyboard_alone(store, store_path, monkeypatch):
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-03-10")
    case = converse(store, ANNA_DA)
    async with make_caseworker_app(str(store_path), "da", user="sb1").run_test(size=SIZE) as pilot:
        await _open_case(pilot)
        await press(pilot, "s")
        form = pilot.app.screen
        assert pilot.app.focused is form.query_one("#provider-indicator")  # the form starts where the work is
        await press(pilot, "enter", "down", "down", "down", "down", "enter")  # 0, 1, 2, 3 under "not set"
        await press(pilot, "tab")
        for key in "Kommer hver uge":
            await pilot.press(key if key != " " else "space")
        await press(pilot, "ctrl+s")
        assert not isinstance(pilot.app.screen, type(form))
    (status,) = load_full_plan(store, case)["provider_status"]
    assert (status["goal"], status["date"], status["indicator"], status["note"]) == ("g1", "2027-03-10", 3, "Kommer hver uge")


async def test_the_progress_chart_legend_hides_no_rating():
    """A rating of 4 on the first date sits where the legend is drawn: the legend goes above the scale."""
    import re

    from textual.app import App

    from assistant.common.i18n import translator
    from assistant.tui.caseworker.widgets.progress import GoalChart

    def row(day, **sides):
        return {"date": day, "citizen_going": None, "citizen": None, "caseworker": None, "provider": None, **sides}

    rows = [row("2026-12-01", caseworker=4), row("2027-02-01", citizen=1), row("2027-03-01", provider=3)]

    class One(App):
        def compose(self):
            yield GoalChart(rows, translator("da"), id="chart")

    async with One().run_test(size=(100, 20)) as pilot:
        await pilot.pause()
        chart = pilot.app.query_one(GoalChart)
        text = re.sub(r"\x1b\[[0-9;]*m", "", chart.plt.build())
    lines = text.splitlines()
    four = next(line for line in lines if line.startswith("4┤"))
    assert "•" in four and "0–4" not in four  # the caseworker's 4 is drawn, no legend over it
    assert sum("0–4" in line for line in lines) == 4  # three legend lines and the axis label
