"""The front door: start a new conversation, or continue one with its code; the language.

It lists no one: a citizen at a shared screen sees nobody else's name. To continue,
the citizen types the short code from the pause screen (``KX4-9PM``), or the
caseworker opens the conversation for them (``borgerrejse chat --case KX4-9PM``).
The caseworker's workspace is started on its own (``borgerrejse caseworker``).
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Static

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.citizen.widgets.footer import CitizenFooter
from store.codes import normalise_code

TITLE = N_("Your own plan")
INTRO = N_(
    "A calm conversation about your everyday life and your dreams. "
    "From your words I write a draft of your plan. You decide, and you can stop at any time."
)
NEW = N_("Start a new conversation")
CONTINUE = N_("Continue a conversation")
CODE_HINT = N_("Write the code you got last time (it looks like KX4-9PM), and press Enter.")
CODE_BUTTON = N_("Continue")
NO_CODE = N_("No code? Press Enter again to start a new conversation.")
UNKNOWN_CODE = N_("We cannot find a conversation with the code {code}. Check the code, or ask your caseworker.")
LANGUAGE_BUTTON = {"da": "English", "en": "Dansk"}  # each language's name in itself
CODE_CHARS = 12  # a code with its dash and a space or two


class StartScreen(Screen):
    """New conversation, or a code to continue one; nothing here names any citizen."""

    CSS_PATH = "start.tcss"

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="start-box"):
            yield Static(id="start-title")
            yield Static(id="start-intro")
            with Horizontal(id="start-buttons"):
                yield Button(id="start-new", variant="primary")
                yield Button(id="start-lang")
            yield Static(id="start-continue")
            yield Static(id="start-code-hint")
            with Horizontal(id="start-code-row"):
                yield Input(id="start-code", max_length=CODE_CHARS, placeholder="KX4-9PM", restrict=r"[A-Za-z0-9 -]*")
                yield Button(id="start-code-go")
            yield Static(id="start-message")
        yield CitizenFooter()

    def on_mount(self) -> None:
        self.retranslate()
        self.app.shown()
        # A habitual Enter must not start a new conversation for someone who came back:
        # the focus is on the code, and Enter on an empty code leads to the new-conversation button.
        self.query_one("#start-code", Input).focus()
        self.call_after_refresh(self.query_one("#start-code", Input).scroll_visible, animate=False)

    def retranslate(self) -> None:
        _ = gettext_for(self)
        translate_bindings(self, _)
        self.query_one("#start-title", Static).update(Content(_(TITLE)))
        self.query_one("#start-intro", Static).update(Content(_(INTRO)))
        self.query_one("#start-new", Button).label = Content(_(NEW))
        self.query_one("#start-lang", Button).label = Content(LANGUAGE_BUTTON[self.app.lang])
        self.query_one("#start-continue", Static).update(Content(_(CONTINUE)))
        self.query_one("#start-code-hint", Static).update(Content(_(CODE_HINT)))
        self.query_one("#start-code-go", Button).label = Content(_(CODE_BUTTON))
        self.query_one("#start-message", Static).update("")
        self.refresh_bindings()

    def _say(self, message: str) -> None:
        self.query_one("#start-message", Static).update(Content(message))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.continue_with(event.value)

    def on_input_changed(self, event: Input.Changed) -> None:
        self._say("")

    def continue_with(self, typed: str) -> None:
        """Open the conversation with the code ``typed`` (any case, with or without the dash)."""
        _ = gettext_for(self)
        code = normalise_code(typed)
        if not code:
            self._say(_(NO_CODE))
            self.query_one("#start-new", Button).focus()
            return
        try:
            known = self.app.session.store.exists(code)
        except BorgerrejseError:
            known = False
        if not known:
            self._say(_(UNKNOWN_CODE).format(code=" ".join(typed.split())[:CODE_CHARS]))
            return
        self.app.show_chat(case=code)

    def on_key(self, event: events.Key) -> None:
        # Typing a code anywhere on this screen puts it in the code field.
        field = self.query_one("#start-code", Input)
        if event.is_printable and event.character and event.character.strip() and self.focused is not field:
            event.stop()
            field.focus()
            field.insert_text_at_cursor(event.character)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start-new":
            self.action_new()
        elif event.button.id == "start-lang":
            self.app.action_toggle_language()
        elif event.button.id == "start-code-go":
            self.continue_with(self.query_one("#start-code", Input).value)

    def action_new(self) -> None:
        self.app.show_chat(case=None)
