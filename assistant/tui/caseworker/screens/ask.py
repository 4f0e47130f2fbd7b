"""Small questions the workspace asks before it does something that cannot be undone quietly:
throw away typed changes, make a plan final, reopen it (with a reason), which goal to edit."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, OptionList, Static, TextArea
from textual.widgets.option_list import Option

from assistant.services.casework import check_reason
from assistant.common.errors import CaseworkError
from assistant.common.i18n import N_, translator
from assistant.common.text import clean
from assistant.tui.caseworker.widgets.form import CANCEL, ErrorLine
from assistant.tui.shared.lang import translate_bindings

YES = N_("Yes")
NO = N_("No")
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


class ConfirmScreen(ModalScreen[bool]):
    """Yes or no; Escape is no."""

    BINDINGS = [
        Binding("escape", "no", N_("No"), id="cw.ask.no"),
        Binding("left", "app.focus_previous", show=False),
        Binding("right", "app.focus_next", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(classes="dialog"):
            yield Static(Content(_(self.question)), classes="dialog-title")
            with Horizontal(classes="buttons"):
                yield Button(Content(_(YES)), id="yes", variant="primary")
                yield Button(Content(_(NO)), id="no")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, translator(self.app.lang).gettext)
        self.query_one("#no").focus()  # Enter by habit does nothing that cannot be undone

    @on(Button.Pressed, "#yes")
    def _yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)


class ReasonScreen(ModalScreen[str | None]):
    """A reason in a sentence (checked as the core checks it); Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.reason.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.reason.save"),
    ]

    def __init__(self, title: str = REOPEN_TITLE, button: str = REOPEN) -> None:
        super().__init__()
        self.title_id, self.button_id = title, button

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(classes="dialog"):
            yield Static(Content(_(self.title_id)), classes="dialog-title")
            yield TextArea(id="reason")
            yield Static(Content(_(REOPEN_HINT)), classes="field-hint")
            yield ErrorLine()
            with Horizontal(classes="buttons"):
                yield Button(Content(_(self.button_id)), id="save", variant="primary")
                yield Button(Content(_(CANCEL)), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, translator(self.app.lang).gettext)
        self.query_one("#reason").focus()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        text = clean(self.query_one("#reason", TextArea).text).strip()
        try:
            check_reason(text)
        except CaseworkError as exc:
            self.query_one(ErrorLine).update(Content(exc.translated(translator(self.app.lang).gettext)))
            return
        self.dismiss(text)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)


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
