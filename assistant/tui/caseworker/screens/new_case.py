"""Register a case before the conversation: name, area, new/costly/complex (rec. 10)."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from assistant.domain.vocabulary import AREA_LABELS, AREAS
from assistant.services.damage import as_borgerrejse_error
from assistant.common.i18n import N_, translator
from assistant.common.text import clean
from assistant.tui.caseworker.screens.form import FormScreen

TITLE = N_("New case")
NAME = N_("The citizen's name")
AREA = N_("Area")
NCC = N_("New, costly or complex case")
NCC_HINT = N_("Then the first follow-up is within 3 months.")
CREATE = N_("Register")
CANCEL = N_("Cancel")
NAME_NEEDED = N_("Write the citizen's name.")
AREA_NEEDED = N_("Choose the area.")
CHOOSE = N_("Choose …")
JOURNEY = N_("The conversation")
JOURNEYS = {"adult": N_("Adult (handleplan, § 141)"),
            "youth": N_("Child or young person (barnets plan, Barnets lov)")}
JOURNEY_HINT = N_("For Children and young people the young person's conversation is chosen; you can change it.")


class NewCaseScreen(FormScreen[str | None]):
    """A small form; returns the new case number, or None if cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.new.cancel"),
        Binding("ctrl+s", "create", N_("Register"), id="cw.new.create"),
    ]
    DIALOG_ID = "new-case"
    COMPACT_WHEN_NARROW = False
    FIRST_FOCUS = "#new-name"
    ERROR_LINE = "#new-error"

    def compose_form(self) -> ComposeResult:
        t = translator(self.app.lang)
        _ = t.gettext
        yield self.dialog_title(_(TITLE))
        yield Label(Content(_(NAME)))
        yield Input(id="new-name", max_length=120)
        yield Label(Content(_(AREA)))
        yield Select([(t.label(AREA_LABELS, a), a) for a in AREAS], id="new-area", prompt=_(CHOOSE))
        yield Label(Content(_(JOURNEY)))
        yield Select([(t.label(JOURNEYS, j), j) for j in JOURNEYS], id="new-journey", value="adult",
                     allow_blank=False)
        yield Static(Content(_(JOURNEY_HINT)), classes="field-hint")
        yield Checkbox(Content(_(NCC)), id="new-ncc")
        yield Static(Content(_(NCC_HINT)), classes="field-hint")
        yield Static(id="new-error", classes="error")
        yield self.save_and_cancel(CREATE, CANCEL, save_id="new-create")

    @on(Button.Pressed, "#new-create")
    def action_create(self) -> None:
        name = " ".join(clean(self.query_one("#new-name", Input).value).split())
        area = self.query_one("#new-area", Select).value
        if not name:
            self.show_error(NAME_NEEDED)
        elif area is Select.NULL:
            self.show_error(AREA_NEEDED)
        else:
            self._create(name, str(area), self.query_one("#new-ncc", Checkbox).value,
                         str(self.query_one("#new-journey", Select).value))

    @on(Select.Changed, "#new-area")
    def _area_chosen(self, event: Select.Changed) -> None:
        """The area "Children and young people" has its own conversation (the caseworker may still choose)."""
        self.query_one("#new-journey", Select).value = "youth" if event.value == "children_young" else "adult"

    @work(thread=True, exclusive=True, group="new-case", exit_on_error=False)
    def _create(self, name: str, area: str, new_costly_complex: bool, journey: str = "adult") -> None:
        try:
            from assistant.services.caselist import register_case

            case_id = register_case(
                self.app.store, name=name, lang=self.app.lang, area=area, new_costly_complex=new_costly_complex, journey=journey,
                plan_kind="barnets_plan" if journey == "youth" else None, registered_by=self.app.user)
        except Exception as exc:  # a full disk, a read-only store: said in the form, which keeps the name
            self.app.call_from_thread(self.show_error, as_borgerrejse_error(exc, self.app.store.case_file(None)))
            return
        self.app.call_from_thread(self.dismiss, case_id)
