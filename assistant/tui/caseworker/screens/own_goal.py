"""Add a goal of the caseworker's own (labelled as theirs; the citizen has not reviewed it yet)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Static

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_
from assistant.common.text import clean
from assistant.tui.caseworker.screens.edit_base import EditScreen
from assistant.tui.caseworker.widgets.form import ErrorLine, Field

TITLE = N_("A goal of your own")
WHAT = N_("The goal is shown as yours in every view. The citizen has not reviewed it yet: go through it "
          "with them before the plan is final, or write why they did not.")
TEXT = N_("The goal")
SUCCESS = N_("Success criterion")
TEXT_NEEDED = N_("The goal cannot be empty.")


class OwnGoalScreen(EditScreen):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.own.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.own.save"),
    ]
    FIRST_FOCUS = "#text"

    def compose_form(self) -> ComposeResult:
        _ = self.gettext
        yield self.dialog_title(_(TITLE))
        yield Static(Content(_(WHAT)), classes="field-hint")
        yield Field(_(TEXT), Input(id="text"))
        yield Field(_(SUCCESS), Input(id="success_criterion"))
        yield ErrorLine()
        yield self.save_and_cancel()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = clean(self.query_one("#text", Input).value).strip()
        if not text:
            self.show_error(TEXT_NEEDED)
            return
        criterion = clean(self.query_one("#success_criterion", Input).value).strip() or None
        self._add(text, criterion)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _add(self, text: str, criterion: str | None) -> None:
        fields = {"success_criterion": criterion} if criterion else {}
        try:
            state = self.session.run(lambda w: w.add_goal(text, **fields))
        except BorgerrejseError as exc:
            self.app.call_from_thread(self.show_error, exc)
            return
        self.app.call_from_thread(self.dismiss, state)
