"""A short yes/no question over the chat (e.g. before skipping a question with words in the box)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from assistant.common.i18n import N_
from assistant.tui.shared.lang import gettext_for, translate_bindings


class ConfirmScreen(ModalScreen[bool]):
    """``question`` with two buttons; the safe one (``no``) has the focus, Escape means no."""

    CSS_PATH = "confirm.tcss"

    BINDINGS = [Binding("escape", "no", N_("Back"), id="confirm.no")]

    def __init__(self, question: str, yes: str, no: str) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no  # English msgids

    def compose(self) -> ComposeResult:
        _ = gettext_for(self)
        with Vertical(id="confirm-box"):
            yield Static(Content(_(self.question)), id="confirm-question")
            with Horizontal(id="confirm-buttons"):
                yield Button(Content(_(self.no)), id="confirm-no", variant="primary")
                yield Button(Content(_(self.yes)), id="confirm-yes")

    def on_mount(self) -> None:
        translate_bindings(self, gettext_for(self))
        self.query_one("#confirm-no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_no(self) -> None:
        self.dismiss(False)
