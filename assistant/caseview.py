"""The case view: the whole plan for the caseworker and the provider.

Goals with both wordings, indicators, reasoning, the audit, involvement and a
summary of the conversation as it happened.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.audit import audit, audit_markdown
from assistant.casework import AREA_LABELS, DOMAIN_LABELS
from assistant.casework import PLAN_STATUS_LABELS as STATUS_LABELS
from assistant.i18n import N_, translator
from assistant.lix import lix
from assistant.plan import purpose_is_open
from assistant.text import md_cell, md_escape
from assistant.views import HORIZON_LABELS, RESPONSE_LABELS, citizen_markdown, plain_text

EVENT_LABELS = {
    "skip": N_("(skipped)"),
    "back": N_("went back to change an answer"),
    "pause": N_("took a break"),
    "resume": N_("came back"),
    "invalid": N_("(answer not understood: {text})"),
}


def _date(t, iso: str | None) -> str:
    return t.date(dt.date.fromisoformat(iso[:10])) if iso else "—"


def case_markdown(plan: dict[str, Any], lang: str | None = None) -> str:
    t = translator(lang or plan["lang"])
    _ = t.gettext
    e = md_escape
    q = lambda text: e(t.quote(text))  # noqa: E731
    name = plan.get("name") or _("(no name given)")
    lines = ["# " + _("Action plan: {name}").format(name=md_cell(name)), ""]  # one line, whatever was typed
    facts = [
        (_("Case"), md_cell(plan["case"])),
        (_("Area"), t.label(AREA_LABELS, plan["area"]) if plan.get("area") else "—"),
        (_("Status"), f"{t.label(STATUS_LABELS, plan.get('status', 'draft'))}, " + _("version {n}").format(n=plan.get("version", 1))),
        (_("Made"), _date(t, plan["created"])),
        (_("New, costly or complex case"), _("yes") if plan.get("new_costly_complex") else _("no")),
        (_("Follow-up"), _date(t, plan["follow_up"])),
        (_("Expected duration"), md_cell(plan.get("expected_duration") or _("not stated yet"))),
        (_("Measures granted"), md_cell(", ".join(plan.get("measures") or [])) or "—"),
        (_("Other special conditions"), md_cell(plan.get("other_conditions") or "—")),
    ]
    field, value = _("Field"), _("Value")
    lines += [f"| {field} | {value} |", "|---|---|"] + [f"| {k} | {v} |" for k, v in facts] + [""]
    lines += ["## " + _("Purpose"), "", _("not written yet") if purpose_is_open(plan) else e(plan["purpose"]), ""]
    if plan.get("purpose_citizen") and plan["purpose_citizen"] != plan["purpose"]:
        lines += [_("The citizen's words: {text}").format(text=e(plan["purpose_citizen"])), ""]
    lines += ["## " + _("Goals"), ""]
    for g in plan["goals"]:
        heading = _("Goal {n}").format(n=g["priority"])
        if not g.get("kept", True):
            heading += " " + _("(not kept)")
        lines += ["### " + heading, "", e(g["text"] or "—"), ""]  # an emptied wording (older files) is a dash
        citizen = g.get("citizen") or {}
        for key, label in (("text", N_("The citizen's draft")), ("success_criterion", N_("The citizen's success criterion"))):
            if key in citizen and citizen[key]:
                lines.append("- " + _(label) + ": " + q(citizen[key]))
        rows = [
            (N_("Dream"), q(g["dream"]) if g.get("dream") else "—"),
            (N_("Why"), q(g["why"]) if g.get("why") else "—"),
            (N_("Success criterion"), e(g["success_criterion"]) if g.get("success_criterion") else "—"),
            (N_("When"), f"{_date(t, g.get('due'))} ({t.label(HORIZON_LABELS, g['horizon'])})" if g.get("horizon") else _date(t, g.get("due"))),
            (N_("WHO dimension"), (t.label(DOMAIN_LABELS, g["domain"]) + (" " + _("(suggested)") if g.get("domain_suggested", True) else "")) if g.get("domain") else "—"),
            (N_("Indicator (0–4)"), _indicator(t, g.get("indicator"))),
            (N_("Measure and provider"), e(" / ".join(filter(None, [g.get("measure"), g.get("provider")]))) or "—"),
            (N_("Suggestions to the provider"), e(g.get("provider_suggestions") or "—")),
            (N_("Motivation (0–10)"), str(g["motivation"]) if g.get("motivation") is not None else "—"),
            (N_("What would raise it"), q(g["motivation_up"]) if g.get("motivation_up") else "—"),
            (N_("Who can help"), q(g["helpers"]) if g.get("helpers") else "—"),
            (N_("The citizen says"), t.label(RESPONSE_LABELS, g["citizen_response"]) if g.get("citizen_response") else _("not answered")),
            (N_("The citizen's comment"), q(g["citizen_comment"]) if g.get("citizen_comment") else "—"),
        ]
        if g.get("citizen_response") in ("disagree", "partly") or g.get("reasoning"):
            rows.append((N_("Professional reasoning"), e(g.get("reasoning") or _("MISSING"))))
        lines += [f"- {_(k)}: {v}" for k, v in rows] + [""]
    lines += ["## " + _("The citizen's remarks"), "", q(plan["remarks"]) if plan.get("remarks") else "—", ""]
    if plan.get("open_points"):
        lines += ["## " + _("Open points"), ""] + [f"- {e(p)}" for p in plan["open_points"]] + [""]
    inv = plan["involvement"]
    lines += [
        "## " + _("Involvement"),
        "",
        _("Answered {answered}, skipped {skipped}, changed {changed} answers. Reviewed by the citizen: {reviewed}.").format(
            answered=inv["answered"], skipped=inv["skipped"], changed=inv.get("changed_answers", 0),
            reviewed=_("yes") if inv["reviewed_by_citizen"] else _("no")),
        "",
        _("Readability of the citizen's plan (LIX): {lix:.0f}.").format(lix=lix(plain_text(citizen_markdown(plan, t.lang)))),
        "",
    ]
    lines.append(audit_markdown(audit(plan, t.lang), t.lang))
    lines += ["## " + _("The conversation"), ""] + transcript_lines(plan.get("transcript", []), t, plan.get("journey", "adult")) + [""]
    return "\n".join(lines)


def _indicator(t, indicator: dict | None) -> str:
    if not indicator:
        return "—"
    return t.gettext("{name}: now {status}, target {target}").format(
        name=md_escape(indicator.get("name") or ""),
        status="—" if indicator.get("status") is None else indicator["status"],
        target="—" if indicator.get("target") is None else indicator["target"],
    )


def _local_time(at: str) -> str:
    """An event's time on this machine's clock (stored in UTC)."""
    try:
        return dt.datetime.fromisoformat(at).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return at[:16]


def transcript_lines(events: list[dict[str, Any]], t, journey: str = "adult") -> list[str]:
    """One line per event: time, question, and what the citizen said or did.

    A chosen option shows as its label ("Inden for 3 måneder", not the "1" typed).
    """
    from assistant.journey import load_journey

    steps = load_journey(journey).steps
    dreams: dict[str, str] = {}
    out = []
    for ev in events:
        when = _local_time(ev.get("at", ""))
        kind = ev["type"]
        if kind == "answer" and ev.get("slot"):
            if ev["slot"] == "dream" and ev.get("item"):
                dreams[str(ev["item"])] = ev.get("text", "")
            shown = _answer_shown(ev, steps.get(ev.get("state")), t, dreams)
            out.append(f"- {when} — {md_escape(ev.get('prompt', ''))} → {shown}")
        elif kind == "skip":
            out.append(f"- {when} — {md_escape(ev.get('prompt', ''))} → {t.label(EVENT_LABELS, 'skip')}")
        elif kind == "invalid":
            out.append(f"- {when} — " + md_escape(t.label(EVENT_LABELS, "invalid").format(text=ev.get("text", ""))))
        elif kind in EVENT_LABELS:
            out.append(f"- {when} — {t.label(EVENT_LABELS, kind)}")
    return out


def _answer_shown(ev: dict[str, Any], step, t, dreams: dict[str, str]) -> str:
    value = ev.get("value")
    if isinstance(value, bool):
        return md_escape(t.gettext("Yes") if value else t.gettext("No"))
    if step is not None:
        for choice in step.choices:
            if choice.value == value:
                return md_escape(t.gettext(choice.label))
        if step.choices_from == "dreams" and str(value) in dreams:
            return md_escape(t.quote(dreams[str(value)]))
    return md_escape(t.quote(ev.get("text", "")))
