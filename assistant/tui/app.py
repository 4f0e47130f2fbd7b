"""The citizen's chat app: a small App that owns the session and switches screens."""

from __future__ import annotations

import asyncio
import signal

from textual import work
from textual.binding import Binding

from assistant.errors import BorgerrejseError
from assistant.i18n import N_, normalise_lang
from assistant.tui.base import BorgerrejseBaseApp
from assistant.tui.session import Session


class BorgerrejseApp(BorgerrejseBaseApp):
    """Start screen or chat; quitting (Ctrl+Q, Ctrl+C, hang-up) pauses the conversation."""

    CSS_PATH = "app.tcss"

    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("f2", "toggle_language", "English", id="app.language"),
        # priority: the text box would take F6 for "select line"
        Binding("f6", "cycle_theme", N_("Colours"), id="app.theme", show=False, priority=True),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True, show=False),
        Binding("ctrl+c", "quit", N_("Quit"), id="app.interrupt", priority=True, show=False),
    ]

    def __init__(
        self,
        *,
        store_path: str | None = None,
        lang: str | None = None,
        case: str | None = None,
        journey: str = "adult",
        start_screen: bool = False,
    ) -> None:
        super().__init__(lang=lang)  # lang: the conversation's own when one is open
        self.session = Session(store_path, journey)
        self.chosen_lang = normalise_lang(lang) if lang else None
        """A language the citizen asked for (flag or key); None keeps a resumed conversation's own."""
        self.case = case
        self.start_screen = start_screen

    def on_mount(self) -> None:
        self.retranslate_app()
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._quit)
        if self.start_screen:
            self.show_start()
        else:
            self.show_chat(self.case)

    # -- screens ------------------------------------------------------------------
    def show_start(self) -> None:
        from assistant.tui.screens.start import StartScreen

        self._switch(StartScreen())

    def show_chat(self, case: str | None = None) -> None:
        from assistant.tui.screens.chat import ChatScreen

        lang = self.chosen_lang if case else (self.chosen_lang or self.lang)
        self._switch(ChatScreen(case=case, lang=lang))

    def show_paused(self, case: str | None, finished: bool, declined: bool = False) -> None:
        from assistant.tui.screens.paused import PausedScreen

        self._switch(PausedScreen(case, finished, declined))

    def _switch(self, screen) -> None:
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    # -- language and looks ---------------------------------------------------------
    def set_language(self, lang: str) -> None:
        self.lang = normalise_lang(lang)

    def action_toggle_language(self) -> None:
        new = "en" if self.lang == "da" else "da"
        change = getattr(self.screen, "change_language", None)
        self.chosen_lang = new
        if change is None or change(new):
            self.lang = new

    def help_screen(self):
        from assistant.tui.screens.help import HelpScreen

        conversation = self.session.conversation
        return HelpScreen(conversation.case_id if conversation else None)

    # -- leaving ----------------------------------------------------------------------
    async def action_quit(self) -> None:
        self._quit()

    @work(thread=True, exclusive=True, group="quit", exit_on_error=False)
    def _quit(self) -> None:
        try:
            self.session.pause()
        finally:
            self.call_from_thread(self.exit)

    def on_unmount(self) -> None:
        # Already-sent answers are on disk; this only records the pause and frees the lock.
        try:
            self.session.pause()
        except BorgerrejseError:
            pass


def make_app(
    *,
    store_path: str | None = None,
    lang: str | None = None,
    case: str | None = None,
    journey: str = "adult",
    start_screen: bool = False,
) -> BorgerrejseApp:
    """The one factory for the CLI and the tests."""
    return BorgerrejseApp(store_path=store_path, lang=lang, case=case, journey=journey, start_screen=start_screen)


def run_app(
    *,
    store_path: str | None = None,
    lang: str | None = None,
    case: str | None = None,
    journey: str = "adult",
    start_screen: bool = False,
) -> int:
    """Run the chat in this terminal; the process's exit code."""
    app = make_app(store_path=store_path, lang=lang, case=case, journey=journey, start_screen=start_screen)
    try:
        result = app.run()
    finally:
        app.session.pause()
    return hand_over(result, store_path=store_path, lang=app.lang) or app.return_code or 0


def hand_over(result: object, *, store_path: str | None, lang: str) -> int | None:
    """Open the app a door on the start screen asked for (after this one has closed)."""
    from assistant.tui.screens.start import OPEN_CASEWORKER

    if result == OPEN_CASEWORKER:
        from assistant.tui.caseworker import run_caseworker

        return run_caseworker(store_path=store_path, lang=lang)
    return None
