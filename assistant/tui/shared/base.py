"""What the citizen's, the caseworker's and the trainer's apps have in common.

One base for the looks (themes and the F6 key that cycles them), the language of
everything on screen (a reactive ``lang``; the footer's key labels follow it, and
the F2 key names the other language in itself), and the help screen (F1 opens what
:meth:`BorgerrejseBaseApp.help_screen` returns). Each app adds its own screens and keys.
"""

from __future__ import annotations

import dataclasses

from textual.app import App
from textual.reactive import reactive

from assistant.common.i18n import N_, normalise_lang, translator
from assistant.tui.shared.lang import translate_bindings
from assistant.tui.shared.textual_compat import relabel_bindings
from assistant.tui.shared.themes import DEFAULT_THEME, HIGH_CONTRAST, THEME_CYCLE

LANGUAGE_NAME = {"da": "English", "en": "Dansk"}  # the key names the other language, in itself
THEME_NAMES = {
    "textual-dark": N_("dark"),
    "textual-light": N_("light"),
    HIGH_CONTRAST.name: N_("high contrast"),
}
THEME_SHOWN = N_("Colours: {theme}. Press F6 for other colours.")


class BorgerrejseBaseApp(App):
    """Themes, language and help shared by every borgerrejse app."""

    TITLE = "Borgerrejse"
    ENABLE_COMMAND_PALETTE = False

    lang: reactive[str] = reactive("da", init=False)
    """The language of everything on screen."""

    def __init__(self, *, lang: str | None = None, css_path: list[str] | None = None) -> None:
        super().__init__(css_path=css_path)
        self.set_reactive(BorgerrejseBaseApp.lang, normalise_lang(lang))
        self.register_theme(HIGH_CONTRAST)
        self.theme = DEFAULT_THEME

    @property
    def _(self):
        """gettext in the app's current language."""
        return translator(self.lang).gettext

    # -- language ---------------------------------------------------------------------
    def watch_lang(self) -> None:
        self.retranslate_app()
        for screen in self.screen_stack:
            if hasattr(screen, "retranslate"):
                screen.retranslate()

    def retranslate_app(self) -> None:
        """The app's key labels in the current language (F2 names the other one)."""
        translate_bindings(self, self._)
        relabel_bindings(self, lambda _key, b: b if b.action != "toggle_language"
                         else dataclasses.replace(b, description=LANGUAGE_NAME[self.lang]))
        self.refresh_bindings()

    def action_toggle_language(self) -> None:
        """Switch Danish/English; a screen may refuse or take over with ``change_language(new)``."""
        new = "en" if self.lang == "da" else "da"
        change = getattr(self.screen, "change_language", None)
        if change is None or change(new):
            self.lang = new

    def shown(self) -> None:
        """The first screen a person reads is up: start-up is over (cycle collection goes on
        after this frame, see :func:`assistant.tui.pause_gc`)."""
        from assistant.tui import resume_gc

        self.call_after_refresh(resume_gc)

    # -- looks and help ------------------------------------------------------------------
    def action_cycle_theme(self) -> None:
        names = list(THEME_CYCLE)
        current = names.index(self.theme) if self.theme in names else -1
        self.theme = names[(current + 1) % len(names)]
        self.notify(self._(THEME_SHOWN).format(theme=self.theme_name()), timeout=4)  # say which colours are on

    def theme_name(self) -> str:
        """The colours now on, in words (for help and the F6 message)."""
        return self._(THEME_NAMES.get(self.theme, THEME_NAMES[DEFAULT_THEME]))

    def help_screen(self):
        """The screen F1 opens (None: this app has no help)."""
        return None

    def action_help(self) -> None:
        screen = self.help_screen()
        if screen is not None and not isinstance(self.screen, type(screen)):
            self.push_screen(screen)
