"""Ways to answer, one per kind of question; each posts :class:`Answered`.

The text box (:class:`AnswerText`) lives in :mod:`assistant.tui.citizen.widgets.answer_text`: Textual's
text area is imported only when a question first needs it (the first question needs a button).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Static

from assistant.common.i18n import N_
from assistant.domain.question import Choice
from assistant.common.text import clean

CONTINUE = N_("Continue")
LABEL_MAX = 60
TYPED_MAX = 80


@dataclass
class Answered(Message):
    """The citizen answered; handled by ``ChatScreen.on_answered``.

    ``text`` goes to the conversation; ``shown`` is what the transcript shows as
    the citizen's words (None for "continue").
    """

    text: str
    shown: str | None


def keep_typed(typed: str, event: events.Key) -> str:
    """``typed`` with one more key typed ahead: characters and Backspace count; Enter does not
    (it would send an answer to a question not yet read)."""
    if event.key == "backspace":
        return typed[:-1]
    if event.is_printable and event.character:
        return typed + event.character
    return typed


class ContinueButton(Button):
    """For a message that needs no answer: the citizen reads it and goes on."""

    def __init__(self, label: str) -> None:
        super().__init__(Content(label), variant="primary", id="continue")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.post_message(Answered("", None))


class ChoiceButton(Button):
    """One quick reply; the label may be the citizen's own words (never markup)."""

    def __init__(self, number: int, choice: Choice, send: str, *, compact: bool = False) -> None:
        label = clean(choice.label)  # a dream from the case file, as words only
        label = label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"
        label = " ".join(label.split())
        super().__init__(
            Content(f"{number}  {label}"), id=f"choice-{number}", classes=f"choice-{choice.value}", compact=compact
        )
        self.choice = choice
        self.send = send


class ChoiceBar(Horizontal):
    """Quick-reply buttons: click, arrows or Tab and Enter, a number key, or typing.

    No single-letter shortcuts: a citizen who starts typing words here must not
    pick "No" with the "n" of a word. Typed (or pasted) letters are shown and move
    the highlight to the answer they begin; Enter sends the words as typed, and the
    conversation reads them as it reads any typed answer (a label, its start, a
    number, "nej"), asking again kindly if they fit no choice — so "nej" + Enter is
    a no even if the focus was on "Ja". Arrows, Tab and the mouse clear
    what was typed: then Enter or Space take the highlighted answer.
    """

    def __init__(self, choices: list[Choice], *, stacked: bool = False) -> None:
        super().__init__(classes="stacked" if stacked else "")
        self.choices = choices
        self.stacked = stacked
        self.always_stacked = False
        self.typed = ""
        self.sent = False
        self.typeahead = ""

    def compose(self):
        labels = [c.label for c in self.choices]
        for number, choice in enumerate(self.choices, start=1):
            ambiguous = choice.label.strip().isdigit() or labels.count(choice.label) > 1
            yield ChoiceButton(number, choice, str(number) if ambiguous else choice.label, compact=self.stacked)
        yield Static(id="choice-typed", classes="typed")

    def _type(self, typed: str) -> None:
        self.typed = typed
        self.query_one("#choice-typed", Static).update(Content(f"› {typed}" if typed else ""))
        wanted = typed.strip().casefold()
        if wanted:
            for button in self.query(ChoiceButton):
                if button.choice.label.casefold().startswith(wanted):
                    button.focus()
                    break

    def focus_first(self) -> None:
        buttons = list(self.query(ChoiceButton))
        if buttons:
            buttons[0].focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if isinstance(event.button, ChoiceButton):
            self._choose(event.button)

    def on_key(self, event: events.Key) -> None:
        buttons = list(self.query(ChoiceButton))
        if self.sent:
            event.stop()
            event.prevent_default()
            self.typeahead = keep_typed(self.typeahead, event)
            return
        if self.typed and event.key == "enter":
            event.stop()
            event.prevent_default()
            typed = self.typed.strip()
            self._type("")
            if typed:  # the conversation reads typed words as it reads any typed answer
                self.sent = True
                self.post_message(Answered(typed, typed))
            return
        if self.typed and event.key in ("backspace", "escape"):
            event.stop()
            self._type(self.typed[:-1] if event.key == "backspace" else "")
            return
        if event.key in ("left", "up", "right", "down", "tab", "shift+tab"):
            self._type("")  # moving by hand: Enter now means the highlighted answer
            if event.key in ("tab", "shift+tab"):
                return
            if event.key in ("left", "up"):
                self.screen.focus_previous(ChoiceButton)
            else:
                self.screen.focus_next(ChoiceButton)
            event.stop()
            return
        if event.key == "space" and not self.typed:
            if isinstance(self.screen.focused, ChoiceButton):
                event.stop()
                self._choose(self.screen.focused)
            return
        if event.character and event.character.isdigit() and not self.typed:
            if 1 <= int(event.character) <= len(buttons):
                event.stop()
                self._choose(buttons[int(event.character) - 1])
            return
        if event.character and event.is_printable:
            event.stop()
            event.prevent_default()
            self._type((self.typed + event.character)[:TYPED_MAX])

    def on_paste(self, event: events.Paste) -> None:
        event.stop()
        event.prevent_default()
        if self.sent:
            self.typeahead += clean(event.text)
            return
        self._type((self.typed + " ".join(clean(event.text).split()))[:TYPED_MAX])

    def on_mouse_down(self, event: events.MouseDown) -> None:
        self._type("")  # a click chooses what it clicks

    def _choose(self, button: ChoiceButton) -> None:
        if self.sent:
            return
        self.sent = True
        self.post_message(Answered(button.send, button.choice.label))

    def reopen(self) -> None:
        """The answer came back (typed words that fit no button): choose again."""
        self.sent = False
        if self.typeahead:
            self._type(self.typeahead.replace("\n", " ")[:TYPED_MAX])
            self.typeahead = ""

    def type_ahead(self, typed: str) -> None:
        """Words typed before these buttons were shown."""
        self._type(" ".join(typed.split())[:TYPED_MAX])
