"""The plan as plain dataclasses; JSON (``to_dict``) follows schema/plan.schema.json."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from assistant.common.i18n import N_

WHEN_MONTHS = {"3m": 3, "1y": 12, "long": 24}
WHEN_HORIZON = {"3m": "short", "1y": "long", "long": "long"}
FOLLOW_UP_MONTHS_NEW = 3
FOLLOW_UP_MONTHS_USUAL = 12  # a plan that is not new, costly or complex is followed up within a year

# The plan's name and its legal basis. Barnets lov (since 1 January 2024) replaced Serviceloven § 140.
PLAN_KINDS = ("handleplan", "barnets_plan", "ungeplan")
YOUTH_PLAN_KINDS = ("barnets_plan", "ungeplan")
PLAN_KIND_NAMES = {
    "handleplan": N_("Action plan"),
    "barnets_plan": N_("Child's plan"),
    "ungeplan": N_("Young person's plan"),
}
PLAN_KIND_LAW = {
    "handleplan": "Serviceloven § 141",
    "barnets_plan": "Barnets lov §§ 91–92",
    "ungeplan": "Barnets lov §§ 108–109",
}


def is_youth_plan(plan: dict[str, Any]) -> bool:
    return plan.get("plan_kind") in YOUTH_PLAN_KINDS


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months``, clamped to the month's last day (31 Jan + 1 = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


def propose_follow_up(goals: list[dict[str, Any]], since: dt.date, new_costly_complex: bool) -> dt.date:
    """The next follow-up from the goals' horizons: the earliest date a kept goal is due after
    ``since`` (the day this version of the plan began), but at most 3 months after it for a
    new, costly or complex case (else within a year)."""
    cap = add_months(since, FOLLOW_UP_MONTHS_NEW if new_costly_complex else FOLLOW_UP_MONTHS_USUAL)
    dues = []
    for g in goals:
        if g.get("kept", True) and isinstance(g.get("due"), str):
            try:
                due = dt.date.fromisoformat(g["due"])
            except ValueError:
                continue
            if due > since:
                dues.append(due)
    return min([cap, *dues])


@dataclass
class Goal:
    """A concrete, time-bound step towards the purpose (indsatsmål)."""

    id: str
    item: int
    text: str
    dream: str | None
    why: str | None
    first_step: str | None
    helpers: str | None
    success_criterion: str | None
    when: str | None
    horizon: str | None
    due: str | None
    priority: int
    motivation: int | None
    motivation_up: str | None
    domain: str | None
    domain_suggested: bool = True
    citizen_response: str | None = None
    citizen_comment: str | None = None
    # Earlier drafts of this goal the citizen disagreed with and changed at the review, oldest first.
    earlier: list[dict[str, Any]] = field(default_factory=list)
    # Youth journey: the Barnets lov area the goal belongs to (instead of a WHO dimension).
    area: str | None = None


@dataclass
class Plan:
    case: str
    journey: str
    lang: str
    created: str
    status: str
    name: str | None
    purpose: str
    purpose_source: dict[str, Any]
    goals: list[Goal]
    follow_up: str
    expected_duration: str | None
    expected_duration_months: int | None
    remarks: str | None
    consent: bool | None
    everyday: str | None
    good_now: str | None
    open_points: list[str]
    involvement: dict[str, Any]
    transcript: list[dict[str, Any]] = field(default_factory=list)
    # "handleplan" (Serviceloven § 141) or, for the youth journey, "barnets_plan" (Barnets lov).
    plan_kind: str = "handleplan"
    # Youth journey: per life area, what is good now and what the young person wishes were different.
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Plan":
        known = {f.name for f in fields(cls)}
        goal_fields = {f.name for f in fields(Goal)}
        values = {k: v for k, v in data.items() if k in known}
        values["goals"] = [Goal(**{k: v for k, v in g.items() if k in goal_fields}) for g in data["goals"]]
        return cls(**values)


def purpose_is_open(plan: dict[str, Any]) -> bool:
    """No purpose yet: the citizen named no dream and the caseworker has not written one."""
    return not plan.get("purpose_source") and plan.get("purpose") == plan.get("purpose_citizen", plan.get("purpose"))
