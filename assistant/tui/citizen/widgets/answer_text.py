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

    # Handled in on_key, in order with the typed characters (a priority binding
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

    def on_key(self, event: events.Key) -> None:
        """Enter and the new-line keys (and every key once the answer is sent) are ours; the rest
        goes on to the text area. Our handler runs before the text area's own (a subclass's
        handler comes first), and ``prevent_default`` keeps the text area's from running."""
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
        self._type_in("\n")

    def on_paste(self, event: events.Paste) -> None:
        """Pasted text, without its control characters (the text area's own paste does not run)."""
        event.stop()
        event.prevent_default()
        text = clean(event.text)
        if self.sent:
            self.typeahead += text
            return
        if result := self._type_in(text):
            self.move_cursor(result.end_location)

    def _type_in(self, text: str):
        """``text`` in place of the selection, as if typed: nothing when read-only; the cursor
        ends after it. (What Textual's text area does for a typed key, with public calls only.)"""
        if self.read_only:
            return None
        start, end = self.selection
        return self.replace(text, start, end, maintain_selection_offset=False)
