"""A case file with escape sequences in every free-text field: the workspace shows the words, never the codes."""

from __future__ import annotations

from tests.support.cw_driving import fill, press, settle
from tests.support.hostile_case import SHOWN, assert_clean, hostile_case
from tests.support.screen_scan import assert_screen_clean

from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.screens.export import ExportScreen
from assistant.tui.caseworker.screens.goal_edit import GoalEditScreen
from assistant.tui.caseworker.screens.plan_edit import PlanEditScreen
from assistant.tui.caseworker.screens.version import VersionScreen
from assistant.tui.caseworker.widgets.case_table import CaseTable

SIZE = (160, 120)  # tall: most of each pane is painted, not scrolled away


async def test_every_screen_of_the_workspace_shows_a_hostile_case_clean(store, store_path, tmp_path):
    case_id = hostile_case(store)
    out = tmp_path / "out"
    out.mkdir()
    async with make_caseworker_app(str(store_path), "da", user="sb1").run_test(size=SIZE) as pilot:
        await settle(pilot)
        text = assert_screen_clean(pilot.app, "case list")
        assert f"Carla {SHOWN}" in text
        assert pilot.app.screen.query_one("#cases", CaseTable).row_count == 1
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, CaseScreen) and pilot.app.screen.state is not None
        text = assert_screen_clean(pilot.app, "case, conversation and plan")
        assert f"Formål {SHOWN}" in text and f"Fordi det er vigtigt {SHOWN}" in text and f"Sove bedre {SHOWN}" in text
        for tab in ("2", "3", "4"):
            await press(pilot, tab)
            assert_screen_clean(pilot.app, f"tab {tab}")
        await press(pilot, "enter")
        assert isinstance(pilot.app.screen, VersionScreen)
        assert f"Formål {SHOWN}" in assert_screen_clean(pilot.app, "final version")
        await press(pilot, "escape", "1", "e")
        assert isinstance(pilot.app.screen, GoalEditScreen)
        assert f"Mål {SHOWN}" in assert_screen_clean(pilot.app, "goal form")
        await press(pilot, "escape", "p")
        assert isinstance(pilot.app.screen, PlanEditScreen)
        assert f"Formål {SHOWN}" in assert_screen_clean(pilot.app, "plan form")
        await press(pilot, "escape", "x")
        assert isinstance(pilot.app.screen, ExportScreen)
        for fmt in ("html", "md", "json"):
            pilot.app.screen.query_one("#format").value = fmt
            await fill(pilot, "#folder", str(out))
            await press(pilot, "ctrl+s")
            assert_screen_clean(pilot.app, f"export {fmt}")
    files = sorted(out.iterdir())
    assert len(files) == 6
    for path in files:
        assert_clean(path.read_text("utf-8"), path.name)
    assert case_id in files[0].name
