"""One ConfirmScreen (two faces: the citizen's and the caseworker's) and one FormScreen for every form."""

from __future__ import annotations

import re
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Footer, Input, Select, Static

import assistant.tui
from assistant.tui.caseworker.screens.form import FormScreen
from assistant.tui.caseworker.widgets.form import ErrorLine
from assistant.tui.shared.base import BorgerrejseBaseApp
from assistant.tui.shared.confirm import CASEWORKER, CITIZEN, NO, YES, ConfirmScreen

QUESTION = "Throw away the changes you typed in this form?"


class Host(BorgerrejseBaseApp):
    """An app that shows one screen and keeps what it dismissed with."""

    def __init__(self, screen, *, lang: str = "en") -> None:
        super().__init__(lang=lang)
        self.first = screen
        self.results: list = []

    def on_mount(self) -> None:
        self.push_screen(self.first, self.results.append)


def buttons(screen) -> list[tuple[str, str, str]]:
    return [(b.id, str(b.label), b.variant) for b in screen.query(Button)]


def shown_keys(app) -> dict[str, str]:
    return {key: b.description for key, (_, b, enabled, _) in app.screen.active_bindings.items() if enabled}


# -- the one ConfirmScreen -------------------------------------------------------------------------
async def test_the_citizens_face_safe_answer_first_no_footer_escape_is_back():
    screen = ConfirmScreen(QUESTION, "Skip anyway", "Keep writing")
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert screen.face is CITIZEN
        assert screen.query_one("#confirm-box") and "Throw away" in str(screen.query_one("#confirm-question", Static).render())
        assert buttons(screen) == [("confirm-no", "Keep writing", "primary"), ("confirm-yes", "Skip anyway", "default")]
        assert app.focused.id == "confirm-no"
        assert not screen.query(Footer)
        assert shown_keys(app)["escape"] == "Back"
        assert "left" not in shown_keys(app) and "right" not in shown_keys(app)
        await pilot.press("right")
        assert app.focused.id == "confirm-no"  # the arrows are not the citizen's keys here
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [False]


async def test_the_citizens_face_yes_is_a_click_or_tab_and_enter():
    screen = ConfirmScreen(QUESTION, "Skip anyway", "Keep writing")
    app = Host(screen)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("tab", "enter")
        await pilot.pause()
        assert app.results == [True]


async def test_the_caseworkers_face_yes_first_footer_arrows_escape_is_no():
    screen = ConfirmScreen(QUESTION, face=CASEWORKER)
    app = Host(screen, lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _ = app._
        assert screen.query_one(".dialog") and _(QUESTION) in str(screen.query_one(".dialog-title", Static).render())
        assert buttons(screen) == [("confirm-yes", _(YES), "primary"), ("confirm-no", _(NO), "default")]
        assert app.focused.id == "confirm-no"  # Enter by habit does nothing that cannot be undone
        assert screen.query(Footer)
        assert shown_keys(app)["escape"] == _(NO)
        await pilot.press("left")
        assert app.focused.id == "confirm-yes"
        await pilot.press("right")
        assert app.focused.id == "confirm-no"
        await pilot.press("enter")
        await pilot.pause()
        assert app.results == [False]


async def test_the_caseworkers_face_left_and_enter_is_yes_escape_is_no():
    for keys, result in ((("left", "enter"), True), (("escape",), False)):
        app = Host(ConfirmScreen(QUESTION, face=CASEWORKER))
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            await pilot.press(*keys)
            await pilot.pause()
            assert app.results == [result]


def class_definitions(name: str) -> list[str]:
    root = Path(assistant.tui.__file__).parent
    pattern = re.compile(rf"^class {name}\b", re.MULTILINE)
    return [str(p.relative_to(root)) for p in root.rglob("*.py") if pattern.search(p.read_text(encoding="utf-8"))]


def test_there_is_one_confirm_screen_and_one_form_screen():
    assert class_definitions("ConfirmScreen") == ["shared/confirm.py"]
    assert class_definitions("FormScreen") == ["caseworker/screens/form.py"]


def test_every_form_of_the_workspace_is_a_form_screen():
    from assistant.tui.caseworker.screens.ask import ReasonScreen
    from assistant.tui.caseworker.screens.edit_base import EditScreen
    from assistant.tui.caseworker.screens.export import ExportScreen
    from assistant.tui.caseworker.screens.flags import FlagScreen
    from assistant.tui.caseworker.screens.goal_edit import GoalEditScreen
    from assistant.tui.caseworker.screens.measures import MeasuresScreen
    from assistant.tui.caseworker.screens.new_case import NewCaseScreen
    from assistant.tui.caseworker.screens.own_goal import OwnGoalScreen
    from assistant.tui.caseworker.screens.plan_edit import PlanEditScreen
    from assistant.tui.caseworker.screens.provider_status import ProviderStatusScreen
    from assistant.tui.caseworker.screens.settings import SettingsScreen

    forms = (ReasonScreen, EditScreen, ExportScreen, FlagScreen, GoalEditScreen, MeasuresScreen, NewCaseScreen,
             OwnGoalScreen, PlanEditScreen, ProviderStatusScreen, SettingsScreen)
    assert all(issubclass(form, FormScreen) for form in forms)
    assert all("compose" not in vars(form) and "on_mount" not in vars(form) for form in forms)  # the frame is one


# -- the one FormScreen ----------------------------------------------------------------------------
MISSING = "The goal cannot be empty."


class Sample(FormScreen[str | None]):
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="test.cancel"),
        Binding("ctrl+s", "save", "Save", id="test.save"),
    ]
    FIRST_FOCUS = "#name"
    CANCELLED = "cancelled"

    def compose_form(self) -> ComposeResult:
        yield self.dialog_title("A form")
        yield Input(id="name")
        yield Select([("One", 1), ("Two", 2)], id="choice")
        yield ErrorLine()
        yield self.save_and_cancel()

    def action_save(self) -> None:
        name = self.query_one("#name", Input).value
        if not name:
            self.show_error(MISSING)
            return
        self.dismiss(name)


async def test_a_form_has_the_dialog_the_footer_the_focus_and_its_keys_in_the_workspaces_language():
    app = Host(Sample(), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert screen.query_one(".dialog > .dialog-title") and screen.query(Footer)
        assert buttons(screen) == [("save", app._("Save"), "primary"), ("cancel", app._("Cancel"), "default")]
        assert app.focused.id == "name"
        assert shown_keys(app)["ctrl+s"] == app._("Save") != "Save"  # the labels are translated
        assert screen.query_one("#name", Input).compact  # 80 columns: compact inputs


async def test_a_form_says_an_error_inside_and_keeps_what_was_typed():
    app = Host(Sample(), lang="en")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#name", Input).compact  # wide: inputs with borders
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert MISSING in str(app.screen.query_one(ErrorLine).render())
        await pilot.press("a", "ctrl+s")
        await pilot.pause()
        assert app.results == ["a"]


async def test_escape_or_cancel_closes_a_form_with_its_cancelled_value_an_open_menu_first():
    app = Host(Sample())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.screen
        screen.query_one("#choice", Select).expanded = True
        await pilot.pause()
        screen.action_cancel()
        await pilot.pause()
        assert app.screen is screen and not screen.query_one("#choice", Select).expanded
        await pilot.click("#cancel")
        await pilot.pause()
        assert app.results == ["cancelled"]
