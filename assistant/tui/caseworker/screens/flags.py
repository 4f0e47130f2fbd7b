"""Signs of distress on one case: what was seen and when, and marking it handled with a note.

Works on every case, with a plan or not yet: a sign may come at the very first
question. The note is written with the case's lock — through the open case's
session when the case screen holds it, else by opening the case for a moment.
"""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static

from assistant.domain import safety
from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, translator
from assistant.tui.caseworker.screens.form import FormScreen

TITLE = N_("Signs of distress in the conversation")
EXPLAIN = N_("The assistant stopped the conversation and showed where help is. "
             "Talk with the citizen, then write what was done.")
NOTE = N_("What was done (required)")
HANDLED = N_("Mark as handled")
CANCEL = N_("Cancel")
NONE_OPEN = N_("Every sign on this case is handled.")


class FlagScreen(FormScreen[bool]):
    """Returns True when the open signs were marked handled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.flags.cancel"),
        Binding("ctrl+s", "handled", N_("Mark as handled"), id="cw.flags.handled"),
    ]
    CANCELLED = False
    DIALOG_ID = "flags"
    COMPACT_WHEN_NARROW = False
    ERROR_LINE = "#flag-error"

    def __init__(self, case_id: str, flags: list[dict]) -> None:
        super().__init__()
        self.case_id = case_id
        self.flags = flags

    def compose_form(self) -> ComposeResult:
        t = translator(self.app.lang)
        _ = t.gettext
        still_open = [f for f in self.flags if not f.get("handled")]
        yield self.dialog_title(safety_mark(_(TITLE)))
        yield Static(Content(_(EXPLAIN)))
        with VerticalScroll(id="flag-list"):
            for flag in self.flags:
                yield Static(Content("• " + safety.describe_flag(flag, t)),
                             classes="flag-open" if not flag.get("handled") else "flag-handled")
        if still_open:
            yield Label(Content(_(NOTE)))
            yield Input(id="flag-note", max_length=500)
            yield Static(id="flag-error", classes="error")
            yield self.save_and_cancel(HANDLED, CANCEL, save_id="flag-handled", save_variant="error")
        else:
            yield Static(Content(_(NONE_OPEN)))
            yield self.button_row(self.cancel_button(CANCEL))

    def focus_first(self) -> None:
        focus = self.query("#flag-note") or self.query("#cancel")
        focus.first().focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "handled":
            return bool(self.query("#flag-note"))
        return True

    @on(Button.Pressed, "#flag-handled")
    @on(Input.Submitted, "#flag-note")
    def action_handled(self) -> None:
        if not self.query("#flag-note"):
            return
        note = self.query_one("#flag-note", Input).value
        self._save(note)

    @work(thread=True, exclusive=True, group="flags", exit_on_error=False)
    def _save(self, note: str) -> None:
        from store import clock

        app = self.app

        def mark(handle) -> None:
            safety.mark_handled(handle, note, app.user, at=clock.now())

        try:
            session = app.session
            if session is not None and session.is_open and session.case_id == self.case_id:
                session.run(lambda work: mark(work.handle))
            else:
                with app.store.open_case(self.case_id, write=True) as handle:
                    mark(handle)
        except BorgerrejseError as exc:
            app.call_from_thread(self.show_error, exc)
            return
        app.call_from_thread(self.dismiss, True)


def safety_mark(text: str) -> str:
    return f"⚑ {text}"
