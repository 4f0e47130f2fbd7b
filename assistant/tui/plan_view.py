"""The drafted plan as Markdown the citizen reads as their own plan.

Every piece of the citizen's text is escaped with :func:`md_escape`, so nothing
they wrote can become a heading, a link or markup.
"""

from __future__ import annotations

import datetime as dt

from assistant.i18n import N_, Translator
from assistant.plan import Plan
from assistant.text import md_escape

YOUR_PLAN = N_("Your plan")
PURPOSE = N_("What the help is for")
GOALS = N_("Your goals")
GOAL_N = N_("Goal {n}")
WHY = N_("Why it matters")
HELPERS = N_("Who can help")
SUCCESS = N_("You will see it has worked when")
REACHED_BY = N_("Reached by")
SHORT_TERM = N_("short-term")
LONG_TERM = N_("long-term")
YOUR_VIEW = N_("What you think")
YOUR_COMMENT = N_("Your words")
RESPONSE = {
    "agree": N_("You agree."),
    "partly": N_("You partly agree."),
    "disagree": N_("You disagree. Your caseworker must answer this in writing."),
}
REMARKS = N_("Your remarks")
DURATION = N_("Expected duration of the help")
OPEN_POINTS = N_("To talk about with your caseworker")
NEXT = N_("What happens now")
NEXT_TEXT = N_(
    "Your caseworker reads the plan and talks with you about it. "
    "The first follow-up is no later than {date}. You can still disagree with anything in it."
)
NOT_SET = N_("to be agreed with your caseworker")


def _md(text: str) -> str:
    """The citizen's words, shown literally: escaped, lines kept as lines."""
    lines = [md_escape(line).replace("=", "\\=").strip() for line in text.strip().split("\n")]
    return "  \n".join(line or "\u00a0" for line in lines)


def _date(t: Translator, iso: str | None) -> str:
    if not iso:
        return t.gettext(NOT_SET)
    try:
        return t.date(dt.date.fromisoformat(iso[:10]))
    except ValueError:
        return md_escape(iso)


def plan_markdown(plan: Plan, t: Translator) -> str:
    """The plan for the citizen: purpose, goals with criteria and dates, their words, what next."""
    _ = t.gettext
    out = [f"## {_(YOUR_PLAN)}", "", f"**{_(PURPOSE)}:** {_md(plan.purpose)}", ""]
    if plan.goals:
        out += [f"### {_(GOALS)}", ""]
    for n, goal in enumerate(plan.goals, start=1):
        out.append(f"**{_(GOAL_N).format(n=n)}:** {_md(goal.text)}")
        out.append("")
        rows = []
        if goal.why:
            rows.append((_(WHY), _md(goal.why)))
        if goal.helpers:
            rows.append((_(HELPERS), _md(goal.helpers)))
        rows.append((_(SUCCESS), _md(goal.success_criterion) if goal.success_criterion else _(NOT_SET)))
        horizon = {"short": _(SHORT_TERM), "long": _(LONG_TERM)}.get(goal.horizon or "")
        due = _date(t, goal.due) + (f" ({horizon})" if horizon else "")
        rows.append((_(REACHED_BY), due))
        if goal.citizen_response in RESPONSE:
            rows.append((_(YOUR_VIEW), _(RESPONSE[goal.citizen_response])))
        if goal.citizen_comment:
            rows.append((_(YOUR_COMMENT), _md(goal.citizen_comment)))
        out += [f"- {label}: {value}" for label, value in rows]
        out.append("")
    if plan.remarks:
        out += [f"**{_(REMARKS)}:** {_md(plan.remarks)}", ""]
    if plan.expected_duration:
        out += [f"**{_(DURATION)}:** {md_escape(plan.expected_duration)}", ""]
    if plan.open_points:
        out += [f"**{_(OPEN_POINTS)}:**", ""] + [f"- {_md(p)}" for p in plan.open_points] + [""]
    out += [f"### {_(NEXT)}", "", _(NEXT_TEXT).format(date=_date(t, plan.follow_up))]
    return "\n".join(out)
