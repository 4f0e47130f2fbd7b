"""The two sides of a case: the conversation as it happened, and the plan."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from assistant.common.i18n import N_, Translator
from assistant.tui.caseworker.render import goal_card, plan_summary
from assistant.tui.shared.safe_markdown import SafeMarkdown

CONVERSATION = N_("The conversation")
PLAN = N_("The plan")
NOTHING = N_("No events.")


class PaneTitle(Static):
    """A pane's heading (CSS hook)."""


class ConversationPane(VerticalScroll):
    """Every answer, skipped question and change of mind, with its time (read-only)."""

    def compose(self) -> ComposeResult:
        yield PaneTitle(id="conversation-title")
        yield SafeMarkdown(id="conversation")

    def show(self, lines: list[str], t: Translator) -> None:
        # transcript_lines() escapes every typed word for Markdown already.
        self.query_one(PaneTitle).update(Content(t.gettext(CONVERSATION)))
        self.query_one(SafeMarkdown).update("\n".join(lines) or t.gettext(NOTHING))


class PlanSummary(Static):
    """The plan-level facts; Enter or P edits them."""

    can_focus = True
    BINDINGS = [Binding("enter", "edit", N_("Edit plan"), id="cw.plan_summary.edit", show=False)]

    class Edit(Message):
        """Asks to edit the plan-level fields; handled by ``on_plan_summary_edit``."""

    def action_edit(self) -> None:
        self.post_message(self.Edit())

    def on_click(self) -> None:
        self.action_edit()


class GoalCard(Static):
    """One goal; focus it and press Enter or E to edit it."""

    can_focus = True
    BINDINGS = [Binding("enter", "edit", N_("Edit goal"), id="cw.goal_card.edit", show=False)]

    class Edit(Message):
        """Asks to edit this goal; handled by ``on_goal_card_edit``."""

        def __init__(self, goal_id: str) -> None:
            super().__init__()
            self.goal_id = goal_id

    def __init__(self, goal_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.goal_id = goal_id

    def action_edit(self) -> None:
        self.post_message(self.Edit(self.goal_id))

    def on_click(self) -> None:
        self.action_edit()


class PlanPane(VerticalScroll):
    """The plan summary and one card per goal, rebuilt from each new state."""

    def compose(self) -> ComposeResult:
        yield PaneTitle(id="plan-title")
        yield PlanSummary(id="plan-summary")

    async def show(self, plan: dict[str, Any], t: Translator) -> None:
        self.query_one("#plan-title", PaneTitle).update(Content(t.gettext(PLAN)))
        self.query_one(PlanSummary).update(plan_summary(plan, t))
        cards = {card.goal_id: card for card in self.query(GoalCard)}
        ids = [g["id"] for g in plan["goals"]]
        if list(cards) != ids:
            await self.query(GoalCard).remove()
            await self.mount_all(GoalCard(gid, id=f"goal-{gid}") for gid in ids)
            cards = {card.goal_id: card for card in self.query(GoalCard)}
        for goal in plan["goals"]:
            card = cards[goal["id"]]
            card.update(goal_card(goal, t, plan.get("measures")))
            card.set_class(not goal.get("kept", True), "not-kept")
            card.set_class(goal.get("citizen_response") in ("disagree", "partly") and not goal.get("reasoning")
                           and goal.get("kept", True), "unjustified")

    def focused_goal(self) -> str | None:
        focused = self.screen.focused
        return focused.goal_id if isinstance(focused, GoalCard) else None
