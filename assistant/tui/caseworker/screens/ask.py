"""Small questions the workspace asks before it does something that cannot be undone quietly:
throw away typed changes, make a plan final (their texts; the yes/no question itself is the
shared :class:`~assistant.tui.shared.confirm.ConfirmScreen`), reopen it (with a reason), which goal to edit."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from assistant.services.casework import check_reason
from assistant.common.errors import CaseworkError
from assistant.common.i18n import N_, translator
from assistant.common.text import clean
from assistant.tui.caseworker.screens.form import FormScreen
from assistant.tui.caseworker.widgets.form import ErrorLine
from assistant.tui.shared.lang import translate_bindings

DISCARD = N_("Throw away the changes you typed in this form?")
FINALISE = N_("Make the plan final? It is then locked: later changes need a new version.")
REOPEN_TITLE = N_("Why do you reopen the plan?")
REOPEN_HINT = N_("A sentence of at least four words. It goes in the audit trail.")
REOPEN = N_("Reopen")
FINALISE_UNSEEN = N_("The citizen has not seen your changes in this version. Make the plan final anyway? Then "
                     "both the citizen's copy and the case view say that the citizen has not seen this version.")
READ_ALOUD_TITLE = N_("You read the changes aloud to the citizen in a meeting, and they agreed? Write when and how.")
READ_ALOUD = N_("Save")
WHICH_GOAL = N_("Which goal do you want to edit?")


class ReasonScreen(FormScreen[str | None]):
    """A reason in a sentence (checked as the core checks it); Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.reason.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.reason.save"),
    ]
    COMPACT_WHEN_NARROW = False
    FIRST_FOCUS = "#reason"

    def __init__(self, title: str = REOPEN_TITLE, button: str = REOPEN) -> None:
        super().__init__()
        self.title_id, self.button_id = title, button

    def compose_form(self) -> ComposeResult:
        _ = self.gettext
        yield self.dialog_title(_(self.title_id))
        yield TextArea(id="reason")
        yield Static(Content(_(REOPEN_HINT)), classes="field-hint")
        yield ErrorLine()
        yield self.save_and_cancel(self.button_id)

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = clean(self.query_one("#reason", TextArea).text).strip()
        try:
            check_reason(text)
        except CaseworkError as exc:
            self.show_error(exc)
            return
        self.dismiss(text)


class GoalPickScreen(ModalScreen[str | None]):
    """Which goal: "Goal 1: …" in the plan's order; Escape cancels."""

    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="cw.pick.cancel")]

    def __init__(self, goals: list[dict[str, Any]]) -> None:
        super().__init__()
        self.goals = goals

    def compose(self) -> ComposeResult:
        t = translator(self.app.lang)
        from assistant.tui.caseworker.render import GOAL_N

        with Vertical(classes="dialog"):
            yield Static(Content(t.gettext(WHICH_GOAL)), classes="dialog-title")
            yield OptionList(*[
                Option(Content(t.gettext(GOAL_N).format(n=g["priority"]) + ": " + " ".join(clean(g.get("text") or "").split())),
                       id=g["id"])
                for g in self.goals
            ], id="goals")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, translator(self.app.lang).gettext)
        self.query_one("#goals").focus()

    @on(OptionList.OptionSelected, "#goals")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
