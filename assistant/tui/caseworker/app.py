"""The caseworker's app: owns the store, the language and the one open case."""

from __future__ import annotations

from textual.binding import Binding

from assistant.services.casework import current_user
from assistant.common.i18n import N_
from assistant.tui.shared.base import BorgerrejseBaseApp
from assistant.tui.caseworker.session import CaseSession, CaseState
from assistant.tui.shared.lang import translate_bindings
from store import Store


# Keys that Textual's own widgets show in the footer (the open menu of a Select).
TEXTUAL_KEYS = (N_("Dismiss menu"),)


class CaseworkerApp(BorgerrejseBaseApp):
    """Case list first; a case screen on top while one case is open (and locked)."""

    CSS_PATH = "caseworker.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("f6", "cycle_theme", N_("Colours"), id="cw.theme", show=False, priority=True),
        Binding("ctrl+q", "quit", N_("Quit"), id="cw.quit", priority=True),
        Binding("ctrl+c", "quit", N_("Quit"), id="cw.interrupt", priority=True, show=False),
    ]

    def __init__(self, store: Store, *, lang: str | None = None, user: str | None = None) -> None:
        super().__init__(lang=lang)  # the workspace's language (Danish unless asked otherwise)
        self.store = store
        self.user = user or current_user()
        """Who the audit trail names for every change."""
        self.session: CaseSession | None = None
        """The open case, if any; its lock is held until :meth:`close_case`."""

    def on_mount(self) -> None:
        from assistant.tui.caseworker.screens.case_list import CaseListScreen

        self.title = self._("Caseworker's workspace")
        self.sub_title = self.user
        translate_bindings(self, self._)
        self.push_screen(CaseListScreen())

    def on_descendant_focus(self, event) -> None:
        """Textual's own widgets name their keys in English: say them in the workspace's language."""
        translate_bindings(event.widget, self._)

    def open_case(self, case_id: str) -> CaseState:
        """Take the case's lock and read it (called from a worker thread).

        If the case cannot be read, its lock is let go again and the error raised.
        """
        self.close_case()
        self.session = CaseSession(self.store, case_id, user=self.user, lang=self.lang)
        try:
            return self.session.state()
        except BaseException:
            self.close_case()
            raise

    def close_case(self) -> None:
        """Release the open case's lock, if one is held."""
        session, self.session = self.session, None
        if session is not None:
            session.close()

    def on_unmount(self) -> None:
        self.close_case()
