"""Edit one goal: the caseworker's fields on the right, the citizen's words beside them."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Input, Select, TextArea

from assistant.services.casework import GOAL_FIELDS
from assistant.render.caseview import DOMAIN_LABELS
from assistant.domain.vocabulary import DIMENSIONS
from assistant.common.i18n import N_, translator
from assistant.domain.vocabulary import HORIZONS
from assistant.common.text import clean
from assistant.tui.caseworker.render import GOAL_N, citizen_side
from assistant.tui.caseworker.screens.edit_base import EditScreen
from assistant.tui.caseworker.session import CaseSession
from assistant.tui.caseworker.widgets.form import NOT_SET, SCALE, CitizenWords, ErrorLine, Field
from assistant.domain.vocabulary import HORIZON_LABELS

LABELS = {
    "text": N_("The goal in your wording"), "success_criterion": N_("Success criterion"),
    "horizon": N_("Short or long term"), "due": N_("Expected date (YYYY-MM-DD)"),
    "domain": N_("WHO dimension"), "indicator_name": N_("Indicator"),
    "indicator_status": N_("Status now (0–4)"), "indicator_target": N_("Target (0–4)"),
    "priority": N_("Place in the order (goal number)"),
    "provider_suggestions": N_("Suggestions to the provider (not a method)"),
    "reasoning": N_("Professional reasoning"), "kept": N_("Keep this goal in the plan"),
}
REASONING_NEEDED = N_("The citizen does not fully agree. Write why you keep the goal.")
DOMAIN_HINT = N_("Suggested by the drafting from the citizen's words; choose another to change it.")
TEXT_NEEDED = N_("The goal cannot be empty.")


class GoalEditScreen(EditScreen):
    """Saves only the fields that changed (each becomes one trail entry); Escape cancels."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.goal.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.goal.save"),
    ]
    DIALOG_CLASSES = "dialog wide-dialog"

    def __init__(self, session: CaseSession, goal: dict[str, Any], count: int | None = None) -> None:
        super().__init__(session)
        self.goal = goal
        self.count = count or goal["priority"]
        """How many goals the plan has (the places this goal can move to)."""

    def compose_form(self) -> ComposeResult:
        t = translator(self.app.lang)
        _, g = t.gettext, self.goal
        ind = g.get("indicator") or {}
        scale = [(_(label), n) for n, label in enumerate(SCALE)]

        def select(options, value, wid):
            return Select(options, value=value if value is not None else Select.NULL, id=wid, prompt=_(NOT_SET))

        yield self.dialog_title(_(GOAL_N).format(n=g["priority"]))
        with Horizontal(classes="dialog-body"):
            with VerticalScroll(classes="citizen-side"):
                yield CitizenWords(citizen_side(g, t))
            with VerticalScroll(classes="form-side"):
                disputed = g.get("citizen_response") in ("disagree", "partly")
                yield Field(t.label(LABELS, "reasoning"), TextArea(g.get("reasoning") or "", id="reasoning"),
                            hint=_(REASONING_NEEDED) if disputed else "", classes="disputed" if disputed else "")
                yield Field(t.label(LABELS, "text"), Input(g.get("text") or "", id="text"))
                yield Field(t.label(LABELS, "success_criterion"), Input(g.get("success_criterion") or "", id="success_criterion"))
                yield Field(t.label(LABELS, "horizon"), select([(t.label(HORIZON_LABELS, h), h) for h in HORIZONS], g.get("horizon"), "horizon"))
                yield Field(t.label(LABELS, "due"), Input(g.get("due") or "", id="due", max_length=10))
                yield Field(t.label(LABELS, "domain"), select([(t.label(DOMAIN_LABELS, d), d) for d in DIMENSIONS], g.get("domain"), "domain"),
                            hint=_(DOMAIN_HINT) if g.get("domain_suggested", True) else "")
                yield Field(t.label(LABELS, "indicator_name"), Input(ind.get("name") or "", id="indicator_name"))
                yield Field(t.label(LABELS, "indicator_status"), select(scale, ind.get("status"), "indicator_status"))
                yield Field(t.label(LABELS, "indicator_target"), select(scale, ind.get("target"), "indicator_target"))
                places = [(str(n), n) for n in range(1, self.count + 1)]
                yield Field(t.label(LABELS, "priority"), Select(places, value=g["priority"], allow_blank=False, id="priority"))
                yield Field(t.label(LABELS, "provider_suggestions"), Input(g.get("provider_suggestions") or "", id="provider_suggestions"))
                yield Checkbox(Content(t.label(LABELS, "kept")), g.get("kept", True), id="kept")
        yield ErrorLine()
        yield self.save_and_cancel()

    def focus_first(self) -> None:
        self.query_one("#reasoning" if self.goal.get("citizen_response") in ("disagree", "partly") else "#text").focus()

    def changes(self) -> list[tuple]:
        """The fields whose value differs from the goal's, in the core's field order."""
        def text(wid: str) -> str | None:
            widget = self.query_one(f"#{wid}")
            value = widget.text if isinstance(widget, TextArea) else widget.value
            return clean(value).strip() or None

        def choice(wid: str):
            value = self.query_one(f"#{wid}", Select).value
            return None if value is Select.NULL else value

        name, status, target = text("indicator_name"), choice("indicator_status"), choice("indicator_target")
        indicator = {"name": name, "status": status, "target": target} if (name or status is not None or target is not None) else None
        new = {
            "text": text("text"), "success_criterion": text("success_criterion"), "horizon": choice("horizon"),
            "due": text("due"), "domain": choice("domain"), "indicator": indicator,
            "provider_suggestions": text("provider_suggestions"), "priority": choice("priority"),
            "reasoning": text("reasoning"), "kept": self.query_one("#kept", Checkbox).value,
        }
        return [("goal", self.goal["id"], f, new[f]) for f in GOAL_FIELDS if f in new and new[f] != self.goal.get(f)]

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        if not self.query_one("#text", Input).value.strip():
            self.show_error(TEXT_NEEDED)
            return
        self._save(self.changes())
