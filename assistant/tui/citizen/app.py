"""The citizen's chat app: a small App that owns the session and switches screens."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading

from textual import work
from textual.binding import Binding

from assistant.common.i18n import N_, normalise_lang, translator
from assistant.tui import resume_gc
from assistant.tui.shared.base import BorgerrejseBaseApp
from assistant.tui.citizen.session import Session, opening_lang

COME_BACK = N_("Your words are saved. To come back, write: {command}")
GC_AT_THE_LATEST = 2.0  # seconds after start: cycle collection is on again even if no question came
START_CSS = "screens/start.tcss"
HANG_UP_GRACE = 0.8  # seconds: after a hang-up or SIGTERM the process ends within a second, come what may


class BorgerrejseApp(BorgerrejseBaseApp):
    """Start screen or chat; quitting (Ctrl+Q, Ctrl+C, hang-up) pauses the conversation."""

    CSS_PATH = "app.tcss"
    # Under 70 columns the screens get "-narrow" (app.tcss): buttons stand in a column, nothing is cut.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (70, "-normal")]

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
        session: Session | None = None,
    ) -> None:
        # lang: the conversation's own when one is open. Each other screen brings its own rules
        # (screens/*.tcss, read when first shown); the start screen's are read with the app's
        # when the program starts there, so its first frame is styled once.
        super().__init__(lang=lang, css_path=[self.CSS_PATH, START_CSS] if start_screen else None)
        self.session = session or Session(store_path, journey)
        if not start_screen and session is None:
            # The conversation is opened (its files read or made) while Textual builds the screen.
            self.session.preview_or_open_ahead(case, opening_lang(case, lang))
        self.chosen_lang = normalise_lang(lang) if lang else None
        """A language the citizen asked for (flag or key); None keeps a resumed conversation's own."""
        self.case = case
        self.start_screen = start_screen
        self.paused_case: str | None = None  # the case left open by quitting, to say how to come back
        self._ending = False

    def on_mount(self) -> None:
        self.set_timer(GC_AT_THE_LATEST, resume_gc)
        self.retranslate_app()
        if not self.is_headless:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._hang_up, sig)

    # -- screens ------------------------------------------------------------------
    def get_default_screen(self):
        """The first screen (start or chat) is the app's own first screen, not one pushed over an
        empty one: one screen to build, style and lay out before the first frame."""
        screen = self._start_screen() if self.start_screen else self._chat_screen(self.case)
        self._size_class(screen)
        return screen

    def show_start(self) -> None:
        self._switch(self._start_screen())

    def show_chat(self, case: str | None = None) -> None:
        self._switch(self._chat_screen(case))

    @staticmethod
    def _start_screen():
        from assistant.tui.citizen.screens.start import StartScreen

        return StartScreen()

    def _chat_screen(self, case: str | None):
        from assistant.tui.citizen.screens.chat import ChatScreen

        lang = self.chosen_lang if case else (self.chosen_lang or self.lang)
        return ChatScreen(case=case, lang=lang)

    def show_paused(self, case: str | None, finished: bool, declined: bool = False, *, stopped: bool = False,
                    help_lines: list[str] | None = None) -> None:
        from assistant.tui.citizen.screens.paused import PausedScreen

        self._switch(PausedScreen(case, finished, declined, stopped=stopped, help_lines=help_lines))

    def _switch(self, screen) -> None:
        """The next screen in place of the one shown (and of any help over it). The first screen
        stays at the bottom of the stack, under the others: Textual cannot be without a screen
        for a moment, as switching the only one would leave it."""
        self._size_class(screen)
        if len(self.screen_stack) > 1:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def _size_class(self, screen) -> None:
        # Its width class (-narrow, -normal) from the start: given on the first resize, it would
        # restyle every widget of the new screen once more before anything is painted.
        for threshold, name in sorted(self.HORIZONTAL_BREAKPOINTS, reverse=True):
            if self.size.width >= threshold:
                screen.add_class(name)
                break

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
        from assistant.domain.safety import is_youth
        from assistant.tui.citizen.screens.help import HelpScreen

        conversation = self.session.conversation
        # A young person's help page names Børnetelefonen first (the case's journey, or the one to start).
        youth = is_youth(conversation.handle.meta) if conversation else self.session.journey == "youth"
        return HelpScreen(conversation.case_id if conversation else None, youth=youth)

    # -- leaving ----------------------------------------------------------------------
    async def action_quit(self) -> None:
        self._quit(self.unsent())

    def unsent(self) -> tuple[str | None, str] | None:
        """The open question's unsent words (question key, text), from the chat under any help."""
        for screen in reversed(self.screen_stack):
            current_draft = getattr(screen, "current_draft", None)
            if current_draft is not None:
                return current_draft()
        return None

    def _hang_up(self, signum: int) -> None:
        """The terminal was closed (SIGHUP) or we were asked to stop (SIGTERM).

        The unsent words are saved and the conversation paused (which frees its
        lock) in a thread; a watchdog ends the process within a second even if the
        terminal is gone and the screen cannot be restored.
        """
        if self._ending:
            return
        self._ending = True
        watchdog = threading.Timer(HANG_UP_GRACE, os._exit, args=(128 + signum,))
        watchdog.daemon = True
        watchdog.start()
        if signum == signal.SIGHUP:  # no terminal to give back: save, free the case, and go
            self._save_and_vanish(self.unsent(), 128 + signum)
        else:
            self._quit(self.unsent())

    @work(thread=True, exclusive=True, group="quit", exit_on_error=False)
    def _save_and_vanish(self, draft: tuple[str | None, str] | None, code: int) -> None:
        try:
            self.session.close(draft)  # pauses; if that cannot be saved, still lets go of the lock
        finally:
            os._exit(code)  # the lock goes with the process; the pause is on disk (fsynced)

    @work(thread=True, exclusive=True, group="quit", exit_on_error=False)
    def _quit(self, draft: tuple[str | None, str] | None = None) -> None:
        try:
            self.paused_case = self.session.close(draft) or self.paused_case
        finally:
            self.call_from_thread(self.exit)

    def on_unmount(self) -> None:
        # Already-sent answers are on disk; this only records the pause and frees the lock.
        self.session.close()


def make_app(
    *,
    store_path: str | None = None,
    lang: str | None = None,
    case: str | None = None,
    journey: str = "adult",
    start_screen: bool = False,
    session: Session | None = None,
) -> BorgerrejseApp:
    """The one factory for the CLI and the tests."""
    return BorgerrejseApp(store_path=store_path, lang=lang, case=case, journey=journey, start_screen=start_screen,
                          session=session)


def run_app(
    *,
    store_path: str | None = None,
    lang: str | None = None,
    case: str | None = None,
    journey: str = "adult",
    start_screen: bool = False,
    session: Session | None = None,
) -> int:
    """Run the chat in this terminal; the process's exit code."""
    app = make_app(store_path=store_path, lang=lang, case=case, journey=journey, start_screen=start_screen,
                   session=session)
    try:
        app.run()
    finally:
        resume_gc()
        app.paused_case = app.session.close() or app.paused_case
    if app.paused_case:
        try:  # the screen is gone: every way out says how to come back
            print(come_back(app), file=sys.stderr)
        except OSError:  # no terminal left to say it on
            pass
    return app.return_code or 0


def come_back(app: BorgerrejseApp) -> str:
    """How to continue the paused conversation, in the app's language."""
    from store.codes import shown_code

    command = app.session.store.resume_command("chat", shown_code(app.paused_case or ""))
    return translator(app.lang).gettext(COME_BACK).format(command=command)
