"""The plan as it stands: the rules that lay a case's parts over each other, with no store.

- :func:`apply_followups`: the first draft with each finished follow-up laid over it (goals
  kept, changed, dropped or reached; new dreams drafted as new goals);
- :func:`merge`: the caseworker's overlay (wording, dates, own goals, status) over that, with
  the citizen's own wording kept beside each goal they did not write;
- :func:`annotate` and :func:`unseen_changes`: what the citizen has seen and said of the
  caseworker's changes.

:func:`assistant.services.plans.load_full_plan` reads a case once and applies them in that order.
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import fields as dataclass_fields
from typing import Any, TypedDict

from assistant.common.i18n import translator
from assistant.domain.drafting import Answers, draft, find_open_points, goal_text
from assistant.domain.measures import migrate
from assistant.domain.plan import FOLLOW_UP_MONTHS_NEW, YOUTH_PLAN_KINDS, Goal, add_months, is_youth_plan
from store.interface import CaseRecord


class GoalInForce(TypedDict, total=False):
    """A goal of the plan as it stands: :class:`~assistant.domain.plan.Goal`'s fields (the citizen's
    words) and what the caseworker and the follow-ups added. ``total=False``: a closed goal or a
    caseworker's own goal leaves some of the citizen's fields ``None``."""

    # The citizen's (Goal)
    id: str
    item: int | None
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
    domain_suggested: bool
    citizen_response: str | None
    citizen_comment: str | None
    earlier: list[dict[str, Any]]
    area: str | None
    # The caseworker's (GOAL_DEFAULTS and the overlay)
    author: str  # "citizen" or "caseworker"
    citizen: dict[str, Any]  # the citizen's own wording where the caseworker's differs
    indicator: dict[str, Any] | None
    measure: str | None
    provider: str | None
    provider_suggestions: list[str] | None
    reasoning: str | None
    kept: bool
    not_reviewed: str | None
    # The citizen's answers to the caseworker's changes (annotate)
    change_answers: list[dict[str, Any]]
    seen_by_citizen: bool
    # Follow-ups (apply_followups)
    added_at_follow_up: str
    closed: str  # "drop" or "reached", on a closed goal
    closed_on: str


class PlanInForce(TypedDict, total=False):
    """The plan as it stands, as every view and export reads it (:func:`assistant.services.plans.load_full_plan`,
    :meth:`assistant.services.casework.Casework.plan`): :class:`~assistant.domain.plan.Plan`'s fields
    with :func:`apply_followups`, :func:`merge` and :func:`annotate` laid over them."""

    # The draft (Plan)
    case: str
    journey: str
    lang: str
    created: str
    status: str  # a plan status (vocabulary.PLAN_STATUSES)
    name: str | None
    purpose: str
    purpose_source: dict[str, Any]
    goals: list[GoalInForce]
    follow_up: str
    expected_duration: str | None
    expected_duration_months: int | None
    remarks: str | None
    consent: bool | None
    everyday: str | None
    good_now: str | None
    open_points: list[str]
    involvement: dict[str, Any]
    transcript: list[dict[str, Any]]
    plan_kind: str
    areas: dict[str, dict[str, Any]]
    # Follow-ups
    closed_goals: list[GoalInForce]
    followups: list[dict[str, Any]]
    # The caseworker's work
    purpose_citizen: str
    other_conditions: str | None
    version: int
    follow_up_proposed: bool
    area: str | None
    registered_name: str | None
    new_costly_complex: bool
    measures: list[dict[str, Any]]
    area_indicators: dict[str, Any]
    # What the citizen has seen of it
    purpose_change_answers: list[dict[str, Any]]
    unseen_changes: list[dict[str, Any]]
    seen_by_citizen: bool
    seen: dict[str, Any] | None
    # Added by the services that read it
    progress: list[dict[str, Any]]
    provider_status: list[dict[str, Any]]
    municipality: str | None
    contact: str | None
    record: dict[str, Any]


FOR_DREAM = "_for_dream"  # in the overlay: the dream a goal's changes were written for


# In the overlay: the follow-up date is the proposal from the goals' dates, not one the caseworker chose;
# it follows the plan (goals' dates, new/costly/complex, a new version) until the caseworker sets a date.
FOLLOW_UP_PROPOSED = "follow_up_proposed"


GOAL_DEFAULTS = {"indicator": None, "measure": None, "provider": None, "provider_suggestions": None,
                 "reasoning": None, "kept": True, "not_reviewed": None}


def merge(draft: dict[str, Any], overlay: dict[str, Any], meta: dict[str, Any]) -> PlanInForce:
    """The plan as the caseworker completed it, with the citizen's wording kept beside."""
    plan = copy.deepcopy(draft)
    plan["purpose_citizen"] = draft["purpose"]
    plan.update({k: v for k, v in overlay.get("plan", {}).items()})
    if overlay.get("status") == "final" and "follow_up" not in (overlay.get("plan") or {}):
        # Made final before the date was proposed from the goals: then it was always 3 months after the plan.
        plan["follow_up"] = add_months(dt.date.fromisoformat(draft["created"][:10]), FOLLOW_UP_MONTHS_NEW).isoformat()
    plan.setdefault("other_conditions", None)
    plan["status"] = overlay.get("status", "draft")
    plan["version"] = overlay.get("version", 1)
    # The date proposed from the goals' dates, until the caseworker chooses one (a final plan's is agreed).
    plan["follow_up_proposed"] = plan["status"] != "final" and (
        "follow_up" not in (overlay.get("plan") or {}) or bool(overlay.get(FOLLOW_UP_PROPOSED)))
    plan["area"] = meta.get("area")
    plan["registered_name"] = meta.get("registered_name") or None  # the case's name; "name" is the chosen one
    plan["new_costly_complex"] = bool(meta.get("new_costly_complex", False))
    if is_youth_plan(plan) and meta.get("plan_kind") in YOUTH_PLAN_KINDS:
        plan["plan_kind"] = meta["plan_kind"]  # barnets plan, or ungeplan for a young person (Barnets lov § 108)
    goals = []
    for g in plan["goals"]:
        g["author"] = "citizen"
    own_goals = [o for o in overlay.get("own_goals") or [] if isinstance(o, dict) and isinstance(o.get("id"), str)
                 and isinstance(o.get("text"), str) and isinstance(o.get("priority"), int)]
    for own in own_goals:  # the caseworker's own goals: nothing in them is the citizen's
        plan["goals"].append({**{f.name: None for f in dataclass_fields(Goal)},
                              "id": own["id"], "item": None, "text": own["text"], "priority": own["priority"],
                              "domain_suggested": False, "earlier": [], "author": "caseworker"})
    for g in plan["goals"]:
        changes = dict(overlay.get("goals", {}).get(g["id"], {}))
        if FOR_DREAM in changes and changes.pop(FOR_DREAM) != g.get("dream"):
            # The citizen went back and changed this dream after the caseworker wrote about it:
            # those words were about another goal, so they do not carry over.
            changes = {}
        merged = {**g, **GOAL_DEFAULTS, **changes}
        merged["citizen"] = {} if g["author"] == "caseworker" else \
            {k: g[k] for k in changes if k in g and g[k] != changes[k] and k != "priority"}
        if "domain" in changes:
            merged["domain_suggested"] = False
        goals.append(merged)
    # One numbering everywhere: "Goal N" is the place in the order, 1 to the number of goals.
    plan["goals"] = sorted(goals, key=lambda g: g["priority"] or 0)
    for n, g in enumerate(plan["goals"], 1):
        g["priority"] = n
    plan["measures"] = migrate(plan.get("measures"), plan["goals"])  # old plans hold texts
    # What the caseworker has since agreed is no longer an open point.
    plan["open_points"] = find_open_points([g for g in plan["goals"] if g["kept"]], translator(plan["lang"]))
    return annotate(plan, overlay)  # what the citizen has seen and said of the caseworker's changes


TRACKED = ("text", "success_criterion", "due")  # the fields of a goal the citizen reads as theirs


# -- finding the changes -------------------------------------------------------------
def _last(entry: Any, own: Any) -> Any:
    """What the citizen last saw of a value: what they were shown, unless their own words
    have changed since (a follow-up), in which case their own words are what they know."""
    if isinstance(entry, dict) and "shown" in entry and entry.get("own") == own:
        return entry["shown"]
    return own


def unseen_changes(plan: dict[str, Any], overlay: dict[str, Any]) -> list[dict[str, Any]]:
    """The caseworker's changes the citizen has not seen yet, in the order the plan shows them."""
    values = (overlay.get("seen") or {}).get("values") or {}
    seen_goals = values.get("goals") or {}
    out: list[dict[str, Any]] = []
    if "purpose" in (overlay.get("plan") or {}):
        own = plan.get("purpose_citizen")
        last = _last(values.get("purpose"), own)
        if plan.get("purpose") != last:
            out.append({"key": "purpose", "goal": None, "field": "purpose", "kind": "changed",
                        "old": last, "new": plan.get("purpose"), "own": own})
    for g in plan["goals"]:
        seen = seen_goals.get(g["id"]) or {}
        own_goal = g.get("author") == "caseworker"
        kept = bool(g.get("kept", True))
        was_kept = bool(_last(seen.get("kept"), not own_goal))  # the citizen's goals start in the plan
        common = {"goal": g["id"], "n": g["priority"], "goal_text": g.get("text"), "reasoning": g.get("reasoning")}
        if kept != was_kept:
            kind = ("added" if own_goal else "restored") if kept else "dropped"
            new = {f: g.get(f) for f in TRACKED} if kind == "added" else kept
            out.append({"key": f"{g['id']}.kept", "field": "kept", "kind": kind, "old": was_kept, "new": new,
                        "own": not own_goal, **common})
            continue
        if not kept:
            continue
        citizen = g.get("citizen") or {}
        for field in TRACKED:
            own = None if own_goal else citizen.get(field, g.get(field))
            last = _last(seen.get(field), own)
            if g.get(field) != last:
                out.append({"key": f"{g['id']}.{field}", "field": field, "kind": "changed", "old": last,
                            "new": g.get(field), "own": own, **common})
    return out


def annotate(plan: PlanInForce, overlay: dict[str, Any]) -> PlanInForce:
    """Add to a merged plan what the citizen has seen and said of the caseworker's changes."""
    answers = [a for a in overlay.get("change_answers") or [] if isinstance(a, dict)]
    for g in plan["goals"]:
        g["change_answers"] = [a for a in answers if a.get("goal") == g["id"]]
        said = [a for a in g["change_answers"] if a.get("response")]
        if g.get("author") == "caseworker" and said:
            # The caseworker's own goal, reviewed by the citizen like their own goals.
            g["citizen_response"] = said[-1]["response"]
            g["citizen_comment"] = said[-1].get("comment")
    plan["purpose_change_answers"] = [a for a in answers if a.get("field") == "purpose"]
    unseen = unseen_changes(plan, overlay)
    plan["unseen_changes"] = unseen
    for g in plan["goals"]:
        g["seen_by_citizen"] = not any(c["goal"] == g["id"] for c in unseen)
    plan["seen_by_citizen"] = not unseen
    seen = overlay.get("seen") or {}
    plan["seen"] = {k: seen[k] for k in ("version", "how", "at", "by", "note") if k in seen} or None
    return plan


ROUNDS = "followups"  # one document per follow-up round


def rounds(handle: CaseRecord) -> list[dict[str, Any]]:
    """Every follow-up round of the case, oldest first."""
    return sorted(handle.all_docs(ROUNDS), key=lambda r: r["round"])


def finished_rounds(handle: CaseRecord) -> list[dict[str, Any]]:
    return [r for r in rounds(handle) if r.get("status") == "complete"]


def apply_followups(plan: dict[str, Any], done: list[dict[str, Any]]) -> PlanInForce:
    """The first draft with every finished follow-up laid over it, in order (a new dict)."""
    plan = copy.deepcopy(plan)
    plan.setdefault("closed_goals", [])
    plan["followups"] = []
    for round_doc in done:
        result = round_doc["result"]
        t = translator(plan["lang"])
        day = result["date"]
        active = []
        for goal in sorted(plan["goals"], key=lambda g: g["priority"]):
            said = result["goals"].get(goal["id"])
            if said is None:
                active.append(goal)
                continue
            if said["decision"] in ("drop", "reached"):
                plan["closed_goals"].append({**goal, "closed": said["decision"], "closed_on": day})
                continue
            if said["decision"] == "change" and said["new_step"]:
                goal["earlier"] = [*goal.get("earlier", []), {
                    "text": goal["text"], "first_step": goal.get("first_step"), "citizen_response": None,
                    "citizen_comment": None, "changed_at_follow_up": day}]
                goal["first_step"] = said["new_step"]
                goal["text"] = goal_text(t, said["new_step"], goal.get("dream"))
            active.append(goal)
        next_number = 1 + max((_number(g["id"]) for g in plan["goals"] + plan["closed_goals"]), default=0)
        if result["new_dreams"]:
            answers = Answers(dreams=copy.deepcopy(result["new_dreams"]),
                              reviews={i: {"review": d.get("review")} for i, d in enumerate(result["new_dreams"], 1)})
            new = draft(answers, case=plan["case"], journey=plan["journey"], lang=plan["lang"],
                        created=dt.datetime.fromisoformat(day + "T00:00:00+00:00")).to_dict()["goals"]
            for offset, goal in enumerate(sorted(new, key=lambda g: g["item"])):
                goal["id"] = f"g{next_number + offset}"
                goal["item"] = next_number + offset
                goal["added_at_follow_up"] = day
                active.append(goal)
        for priority, goal in enumerate(active, start=1):
            goal["priority"] = priority
        plan["goals"] = active
        plan["followups"].append({"round": round_doc["round"], "date": day, "remarks": result.get("remarks")})
    return plan


def _number(goal_id: str) -> int:
    digits = goal_id[1:] if goal_id.startswith("g") else ""
    return int(digits) if digits.isdigit() else 0


def events_table(number: int) -> str:
    return f"followup{number}_events"
