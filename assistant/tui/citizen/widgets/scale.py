"""A 0–10 scale: digits, arrow keys or a click; the chosen number shown large."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Digits, Static

from assistant.common.i18n import N_
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.citizen.widgets.answers import Answered

HINT = N_("Type a number or use the arrow keys, then press Enter.")
CHOOSE_FIRST = N_("Choose a number first, or press F3 to skip.")


class ScaleCell(Static):
    """One number on the scale; clicking it chooses it."""

    def __init__(self, number: int) -> None:
        super().__init__(Content(str(number)), classes="cell")
        self.number = number

    def on_click(self, event: events.Click) -> None:
        event.stop()
        picker = self.query_ancestor(ScalePicker)
        picker.focus()
        picker.choose(str(self.number))


class ScalePicker(Widget, can_focus=True):
    """Holds what the citizen typed; Enter sends it to the conversation as it is.

    The conversation decides whether it is a valid number (so "12" gets the
    conversation's own kind message, not a second rule here).
    """

    BINDINGS = [
        Binding("left,down", "step(-1)", N_("Less"), id="scale.less", show=False),
        Binding("right,up", "step(1)", N_("More"), id="scale.more", show=False),
        Binding("enter", "send", N_("Send"), id="scale.send"),
    ]

    typed: reactive[str] = reactive("")

    def __init__(self, low: int = 0, high: int = 10) -> None:
        super().__init__()
        self.low, self.high = low, high
        self._whole = False

    def compose(self) -> ComposeResult:
        with Horizontal(id="scale-row"):
            yield Digits(" ", id="scale-number")
            with Vertical(id="scale-side"):
                with Horizontal(id="scale-cells"):
                    for n in range(self.low, self.high + 1):
                        yield ScaleCell(n)
                yield Static(Content(gettext_for(self)(HINT)), id="scale-hint")

    def on_mount(self) -> None:
        translate_bindings(self, gettext_for(self))

    def watch_typed(self, typed: str) -> None:
        self.query_one("#scale-number", Digits).update(typed or " ")
        for cell in self.query(ScaleCell):
            cell.set_class(typed.isdigit() and cell.number == int(typed), "-chosen")
        outside = typed.isdigit() and not self.low <= int(typed) <= self.high
        self.query_one("#scale-number", Digits).set_class(outside, "-outside")

    def choose(self, value: str) -> None:
        """A whole value set at once (an earlier answer, a click, an arrow): the next digit replaces it."""
        self.typed = value
        self._whole = True

    def on_key(self, event: events.Key) -> None:
        if event.character and event.character.isdigit():
            event.stop()
            # "1" then "0" is ten; a third digit starts over. ("1", "2" is twelve, and the
            # conversation says kindly that the scale goes to 10.)
            grows = not self._whole and len(self.typed) == 1 and self.typed != "0"
            self.typed = self.typed + event.character if grows else event.character
            self._whole = False
        elif event.key == "backspace":
            event.stop()
            self.typed = self.typed[:-1]
            self._whole = False

    def action_step(self, delta: int) -> None:
        current = int(self.typed) if self.typed.isdigit() else (self.low - 1 if delta > 0 else self.high + 1)
        self.choose(str(min(self.high, max(self.low, current + delta))))

    def action_send(self) -> None:
        if not self.typed:
            self.query_one("#scale-hint", Static).update(Content(gettext_for(self)(CHOOSE_FIRST)))
            return
        self.post_message(Answered(self.typed, self.typed))
