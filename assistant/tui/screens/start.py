"""The front door: start a new conversation, continue one, choose the language."""

from __future__ import annotations

import datetime as dt

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static
from textual.widgets.option_list import Option

from assistant.errors import BorgerrejseError
from assistant.i18n import N_, translator
from assistant.text import clean
from assistant.tui.lang import gettext_for, translate_bindings
from store import CaseSummary

TITLE = N_("Your own plan")
INTRO = N_(
    "A calm conversation about your everyday life and your dreams. "
    "From your words I write a draft of your plan. You decide, and you can stop at any time."
)
NEW = N_("Start a new conversation")
CONTINUE = N_("Continue a conversation")
NONE_YET = N_("There are no saved conversations yet.")
NO_NAME = N_("(no name yet)")
UNREADABLE = N_("cannot be read")
STATUS = {
    "in_progress": N_("not finished"),
    "paused": N_("paused"),
    "complete": N_("plan ready"),
    "declined": N_("said no thanks"),
}
CASEWORKER = N_("For caseworkers")
LANGUAGE_BUTTON = {"da": "English", "en": "Dansk"}  # each language's name in itself


OPEN_CASEWORKER = "caseworker"


class StartScreen(Screen):
    """Lists the conversations most recent first (read in a thread)."""

    BINDINGS = [Binding("n", "new", N_("New conversation"), id="start.new")]

    def __init__(self) -> None:
        super().__init__()
        self.cases: list[CaseSummary] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="start-box"):
            yield Static(id="start-title")
            yield Static(id="start-intro")
            with Horizontal(id="start-buttons"):
                yield Button(id="start-new", variant="primary")
                yield Button(id="start-lang")
                yield Button(id="start-caseworker")
            yield Static(id="start-continue")
            yield OptionList(id="start-cases")
        yield Footer()

    def on_mount(self) -> None:
        self.retranslate()
        self.query_one("#start-new", Button).focus()
        self._load()

    def retranslate(self) -> None:
        _ = gettext_for(self)
        translate_bindings(self, _)
        self.query_one("#start-title", Static).update(Content(_(TITLE)))
        self.query_one("#start-intro", Static).update(Content(_(INTRO)))
        self.query_one("#start-new", Button).label = Content(_(NEW))
        self.query_one("#start-lang", Button).label = Content(LANGUAGE_BUTTON[self.app.lang])
        self.query_one("#start-caseworker", Button).label = Content(_(CASEWORKER))
        self.query_one("#start-continue", Static).update(Content(_(CONTINUE)))
        self._fill()
        self.refresh_bindings()

    @work(thread=True, exit_on_error=False)
    def _load(self) -> None:
        try:
            cases = self.app.session.list_cases()
        except BorgerrejseError as exc:
            message = exc.translated(gettext_for(self))
            self.app.call_from_thread(self.query_one("#start-intro", Static).update, Content(message))
            return
        self.app.call_from_thread(self._loaded, cases)

    def _loaded(self, cases: list[CaseSummary]) -> None:
        self.cases = cases
        self._fill()

    def _fill(self) -> None:
        _ = gettext_for(self)
        options = self.query_one("#start-cases", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not self.cases:
            options.add_option(Option(Content(_(NONE_YET)), id="none", disabled=True))
            return
        for case in self.cases:
            options.add_option(Option(Content(self._describe(case)), id=case.id, disabled=bool(case.error)))
        options.highlighted = min(highlighted or 0, len(self.cases) - 1)

    def _describe(self, case: CaseSummary) -> str:
        _ = gettext_for(self)
        name = " ".join(clean(case.name or "").split())[:40] or _(NO_NAME)
        status = _(UNREADABLE) if case.error else _(STATUS.get(case.status, case.status))
        when = ""
        if case.updated:
            try:
                moment = dt.datetime.fromisoformat(case.updated).astimezone()
                when = f"{translator(self.app.lang).date(moment.date())} {moment:%H:%M}"
            except ValueError:
                when = case.updated[:16]
        return f"{name} · {status} · {when} · {case.id}"

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "start-new":
            self.action_new()
        elif event.button.id == "start-lang":
            self.app.action_toggle_language()
        elif event.button.id == "start-caseworker":
            # The workspace is an app of its own; run_app opens it once this one has closed.
            self.app.exit(result=OPEN_CASEWORKER)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and event.option.id != "none":
            self.app.show_chat(case=event.option.id)

    def action_new(self) -> None:
        self.app.show_chat(case=None)
