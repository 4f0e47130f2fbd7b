"""Every form of the workspace opens with the keyboard where the caseworker starts.

(The own-goal and measures forms focused their first field before the form took keys, and
so opened with no focus at all; one FormScreen puts the focus in every form the same way.)
"""

from __future__ import annotations

import pytest
from tests.support.helpers import converse, press, settle
from tests.support.personas import CARLA_DA

from assistant.tui.caseworker import make_caseworker_app

FIRST = {"a": "text", "m": "title", "s": "provider-indicator", "e": "reasoning", "p": "purpose", "x": "folder"}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
async def test_each_form_on_the_case_starts_in_its_first_field(store, store_path, size):
    carla = converse(store, CARLA_DA)
    app = make_caseworker_app(str(store_path), "da", user="sb1")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases")
        table.move_cursor(row=table.index_of(carla))
        await press(pilot, "enter")
        case = app.screen
        for key, field in FIRST.items():
            await press(pilot, key)
            assert app.screen is not case, key
            assert app.focused is not None and app.focused.id == field, (key, app.focused)
            await press(pilot, "escape")
            assert app.screen is case, key


async def test_the_case_lists_forms_start_in_their_first_field(store_path):
    app = make_caseworker_app(str(store_path), "da", user="sb1")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        list_screen = app.screen
        for key, field in (("n", "new-name"), ("s", "municipality")):
            await press(pilot, key)
            assert app.focused is not None and app.focused.id == field, (key, app.focused)
            await press(pilot, "escape")
            assert app.screen is list_screen, key
