"""Draft the plan from the citizen's answers, in the citizen's own words.

Rules: first person ("Jeg vil gerne …"); every dream, why, step, helper and sign is
quoted verbatim; nothing is invented — a skipped answer becomes an honest open
point that is agreed with the caseworker.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.domain.classify import suggest_dimension
from assistant.common.i18n import N_, Translator, translator
from assistant.domain.plan import WHEN_HORIZON, WHEN_MONTHS, Goal, Plan, add_months, propose_follow_up
from assistant.domain.voice import without_echo
from assistant.domain.journey import load_journey
from assistant.common.errors import BorgerrejseError

AGREE_WITH_CASEWORKER = N_("something I agree on with my caseworker")  # the plan speaks as the citizen

DURATION_TEXT = {
    3: N_("about 3 months"),
    12: N_("about 1 year"),
    24: N_("more than 1 year"),
}


@dataclass
class Answers:
    """What the conversation has collected so far (only the answers now in force)."""

    values: dict[str, Any] = field(default_factory=dict)
    dreams: list[dict[str, Any]] = field(default_factory=list)
    reviews: dict[int, dict[str, Any]] = field(default_factory=dict)
    # Youth journey: per life area, what is good and what the young person wishes were different.
    areas: dict[str, dict[str, Any]] = field(default_factory=dict)
    answered: int = 0
    skipped: int = 0
    not_known: int = 0  # of the skipped: non-answers ("ved ikke", "ingen") — open points, never content
    changes: int = 0


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def goal_items(answers: Answers) -> list[int]:
    """Dream items that become goals, in priority order (1-based item numbers).

    The citizen's own choice comes first, then the most motivated, then the order told.
    """
    items = [i for i, d in enumerate(answers.dreams, start=1) if _text(d.get("dream"))]
    chosen = answers.values.get("priority")
    chosen = int(chosen) if chosen and str(chosen).isdigit() else None

    def key(item: int) -> tuple[int, int, int]:
        motivation = answers.dreams[item - 1].get("motivation")
        return (
            0 if item == chosen else 1,
            -(motivation if isinstance(motivation, int) else -1),
            item,
        )

    return sorted(items, key=key)


def find_open_points(goals: list[dict[str, Any]], t: Translator) -> list[str]:
    """What is still to be agreed, said plainly: a goal with no success criterion or date.

    Used on the draft and again on the plan the caseworker completes, so a point
    disappears once it has been agreed.
    """
    _ = t.gettext
    if not goals:
        return [_("The purpose and the goals are {agree}.").format(agree=_(AGREE_WITH_CASEWORKER))]
    points = []
    for g in goals:
        if not g.get("success_criterion"):
            points.append(_("Goal {n}: how we will see that it has worked is {agree}.").format(
                n=g["priority"], agree=_(AGREE_WITH_CASEWORKER)))
        if not g.get("due"):
            points.append(_("Goal {n}: when it should be reached is {agree}.").format(
                n=g["priority"], agree=_(AGREE_WITH_CASEWORKER)))
    return points


def goal_text(t: Translator, first_step: str | None, dream: str | None = None) -> str:
    _ = t.gettext
    if first_step:  # "Mit første skridt er: »mit første skridt er …«" says it once
        return _("My first step is: {step}.").format(step=t.quote(without_echo(first_step, "first_step")))
    return _("I want to reach my dream: {dream}. The first step is {agree}.").format(
        dream=t.quote(without_echo(dream, "dream")), agree=_(AGREE_WITH_CASEWORKER)
    )


def earlier_drafts(t: Translator, dream: dict[str, Any]) -> list[dict[str, Any]]:
    """Goals drafted before, for a dream whose first step the citizen changed at the review."""
    return [
        {
            "text": goal_text(t, _text(e.get("first_step")), _text(dream.get("dream"))),
            "first_step": _text(e.get("first_step")),
            "citizen_response": e.get("review"),
            "citizen_comment": _text(e.get("review_comment")),
        }
        for e in dream.get("earlier", [])
    ]


def draft(
    answers: Answers,
    *,
    case: str,
    journey: str,
    lang: str,
    created: dt.datetime,
    transcript: list[dict[str, Any]] | None = None,
    new_costly_complex: bool = False,
) -> Plan:
    """The plan in the citizen's words; the follow-up date is proposed from the goals' dates
    (at most 3 months away for a new, costly or complex case, else within a year)."""
    t = translator(lang)
    _ = t.gettext
    today = created.date()
    youth = journey_plan_kind(journey) == "barnets_plan"
    goals: list[Goal] = []
    for priority, item in enumerate(goal_items(answers), start=1):
        d = answers.dreams[item - 1]
        dream, why, step = _text(d.get("dream")), _text(d.get("why")), _text(d.get("first_step"))
        helpers, sign = _text(d.get("helpers")), _text(d.get("sign"))
        when = d.get("when") if d.get("when") in WHEN_MONTHS else None
        motivation = d.get("motivation") if isinstance(d.get("motivation"), int) else None
        review = answers.reviews.get(priority, {})
        goals.append(
            Goal(
                id=f"g{item}",
                item=item,
                text=goal_text(t, step, dream),
                dream=dream,
                why=why,
                first_step=step,
                helpers=helpers,
                success_criterion=sign,
                when=when,
                horizon=WHEN_HORIZON.get(when) if when else None,
                due=add_months(today, WHEN_MONTHS[when]).isoformat() if when else None,
                priority=priority,
                motivation=motivation,
                motivation_up=_text(d.get("motivation_up")),
                # A young person's goal is tagged by the Barnets lov area they chose, not a WHO dimension.
                domain=None if youth else suggest_dimension((dream, 3), (step, 2), (why, 1), (sign, 1)),
                area=d.get("area") if youth and d.get("area") not in (None, "other") else None,
                citizen_response=review.get("review"),
                citizen_comment=_text(review.get("review_comment")),
                earlier=earlier_drafts(t, d),
            )
        )
    purpose, source = _purpose(t, answers, goals)
    open_points = find_open_points([asdict(g) for g in goals], t)
    months = max((WHEN_MONTHS[g.when] for g in goals if g.when), default=None)
    reviewed = bool(goals) and all(g.citizen_response for g in goals)
    return Plan(
        case=case,
        journey=journey,
        lang=t.lang,
        created=created.isoformat(timespec="seconds"),
        status="draft",
        name=_text(answers.values.get("name")),
        purpose=purpose,
        purpose_source=source,
        goals=goals,
        follow_up=propose_follow_up([asdict(g) for g in goals], today, new_costly_complex).isoformat(),
        expected_duration=_(DURATION_TEXT[months]) if months else None,  # not said: the views say it is open
        expected_duration_months=months,
        remarks=_text(answers.values.get("remarks")),
        consent=answers.values.get("consent"),
        everyday=_text(answers.values.get("everyday")),
        good_now=_text(answers.values.get("good_now")),
        open_points=open_points,
        involvement={
            "answered": answers.answered,
            "skipped": answers.skipped,
            "changed_answers": answers.changes,
            "reviewed_by_citizen": reviewed,
            "goals_reviewed": sum(1 for g in goals if g.citizen_response),
            "not_known": answers.not_known,
        },
        transcript=list(transcript or []),
        plan_kind="barnets_plan" if youth else "handleplan",
        areas={a: {k: _text(v) if isinstance(v, str) else v for k, v in vals.items()}
               for a, vals in answers.areas.items()},
    )


def journey_plan_kind(journey_id: str) -> str:
    """Which plan a journey drafts ("handleplan" for an unknown or adult journey)."""
    try:
        return load_journey(journey_id).plan_kind
    except BorgerrejseError:
        return "handleplan"


def _purpose(t: Translator, answers: Answers, goals: list[Goal]) -> tuple[str, dict[str, Any]]:
    """The long-term direction: the most important dream and why it matters."""
    _ = t.gettext
    if not goals:
        return _("The purpose is {agree}.").format(agree=_(AGREE_WITH_CASEWORKER)), {}
    first = goals[0]
    text = _("What I am working towards: {dream}.").format(dream=t.quote(without_echo(first.dream, "dream")))
    if first.why:  # "fordi: »fordi jeg …«" says "fordi" once
        text += " " + _("It matters to me because: {why}.").format(why=t.quote(without_echo(first.why, "because")))
    return text, {"goal": first.id, "dream": first.dream, "why": first.why}
