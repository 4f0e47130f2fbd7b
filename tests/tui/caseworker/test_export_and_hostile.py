"""Export from the workspace, and typed text that looks like markup stays text."""

from __future__ import annotations

import stat

from tests.support.cw_driving import converse, fill, press, settle
from tests.support.personas import CARLA_DA
from textual.widgets import Select

from assistant.services.casework import Casework
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.widgets.case_table import CaseTable

SIZE = (120, 40)
HOSTILE = "<script>alert(1)</script> [bold red]x[/] [@click=app.quit]klik[/] **fed**"


async def test_export_writes_both_views_as_private_files(store, store_path, tmp_path, carla):
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field("g1", "text", HOSTILE)
    out = tmp_path / "out"
    out.mkdir()
    async with make_caseworker_app(str(store_path), "da").run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "x")
        await fill(pilot, "#folder", str(out / "missing"))
        await press(pilot, "ctrl+s")
        assert "findes ikke" in str(pilot.app.screen.query_one("ErrorLine").render()) or "does not exist" in str(
            pilot.app.screen.query_one("ErrorLine").render())
        await fill(pilot, "#folder", str(out))
        await press(pilot, "ctrl+s")
        assert str(out / f"{carla}-citizen.html") in str(pilot.app.screen.query_one("#written").render())
        pilot.app.screen.query_one("#format", Select).value = "md"
        await press(pilot, "ctrl+s", "escape")
        assert isinstance(pilot.app.screen, CaseScreen)
    citizen = (out / f"{carla}-citizen.html").read_text("utf-8")
    case = (out / f"{carla}-case.html").read_text("utf-8")
    assert "<script>alert" not in citizen + case
    assert "&lt;script&gt;" in citizen and "&lt;script&gt;" in case
    assert "Kl. 8 er for tidligt" in citizen  # the citizen's own words
    assert "Stå op kl. 8 hver dag" in citizen  # their own goal wording stays first in their view
    assert (out / f"{carla}-case.md").exists() and (out / f"{carla}-citizen.md").exists()
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


async def test_markup_in_names_and_words_is_shown_literally(store, store_path):
    script = {**CARLA_DA, "name": ["[bold]Carla[/bold] \x1b[31m"], "review_comment": [HOSTILE]}
    case = converse(store, script)
    async with make_caseworker_app(str(store_path), "en").run_test(size=SIZE) as pilot:
        await settle(pilot)
        table = pilot.app.screen.query_one("#cases", CaseTable)
        assert str(table.get_row(case)[0]) == "[bold]Carla[/bold]"
        await press(pilot, "enter")
        card = str(pilot.app.screen.query_one("#goal-g1").render())
        assert "[bold red]x[/] [@click=app.quit]klik[/] **fed**" in card
        await press(pilot, "e")
        words = str(pilot.app.screen.query_one("CitizenWords").render())
        assert "[@click=app.quit]klik[/]" in words
        await press(pilot, "escape", "escape")
    assert pilot.app.return_code in (None, 0)
