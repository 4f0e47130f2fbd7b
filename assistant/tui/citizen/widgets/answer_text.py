"""The text box for questions answered in words (Textual's text area: imported when first needed)."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import TextArea

from assistant.common.i18n import N_
from assistant.common.text import clean
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.citizen.widgets.answers import Answered, keep_typed

WRITE_FIRST = N_("Write your answer first, or press F3 to skip the question.")


class AnswerText(TextArea):
    """Free text over several lines: Enter sends, Ctrl+N starts a new line.

    Pasted text loses its control characters before it lands in the field.
    """

    # Handled in _on_key, in order with the typed characters (a priority binding
    # would run before characters typed just earlier reach the field); the
    # bindings are here so the footer shows them.
    BINDINGS = [
        Binding("enter", "send", N_("Send"), id="answer.send"),
        Binding("ctrl+n,shift+enter,alt+enter,ctrl+j", "newline", N_("New line"), id="answer.newline"),
    ]
    NEWLINE_KEYS = ("ctrl+n", "shift+enter", "alt+enter", "ctrl+j")

    def __init__(self, **kwargs) -> None:
        super().__init__(soft_wrap=True, tab_behavior="focus", **kwargs)
        self.sent = False
        self.typeahead = ""
        """Typed after Enter, while the next question is being prepared: it goes to the next box."""

    def on_mount(self) -> None:
        translate_bindings(self, gettext_for(self))

    def reopen(self) -> None:
        """The answer came back (could not be used): the field is the citizen's again."""
        self.sent = False
        self.read_only = False
        if self.typeahead:
            self.insert(self.typeahead, self.document.end)
            self.typeahead = ""

    async def _on_key(self, event: events.Key) -> None:
        if self.sent:
            event.stop()
            event.prevent_default()
            self.typeahead = keep_typed(self.typeahead, event)
        elif event.key == "enter":
            event.stop()
            event.prevent_default()
            self.action_send()
        elif event.key in self.NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()
        else:
            await super()._on_key(event)

    def action_send(self) -> None:
        if self.sent:
            return
        if not self.text.strip():  # an Enter too many must not skip a question unasked
            self.app.notify(gettext_for(self)(WRITE_FIRST), timeout=4)
            return
        self.sent = True
        self.read_only = True
        self.post_message(Answered(self.text, self.text))

    def action_newline(self) -> None:
        start, end = self.selection
        self._replace_via_keyboard("\n", start, end)

    async def _on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        text = clean(event.text)
        if self.sent:
            self.typeahead += text
            return
        if self.read_only:
            return
        if result := self._replace_via_keyboard(text, *self.selection):
            self.move_cursor(result.end_location)
