"""Record the provider's status for one goal: a date, the 0–4 indicator and a short note.

A status can be recorded whatever the plan's status (it is a dated observation, not a
change of the plan); it goes into the audit trail and the progress view.
"""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, Select

from assistant.common.i18n import N_
from assistant.common.text import clean
from assistant.tui.caseworker.screens.edit_base import EditScreen
from assistant.tui.caseworker.session import CaseSession
from assistant.tui.caseworker.widgets.form import NOT_SET, ErrorLine, Field

TITLE = N_("The provider's status")
GOAL = N_("Goal")
DATE = N_("Date (YYYY-MM-DD)")
INDICATOR = N_("Indicator (0–4)")
NOTE = N_("The provider's note")
GOAL_OPTION = N_("Goal {n}: {text}")


class ProviderStatusScreen(EditScreen):
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.provider.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.provider.save"),
    ]
    COMPACT_WHEN_NARROW = False
    FIRST_FOCUS = "#provider-indicator"  # once the form takes keys (focused while disabled, nothing has it)

    def __init__(self, session: CaseSession, plan: dict[str, Any], goal_id: str | None, today: str) -> None:
        super().__init__(session)
        self.plan = plan
        self.goal_id = goal_id
        self.today = today

    def compose_form(self) -> ComposeResult:
        _ = self.gettext
        goals = [(_(GOAL_OPTION).format(n=g["priority"], text=" ".join(clean(g["text"]).split())[:60]), g["id"])
                 for g in self.plan["goals"]]
        first = self.goal_id or (goals[0][1] if goals else Select.NULL)
        yield self.dialog_title(_(TITLE))
        yield Field(_(GOAL), Select(goals, value=first, id="provider-goal", allow_blank=False))
        yield Field(_(DATE), Input(self.today, id="provider-date", max_length=10))
        yield Field(_(INDICATOR), Select([(str(n), n) for n in range(5)], id="provider-indicator", prompt=_(NOT_SET)))
        yield Field(_(NOTE), Input("", id="provider-note", max_length=1000))
        yield ErrorLine()
        yield self.save_and_cancel()

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        indicator = self.query_one("#provider-indicator", Select).value
        entry = {"goal": self.query_one("#provider-goal", Select).value,
                 "date": self.query_one("#provider-date", Input).value,
                 "indicator": None if indicator is Select.NULL else indicator,
                 "note": self.query_one("#provider-note", Input).value}
        self._save([("provider", entry)])
