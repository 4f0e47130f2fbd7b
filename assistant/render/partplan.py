"""A part plan (delplan) for one provider, derived from the overall plan (helhedsplan).

What the provider needs to act, and nothing else (seed 001, Aarhus): the purpose,
the measures granted to this provider, the goals those measures serve with the
success criteria (the caseworker's labelled as theirs, the citizen's quoted as
theirs), the citizen's words and wishes for those goals, and the follow-up date.
Other providers' measures, other goals, the citizen's general remarks, the special
conditions, the audit and the conversation are left out.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.domain.vocabulary import PLAN_STATUS_LABELS
from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, translator
from assistant.domain.measures import find_provider, measure_line, migrate, providers_of, provider_key
from assistant.common.text import md_cell, md_escape
from assistant.domain.vocabulary import HORIZON_LABELS, RESPONSE_LABELS
from assistant.domain.voice import without_echo

# The goal fields a provider gets (no earlier drafts, no dimension bookkeeping).
GOAL_KEYS = ("id", "priority", "author", "text", "citizen", "dream", "why", "first_step", "helpers",
             "success_criterion", "horizon", "due", "indicator", "provider_suggestions", "motivation",
             "motivation_up", "citizen_response", "citizen_comment", "not_reviewed", "reasoning")


class NoSuchProvider(BorgerrejseError):
    message = N_("No measure in this plan has the provider {provider}. The plan's providers: {providers}.")


def part_plan(plan: dict[str, Any], provider: str) -> dict[str, Any]:
    """The part plan for ``provider`` as data (the JSON export)."""
    names = providers_of(plan) + [g["provider"] for g in plan["goals"] if g.get("provider")]
    name = find_provider(provider, names)
    if name is None:
        raise NoSuchProvider(provider=" ".join(provider.split()), providers=", ".join(providers_of(plan)) or "—")
    key = provider_key(name)
    measures = [m for m in migrate(plan.get("measures"), plan["goals"])
                if m.get("provider") and provider_key(m["provider"]) == key]
    served = {g for m in measures for g in m.get("goals") or []}
    goals = [{k: g.get(k) for k in GOAL_KEYS} for g in plan["goals"] if g.get("kept", True) and (
        g["id"] in served or (g.get("provider") and provider_key(g["provider"]) == key))]
    return {
        "part_plan_for": name, "case": plan["case"], "lang": plan["lang"],
        "registered_name": plan.get("registered_name"), "name": plan.get("name"),
        "status": plan.get("status", "draft"), "version": plan.get("version", 1),
        "municipality": plan.get("municipality"), "contact": plan.get("contact"),
        "purpose": plan["purpose"], "purpose_citizen": plan.get("purpose_citizen"),
        "measures": measures, "goals": goals, "follow_up": plan["follow_up"],
    }


def part_plan_markdown(plan: dict[str, Any], provider: str, lang: str | None = None) -> str:
    part = part_plan(plan, provider)
    t = translator(lang or plan["lang"])
    _ = t.gettext
    e = md_escape
    q = lambda text: e(t.quote(text))  # noqa: E731 - the citizen's words, quoted
    who = part.get("registered_name") or part.get("name") or "—"
    lines = ["# " + _("Part plan for {provider}").format(provider=md_cell(part["part_plan_for"])), ""]
    lines += [_("From the overall plan (helhedsplan) for {name}, case {case}: {status}, version {n}.").format(
        name=md_cell(who), case=part["case"], n=part["version"],
        status=t.label(PLAN_STATUS_LABELS, part["status"])), ""]
    if part.get("municipality"):
        lines += [_("Municipality: {name}").format(name=e(part["municipality"])), ""]
    if part.get("contact"):
        lines += [_("Contact at the municipality: {contact}").format(contact=e(part["contact"])), ""]
    lines += ["## " + _("Purpose"), "", e(part["purpose"]), ""]
    if part.get("purpose_citizen") and part["purpose_citizen"] != part["purpose"]:
        lines += [_("The citizen's words: {text}").format(text=e(part["purpose_citizen"])), ""]
    numbers = {g["id"]: g["priority"] for g in part["goals"]}
    lines += ["## " + t.ngettext("The measure", "The measures", len(part["measures"])), ""]
    lines += [f"- {e(measure_line(m, t, numbers, provider=False))}" for m in part["measures"]] + [""]
    lines += ["## " + t.ngettext("The goal you work on", "The goals you work on", len(part["goals"])), ""]
    if not part["goals"]:
        lines += [_("No goal is linked to these measures yet. Ask the caseworker."), ""]
    for g in part["goals"]:
        citizen = g.get("citizen") or {}
        if g.get("author") == "caseworker":
            lines += ["### " + _("Goal {n} (the caseworker's goal)").format(n=g["priority"]), "", e(g["text"]), ""]
        else:
            lines += ["### " + _("Goal {n}").format(n=g["priority"]), "", e(g["text"]), ""]
            if "text" in citizen:
                lines += [_("The citizen's draft: {text}").format(text=e(citizen["text"])), ""]
        rows = []
        if g.get("dream"):
            rows.append(_("The citizen's dream: {text}").format(text=q(without_echo(g["dream"], "dream"))))
        if g.get("why"):
            rows.append(_("Why it matters to the citizen: {text}").format(text=q(g["why"])))
        if g.get("first_step") and without_echo(g["first_step"], "first_step") not in (citizen.get("text") or g["text"]):
            rows.append(_("The citizen's first step: {text}").format(text=q(without_echo(g["first_step"], "first_step"))))
        if g.get("helpers"):
            rows.append(_("Who the citizen says can help: {text}").format(text=q(g["helpers"])))
        if g.get("success_criterion"):
            if g.get("author") == "caseworker" or "success_criterion" in citizen:
                rows.append(_("Success criterion (the caseworker's): {text}").format(text=e(g["success_criterion"])))
            else:
                rows.append(_("Success criterion (the citizen's words): {text}").format(text=q(g["success_criterion"])))
        if citizen.get("success_criterion"):
            rows.append(_("The citizen's success criterion: {text}").format(text=q(citizen["success_criterion"])))
        if g.get("due"):
            horizon = f" ({t.label(HORIZON_LABELS, g['horizon'])})" if g.get("horizon") in HORIZON_LABELS else ""
            rows.append(_("When: by {date}").format(date=t.date(dt.date.fromisoformat(g["due"]))) + horizon)
        ind = g.get("indicator")
        if ind:
            rows.append(_("Indicator (0–4)") + ": " + _("{name}: now {status}, target {target}").format(
                name=e(ind.get("name") or ""), status="—" if ind.get("status") is None else ind["status"],
                target="—" if ind.get("target") is None else ind["target"]))
        if g.get("provider_suggestions"):
            rows.append(_("Suggestions to the provider (not a method): {text}").format(text=e(g["provider_suggestions"])))
        if g.get("motivation") is not None:
            rows.append(_("How much the citizen wants to start: {n} of 10").format(n=g["motivation"]))
        if g.get("motivation_up"):
            rows.append(_("What would raise it: {text}").format(text=q(g["motivation_up"])))
        if g.get("citizen_response"):
            rows.append(_("The citizen says: {answer}").format(answer=t.label(RESPONSE_LABELS, g["citizen_response"])))
        elif g.get("not_reviewed"):
            rows.append(_("The citizen has not reviewed this goal: {reason}").format(reason=e(g["not_reviewed"])))
        else:
            rows.append(_("The citizen has not reviewed this goal yet."))
        if g.get("citizen_comment"):
            rows.append(_("The citizen's comment: {text}").format(text=q(g["citizen_comment"])))
        if g.get("reasoning"):
            rows.append(_("The caseworker's professional reasoning: {text}").format(text=e(g["reasoning"])))
        lines += [f"- {r}" for r in rows] + [""]
    lines += ["## " + _("Follow-up"), "",
              _("The plan is followed up no later than {date}.").format(
                  date=t.date(dt.date.fromisoformat(part["follow_up"]))), ""]
    return "\n".join(lines)
