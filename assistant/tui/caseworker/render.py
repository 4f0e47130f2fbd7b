"""The plan as Textual ``Content``: labels styled, every typed word literal.

``Content.assemble`` treats plain strings as text, never as markup, so what a
citizen or caseworker wrote is shown exactly as written (after :func:`clean`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from textual.content import Content

from assistant.services.casework import FIELD_LABELS
from assistant.domain.vocabulary import AREA_LABELS
from assistant.services.changes import latest_disagreement
from assistant.render.caseview import area_label
from assistant.domain.plan import PLAN_KIND_LAW, PLAN_KIND_NAMES, is_youth_plan
from assistant.render.caseview import DOMAIN_LABELS
from assistant.common.i18n import N_, Translator
from assistant.domain.measures import measure_line, migrate
from assistant.common.text import clean
from assistant.domain.vocabulary import LIST_STATUS_LABELS as STATUS_LABELS
from assistant.domain.vocabulary import HORIZON_LABELS, RESPONSE_LABELS

LABEL = "bold"
CITIZEN = "italic $text-success"
MISSING = "bold $text-error"

GOAL_N = N_("Goal {n}")
CHANGE_ANSWER = N_("The citizen to your change ({what})")
SEEN = N_("Seen by the citizen")
NOT_SEEN_YET = N_("not yet: your change is not shown to the citizen")
OWN_GOAL = N_("(the caseworker's goal)")
NOT_REVIEWED_YET = N_("not yet reviewed by the citizen")
NOT_KEPT = N_("(not kept)")
YOUR_WORDING = N_("Caseworker's wording")
CITIZEN_WORDS = N_("The citizen's words")
# A drafted sentence quotes the citizen inside it: shown as the citizen's, without a second pair of quotes.
CITIZEN_DRAFT = N_("The citizen's draft")
DREAM = N_("Dream")
WHY = N_("Why")
FIRST_STEP = N_("First step")
HELPERS = N_("Who can help")
SUCCESS = N_("Success criterion")
WHEN = N_("When")
WHO = N_("WHO dimension")
SUGGESTED = N_("(suggested)")
INDICATOR = N_("Indicator (0–4)")
INDICATOR_VALUE = N_("{name}: now {status}, target {target}")
MEASURE = N_("Measure and provider")
SUGGESTIONS = N_("Suggestions to the provider")
SAYS = N_("The citizen says")
COMMENT = N_("The citizen's comment")
REASONING = N_("Professional reasoning")
MISSING_TEXT = N_("MISSING")
PURPOSE = N_("Purpose")
STATUS = N_("Status")
VERSION = N_("version {n}")
AREA = N_("Area")
NCC = N_("New, costly or complex case")
FOLLOW_UP = N_("Follow-up")
PROPOSED = N_("(proposed)")
FOLLOW_UP_REMARKS = N_("Remarks at follow-up {n}, {date}")  # the follow-up date proposed from the goals' dates, not chosen yet
DURATION = N_("Expected duration")
MEASURES = N_("Measures granted")
OTHER = N_("Other special conditions")
REMARKS = N_("The citizen's remarks")
YES, NO = N_("yes"), N_("no")
EVERYDAY = N_("A normal day")
GOING_WELL = N_("What is going well")
EARLIER = N_("Earlier draft, changed by the citizen at the review")
SAID_TO_IT = N_("The citizen said to it")
PLAN_KIND = N_("Kind of plan")
YOUTH_AREA = N_("Area (Barnets lov)")
AREA_TALK = N_("good: {good}; wishes: {wish}")
NOT_TALKED = N_("not talked about")
AREA_INDICATOR = N_("now {status}, target {target}")


def date_text(t: Translator, iso: str | None) -> str:
    try:
        return t.date(dt.date.fromisoformat(iso[:10])) if iso else "—"
    except ValueError:
        return iso or "—"


def _row(label: str, *value: str | tuple[str, str] | Content) -> Content:
    parts = [part if not isinstance(part, str) else clean(part) for part in value]
    return Content.assemble((label + ": ", LABEL), *parts)


def _quote(t: Translator, text: str) -> tuple[str, str]:
    return (t.quote(clean(text)), CITIZEN)


def _drafted(text: str) -> tuple[str, str]:
    return (clean(text), CITIZEN)


def plan_summary(plan: dict[str, Any], t: Translator) -> Content:
    """The plan-level facts: status, purpose (both wordings), dates, measures, remarks."""
    _ = t.gettext
    status = t.label(STATUS_LABELS, plan.get("status", "draft")) + ", " + _(VERSION).format(n=plan.get("version", 1))
    lines = [_row(_(STATUS), status)]
    if is_youth_plan(plan):  # barnets plan or ungeplan, and the five areas in the young person's words
        kind = plan["plan_kind"]
        lines.append(_row(_(PLAN_KIND), f"{t.label(PLAN_KIND_NAMES, kind)} ({PLAN_KIND_LAW[kind]})"))
        lines += youth_area_rows(plan, t)
    else:
        # The citizen's strengths first: what a day is like, what is going well.
        lines.append(_row(_(EVERYDAY), _quote(t, plan["everyday"]) if plan.get("everyday") else "—"))
        lines.append(_row(_(GOING_WELL), _quote(t, plan["good_now"]) if plan.get("good_now") else "—"))
    lines.append(_row(_(AREA), t.label(AREA_LABELS, plan["area"]) if plan.get("area") in AREA_LABELS else "—"))
    lines.append(_row(_(NCC), _(YES) if plan.get("new_costly_complex") else _(NO)))
    lines.append(_row(_(PURPOSE), plan.get("purpose") or "—"))
    if plan.get("purpose_citizen") and plan["purpose_citizen"] != plan.get("purpose"):
        lines.append(_row(_(CITIZEN_DRAFT), _drafted(plan["purpose_citizen"])))
    follow_up = date_text(t, plan.get("follow_up"))
    if plan.get("follow_up_proposed"):  # not chosen yet: it follows the goals' dates
        follow_up += " " + _(PROPOSED)
    lines.append(_row(_(FOLLOW_UP), follow_up))
    months = plan.get("expected_duration_months")
    duration = plan.get("expected_duration") or "—"
    if months:
        duration += " (" + t.ngettext("{n} month", "{n} months", months).format(n=months) + ")"
    lines.append(_row(_(DURATION), duration))
    measures = migrate(plan.get("measures"), plan.get("goals"))
    numbers = {g["id"]: g["priority"] for g in plan.get("goals", [])}
    lines.append(_row(_(MEASURES), "" if measures else "—"))
    lines += [Content("  " + str(n) + ". " + clean(measure_line(m, t, numbers))) for n, m in enumerate(measures, 1)]
    lines.append(_row(_(OTHER), plan.get("other_conditions") or "—"))
    lines.append(_row(_(REMARKS), _quote(t, plan["remarks"]) if plan.get("remarks") else "—"))
    for f in plan.get("followups") or []:  # and what the citizen said at each follow-up, dated
        if isinstance(f, dict) and f.get("remarks"):
            lines.append(_row(_(FOLLOW_UP_REMARKS).format(n=f.get("round"), date=date_text(t, f.get("date"))),
                              _quote(t, f["remarks"])))
    return Content("\n").join(lines)


def goal_card(goal: dict[str, Any], t: Translator, measures: list[dict[str, Any]] | None = None) -> Content:
    """One goal: the caseworker's wording beside the citizen's, then every field."""
    _ = t.gettext
    citizen = goal.get("citizen") or {}
    heading = _(GOAL_N).format(n=goal["priority"]) + ("" if goal.get("kept", True) else " " + _(NOT_KEPT))
    if goal.get("author") == "caseworker":
        heading += " " + _(OWN_GOAL)
    lines = [Content.styled(heading, "bold underline")]
    if "text" in citizen:
        lines.append(_row(_(YOUR_WORDING), goal["text"] or "—"))
        lines.append(_row(_(CITIZEN_DRAFT), _drafted(citizen["text"] or "—")))
    else:
        lines.append(Content(clean(goal["text"] or "—")))
    for key, label in (("dream", DREAM), ("why", WHY), ("first_step", FIRST_STEP), ("helpers", HELPERS)):
        if goal.get(key):
            lines.append(_row(_(label), _quote(t, goal[key])))
    lines.append(_row(_(SUCCESS), goal.get("success_criterion") or "—"))
    if citizen.get("success_criterion"):
        lines.append(_row("  " + _(CITIZEN_WORDS), _quote(t, citizen["success_criterion"])))
    when = date_text(t, goal.get("due"))
    if goal.get("horizon") in HORIZON_LABELS:
        when += " (" + t.label(HORIZON_LABELS, goal["horizon"]) + ")"
    lines.append(_row(_(WHEN), when))
    if goal.get("area"):  # a young person's goal: its Barnets lov area, not a WHO dimension
        lines.append(_row(_(YOUTH_AREA), area_label(goal["area"], t)))
    else:
        domain = "—"
        if goal.get("domain") in DOMAIN_LABELS:
            domain = t.label(DOMAIN_LABELS, goal["domain"]) + (" " + _(SUGGESTED) if goal.get("domain_suggested", True) else "")
        lines.append(_row(_(WHO), domain))
    lines.append(_row(_(INDICATOR), indicator_text(t, goal.get("indicator"))))
    serving = [measure_line(m, t) for m in measures or [] if goal["id"] in (m.get("goals") or [])]
    legacy = " / ".join(filter(None, [goal.get("measure"), goal.get("provider")]))
    lines.append(_row(_(MEASURE), "; ".join(serving) or legacy or "—"))
    lines.append(_row(_(SUGGESTIONS), goal.get("provider_suggestions") or "—"))
    response = goal.get("citizen_response")
    said = t.label(RESPONSE_LABELS, response) if response in RESPONSE_LABELS else "—"
    if response is None and goal.get("author") == "caseworker" and not goal.get("not_reviewed"):
        said = (_(NOT_REVIEWED_YET), MISSING)
    lines.append(_row(_(SAYS), said))
    if goal.get("citizen_comment"):
        lines.append(_row(_(COMMENT), _quote(t, goal["citizen_comment"])))
    for before in goal.get("earlier") or []:  # a draft the citizen disagreed with and changed
        said = t.label(RESPONSE_LABELS, before["citizen_response"]) if before.get("citizen_response") else "—"
        lines.append(_row(_(EARLIER), _drafted(before.get("text") or "—")))
        lines.append(_row("  " + _(SAID_TO_IT), said, *([": ", _quote(t, before["citizen_comment"])]
                                                         if before.get("citizen_comment") else [])))
    lines += change_answer_rows(goal, t)
    if not goal.get("seen_by_citizen", True):
        lines.append(_row(_(SEEN), (_(NOT_SEEN_YET), MISSING)))
    if response in ("disagree", "partly") or goal.get("reasoning") or latest_disagreement(goal):
        reasoning = goal.get("reasoning")
        lines.append(_row(_(REASONING), reasoning if reasoning else (_(MISSING_TEXT), MISSING)))
    return Content("\n").join(lines)


def youth_area_rows(plan: dict[str, Any], t: Translator) -> list[Content]:
    """One row per Barnets lov area: the young person's words, and the 0–4 indicator (status, target)."""
    from assistant.domain.journey import load_journey

    _ = t.gettext
    rows = []
    indicators = plan.get("area_indicators") or {}
    for area in load_journey("youth").areas:
        said = (plan.get("areas") or {}).get(area.value) or {}
        if said.get("area_talk") is True:
            value = [_quote(t, said["good"]) if said.get("good") else "—", "; ",
                     _quote(t, said["wish"]) if said.get("wish") else "—"]
        else:
            value = [_(NOT_TALKED)]
        ind = indicators.get(area.value)
        if ind:
            dash = lambda n: "—" if n is None else str(n)  # noqa: E731
            value.append("  [0–4: " + _(AREA_INDICATOR).format(status=dash(ind.get("status")),
                                                                target=dash(ind.get("target"))) + "]")
        rows.append(_row(_(area.official), *value))
    return rows


def indicator_text(t: Translator, indicator: dict[str, Any] | None) -> str:
    if not indicator:
        return "—"
    dash = lambda n: "—" if n is None else str(n)  # noqa: E731
    return t.gettext(INDICATOR_VALUE).format(
        name=indicator.get("name") or "", status=dash(indicator.get("status")), target=dash(indicator.get("target")))


CITIZEN_SAID = N_("What the citizen said")
CITIZEN_GOAL = N_("The goal in the citizen's words")
MOTIVATION = N_("Motivation (0–10)")
MOTIVATION_UP = N_("What would raise it")


def change_answer_rows(goal: dict[str, Any], t: Translator) -> list[Content]:
    """The citizen's answers to the caseworker's changes of one goal, oldest first."""
    _ = t.gettext
    rows = []
    for change in goal.get("change_answers") or []:
        response = change.get("response")
        answer = t.label(RESPONSE_LABELS, response) if response in RESPONSE_LABELS else "—"
        what = t.label(FIELD_LABELS, change["field"]) if change.get("field") in FIELD_LABELS else "—"
        rows.append(_row(_(CHANGE_ANSWER).format(what=what), (answer, MISSING if response in ("disagree", "partly") else ""),
                         *([": ", _quote(t, change["comment"])] if change.get("comment") else [])))
    return rows


def citizen_side(goal: dict[str, Any], t: Translator) -> Content:
    """The citizen's own words for one goal, exactly as drafted (shown read-only)."""
    _ = t.gettext
    citizen = goal.get("citizen") or {}
    lines = [Content.styled(_(CITIZEN_SAID), "bold underline")]
    mine = goal.get("author") == "caseworker"  # the caseworker's own goal: none of it is the citizen's words
    own = None if mine else citizen.get("text", goal.get("text"))
    # The drafted goal already quotes the citizen's words inside it: no second quotes.
    lines.append(_row(_(CITIZEN_GOAL), (clean(own), CITIZEN) if own else "—"))
    for key, label in (("dream", DREAM), ("why", WHY), ("first_step", FIRST_STEP), ("helpers", HELPERS)):
        lines.append(_row(_(label), _quote(t, goal[key]) if goal.get(key) else "—"))
    own_sign = None if mine else citizen.get("success_criterion", goal.get("success_criterion"))
    lines.append(_row(_(SUCCESS), _quote(t, own_sign) if own_sign else "—"))
    if goal.get("motivation") is not None:
        lines.append(_row(_(MOTIVATION), str(goal["motivation"])))
    if goal.get("motivation_up"):
        lines.append(_row(_(MOTIVATION_UP), _quote(t, goal["motivation_up"])))
    response = goal.get("citizen_response")
    says = t.label(RESPONSE_LABELS, response) if response in RESPONSE_LABELS else "—"
    lines.append(_row(_(SAYS), (says, MISSING if response in ("disagree", "partly") else "")))
    if goal.get("citizen_comment"):
        lines.append(_row(_(COMMENT), _quote(t, goal["citizen_comment"])))
    lines += change_answer_rows(goal, t)
    return Content("\n").join(lines)
