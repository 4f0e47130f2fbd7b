"""The measures granted, one at a time: legal basis, provider from the list, dates, extent, goals."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.suggester import SuggestFromList
from textual.widgets import Button, Checkbox, Input, Select, Static

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, translator
from assistant.domain.measures import EXTENT_PERIODS, EXTENT_UNITS, LEGAL_BASES, MeasureError, empty_measure, migrate
from assistant.common.text import clean
from assistant.tui.caseworker.screens.edit_base import EditScreen
from assistant.tui.caseworker.session import CaseSession
from assistant.tui.caseworker.widgets.form import CANCEL, NOT_SET, SAVE, ErrorLine, Field

TITLE = N_("Measures granted")
WHICH = N_("Measure")
NEW = N_("New measure")
LABELS = {
    "title": N_("What the help is (e.g. Bostøtte)"), "legal_basis": N_("Legal basis (e.g. SEL § 85)"),
    "provider": N_("Provider (from the list)"), "new_provider": N_("A provider not on the list yet"),
    "start": N_("Start date (YYYY-MM-DD)"), "end": N_("End date (YYYY-MM-DD)"),
    "review": N_("Review date (YYYY-MM-DD)"), "amount": N_("Extent: how much"), "unit": N_("Unit"),
    "per": N_("Per"), "goals": N_("The goals it serves"),
}
UNIT_LABELS = {"hours": N_("hours"), "minutes": N_("minutes"), "times": N_("times")}
PER_LABELS = {"day": N_("day"), "week": N_("week"), "month": N_("month")}
ADD_PROVIDER = N_("Add to the list")
DELETE = N_("Remove this measure")
PROVIDER_ADDED = N_("{name} is on the list of providers.")
AMOUNT_NUMBER = N_("the amount is a number above 0.")
GOAL_LINE = N_("Goal {n}: {text}")


class MeasuresScreen(EditScreen):
    """Saves the whole list of measures in one change (one trail entry); Escape cancels."""

    DEFAULT_CSS = """
    MeasuresScreen .inline-row { height: auto; }
    MeasuresScreen .inline-row Field { width: 1fr; }
    MeasuresScreen .inline-row Button { margin: 1 0 0 1; }
    """
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.measures.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.measures.save"),
        Binding("f8", "delete", N_("Remove measure"), id="cw.measures.delete"),
    ]
    DIALOG_CLASSES = "dialog wide-dialog"
    FIRST_FOCUS = "#title"

    def __init__(self, session: CaseSession, plan: dict[str, Any]) -> None:
        super().__init__(session)
        self.plan = plan
        self.measures = [dict(m) for m in migrate(plan.get("measures"), plan["goals"])]
        self.providers: list[str] = []

    def compose_form(self) -> ComposeResult:
        t = translator(self.app.lang)
        _ = t.gettext
        yield self.dialog_title(_(TITLE))
        with VerticalScroll(classes="form-side"):
            yield Field(_(WHICH), Select(self._which_options(), value=self.measures[0]["id"] if self.measures else "new",
                                          allow_blank=False, id="which"))
            yield Field(t.label(LABELS, "title"), Input(id="title"))
            yield Field(t.label(LABELS, "legal_basis"), Input(id="legal_basis", suggester=SuggestFromList(LEGAL_BASES)))
            yield Field(t.label(LABELS, "provider"), Select([], id="provider", prompt=_(NOT_SET)))
            with Horizontal(classes="inline-row"):
                yield Field(t.label(LABELS, "new_provider"), Input(id="new_provider"))
                yield Button(Content(_(ADD_PROVIDER)), id="add_provider")
            for key in ("start", "end", "review"):
                yield Field(t.label(LABELS, key), Input(id=key, max_length=10))
            yield Field(t.label(LABELS, "amount"), Input(id="amount", max_length=6))
            yield Field(t.label(LABELS, "unit"), Select([(t.label(UNIT_LABELS, u), u) for u in EXTENT_UNITS],
                                                      id="unit", prompt=_(NOT_SET)))
            yield Field(t.label(LABELS, "per"), Select([(t.label(PER_LABELS, p), p) for p in EXTENT_PERIODS],
                                                     id="per", prompt=_(NOT_SET)))
            yield Static(Content(t.label(LABELS, "goals")), classes="field-label")
            for g in self.plan["goals"]:
                text = " ".join(clean(g["text"] or "").split())
                yield Checkbox(Content(_(GOAL_LINE).format(n=g["priority"], text=text[:60])), id=f"goal-{g['id']}")
        yield ErrorLine()
        yield self.button_row(Button(Content(_(SAVE)), id="save", variant="primary"), Button(Content(_(DELETE)), id="delete"),
                              self.cancel_button(CANCEL))

    def prepare(self) -> None:
        self._load(self._current())
        self._read_providers()

    def _which_options(self) -> list[tuple[str, str]]:
        _ = translator(self.app.lang).gettext
        return [(f"{n}. {clean(m['title'] or '—')}", m["id"]) for n, m in enumerate(self.measures, 1)] + [(_(NEW), "new")]

    def _current(self) -> dict[str, Any]:
        which = self.query_one("#which", Select).value
        return next((m for m in self.measures if m["id"] == which), empty_measure())

    # -- the list of providers (a file: read and written in a worker) -------------------------------
    @work(thread=True, group="providers", exit_on_error=False)
    def _read_providers(self, add: str | None = None) -> None:
        from assistant.services.settings import read_settings, update

        _ = translator(self.app.lang).gettext
        try:
            settings = update(self.session.store, add_providers=[add]) if add else read_settings(self.session.store)
        except BorgerrejseError as exc:
            self.app.call_from_thread(self.show_error, exc)
            return
        self.app.call_from_thread(self._show_providers, settings.providers, add)

    def _show_providers(self, providers: list[str], added: str | None) -> None:
        from assistant.domain.measures import find_provider

        self.providers = providers
        select = self.query_one("#provider", Select)
        wanted = find_provider(added, providers) if added else self._current().get("provider")
        keep = wanted if wanted in providers else (select.value if select.value in providers else None)
        select.set_options([(p, p) for p in providers])
        select.value = keep if keep is not None else Select.NULL
        if added:
            self.query_one("#new_provider", Input).value = ""
            self.query_one(ErrorLine).update(Content(translator(self.app.lang).gettext(PROVIDER_ADDED).format(name=wanted)))

    @on(Button.Pressed, "#add_provider")
    @on(Input.Submitted, "#new_provider")
    def _add_provider(self) -> None:
        name = " ".join(clean(self.query_one("#new_provider", Input).value).split())
        if name:
            self._read_providers(name)

    # -- one measure in the form --------------------------------------------------------------------
    @on(Select.Changed, "#which")
    def _which_changed(self) -> None:
        self._load(self._current())

    def _load(self, m: dict[str, Any]) -> None:
        for key in ("title", "legal_basis", "start", "end", "review"):
            self.query_one(f"#{key}", Input).value = m.get(key) or ""
        extent = m.get("extent") or {}
        self.query_one("#amount", Input).value = str(extent.get("amount", "")).replace(".", ",") if extent else ""
        self.query_one("#unit", Select).value = extent.get("unit") or Select.NULL
        self.query_one("#per", Select).value = extent.get("per") or Select.NULL
        provider = self.query_one("#provider", Select)
        if m.get("provider") in self.providers:
            provider.value = m["provider"]
        else:
            provider.value = Select.NULL
        for g in self.plan["goals"]:
            self.query_one(f"#goal-{g['id']}", Checkbox).value = g["id"] in (m.get("goals") or [])

    def _form(self) -> dict[str, Any]:
        def text(wid: str) -> str | None:
            return clean(self.query_one(f"#{wid}", Input).value).strip() or None

        def choice(wid: str):
            value = self.query_one(f"#{wid}", Select).value
            return None if value is Select.NULL else value

        amount_text = (text("amount") or "").replace(",", ".")
        extent = None
        if amount_text or choice("unit") or choice("per"):
            try:
                amount = float(amount_text)
            except ValueError:
                raise MeasureError(reason=AMOUNT_NUMBER) from None
            extent = {"amount": amount, "unit": choice("unit"), "per": choice("per")}
        return {
            "title": text("title"), "legal_basis": text("legal_basis"), "provider": choice("provider"),
            "start": text("start"), "end": text("end"), "review": text("review"), "extent": extent,
            "goals": [g["id"] for g in self.plan["goals"] if self.query_one(f"#goal-{g['id']}", Checkbox).value],
        }

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            form = self._form()
        except BorgerrejseError as exc:
            self.show_error(exc)
            return
        which = self.query_one("#which", Select).value
        measures = [{**m, **form} if m["id"] == which else m for m in self.measures]
        if which == "new":
            measures.append(form)
        self._store(measures)

    @on(Button.Pressed, "#delete")
    def action_delete(self) -> None:
        which = self.query_one("#which", Select).value
        if which == "new":
            return
        self._store([m for m in self.measures if m["id"] != which])

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def _store(self, measures: list[dict[str, Any]]) -> None:
        try:
            state = self.session.run(lambda w: w.set_plan_field("measures", measures))
        except BorgerrejseError as exc:
            self.app.call_from_thread(self.show_error, exc)
            return
        self.app.call_from_thread(self.dismiss, state)
