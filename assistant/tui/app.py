"""The citizen's chat app: a small App that owns the session and switches screens."""

from __future__ import annotations

import asyncio
import signal

from textual import work
from textual.app import App
from textual.binding import Binding
from textual.reactive import reactive

from assistant.i18n import N_, normalise_lang, translator
from assistant.tui.lang import translate_bindings
from assistant.tui.session import Session
from assistant.tui.themes import DEFAULT_THEME, HIGH_CONTRAST, THEME_CYCLE

LANGUAGE_NAME = {"da": "English", "en": "Dansk"}  # the key names the other language, in itself


class BorgerrejseApp(App):
    """Start screen or chat; quitting (Ctrl+Q, Ctrl+C, hang-up) pauses the conversation."""

    CSS_PATH = "app.tcss"
    TITLE = "Borgerrejse"
    ENABLE_COMMAND_PALETTE = False

    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="app.help"),
        Binding("f2", "toggle_language", "English", id="app.language"),
        # priority: the text box would take F6 for "select line"
        Binding("f6", "cycle_theme", N_("Colours"), id="app.theme", show=False, priority=True),
        Binding("ctrl+q", "quit", N_("Quit"), id="app.quit", priority=True, show=False),
        Binding("ctrl+c", "quit", N_("Quit"), id="app.interrupt", priority=True, show=False),
    ]

    lang: reactive[str] = reactive("da", init=False)
    """The language of everything on screen; the conversation's own when one is open."""

    def __init__(
        self,
        *,
        store_path: str | None = None,
        lang: str | None = None,
        case: str | None = None,
        journey: str = "adult",
        start_screen: bool = False,
    ) -> None:
        super().__init__()
        self.session = Session(store_path, journey)
        self.set_reactive(BorgerrejseApp.lang, normalise_lang(lang))
        self.chosen_lang = normalise_lang(lang) if lang else None
        """A language the citizen asked for (flag or key); None keeps a resumed conversation's own."""
        self.case = case
        self.start_screen = start_screen
        self.register_theme(HIGH_CONTRAST)
        self.theme = DEFAULT_THEME

    def on_mount(self) -> None:
        self._retranslate()
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

    def watch_lang(self) -> None:
        self._retranslate()
        for screen in self.screen_stack:
            if hasattr(screen, "retranslate"):
                screen.retranslate()

    def _retranslate(self) -> None:
        translate_bindings(self, translator(self.lang).gettext)
        for key, bindings in self._bindings.key_to_bindings.items():
            self._bindings.key_to_bindings[key] = [
                b if b.action != "toggle_language" else b.__class__(**{**b.__dict__, "description": LANGUAGE_NAME[self.lang]})
                for b in bindings
            ]
        self.refresh_bindings()

    def action_toggle_language(self) -> None:
        new = "en" if self.lang == "da" else "da"
        change = getattr(self.screen, "change_language", None)
        self.chosen_lang = new
        if change is None or change(new):
            self.lang = new

    def action_cycle_theme(self) -> None:
        names = list(THEME_CYCLE)
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]

    def action_help(self) -> None:
        from assistant.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        conversation = self.session.conversation
        self.push_screen(HelpScreen(conversation.case_id if conversation else None))

    # -- leaving ----------------------------------------------------------------------
    async def action_quit(self) -> None:
        self._quit()

    @work(thread=True, exclusive=True, group="quit", exit_on_error=False)
    def _quit(self) -> None:
        try:
            self.session.close()  # pauses; if that cannot be saved, still lets go of the lock
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
        app.session.close()
    return hand_over(result, store_path=store_path, lang=app.lang) or app.return_code or 0


def hand_over(result: object, *, store_path: str | None, lang: str) -> int | None:
    """Open the app a door on the start screen asked for (after this one has closed)."""
    from assistant.tui.screens.start import OPEN_CASEWORKER

    if result == OPEN_CASEWORKER:
        from assistant.tui.caseworker import run_caseworker

        return run_caseworker(store_path=store_path, lang=lang)
    return None
