"""The trainer's app: chooser, the demonstration, the end view — all on the demo store."""

from __future__ import annotations

from textual.binding import Binding

from assistant.services.demo import DemoPlayer
from assistant.common.i18n import N_
from assistant.tui.shared.base import BorgerrejseBaseApp
from store import Store


class TrainerApp(BorgerrejseBaseApp):
    """Trainer mode, clearly marked DEMO; holds at most one demonstration at a time."""

    CSS_PATH = "trainer.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (110, "-wide")]

    BINDINGS = [
        Binding("f1", "help", N_("Help"), id="trainer.help"),
        Binding("f2", "toggle_language", "English", id="trainer.language"),
        Binding("f6", "cycle_theme", N_("Colours"), id="trainer.theme", show=False, priority=True),
        Binding("ctrl+q", "quit", N_("Quit"), id="trainer.quit", priority=True, show=False),
        Binding("ctrl+c", "quit", N_("Quit"), id="trainer.interrupt", priority=True, show=False),
    ]

    def __init__(self, demo_store: Store, *, dialogues: str | None = None, lang: str | None = None) -> None:
        super().__init__(lang=lang)
        self.demo_store = demo_store
        """Where demonstrations are written: never the real store."""
        self.dialogues = dialogues
        """The user dialogues folder given on the command line (None: the default one)."""
        self.player: DemoPlayer | None = None

    def on_mount(self) -> None:
        from assistant.tui.trainer.screens import ChooseScreen

        self.title = "Borgerrejse — " + self._("trainer mode (DEMO)")
        self.retranslate_app()
        self.push_screen(ChooseScreen())

    def watch_lang(self) -> None:
        super().watch_lang()
        self.title = "Borgerrejse — " + self._("trainer mode (DEMO)")

    def help_screen(self):
        from assistant.tui.trainer.screens import TrainerHelpScreen

        return TrainerHelpScreen()

    def close_player(self) -> None:
        player, self.player = self.player, None
        if player is not None:
            player.close()

    def on_unmount(self) -> None:
        self.close_player()
