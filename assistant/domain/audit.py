"""Audit a plan against the Randers assessment form and the law: § 141 stk. 3 for an
adult's handleplan, Barnets lov §§ 91–92 (barnets plan) or §§ 108–109 (ungeplan) for a
child's or young person's plan.

Nine questions, each rated on the form's five-point scale with a reason built from
the plan's own content, plus the legal elements a § 141 plan must describe. A
missing element is reported with what to fix — never silently "fine".
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.common.i18n import N_, translator
from assistant.domain.measures import has_extent, measure_line, migrate
from assistant.domain.plan import PLAN_KIND_LAW, is_youth_plan, purpose_is_open
from assistant.common.text import clean, md_escape

SCALE = ("high", "some", "small", "none", "na")
SCALE_LABELS = {
    "high": N_("to a high degree"),
    "some": N_("to some degree"),
    "small": N_("to a small degree"),
    "none": N_("not at all"),
    "na": N_("cannot be assessed"),
}
QUESTIONS = {
    "purpose": N_("Is the purpose of the plan clear?"),
    "reachable": N_("Can the goals be reached within the time frame?"),
    "when_met": N_("Does the plan say when the goals are to be met?"),
    "extent": N_("Does the plan state the extent of the help?"),
    "method_room": N_("Do the goals leave the provider room to choose the method?"),
    "duration": N_("Is the expected duration of the help stated?"),
    "coherence": N_("Is there coherence between purpose, goals and the help granted?"),
    "involvement": N_("Was the citizen involved enough?"),
    "overall": N_("Overall, does the plan work as a tool for steering and agreement?"),
}
LEGAL = {
    "purpose": N_("The purpose of the help"),
    "measures": N_("Which help is needed to reach the purpose"),
    "duration": N_("The expected duration of the help"),
    "other": N_("Other special conditions"),
}
# Barnets lov: what barnets plan (§ 92) and the ungeplan (§ 109) must hold.
LEGAL_YOUTH = {
    "goals": N_("Concrete goals that reflect the child's own wishes and needs"),
    "with_child": N_("The plan is made with the child or young person"),
    "measures": N_("The support given to reach the goals"),
    "duration": N_("The expected duration of the support"),
}
# Words that prescribe the provider's method (recommendation 15); suggestions are fine (16).
_METHOD_WORDS = re.compile(
    r"\b(metode\w*|skal\s+(?:bruge|anvende)|ved\s+hjælp\s+af|efter\s+\w+-?modellen|"
    r"method\w*|must\s+use|by\s+means\s+of|using\s+the)\b",
    re.IGNORECASE,
)
# A goal that names the provider's people and how often they act prescribes the activity
# ("åbne posten sammen med min bostøtte en gang om ugen"): the provider has no room left.
_PROVIDER_WORDS = re.compile(
    r"\b(bostøtte\w*|støtte-?\s?kontaktperson\w*|skp|pædagog\w*|mentor\w*|hjemmevejleder\w*|"
    r"medarbejder\w*|personale\w*|udfører\w*|leverandør\w*|housing\s+support|support\s+worker\w*|"
    r"staff|provider\w*|mentor)\b",
    re.IGNORECASE,
)
_FREQUENCY = re.compile(
    r"\b((?:en|et|to|tre|fire|fem|\d+)\s+gange?\s+(?:om|pr\.?|i)\s+(?:dagen|ugen|måneden)|"
    r"(?:en|et)\s+gang\s+(?:om|pr\.?|i)\s+(?:dagen|ugen|måneden)|hver\s+(?:dag|uge|måned|\d+\.?\s*dag|anden\s+uge|"
    r"mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)|"
    r"every\s+(?:other\s+week|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    r"dagligt|ugentligt|månedligt|once\s+a\s+(?:day|week|month)|(?:twice|\w+\s+times)\s+a\s+(?:day|week|month)|"
    r"every\s+(?:day|week|month|\w+\s+days)|daily|weekly|monthly)\b",
    re.IGNORECASE,
)
# The extent of a measure: hours, times, how often (Q4 scores what the measures say).
_EXTENT = re.compile(
    r"(\d+(?:[,.]\d+)?\s*(?:timer?|t\.|min(?:utter)?|hours?|hrs?|gange?|times?)\b|" + _FREQUENCY.pattern + ")",
    re.IGNORECASE,
)
# A duration that is no duration (§ 141, stk. 3 asks for the expected duration: months or an end date).
_VAGUE_DURATION = re.compile(
    r"\b(mere\s+end|over|mindst|ubestemt|uafklaret|indtil\s+videre|på\s+sigt|more\s+than|at\s+least|"
    r"indefinite\w*|until\s+further|open-?ended)\b",
    re.IGNORECASE,
)
# A purpose that cannot be judged at follow-up (the Randers example: "the same good level as last year").
_VAGUE_PURPOSE = re.compile(
    r"\b(samme\s+(?:gode\s+)?(?:funktions)?niveau|som\s+sidste\s+år|have\s+det\s+bedre|få\s+det\s+godt|"
    r"trivsel|same\s+(?:good\s+)?level|as\s+last\s+year|feel\s+better|be\s+well)\b",
    re.IGNORECASE,
)
SHORT_TERM_MONTHS = 12  # a short-term goal is due within a year (Randers recommendation 8)


@dataclass
class Rating:
    key: str
    question: str
    rating: str
    label: str
    reason: str
    fix: str | None = None
    evidence: list[str] = field(default_factory=list)  # "+ …" raises the rating, "− …" lowers it


@dataclass
class LegalElement:
    key: str
    label: str
    present: bool
    note: str


@dataclass
class AuditResult:
    ratings: list[Rating]
    legal: list[LegalElement]
    fixes: list[str] = field(default_factory=list)
    law: str = "§ 141, stk. 3"  # where the legal elements come from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _ratio_rating(done: int, total: int) -> str:
    if total == 0:
        return "na"
    if done == total:
        return "high"
    if done * 2 >= total:
        return "some"
    return "small" if done else "none"


def audit(plan: dict[str, Any], lang: str | None = None) -> AuditResult:
    t = translator(lang or plan.get("lang"))
    _ = t.gettext
    goals = [g for g in plan.get("goals", []) if g.get("kept", True)]
    n = len(goals)
    measures = migrate(plan.get("measures"), plan.get("goals"))  # old plans hold texts: read as structured
    purpose_open = purpose_is_open(plan)
    caseworker_purpose = plan.get("purpose") != plan.get("purpose_citizen", plan.get("purpose"))
    results: list[Rating] = []

    def rate(key: str, rating: str, reason: str, fix: str | None = None, evidence: list[str] | None = None) -> None:
        results.append(Rating(key, _(QUESTIONS[key]), rating, t.label(SCALE_LABELS, rating), reason,
                              fix if rating != "high" else None, list(evidence or [])))

    def plus(text: str) -> str:
        return "+ " + text

    def minus(text: str) -> str:
        return "− " + text

    created = _day(plan.get("created"))

    # 1 purpose
    if purpose_open:
        rate("purpose", "none", _("The purpose is not written yet."), _("Write the purpose with the citizen, from their most important dream."))
    else:
        has_why = bool((plan.get("purpose_source") or {}).get("why")) or caseworker_purpose
        judged = bool(goals and goals[0].get("success_criterion"))
        if _VAGUE_PURPOSE.search(plan.get("purpose") or ""):
            rate("purpose", "some", _("The purpose gives a direction, but in words that cannot be judged at follow-up."),
                 _("Say in concrete words what will be different when the purpose is reached."),
                 [minus(_("The purpose uses words that cannot be judged (like 'the same level as last year')."))])
        elif has_why and judged:
            rate("purpose", "high", _("The purpose gives the direction and why it matters, and goal 1 has a success criterion to judge it by."))
        else:
            rate("purpose", "some", _("The purpose gives a direction, but the plan does not show how to judge at follow-up whether it was reached."),
                 _("Add why the purpose matters and a success criterion for the first goal."))
    # 2 reachable in the time frame: realism, not only that a date exists (that is question 3)
    realistic, evidence2 = 0, []
    for g in goals:
        problems = _realism_problems(g, created)
        if not problems:
            realistic += 1
        for problem in problems:
            evidence2.append(minus(_("Goal {n}: {problem}").format(n=g["priority"], problem=_(problem))))
    if n and realistic:
        evidence2.insert(0, plus(_("{done} of {total} goals have a first step the citizen can start, the citizen's "
                                   "motivation behind them, and a date that fits short or long term.").format(done=realistic, total=n)))
    rate("reachable", _ratio_rating(realistic, n),
         t.ngettext("{done} of {total} goal looks reachable in its time frame.", "{done} of {total} goals look reachable in their time frame.", n).format(done=realistic, total=n) if n else _("The plan has no goals."),
         _("Give every goal a first step the citizen can start, and a date that fits its horizon; start where the motivation is."),
         evidence2)
    # 3 when met
    dated = sum(1 for g in goals if g.get("due"))
    rate("when_met", _ratio_rating(dated, n),
         t.ngettext("{done} of {total} goal says when it is to be met.", "{done} of {total} goals say when they are to be met.", n).format(done=dated, total=n) if n else _("The plan has no goals."),
         _("Set a date and short or long term for every goal."))
    # 4 extent of the help: what the measures say about how much help (hours, how often)
    served = {g for m in measures for g in m.get("goals") or []}
    linked = sum(1 for g in goals if g.get("measure") or g["id"] in served)
    if not measures:
        rate("extent", "none", _("No measures are listed for the plan."), _("List the measures granted and link each goal to one."))
    else:
        # A structured extent ("2 hours a week") counts first; an old text measure by what it says.
        with_extent = [m for m in measures if has_extent(m) or _EXTENT.search(_measure_text(m, t))]
        evidence4 = [plus(_("Extent stated: {measure}").format(measure=_measure_text(m, t))) for m in with_extent]
        evidence4 += [minus(_("No extent: {measure}").format(measure=_measure_text(m, t))) for m in measures if m not in with_extent]
        rating4 = _ratio_rating(len(with_extent), len(measures))
        rate("extent", rating4,
             t.ngettext("{done} of {count} measure says how much help is given (hours or how often).",
                        "{done} of {count} measures say how much help is given (hours or how often).", len(measures)).format(
                 done=len(with_extent), count=len(measures)),
             _("Say for each measure how much help it is, e.g. '2 timer om ugen'."), evidence4)
    # 5 room for method
    if not goals:
        rate("method_room", "na", _("The plan has no goals."))
    else:
        prescribing = [g["priority"] for g in goals if _prescribes(" ".join(filter(None, [g.get("text"), g.get("success_criterion")])))]
        suggested = sum(1 for g in goals if g.get("provider_suggestions"))
        if prescribing:
            rate("method_room", "small" if len(prescribing) < n else "none",
                 _("Goals {goals} describe how the provider must work.").format(goals=", ".join(map(str, prescribing))),
                 _("Describe the wanted effect in the goal; put ideas about method under suggestions to the provider."))
        else:
            rate("method_room", "high", t.ngettext("No goal says how the provider must work; {count} goal carries suggestions to the provider.", "No goal says how the provider must work; {count} goals carry suggestions to the provider.", suggested).format(count=suggested))
    # 6 duration: a number of months (or an end date); "mere end 1 år" is no duration
    months = plan.get("expected_duration_months")
    words = plan.get("expected_duration") or ""
    if months and _VAGUE_DURATION.search(words):
        rate("duration", "some", _("The months are stated ({months}), but the words say something else: {duration}.").format(
             months=months, duration=words), _("Write the duration as the number of months, without 'more than'."),
             [minus(_("The duration in words is open-ended."))])
    elif months:
        rate("duration", "high", _("The expected duration is stated: {duration}.").format(duration=words or months),
             evidence=[plus(t.ngettext("{months} month.", "{months} months.", months).format(months=months))])
    elif words:
        rate("duration", "none", _("The duration is only described in words ({duration}), not as months or an end date.").format(
             duration=words), _("State the expected duration of the help in months."))
    else:
        rate("duration", "none", _("The expected duration is not stated."), _("State the expected duration of the help."))
    # 7 coherence
    purpose_goal = (plan.get("purpose_source") or {}).get("goal")
    purpose_linked = caseworker_purpose or any(g["id"] == purpose_goal for g in goals)
    if purpose_open or not goals:
        rate("coherence", "none", _("Without a purpose and goals there is nothing to hold together."), _("Write the purpose and the goals first."))
    elif not measures:
        rate("coherence", "small", _("Purpose and goals come from the same dream, but no help is granted to reach them."),
             _("List the measures granted and link each goal to one."))
    else:
        linked_ok = linked == n and purpose_linked
        source = next((g for g in goals if g["id"] == purpose_goal), None)
        if caseworker_purpose:
            origin = _("The caseworker wrote the purpose")
        elif source is not None:
            origin = _("The purpose comes from goal {n}'s dream").format(n=source["priority"])
        else:
            origin = _("The purpose is not linked to a goal")
        rate("coherence", "high" if linked_ok else "some",
             t.ngettext("{origin}; {done} of {total} goal is linked to a measure.", "{origin}; {done} of {total} goals are linked to a measure.", n).format(origin=origin, done=linked, total=n),
             _("Link each goal to a measure and make sure the purpose follows from the goals."))
    # 8 involvement
    inv = plan.get("involvement", {})
    answered, skipped = inv.get("answered", 0), inv.get("skipped", 0)
    disagreed = [g for g in goals if g.get("citizen_response") in ("disagree", "partly")]
    reasoned = all((g.get("reasoning") or "").strip() for g in disagreed)
    points = sum([
        2 if inv.get("reviewed_by_citizen") else 0,
        1 if answered >= skipped and answered > 0 else 0,
        1 if plan.get("purpose_source") else 0,  # the purpose grew from the citizen's own dream
        1 if reasoned else 0,
    ])
    involvement_rating = "high" if points >= 5 else "some" if points >= 3 else "small" if points >= 1 else "none"
    evidence8 = []
    # A goal the citizen rejected, kept and reworded without them seeing the new words is not made with them.
    if "unseen_changes" in plan:  # what the citizen has not seen of the caseworker's changes (assistant.services.changes)
        reworded = {c.get("goal") for c in plan["unseen_changes"] if c.get("field") == "text"}
        unseen = [g["priority"] for g in disagreed if "text" in (g.get("citizen") or {}) and g["id"] in reworded]
    else:  # a plan kept before seeing was recorded: a reworded disagreement counts as not seen
        unseen = [g["priority"] for g in disagreed if "text" in (g.get("citizen") or {}) and not g.get("seen_by_citizen")]
    unreviewed = [g["priority"] for g in goals if not g.get("citizen_response")]
    dropped = [g for g in plan.get("goals", []) if not g.get("kept", True)]
    others = [c for c in plan.get("unseen_changes") or [] if c.get("goal") not in {g["id"] for g in disagreed}
              or c.get("field") != "text"]
    if others:  # the plan is the citizen's only as far as they have seen it
        involvement_rating = _cap(involvement_rating, "some")
        evidence8.append(minus(_("The citizen has not seen {n} of the caseworker's changes to the plan.").format(n=len(others))))
    if unseen:
        involvement_rating = _cap(involvement_rating, "small")
        evidence8.append(minus(_("The citizen disagreed with goal {goals}, and the new wording has not been shown to them.").format(
            goals=", ".join(map(str, unseen)))))
    if unreviewed:
        involvement_rating = _cap(involvement_rating, "some")
        evidence8.append(minus(_("The citizen has not said what they think of goal {goals}.").format(goals=", ".join(map(str, unreviewed)))))
    if dropped and not goals:
        involvement_rating = _cap(involvement_rating, "none")
        evidence8.append(minus(_("Every goal of the citizen's was taken out.")))
    if inv.get("reviewed_by_citizen"):
        evidence8.append(plus(_("The citizen reviewed the draft goal by goal.")))
    seen = plan.get("seen") or {}
    if plan.get("seen_by_citizen") and seen.get("how") == "chat":
        evidence8.append(plus(_("The citizen went through the caseworker's changes and answered each one.")))
    elif plan.get("seen_by_citizen") and seen.get("how") == "read_aloud":
        evidence8.append(plus(_("The caseworker's changes were read aloud to the citizen, who agreed.")))
    if plan.get("remarks"):
        evidence8.append(plus(_("The citizen's remarks are in the plan.")))
    reason = _("Questions answered by the citizen: {answered}; skipped: {skipped}. Goals reviewed by the citizen: {reviewed} of {total}.").format(
        answered=answered, skipped=skipped, reviewed=inv.get("goals_reviewed", 0), total=len(plan.get("goals", [])))
    if inv.get("not_known"):  # "ved ikke" is counted as not answered, and said
        reason += " " + _("Of the skipped, answered with \"I don't know\" or \"nothing\": {count}.").format(count=inv["not_known"])
    if disagreed:
        reason += " " + (_("Goals the citizen does not fully agree with: {count}, all with professional reasoning.") if reasoned
                         else _("Goals the citizen does not fully agree with: {count}, not all with professional reasoning yet.")).format(count=len(disagreed))
    if disagreed and not reasoned:
        involvement_fix = _("Write your professional reasoning for each goal the citizen does not fully agree with.")
    elif not inv.get("reviewed_by_citizen"):
        involvement_fix = _("Go through the goals with the citizen, so they can say what they think of each one.")
    else:
        involvement_fix = _("Build the purpose and the goals on the citizen's own words and dreams.")
    rate("involvement", involvement_rating, reason, involvement_fix, evidence8)
    # 9 overall
    core = [r.rating for r in results]
    score = {"high": 3, "some": 2, "small": 1, "none": 0}
    rated = [score[r] for r in core if r in score]
    if not rated:
        overall = "na"
    elif any(r.rating == "none" for r in results if r.key in ("purpose", "when_met", "duration")):
        overall = "small"
    else:
        mean = sum(rated) / len(rated)
        overall = "high" if mean >= 2.75 else "some" if mean >= 1.75 else "small" if mean >= 0.75 else "none"
    highs = sum(1 for r in core if r == "high")
    rate("overall", overall, _("{high} of {total} questions are answered to a high degree.").format(high=highs, total=len(core)))

    legal = [
        LegalElement("purpose", t.label(LEGAL, "purpose"), not purpose_open, _("Stated.") if not purpose_open else _("Missing: write the purpose.")),
        LegalElement("measures", t.label(LEGAL, "measures"), bool(measures),
                     "; ".join(_measure_text(m, t) for m in measures) if measures else _("Missing: list the measures granted.")),
        LegalElement("duration", t.label(LEGAL, "duration"), bool(plan.get("expected_duration_months")),
                     plan.get("expected_duration") if plan.get("expected_duration_months") else _("Missing: state the expected duration.")),
        LegalElement("other", t.label(LEGAL, "other"), bool(plan.get("other_conditions")),
                     plan.get("other_conditions") or _("Not stated: write the special conditions, or that there are none.")),
    ]
    if is_youth_plan(plan):
        legal = _youth_legal(plan, goals, measures, t)
    # Purpose, measures and duration, when missing, already have their fix from questions 1, 4 and 6.
    fixes = list(dict.fromkeys([r.fix for r in results if r.fix] + [e.note for e in legal if not e.present and e.key in ("other", "goals", "with_child")]))
    return AuditResult(results, legal, fixes, legal_title(plan))


def _youth_legal(plan: dict[str, Any], goals: list[dict[str, Any]], measures: list[dict[str, Any]], t) -> list[LegalElement]:
    """Barnets lov's elements: goals from the child's own wishes, made with the child, support, duration."""
    _ = t.gettext
    own = [g for g in goals if g.get("dream") and "text" not in (g.get("citizen") or {})]
    reviewed = [g for g in goals if g.get("citizen_response")]
    return [
        LegalElement("goals", t.label(LEGAL_YOUTH, "goals"), bool(own),
                     _("{n} of {total} goals are in the young person's own words.").format(n=len(own), total=len(goals))
                     if own else _("Missing: make the goals with the young person, from their own wishes.")),
        LegalElement("with_child", t.label(LEGAL_YOUTH, "with_child"), bool(goals) and len(reviewed) == len(goals),
                     _("The young person has said what they think of every goal.") if goals and len(reviewed) == len(goals)
                     else _("Missing: go through the goals with the young person.")),
        LegalElement("measures", t.label(LEGAL_YOUTH, "measures"), bool(measures),
                     "; ".join(_measure_text(m, t) for m in measures) if measures else _("Missing: list the measures granted.")),
        LegalElement("duration", t.label(LEGAL_YOUTH, "duration"), bool(plan.get("expected_duration_months")),
                     plan.get("expected_duration") if plan.get("expected_duration_months")
                     else _("Missing: state the expected duration.")),
    ]


def legal_title(plan: dict[str, Any] | None) -> str:
    """The law the plan's legal elements come from (not translated: it is the law's name)."""
    kind = (plan or {}).get("plan_kind", "handleplan")
    return PLAN_KIND_LAW.get(kind, PLAN_KIND_LAW["handleplan"]) if kind != "handleplan" else "§ 141, stk. 3"


def _day(iso: Any):
    import datetime as dt

    try:
        return dt.date.fromisoformat(str(iso)[:10])
    except (TypeError, ValueError):
        return None


def _measure_text(measure: Any, t=None) -> str:
    """A measure as text: a structured measure on one line (title, legal basis, provider, extent …)."""
    if isinstance(measure, dict):
        return measure_line(measure, t or translator(None))
    return str(measure)


def _prescribes(text: str) -> bool:
    """Whether a goal's words tell the provider how to work (method words, or who does what how often)."""
    return bool(_METHOD_WORDS.search(text) or (_PROVIDER_WORDS.search(text) and _FREQUENCY.search(text)))


def _realism_problems(goal: dict[str, Any], created) -> list[str]:
    """Why a goal may not be reachable in its time frame (message ids); empty when it looks realistic."""
    problems = []
    if not (goal.get("first_step") or "text" in (goal.get("citizen") or {})):
        problems.append(N_("there is no first step the citizen can start with."))
    motivation = goal.get("motivation")
    if motivation is not None and motivation < 4 and not goal.get("motivation_up"):
        problems.append(N_("the citizen's motivation is low, and the plan does not say what would raise it."))
    due = _day(goal.get("due"))
    if due is None:
        problems.append(N_("there is no date."))
    elif created is not None:
        months = (due.year - created.year) * 12 + due.month - created.month
        if goal.get("horizon") == "short" and months > SHORT_TERM_MONTHS:
            problems.append(N_("it is marked short term, but the date is more than a year away."))
        if goal.get("horizon") == "long" and months < 3:
            problems.append(N_("it is marked long term, but the date is less than three months away."))
    return problems


def _cap(rating: str, most: str) -> str:
    """``rating``, but no better than ``most``."""
    order = ("high", "some", "small", "none")
    if rating not in order:
        return rating
    return order[max(order.index(rating), order.index(most))]


def audit_markdown(result: AuditResult, lang: str) -> str:
    _ = translator(lang).gettext
    lines = ["## " + _("Audit (the Randers assessment form)"), ""]
    for i, r in enumerate(result.ratings, start=1):
        lines += [f"{i}. **{md_escape(r.question)}** {md_escape(r.label)}. {md_escape(r.reason)}"]
        lines += [f"   - {md_escape(e)}" for e in r.evidence]
    lines += ["", "### " + (_("§ 141, stk. 3") if result.law == "§ 141, stk. 3" else result.law), ""]
    for e in result.legal:
        mark = "✓" if e.present else "✗"
        lines.append(f"- {mark} {md_escape(e.label)}: {md_escape(e.note or '')}")
    if result.fixes:
        lines += ["", "### " + _("What to fix"), ""]
        lines += [f"- {md_escape(f)}" for f in dict.fromkeys(result.fixes)]
    return "\n".join(lines) + "\n"


def audit_text(result: AuditResult, lang: str) -> str:
    """The audit for a terminal: plain lines, nothing escaped (it is never rendered)."""
    _ = translator(lang).gettext
    lines = [_("Audit (the Randers assessment form)"), ""]
    for i, r in enumerate(result.ratings, start=1):
        lines += [f"{i}. {r.question}", f"   {r.label.upper()}: {r.reason}"]
        lines += [f"     {e}" for e in r.evidence]
    lines += ["", _("§ 141, stk. 3") if result.law == "§ 141, stk. 3" else result.law]
    lines += [f"  {'✓' if e.present else '✗'} {e.label}: {e.note}" for e in result.legal]
    if result.fixes:
        lines += ["", _("What to fix")] + [f"  - {f}" for f in dict.fromkeys(result.fixes)]
    return clean("\n".join(lines)) + "\n"
