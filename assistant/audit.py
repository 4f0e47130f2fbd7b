"""Audit a plan against the Randers assessment form and § 141 stk. 3.

Nine questions, each rated on the form's five-point scale with a reason built from
the plan's own content, plus the legal elements a § 141 plan must describe. A
missing element is reported with what to fix — never silently "fine".
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from assistant.i18n import N_, translator
from assistant.plan import purpose_is_open
from assistant.text import clean, md_escape

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
# Words that prescribe the provider's method (recommendation 15); suggestions are fine (16).
_METHOD_WORDS = re.compile(
    r"\b(metode\w*|skal\s+(?:bruge|anvende)|ved\s+hjælp\s+af|efter\s+\w+-?modellen|"
    r"method\w*|must\s+use|by\s+means\s+of|using\s+the)\b",
    re.IGNORECASE,
)


@dataclass
class Rating:
    key: str
    question: str
    rating: str
    label: str
    reason: str
    fix: str | None = None


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
    measures = [m for m in plan.get("measures") or [] if m]
    purpose_open = purpose_is_open(plan)
    caseworker_purpose = plan.get("purpose") != plan.get("purpose_citizen", plan.get("purpose"))
    results: list[Rating] = []

    def rate(key: str, rating: str, reason: str, fix: str | None = None) -> None:
        results.append(Rating(key, _(QUESTIONS[key]), rating, t.label(SCALE_LABELS, rating), reason, fix if rating != "high" else None))

    # 1 purpose
    if purpose_open:
        rate("purpose", "none", _("The purpose is not written yet."), _("Write the purpose with the citizen, from their most important dream."))
    else:
        has_why = bool((plan.get("purpose_source") or {}).get("why")) or caseworker_purpose
        judged = bool(goals and goals[0].get("success_criterion"))
        if has_why and judged:
            rate("purpose", "high", _("The purpose gives the direction and why it matters, and goal 1 has a success criterion to judge it by."))
        else:
            rate("purpose", "some", _("The purpose gives a direction, but the plan does not show how to judge at follow-up whether it was reached."),
                 _("Add why the purpose matters and a success criterion for the first goal."))
    # 2 reachable in the time frame
    reachable = sum(1 for g in goals if g.get("due") and (g.get("first_step") or "text" in g.get("citizen", {})))
    rate("reachable", _ratio_rating(reachable, n),
         _("{done} of {total} goals have a first step and a date to reach it by.").format(done=reachable, total=n) if n else _("The plan has no goals."),
         _("Give every goal a concrete first step and a date."))
    # 3 when met
    dated = sum(1 for g in goals if g.get("due"))
    rate("when_met", _ratio_rating(dated, n),
         _("{done} of {total} goals say when they are to be met.").format(done=dated, total=n) if n else _("The plan has no goals."),
         _("Set a date and short or long term for every goal."))
    # 4 extent of the help
    linked = sum(1 for g in goals if g.get("measure"))
    if not measures:
        rate("extent", "none", _("No measures are listed for the plan."), _("List the measures granted and link each goal to one."))
    else:
        rate("extent", _ratio_rating(linked, n) if n else "some",
             _("{count} measures are listed; {done} of {total} goals are linked to one.").format(count=len(measures), done=linked, total=n),
             _("Link each goal to the measure it belongs to."))
    # 5 room for method
    if not goals:
        rate("method_room", "na", _("The plan has no goals."))
    else:
        prescribing = [g["priority"] for g in goals if _METHOD_WORDS.search(" ".join(filter(None, [g.get("text"), g.get("success_criterion")])))]
        suggested = sum(1 for g in goals if g.get("provider_suggestions"))
        if prescribing:
            rate("method_room", "small" if len(prescribing) < n else "none",
                 _("Goals {goals} describe how the provider must work.").format(goals=", ".join(map(str, prescribing))),
                 _("Describe the wanted effect in the goal; put ideas about method under suggestions to the provider."))
        else:
            rate("method_room", "high", _("No goal says how the provider must work; {count} goals carry suggestions to the provider.").format(count=suggested))
    # 6 duration
    if plan.get("expected_duration_months"):
        rate("duration", "high", _("The expected duration is stated: {duration}.").format(duration=plan.get("expected_duration")))
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
        rate("coherence", "high" if linked_ok else "some",
             _("The purpose comes from goal {n}'s dream and {done} of {total} goals are linked to a measure.").format(
                 n=1, done=linked, total=n) if purpose_linked else _("The purpose is not linked to a goal."),
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
    rate("involvement", involvement_rating, reason, involvement_fix)
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
                     ", ".join(measures) if measures else _("Missing: list the measures granted.")),
        LegalElement("duration", t.label(LEGAL, "duration"), bool(plan.get("expected_duration_months")),
                     plan.get("expected_duration") if plan.get("expected_duration_months") else _("Missing: state the expected duration.")),
        LegalElement("other", t.label(LEGAL, "other"), bool(plan.get("other_conditions")),
                     plan.get("other_conditions") or _("Not stated: write the special conditions, or that there are none.")),
    ]
    # Purpose, measures and duration, when missing, already have their fix from questions 1, 4 and 6.
    fixes = list(dict.fromkeys([r.fix for r in results if r.fix] + [e.note for e in legal if not e.present and e.key == "other"]))
    return AuditResult(results, legal, fixes)


def audit_markdown(result: AuditResult, lang: str) -> str:
    _ = translator(lang).gettext
    lines = ["## " + _("Audit (the Randers assessment form)"), ""]
    for i, r in enumerate(result.ratings, start=1):
        lines += [f"{i}. **{md_escape(r.question)}** {md_escape(r.label)}. {md_escape(r.reason)}"]
    lines += ["", "### " + _("§ 141, stk. 3"), ""]
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
    lines += ["", _("§ 141, stk. 3")]
    lines += [f"  {'✓' if e.present else '✗'} {e.label}: {e.note}" for e in result.legal]
    if result.fixes:
        lines += ["", _("What to fix")] + [f"  - {f}" for f in dict.fromkeys(result.fixes)]
    return clean("\n".join(lines)) + "\n"
