"""Issue 20, points 5 and 7, in the workspace: a sign about a child reads "et barn kan være i
fare" on the case screen and in the signs' screen; the direct questions asked ("spurgt direkte,
svarede nej") stand in a block at the top of the conversation."""

from __future__ import annotations

from tests.support.cw_driving import open_first, press, settle, status_text
from tests.support.helpers import child_flagged_case, converse
from tests.support.personas import ANNA_DA

from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.flags import FlagScreen

SIZE = (120, 40)
CHILD_DA = "et barn kan være i fare"


def _anna_flagged(store) -> str:
    return child_flagged_case(store)


async def test_the_case_screen_says_a_child_may_be_in_danger_and_lists_direct_questions(store, store_path,
                                                                                    fixed_clock):
    _anna_flagged(store)
    app = make_caseworker_app(str(store_path), "da", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_first(pilot)
        status = status_text(screen)
        assert status.startswith("⚑") and CHILD_DA in status.splitlines()[0] + status
        conversation = screen.query_one("#conversation")._markdown
        assert conversation.startswith("### Spurgt direkte i samtalen")
        assert "spurgt direkte, svarede nej" in conversation.split("\n\n")[1]
        await press(pilot, "h")
        assert isinstance(app.screen, FlagScreen)
        shown = "\n".join(str(w.render()) for w in app.screen.query(".flag-open"))
        assert CHILD_DA in shown


async def test_no_direct_question_no_block(store, store_path, fixed_clock):
    converse(store, ANNA_DA)
    app = make_caseworker_app(str(store_path), "da", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await open_first(pilot)
        assert "Spurgt direkte" not in app.screen.query_one("#conversation")._markdown


async def test_the_case_list_says_a_child_may_be_in_danger(store, store_path, fixed_clock):
    from tests.tui.caseworker.test_flags import table_rows

    case = _anna_flagged(store)
    app = make_caseworker_app(str(store_path), "da", user="sb1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        row = table_rows(app)[case]
        assert row[0].startswith("⚑") and str(row[2]).startswith(CHILD_DA + " · ")
