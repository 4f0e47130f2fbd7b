"""The forms over part of the open case's plan: they save in a thread and never throw typed work away unasked."""

from __future__ import annotations

from textual import work

from assistant.services.damage import as_borgerrejse_error
from assistant.common.errors import BorgerrejseError, SaveFailed
from assistant.common.i18n import N_
from assistant.tui.caseworker.session import CaseSession, CaseState
from assistant.tui.caseworker.screens.form import FormScreen

NOT_SAVED = N_("Nothing in this form is saved yet; what you wrote is still here. Press Ctrl+S to try again.")


class EditScreen(FormScreen[CaseState | None]):
    """A form over part of the plan. Dismisses with the new case state, or None on cancel."""

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session

    def error_text(self, error: BorgerrejseError | str) -> str:
        message = super().error_text(error)
        if isinstance(error, SaveFailed):
            message += " " + self.gettext(NOT_SAVED)
        return message

    def changes(self) -> list[tuple]:
        """What the form would change (each form says); nothing by default."""
        return []

    def take_keys(self) -> None:
        # Keys typed while the form was being built (a second "e") must not land in a field:
        # the form takes keys only once it is on screen.
        form = self.query_one(".dialog")
        form.disabled = True
        self.call_after_refresh(self._ready)

    def _ready(self) -> None:
        self.query_one(".dialog").disabled = False
        self.focus_first()

    def action_cancel(self) -> None:
        if self.close_menus():  # Escape on an open menu closes the menu, not the form
            return
        if self.changes():  # typed work is never thrown away without asking
            from assistant.tui.shared.confirm import CASEWORKER, ConfirmScreen
            from assistant.tui.caseworker.screens.ask import DISCARD

            self.app.push_screen(ConfirmScreen(DISCARD, face=CASEWORKER), lambda yes: self.dismiss(None) if yes else None)
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
