"""Edit the plan-level fields: purpose, duration, follow-up, measures, conditions, case facts."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Footer, Input, Select, Static, TextArea

from assistant.casework import AREA_LABELS, AREAS, CaseworkError
from assistant.tui.caseworker.screens.new_case import NCC_HINT
from assistant.errors import BorgerrejseError
from assistant.i18n import N_, translator
from assistant.text import clean
from assistant.tui.caseworker.render import CITIZEN_SAID, REMARKS, _drafted, _quote, _row
from assistant.tui.caseworker.screens.edit_base import EditScreen
from assistant.tui.caseworker.session import CaseSession
from assistant.tui.caseworker.widgets.form import CANCEL, NOT_SET, SAVE, CitizenWords, ErrorLine, Field, compact_when_narrow
from assistant.tui.lang import translate_bindings

TITLE = N_("The plan")
CITIZEN_PURPOSE = N_("The purpose in the citizen's words")
LABELS = {
    "purpose": N_("Purpose (the long-term direction of the help)"),
    "expected_duration": N_("Expected duration, in words"),
    "expected_duration_months": N_("Expected duration in months"),
    "follow_up": N_("Follow-up date (YYYY-MM-DD)"),
    "measures": N_("Measures granted, one per line (m sets provider, extent, dates)"),
    "other_conditions": N_("Other special conditions"),
    "area": N_("Area"),
    "new_costly_complex": N_("New, costly or complex case"),
}
MONTHS_NUMBER = N_("the expected duration in months is a whole number above 0.")


class PlanEditScreen(EditScreen):
    """Saves only what changed; the citizen's purpose and remarks stay visible, read-only."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.plan.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.plan.save"),
    ]

    def __init__(self, session: CaseSession, plan: dict[str, Any]) -> None:
        super().__init__(session)
        self.plan = plan

    def compose(self) -> ComposeResult:
        t = translator(self.app.lang)
        _, p = t.gettext, self.plan
        citizen = [Content.styled(_(CITIZEN_SAID), "bold underline"),
                   _row(_(CITIZEN_PURPOSE), _drafted(p.get("purpose_citizen") or "—")),
                   _row(_(REMARKS), _quote(t, p["remarks"]) if p.get("remarks") else "—")]
        months = p.get("expected_duration_months")
        area = p.get("area") if p.get("area") in AREAS else Select.NULL
        with Vertical(classes="dialog wide-dialog"):
            yield Static(Content(_(TITLE)), classes="dialog-title")
            with Horizontal(classes="dialog-body"):
                with VerticalScroll(classes="citizen-side"):
                    yield CitizenWords(Content("\n").join(citizen))
                with VerticalScroll(classes="form-side"):
                    yield Field(t.label(LABELS, "purpose"), TextArea(p.get("purpose") or "", id="purpose"))
                    yield Field(t.label(LABELS, "expected_duration"), Input(p.get("expected_duration") or "", id="expected_duration"))
                    yield Field(t.label(LABELS, "expected_duration_months"),
                                Input(str(months) if months else "", id="expected_duration_months", type="integer", max_length=3))
                    yield Field(t.label(LABELS, "follow_up"), Input(p.get("follow_up") or "", id="follow_up", max_length=10))
                    yield Field(t.label(LABELS, "measures"), TextArea("\n".join(self._titles()), id="measures"))
                    yield Field(t.label(LABELS, "other_conditions"), TextArea(p.get("other_conditions") or "", id="other_conditions"))
                    yield Field(t.label(LABELS, "area"), Select([(t.label(AREA_LABELS, a), a) for a in AREAS], value=area,
                                                          id="area", prompt=_(NOT_SET)))
                    yield Checkbox(Content(t.label(LABELS, "new_costly_complex")), bool(p.get("new_costly_complex")), id="new_costly_complex")
                    yield Static(Content(t.gettext(NCC_HINT)), classes="field-hint")
            yield ErrorLine()
            with Horizontal(classes="buttons"):
                yield Button(Content(_(SAVE)), id="save", variant="primary")
                yield Button(Content(_(CANCEL)), id="cancel")
        yield Footer()

    def _titles(self) -> list[str]:
        """The measures' titles (their structure is edited with m; a title kept keeps it)."""
        return [m["title"] if isinstance(m, dict) else str(m) for m in self.plan.get("measures") or []]

    def on_mount(self) -> None:
        translate_bindings(self, translator(self.app.lang).gettext)
        compact_when_narrow(self)

    def focus_first(self) -> None:
        purpose = self.query_one("#purpose", TextArea)
        purpose.focus()
        purpose.select_all()  # typing replaces the drafted purpose; arrows keep it

    def changes(self) -> list[tuple]:
        """Meta first (the follow-up rule depends on it), then the plan fields that changed."""
        def text(wid: str) -> str | None:
            widget = self.query_one(f"#{wid}")
            value = widget.text if isinstance(widget, TextArea) else widget.value
            return clean(value).strip() or None

        p, out = self.plan, []
        area = self.query_one("#area", Select).value
        ncc = self.query_one("#new_costly_complex", Checkbox).value
        meta = {}
        if area is not Select.NULL and area != p.get("area"):
            meta["area"] = area
        if ncc != bool(p.get("new_costly_complex")):
            meta["new_costly_complex"] = ncc
        if meta:
            out.append(("meta", meta))
        months_text = text("expected_duration_months")
        if months_text and not months_text.isdigit():
            raise CaseworkError(reason=MONTHS_NUMBER)
        new = {
            "purpose": text("purpose"), "expected_duration": text("expected_duration"),
            "expected_duration_months": int(months_text) if months_text else None, "follow_up": text("follow_up"),
            "measures": [m.strip() for m in clean(self.query_one("#measures", TextArea).text).split("\n") if m.strip()],
            "other_conditions": text("other_conditions"),
        }
        for field, value in new.items():
            if value != (self._titles() if field == "measures" else p.get(field) or None):
                if field in ("purpose", "follow_up") and value is None:
                    continue  # the purpose and follow-up cannot be emptied, only reworded
                out.append(("plan", field, value))
        return out

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            changes = self.changes()
        except BorgerrejseError as exc:
            self.show_error(exc)
            return
        self._save(changes)
