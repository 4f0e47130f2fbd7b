"""Signs of distress in the workspace: first in the list with a mark, on the case screen, handled with a note."""

from __future__ import annotations

from tests.support.cw_driving import fill, press, settle
from textual.widgets import DataTable

from assistant.domain import safety
from assistant.services.conversation import Conversation
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.screens.case_list import CaseListScreen
from assistant.tui.caseworker.screens.flags import FlagScreen
from assistant.tui.caseworker.widgets.case_table import CaseTable

SIZE = (120, 40)


def table_rows(app) -> dict[str, list[str]]:
    table = app.screen.query_one("#cases", CaseTable)
    return {key: list(table.get_row(key)) for key in table.keys}


def flagged(store, *, with_plan: bool) -> str:
    conv = Conversation.start(store)
    answers = {"consent": "ja", "name": "Bo", "motivation": "7", "when": "1", "another_dream": "nej", "priority": "1",
               "dream": "Få en hund"}
    said = False
    for _ in range(100):
        prompt = conv.prompt()
        if prompt.state == "everyday" and not said:  # once: after the safety step it is asked again (issue 20)
            said = True
            conv.respond("jeg vil ikke leve mere")
            conv.respond("1" if with_plan else "2")
            if not with_plan:
                break
            continue
        if prompt.final:
            break
        conv.respond(answers.get(prompt.slot, "svar" if prompt.kind == "text" else ""))
    conv.close()
    return conv.case_id


async def test_flagged_case_is_first_marked_and_handled_from_the_list(store, store_path, fixed_clock, carla):
    bo = flagged(store, with_plan=False)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = table_rows(app)
        assert list(rows)[0] == bo  # first
        assert rows[bo][0] == "⚑ Bo" and rows[bo][2].startswith("sign of distress")
        assert not rows[carla][0].startswith("⚑")
        assert "1 with a sign of distress not handled yet" in str(app.screen.query_one("#count").render())
        await press(pilot, "enter")  # no plan yet: the sign is shown, not an error
        assert isinstance(app.screen, FlagScreen)
        shown = "\n".join(str(w.render()) for w in app.screen.query(".flag-open"))
        assert "thoughts of suicide" in shown and "Take a break" in shown and "Not handled yet" in shown
        await press(pilot, "enter")  # an empty note is refused
        assert isinstance(app.screen, FlagScreen)
        assert "note" in str(app.screen.query_one("#flag-error").render())
        await fill(pilot, "#flag-note", "Ringede til Bo, aftalt møde i morgen.")
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseListScreen)
        await settle(pilot)
        assert table_rows(app)[bo][0] == "Bo"
    flag = store.open_case(bo, write=False).meta["flags"][0]
    assert flag["handled"]["by"] == "sb1" and flag["handled"]["note"].startswith("Ringede til Bo")


async def test_case_screen_shows_the_sign_first_and_h_marks_it_handled(store, store_path, fixed_clock):
    bo = flagged(store, with_plan=True)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = app.screen
        assert isinstance(screen, CaseScreen)
        status = str(screen.query_one("#case-status").render())
        assert status.splitlines()[0].startswith("⚑ Sign of distress (1 not handled)")
        assert "thoughts of suicide" in status
        await press(pilot, "3")  # the trail tab names the sign
        trail = app.screen.query_one("#trail", DataTable)
        cells = [str(c) for row in trail.rows for c in trail.get_row(row)]
        assert "sign of distress in the conversation" in cells
        await press(pilot, "h")
        assert isinstance(app.screen, FlagScreen)
        await fill(pilot, "#flag-note", "Talked with Bo.")
        await press(pilot, "ctrl+s")
        assert app.screen is screen
        await settle(pilot)
        assert "⚑" not in str(screen.query_one("#case-status").render())
        assert [f["handled"]["note"] for f in screen.state.flags] == ["Talked with Bo."]
        assert screen.state.trail[-1]["what"] == safety.TRAIL_HANDLED
