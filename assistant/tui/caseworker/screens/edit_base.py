"""What the goal and plan forms share: cancel, save in a thread, errors inside the form."""

from __future__ import annotations

from textual import on, work
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button

from assistant.services.damage import as_borgerrejse_error
from assistant.common.errors import BorgerrejseError, SaveFailed
from assistant.common.i18n import N_, translator
from assistant.tui.caseworker.session import CaseSession, CaseState
from assistant.tui.caseworker.widgets.form import ErrorLine

NOT_SAVED = N_("Nothing in this form is saved yet; what you wrote is still here. Press Ctrl+S to try again.")


class EditScreen(ModalScreen[CaseState | None]):
    """A form over part of the plan. Dismisses with the new case state, or None on cancel."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session

    def show_error(self, error: BorgerrejseError | str) -> None:
        """A core error (or a message id) shown inside the form; the input stays as typed."""
        gettext = translator(self.app.lang).gettext
        message = error.translated(gettext) if isinstance(error, BorgerrejseError) else gettext(error)
        if isinstance(error, SaveFailed):
            message += " " + gettext(NOT_SAVED)
        self.query_one(ErrorLine).update(Content(message))

    def changes(self) -> list[tuple]:
        """What the form would change (each form says); nothing by default."""
        return []

    def on_mount(self) -> None:
        # Keys typed while the form was being built (a second "e") must not land in a field:
        # the form takes keys only once it is on screen.
        form = self.query_one(".dialog")
        form.disabled = True
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.query_one(".dialog").disabled = False
        self.focus_first()

    def focus_first(self) -> None:
        """Put the keyboard where the caseworker starts (each form says where)."""

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        from textual.widgets import Select

        expanded = [s for s in self.query(Select) if s.expanded]
        if expanded:  # Escape on an open menu closes the menu, not the form
            for select in expanded:
                select.expanded = False
            return
        if self.changes():  # typed work is never thrown away without asking
            from assistant.tui.caseworker.screens.ask import DISCARD, ConfirmScreen

            self.app.push_screen(ConfirmScreen(DISCARD), lambda yes: self.dismiss(None) if yes else None)
            return
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _save(self, changes: list[tuple]) -> None:
        try:
            state = self.session.apply(changes)
        except Exception as exc:  # a refusal, a full disk: said in the form, which keeps what was typed
            self.app.call_from_thread(self.show_error, as_borgerrejse_error(exc, self.session.path))
            return
        self.app.call_from_thread(self.dismiss, state)
