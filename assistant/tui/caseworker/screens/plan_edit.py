"""Edit the plan-level fields: purpose, duration, follow-up, measures, conditions, case facts."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Select, Static, TextArea

from assistant.common.errors import CaseworkError
from assistant.domain.vocabulary import AREA_LABELS, AREAS
from assistant.tui.caseworker.screens.new_case import NCC_HINT
from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, translator
from assistant.domain.plan import PLAN_KIND_LAW, PLAN_KIND_NAMES, YOUTH_PLAN_KINDS, is_youth_plan
from assistant.common.text import clean
from assistant.tui.caseworker.render import CITIZEN_SAID, REMARKS, _drafted, _quote, _row
from assistant.tui.caseworker.screens.edit_base import EditScreen
from assistant.tui.caseworker.session import CaseSession
from assistant.tui.caseworker.widgets.form import NOT_SET, CitizenWords, ErrorLine, Field

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
PLAN_KIND = N_("Kind of plan")
AREA_STATUS = N_("{area}: indicator 0–4, now and target")
AREA_NOW = N_("now")
AREA_TARGET = N_("target")
INDICATOR_NUMBER = N_("status and target are whole numbers from 0 to 4.")
PROPOSED_HINT = N_("Proposed from the goals' dates: the first date a goal should be reached, at most 3 months "
                   "away for a new, costly or complex case, else within a year. Write another date to choose it.")


class PlanEditScreen(EditScreen):
    """Saves only what changed; the citizen's purpose and remarks stay visible, read-only."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.plan.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.plan.save"),
    ]
    DIALOG_CLASSES = "dialog wide-dialog"

    def __init__(self, session: CaseSession, plan: dict[str, Any]) -> None:
        super().__init__(session)
        self.plan = plan

    def compose_form(self) -> ComposeResult:
        t = translator(self.app.lang)
        _, p = t.gettext, self.plan
        citizen = [Content.styled(_(CITIZEN_SAID), "bold underline"),
                   _row(_(CITIZEN_PURPOSE), _drafted(p.get("purpose_citizen") or "—")),
                   _row(_(REMARKS), _quote(t, p["remarks"]) if p.get("remarks") else "—")]
        months = p.get("expected_duration_months")
        area = p.get("area") if p.get("area") in AREAS else Select.NULL
        yield self.dialog_title(_(TITLE))
        with Horizontal(classes="dialog-body"):
            with VerticalScroll(classes="citizen-side"):
                yield CitizenWords(Content("\n").join(citizen))
            with VerticalScroll(classes="form-side"):
                yield Field(t.label(LABELS, "purpose"), TextArea(p.get("purpose") or "", id="purpose"))
                yield Field(t.label(LABELS, "expected_duration"), Input(p.get("expected_duration") or "", id="expected_duration"))
                yield Field(t.label(LABELS, "expected_duration_months"),
                            Input(str(months) if months else "", id="expected_duration_months", type="integer", max_length=3))
                yield Field(t.label(LABELS, "follow_up"), Input(p.get("follow_up") or "", id="follow_up", max_length=10))
                if p.get("follow_up_proposed"):
                    yield Static(Content(_(PROPOSED_HINT)), classes="field-hint", id="follow-up-hint")
                yield Field(t.label(LABELS, "measures"), TextArea("\n".join(self._titles()), id="measures"))
                yield Field(t.label(LABELS, "other_conditions"), TextArea(p.get("other_conditions") or "", id="other_conditions"))
                yield Field(t.label(LABELS, "area"), Select([(t.label(AREA_LABELS, a), a) for a in AREAS], value=area,
                                                      id="area", prompt=_(NOT_SET)))
                yield Checkbox(Content(t.label(LABELS, "new_costly_complex")), bool(p.get("new_costly_complex")), id="new_costly_complex")
                yield Static(Content(t.gettext(NCC_HINT)), classes="field-hint", id="ncc-hint")  # under its box
                if is_youth_plan(p):
                    yield from self._youth_fields(t)
        yield ErrorLine()
        yield self.save_and_cancel()

    def _titles(self) -> list[str]:
        """The measures' titles (their structure is edited with m; a title kept keeps it)."""
        return [m["title"] if isinstance(m, dict) else str(m) for m in self.plan.get("measures") or []]

    def _youth_fields(self, t) -> ComposeResult:
        """A young person's plan: barnets plan or ungeplan, and the 0–4 indicator per Barnets lov area."""
        from assistant.domain.journey import load_journey

        _, p = t.gettext, self.plan
        kinds = [(f"{t.label(PLAN_KIND_NAMES, k)} ({PLAN_KIND_LAW[k]})", k) for k in YOUTH_PLAN_KINDS]
        yield Field(_(PLAN_KIND), Select(kinds, value=p["plan_kind"], id="plan_kind", allow_blank=False))
        indicators = p.get("area_indicators") or {}
        for area in load_journey("youth").areas:
            ind = indicators.get(area.value) or {}
            dash = lambda n: "" if n is None else str(n)  # noqa: E731
            # The label on its own line, the two numbers side by side under it: readable at 80 columns too.
            yield Field(_(AREA_STATUS).format(area=_(area.official)), Horizontal(
                Input(dash(ind.get("status")), id=f"area-{area.value}-status", type="integer", max_length=1,
                      placeholder=_(AREA_NOW)),
                Input(dash(ind.get("target")), id=f"area-{area.value}-target", type="integer", max_length=1,
                      placeholder=_(AREA_TARGET)),
                classes="area-indicator"))

    def _youth_changes(self) -> tuple[dict, dict | None]:
        """(meta changes, the area indicators if they changed)."""
        from assistant.domain.journey import load_journey

        p, meta = self.plan, {}
        kind = self.query_one("#plan_kind", Select).value
        if kind != p.get("plan_kind"):
            meta["plan_kind"] = kind
        indicators = {}
        for area in load_journey("youth").areas:
            values = []
            for end in ("status", "target"):
                raw = self.query_one(f"#area-{area.value}-{end}", Input).value.strip()
                if raw and not (raw.isdigit() and 0 <= int(raw) <= 4):
                    raise CaseworkError(reason=INDICATOR_NUMBER)
                values.append(int(raw) if raw else None)
            if values != [None, None]:
                indicators[area.value] = {"name": area.value, "status": values[0], "target": values[1]}
        return meta, (indicators if indicators != (p.get("area_indicators") or {}) else None)

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
        indicators = None
        if is_youth_plan(p):
            youth_meta, indicators = self._youth_changes()
            meta.update(youth_meta)
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
        if indicators is not None:
            out.append(("plan", "area_indicators", indicators))
        return out

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        try:
            changes = self.changes()
        except BorgerrejseError as exc:
            self.show_error(exc)
            return
        self._save(changes)
