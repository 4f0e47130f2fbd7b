"""The case list: status, area, follow-up with overdue marked, filter, new case, damaged files."""

from __future__ import annotations

from tests.support.cw_driving import fill, press, settle
from textual.widgets import Checkbox, Select

from assistant.services.casework import Casework
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case_list import CaseListScreen
from assistant.tui.caseworker.widgets.case_table import CaseTable

SIZE = (120, 40)


def table_rows(app) -> dict[str, list[str]]:
    table = app.screen.query_one("#cases", CaseTable)
    return {key: list(table.get_row(key)) for key in table.keys}


async def test_list_shows_status_area_follow_up_and_overdue(store, store_path, fixed_clock, carla, anna):
    with Casework(store, anna, user="sb1") as work:
        work.set_plan_field("follow_up", "2026-02-01")  # before "today" (1 March 2026)
        work.set_status("reviewed")
    with store.create_case(journey="adult", lang="da", status="new", name="Dorte", area="psychiatry") as handle:
        dorte = handle.id
    fixed_clock.move_on()  # the list is looked at later: 1 March 2026
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = table_rows(app)
        assert rows[carla][:3] == ["Carla", "—", "draft"]
        assert rows[anna][:3] == ["Anna", "Disability", "reviewed"]
        assert rows[anna][3] == "⚠ 1 February 2026 (overdue)"
        assert rows[dorte][:4] == ["Dorte", "Psychiatry", "not started", "—"]
        assert list(rows)[0] == anna  # overdue first


async def test_filter_narrows_by_name_area_or_status(store_path, fixed_clock, carla, anna):
    app = make_caseworker_app(str(store_path), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(table_rows(app)) == 2
        await press(pilot, "slash")
        await pilot.press(*"disab")
        await settle(pilot)
        assert list(table_rows(app)) == [anna]
        await fill(pilot, "#filter", "carla draft")
        assert list(table_rows(app)) == [carla]
        await fill(pilot, "#filter", "nobody")
        assert table_rows(app) == {}


async def test_damaged_case_is_marked_and_the_rest_still_listed(store, store_path, carla):
    (store.cases_dir / carla / "case.json").write_text("{not json", encoding="utf-8")
    with store.create_case(journey="adult", lang="da", status="new", name="Eva", area="disability") as handle:
        eva = handle.id
    app = make_caseworker_app(str(store_path), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = table_rows(app)
        assert rows[carla][2] == "cannot be read"
        assert rows[eva][0] == "Eva"
        app.screen.query_one("#cases", CaseTable).move_cursor(row=list(rows).index(carla))
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseListScreen)  # not opened, no traceback


async def test_new_case_is_registered_with_area_and_follow_up_rule(store, store_path):
    app = make_caseworker_app(str(store_path), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await press(pilot, "ctrl+s")
        assert "Write the citizen's name." in str(app.screen.query_one("#new-error").render())
        await fill(pilot, "#new-name", "Frida [bold]Hansen[/bold]")
        app.screen.query_one("#new-area", Select).value = "homelessness_addiction"
        app.screen.query_one("#new-ncc", Checkbox).value = True
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseListScreen)
        (case,) = store.list_cases()
        assert case.meta["name"] == "Frida [bold]Hansen[/bold]"
        assert case.meta["area"] == "homelessness_addiction"
        assert case.meta["new_costly_complex"] is True
        assert case.status == "new"
        assert table_rows(app)[case.id][:3] == ["Frida [bold]Hansen[/bold]", "Homelessness and addiction", "not started"]
