"""The case view: the whole plan for the caseworker and the provider.

Goals with both wordings, indicators, reasoning, the audit, involvement and a
summary of the conversation as it happened.
"""

from __future__ import annotations

from typing import Any

from assistant.domain.audit import audit, audit_markdown
from assistant.services.changes import latest_disagreement
from assistant.services.casework import PROPOSED_NOTE, describe_change, describe_value, goal_numbers
from assistant.domain.vocabulary import AREA_LABELS, DOMAIN_LABELS
from assistant.domain.vocabulary import PLAN_STATUS_LABELS as STATUS_LABELS
from assistant.common.i18n import N_, local_time, translator
from assistant.domain.lix import lix
from assistant.domain.safety import describe_flag, kinds_text
from assistant.domain.measures import measure_line, migrate
from assistant.domain.plan import PLAN_KIND_LAW, PLAN_KIND_NAMES, is_youth_plan, purpose_is_open
from assistant.common.text import md_cell, md_escape
from assistant.render.views import citizen_markdown, plain_text
from assistant.domain.vocabulary import HORIZON_LABELS, RESPONSE_LABELS
from assistant.domain.voice import split_wishes
from assistant.domain.safety import data
from assistant.domain import safety_check
from assistant.domain.journey import load_journey
from assistant.services.casework import FIELD_LABELS

EVENT_LABELS = {
    "skip": N_("(skipped)"),
    "back": N_("went back to change an answer"),
    "pause": N_("took a break"),
    "resume": N_("came back"),
    "invalid": N_("(answer not understood: {text})"),
    "distress": N_("⚑ sign of distress: {kinds}. The conversation stopped and showed where help is."),
    "safety": N_("(after the sign of distress the citizen chose: {choice})"),
    "unsure": N_("(not known yet: left open)"),
    "again": N_("(not known yet: asked once more, another way)"),
}


def asked_lines(asked: list[dict[str, Any]], t, level: str = "##") -> list[str]:
    """The direct questions after a possible sign and their answers ("asked directly, answered no"),
    as a block of Markdown lines under a heading (none when nothing was asked)."""
    if not asked:
        return []
    return ([f"{level} " + t.gettext(safety_check.ASKED_HEADING), ""]
            + [f"- {md_escape(safety_check.describe_asked(a, t))}" for a in asked] + [""])


def case_markdown(plan: dict[str, Any], lang: str | None = None, *, flags: list[dict[str, Any]] | None = None,
                  asked: list[dict[str, Any]] | None = None) -> str:
    """``flags``: the case's signs of distress (assistant.domain.safety), first on the page when there are any;
    ``asked``: the direct questions after a possible sign and their answers (assistant.domain.safety_check),
    right after them (a "no" is not a flag, and is never hidden)."""
    t = translator(lang or plan["lang"])
    _ = t.gettext
    e = md_escape
    q = lambda text: e(t.quote(text))  # noqa: E731
    name = plan.get("registered_name") or plan.get("name") or _("(no name given)")
    lines = ["# " + plan_title(plan, t).format(name=md_cell(name)), ""]  # one line, whatever was typed
    if flags:
        lines += ["## ⚑ " + _("Signs of distress in the conversation"), ""]
        lines += [f"- {md_escape(describe_flag(f, t))}" for f in flags] + [""]
    lines += asked_lines(asked or [], t)
    record = plan.get("record") or {}
    trail, versions = record.get("trail") or [], record.get("versions") or []
    months = plan.get("expected_duration_months")
    duration = t.ngettext("{n} month", "{n} months", months).format(n=months) if months else _("not stated yet")
    if plan.get("expected_duration"):
        duration += f" ({md_cell(plan['expected_duration'])})"
    facts = [
        (_("Case"), md_cell(plan["case"])),
        (_("Registered name"), md_cell(plan.get("registered_name") or "—")),
        (_("Name in the conversation"), md_cell(plan.get("name") or "—")),
        *([(_("Caseworker"), md_cell(", ".join(dict.fromkeys(str(e.get("who")) for e in trail if e.get("who"))) or "—"))]
          if "record" in plan else []),
        (_("Area"), t.label(AREA_LABELS, plan["area"]) if plan.get("area") else "—"),
        (_("Legal basis"), f"{t.label(PLAN_KIND_NAMES, plan.get('plan_kind', 'handleplan'))} "
                           f"({PLAN_KIND_LAW[plan.get('plan_kind', 'handleplan')]})"),
        (_("Status"), f"{t.label(STATUS_LABELS, plan.get('status', 'draft'))}, " + _("version {n}").format(n=plan.get("version", 1))),
        (_("Made"), t.iso_date(plan["created"], "—")),
        *([(_("Made final"), _finalised(t, plan, versions))] if "record" in plan else []),
        (_("Seen by the citizen"), md_cell(seen_text(plan, t))),
        (_("New, costly or complex case"), _("yes") if plan.get("new_costly_complex") else _("no")),
        (_("Follow-up"), t.iso_date(plan["follow_up"], "—") + (" " + _(PROPOSED_NOTE) if plan.get("follow_up_proposed") else "")),
        (_("Expected duration"), duration),
        (_("Other special conditions"), md_cell(plan.get("other_conditions") or "—")),
    ]
    field, value = _("Field"), _("Value")
    lines += [f"| {field} | {value} |", "|---|---|"] + [f"| {k} | {v} |" for k, v in facts] + [""]
    numbers = goal_numbers(plan)
    if plan.get("unseen_changes"):
        lines += ["## " + _("Changes the citizen has not seen"), ""]
        lines += ["- " + e(change_line(c, t, numbers)) for c in plan["unseen_changes"]] + [""]
    measures = migrate(plan.get("measures"), plan["goals"])
    lines += ["## " + _("Measures granted"), ""]
    lines += [f"- {e(measure_line(m, t, numbers))}" for m in measures] or ["—"]
    lines += [""]
    if is_youth_plan(plan):
        lines += youth_area_lines(plan, t)
    else:
        lines += ["## " + _("The citizen's everyday life and strengths"), ""]
        lines += ["- " + _("A normal day") + ": " + (q(plan["everyday"]) if plan.get("everyday") else "—")]
        lines += ["- " + _("What is going well") + ": " + (q(plan["good_now"]) if plan.get("good_now") else "—"), ""]
    lines += ["## " + _("Purpose"), "", _("not written yet") if purpose_is_open(plan) else e(plan["purpose"]), ""]
    if plan.get("purpose_citizen") and plan["purpose_citizen"] != plan["purpose"]:
        lines += [_("The citizen's words: {text}").format(text=e(plan["purpose_citizen"])), ""]
    lines += ["## " + _("Goals"), ""]
    for g in plan["goals"]:
        heading = _("Goal {n}").format(n=g["priority"])
        if g.get("author") == "caseworker":
            heading += " " + _("(the caseworker's goal)")
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
            (N_("When"), f"{t.iso_date(g.get('due'), '—')} ({t.label(HORIZON_LABELS, g['horizon'])})" if g.get("horizon") else t.iso_date(g.get("due"), '—')),
            (N_("Area (Barnets lov)"), area_label(g.get("area"), t)) if is_youth_plan(plan) else
            (N_("WHO dimension"), (t.label(DOMAIN_LABELS, g["domain"]) + (" " + _("(suggested)") if g.get("domain_suggested", True) else "")) if g.get("domain") else "—"),
            (N_("Indicator (0–4)"), _indicator(t, g.get("indicator"))),
            (N_("Measure and provider"), e("; ".join(
                [measure_line(m, t) for m in measures if g["id"] in (m.get("goals") or [])]
                or list(filter(None, [" / ".join(filter(None, [g.get("measure"), g.get("provider")]))])))) or "—"),
            (N_("Suggestions to the provider"), e(g.get("provider_suggestions") or "—")),
            (N_("Motivation (0–10)"), str(g["motivation"]) if g.get("motivation") is not None else "—"),
            (N_("What would raise it"), q(g["motivation_up"]) if g.get("motivation_up") else "—"),
            (N_("Who can help"), q(g["helpers"]) if g.get("helpers") else "—"),
            (N_("The citizen says"), t.label(RESPONSE_LABELS, g["citizen_response"]) if g.get("citizen_response")
             else _("not reviewed: {reason}").format(reason=q(g["not_reviewed"])) if g.get("not_reviewed")
             else _("not yet reviewed by the citizen") if g.get("author") == "caseworker"
             else _("not answered")),
            (N_("The citizen's comment"), q(g["citizen_comment"]) if g.get("citizen_comment") else "—"),
        ]
        for said in g.get("change_answers") or []:  # the citizen's answers to the caseworker's changes
            answer = t.label(RESPONSE_LABELS, said["response"]) if said.get("response") else _("no answer")
            if said.get("comment"):
                answer += ": " + t.quote(said["comment"])
            how = _("read aloud in a meeting") if said.get("how") == "read_aloud" else _("in the chat")
            rows.append((N_("The citizen's answer to your change"), e(_("{change} ({how}, {date}): {answer}").format(
                change=change_line(said, t, numbers), how=how, date=t.iso_date(said.get("at"), "—"), answer=answer))))
        if g.get("citizen_response") in ("disagree", "partly") or g.get("reasoning") or latest_disagreement(g):
            rows.append((N_("Professional reasoning"), e(g.get("reasoning") or _("MISSING"))))
        lines += [f"- {_(k)}: {v}" for k, v in rows]
        for before in g.get("earlier") or []:  # drafts the citizen disagreed with and changed
            said = t.label(RESPONSE_LABELS, before["citizen_response"]) if before.get("citizen_response") else "—"
            if before.get("citizen_comment"):
                said += ": " + q(before["citizen_comment"])
            lines.append("- " + _("Earlier draft, changed by the citizen at the review") + ": " + e(before.get("text") or "—"))
            lines.append("  - " + _("The citizen said to it") + ": " + said)
        lines.append("")
    lines += progress_lines(plan, t)
    lines += ["## " + _("The citizen's remarks"), "", q(plan["remarks"]) if plan.get("remarks") else "—", ""]
    for f in plan.get("followups") or []:  # and at each follow-up, dated
        if isinstance(f, dict) and f.get("remarks"):
            lines += ["- " + _("At follow-up {n}, {date}: {text}").format(
                n=f.get("round"), date=t.iso_date(f.get("date"), "—"), text=q(f["remarks"]))]
    if any(isinstance(f, dict) and f.get("remarks") for f in plan.get("followups") or []):
        lines.append("")
    if plan.get("open_points"):
        lines += ["## " + _("Open points"), ""] + [f"- {e(p)}" for p in plan["open_points"]] + [""]
    inv = plan["involvement"]
    lines += [
        "## " + _("Involvement"),
        "",
        " ".join([
            t.ngettext("The citizen answered {n} question,", "The citizen answered {n} questions,", inv["answered"]).format(n=inv["answered"]),
            t.ngettext("skipped {n}", "skipped {n}", inv["skipped"]).format(n=inv["skipped"]),
            t.ngettext("and changed {n} answer.", "and changed {n} answers.", inv.get("changed_answers", 0)).format(
                n=inv.get("changed_answers", 0)),
            _("Reviewed by the citizen: {reviewed}.").format(reviewed=_("yes") if inv["reviewed_by_citizen"] else _("no"))]),
        "",
        _("Readability of the citizen's plan (LIX): {lix:.0f}.").format(lix=lix(plain_text(citizen_markdown(plan, t.lang)))),
        "",
    ]
    if "record" in plan:  # a kept copy of a final version is shown without the case's later record
        lines += record_lines(plan, trail, versions, t)
    lines.append(audit_markdown(audit(plan, t.lang), t.lang))
    lines += ["## " + _("The conversation"), ""]
    lines += conversation_lines(plan, t) + [""]
    return "\n".join(lines)


FIRST_CONVERSATION = N_("The first conversation, {date}")
FOLLOW_UP_CONVERSATION = N_("Follow-up conversation {n}, {date}")


def conversation_lines(plan: dict[str, Any], t) -> list[str]:
    """Every conversation as it happened: the first, then each follow-up, each under a heading
    with its date (no heading while there is only the first). Every typed word is escaped."""
    dreams = {str(g["item"]): g["dream"] for g in plan["goals"] if g.get("item") and g.get("dream")}
    first = transcript_lines(plan.get("transcript") or [], t, plan.get("journey", "adult"), dreams=dreams)
    followups = [f for f in plan.get("followups") or [] if isinstance(f, dict)]
    if not followups:
        return first
    started = next((ev.get("at") for ev in plan.get("transcript") or [] if ev.get("at")), plan.get("created"))
    lines = ["### " + t.gettext(FIRST_CONVERSATION).format(date=t.iso_date(started, "—")), "", *first]
    for number, f in enumerate(followups, 1):
        lines += ["", "### " + t.gettext(FOLLOW_UP_CONVERSATION).format(n=f.get("round") or number, date=t.iso_date(f.get("date"), "—")),
                  "", *transcript_lines(f.get("transcript") or [], t, "followup")]
    return lines


def seen_text(plan: dict[str, Any], t) -> str:
    """Whether the citizen has seen this version of the plan, and how."""
    _ = t.gettext
    if "unseen_changes" not in plan:
        return "—"  # a version kept before the citizen's seeing was recorded: not known
    unseen = plan.get("unseen_changes") or []
    if unseen:
        return t.ngettext("no: the citizen has not seen version {v} ({n} change not seen)",
                          "no: the citizen has not seen version {v} ({n} changes not seen)",
                          len(unseen)).format(v=plan.get("version", 1), n=len(unseen))
    seen = plan.get("seen") or {}
    if seen.get("how") == "read_aloud":
        return _("yes: changes read aloud in a meeting on {date} and agreed ({note})").format(
            date=t.iso_date(seen.get("at"), "—"), note=seen.get("note") or "—")
    if seen.get("how") == "chat":
        return _("yes: the citizen went through the changes in the chat on {date}").format(date=t.iso_date(seen.get("at"), "—"))
    return _("yes: no changes to the citizen's words")


def change_line(change: dict[str, Any], t, numbers: dict[str, int]) -> str:
    """A change to the citizen's plan in the caseworker's words: what, before → now."""
    _ = t.gettext
    goal = _("Goal {n}").format(n=numbers.get(change.get("goal"), change.get("goal")))
    what = _("purpose") if change["field"] == "purpose" else None
    if change.get("kind") == "added":
        new = change.get("new") or {}
        return _("{goal}: your own goal added: {text}").format(goal=goal, text=new.get("text") or "—")
    if change.get("kind") in ("dropped", "restored"):
        label = _("taken out of the plan") if change["kind"] == "dropped" else _("put back in the plan")
        return f"{goal}: {label}"

    what = what or f"{goal}: {t.label(FIELD_LABELS, change['field'])}"
    old, new = change.get("old"), change.get("new")
    if change["field"] == "due":
        old, new = (t.iso_date(v, "—") if v else "—" for v in (old, new))
    return f"{what}: {old or '—'} → {new or '—'}"


def _finalised(t, plan: dict[str, Any], versions: list[dict[str, Any]]) -> str:
    """When this version was made final, and by whom ("not yet" for a draft)."""
    kept = next((v for v in reversed(versions) if v.get("version") == plan.get("version", 1)), None)
    if plan.get("status") != "final" or kept is None:
        return t.gettext("not yet")
    return t.gettext("{date} by {who}").format(date=t.iso_date(kept.get("finalised"), "—"), who=md_cell(str(kept.get("by") or "—")))


def record_lines(plan: dict[str, Any], trail: list[dict[str, Any]], versions: list[dict[str, Any]], t) -> list[str]:
    """The versions made final and a summary of the audit trail (the status changes in full)."""
    _ = t.gettext
    lines = ["## " + _("Versions"), ""]
    lines += [f"- " + _("Version {n}: final {date} by {who}").format(
        n=v.get("version"), date=t.iso_date(v.get("finalised"), "—"), who=md_cell(str(v.get("by") or "—"))) for v in versions]
    current = plan.get("version", 1)
    if not any(v.get("version") == current for v in versions):
        lines.append("- " + _("Version {n}: {status}, not final yet").format(
            n=current, status=t.label(STATUS_LABELS, plan.get("status", "draft"))))
    lines += ["", "## " + _("Audit trail"), ""]
    if not trail:
        return lines + [_("No changes by the caseworker yet."), ""]
    people = ", ".join(dict.fromkeys(md_cell(str(e.get("who") or "—")) for e in trail))
    lines += [t.ngettext("{n} change by {people}, from {first} to {last}.", "{n} changes by {people}, from {first} to {last}.",
                         len(trail)).format(n=len(trail), people=people, first=t.iso_date(trail[0].get("at"), "—"),
                                            last=t.iso_date(trail[-1].get("at"), "—")), ""]
    numbers = goal_numbers(plan)
    for entry in trail:  # the steps that matter most at a glance: status, versions, goals added and reordered
        what = entry.get("what", "")
        if what in ("status", "version", "plan.goal_order") or what.endswith(".added"):
            lines.append(f"- {t.iso_date(entry.get('at'), '—')}, {md_cell(str(entry.get('who') or '—'))}: "
                         f"{md_escape(describe_change(what, t, numbers))}: {md_escape(describe_value(what, entry.get('old'), t))} → "
                         f"{md_escape(describe_value(what, entry.get('new'), t))}")
    return lines + [""]


DECISION_LABELS = {"keep": N_("keep"), "change": N_("change"), "drop": N_("drop"), "reached": N_("reached")}


def progress_lines(plan: dict[str, Any], t) -> list[str]:
    """Progress over time: per goal, a table of the citizen's, caseworker's and provider's ratings."""
    _ = t.gettext
    goals = [p for p in plan.get("progress") or [] if p["rows"]]
    lines = []
    if plan.get("closed_goals"):
        lines += ["## " + _("Goals closed at a follow-up"), ""]
        for g in plan["closed_goals"]:
            how = _("reached") if g.get("closed") == "reached" else _("dropped")
            lines.append(f"- {g['id']}: {md_escape(g['text'])} ({how}, {t.iso_date(g.get('closed_on'), '—')})")
        lines.append("")
    if not goals:
        return lines
    lines += ["## " + _("Progress over time"), "",
              _("The citizen rates how it is going from 0 to 10. The indicator is 0–4 (0 no problems, 4 complex "
                "problems). Views 2 or more apart on the indicator are marked: talk about them."), ""]
    dash = lambda v: "—" if v is None else str(v)  # noqa: E731
    header = [_("Date"), _("Citizen 0–10"), _("Citizen 0–4"), _("Caseworker 0–4"), _("Provider 0–4"),
              _("Provider's note"), _("Talk about")]
    for p in goals:
        title = _("Goal {n}").format(n=p["priority"]) if not p.get("closed") else p["goal"]
        lines += ["### " + title + f" ({p['goal']}): " + md_cell(p["text"]), ""]
        lines += ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        for r in p["rows"]:
            talk = _("yes, {n} apart").format(n=r["difference"]) if r["talk_about"] else ""
            cells = [t.iso_date(r["date"], "—"), dash(r["citizen_going"]), dash(r["citizen"]), dash(r["caseworker"]),
                     dash(r["provider"]), md_cell(r["provider_note"] or "—"), talk]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
        for r in p["rows"]:  # the citizen's own words at each follow-up
            said = r.get("citizen_said")
            if not said:
                continue
            parts = [_("decided: {decision}").format(decision=t.label(DECISION_LABELS, said["decision"]))]
            if said.get("helped"):
                parts.append(_("what helped: {text}").format(text=md_escape(t.quote(said["helped"]))))
            if said.get("hindered"):
                parts.append(_("what got in the way: {text}").format(text=md_escape(t.quote(said["hindered"]))))
            if said.get("new_step"):
                parts.append(_("new first step: {text}").format(text=md_escape(t.quote(said["new_step"]))))
            lines.append(f"- {t.iso_date(r['date'], '—')}: " + "; ".join(parts))
        lines.append("")
    return lines


def plan_title(plan: dict[str, Any], t) -> str:
    """"Action plan: {name}", or the Barnets lov plan's name for a child or young person."""
    kind = plan.get("plan_kind", "handleplan")
    if kind == "barnets_plan":
        return t.gettext("Child's plan: {name}")
    if kind == "ungeplan":
        return t.gettext("Young person's plan: {name}")
    return t.gettext("Action plan: {name}")


def area_label(area: str | None, t) -> str:
    """A Barnets lov area by the law's name ("—" for none)."""
    found = load_journey("youth").area(area)
    return t.gettext(found.official) if found else "—"


def youth_area_lines(plan: dict[str, Any], t) -> list[str]:
    """The five areas: what the young person said is good and what they wish were different."""
    _ = t.gettext
    q = lambda text: md_escape(t.quote(text))  # noqa: E731
    lines = ["## " + _("The five areas (Barnets lov)"), ""]
    areas = plan.get("areas") or {}
    indicators = plan.get("area_indicators") or {}
    for area in load_journey("youth").areas:
        said = areas.get(area.value) or {}
        if said.get("area_talk") is True:
            talk = _("good: {good}; wishes: {wish}").format(
                good=q(said["good"]) if said.get("good") else "—", wish=q(said["wish"]) if said.get("wish") else "—")
        else:
            talk = _("not talked about")
        lines.append(f"- **{md_escape(_(area.official))}**: {talk}")
        if indicators.get(area.value):
            ind = indicators[area.value]
            lines.append("  - " + _("Indicator (0–4)") + ": " + _("now {status}, target {target}").format(
                status="—" if ind.get("status") is None else ind["status"],
                target="—" if ind.get("target") is None else ind["target"]))
    return lines + [""]


def _indicator(t, indicator: dict | None) -> str:
    if not indicator:
        return "—"
    return t.gettext("{name}: now {status}, target {target}").format(
        name=md_escape(indicator.get("name") or ""),
        status="—" if indicator.get("status") is None else indicator["status"],
        target="—" if indicator.get("target") is None else indicator["target"],
    )


def transcript_lines(
    events: list[dict[str, Any]], t, journey: str = "adult", *, dreams: dict[str, str] | None = None
) -> list[str]:
    """One line per event: time, question, and what the citizen said or did.

    A chosen option shows as its label ("Inden for 3 måneder", not the "1" typed).
    ``dreams`` (item → dream, from the plan) names the dreams chosen by number.
    """
    steps = load_journey(journey).steps
    told: dict[str, str] = {}  # each dream as told, for the wish chosen from it
    dreams = dict(dreams or {})
    out = []
    for ev in events:
        when = local_time(ev.get("at", ""))
        kind = ev["type"]
        if kind == "answer" and "check" in ev:
            continue  # the direct question's answer: its own line below (the "asked" event)
        if kind == safety_check.ASKED_EVENT:
            out.append(f"- {when} — " + md_escape(safety_check.asked_words(ev.get("answer", ""), t)))
        elif kind == "answer" and "safety" in ev:
            labels = {c.value: c.label for c in data().step.choices}
            choice = t.gettext(labels[ev["safety"]]) if ev["safety"] in labels else str(ev["safety"])
            out.append(f"- {when} — " + md_escape(t.label(EVENT_LABELS, "safety").format(choice=choice)))
        elif kind == "answer" and ev.get("unsure"):
            note = t.label(EVENT_LABELS, "again" if ev.get("stay") else "unsure")
            out.append(f"- {when} — {md_escape(ev.get('prompt', ''))} → {md_escape(t.quote(ev.get('text', '')))} {md_escape(note)}")
        elif kind == "answer" and (ev.get("slot") or ev.get("signs")):
            if ev["slot"] == "dream" and ev.get("item"):
                told[str(ev["item"])] = ev.get("text", "")
                dreams.setdefault(str(ev["item"]), ev.get("text", ""))
            shown = _answer_shown(ev, steps.get(ev.get("state")), t, dreams, told)
            out.append(f"- {when} — {md_escape(ev.get('prompt', ''))} → {shown}")
        elif kind == "skip":
            out.append(f"- {when} — {md_escape(ev.get('prompt', ''))} → {t.label(EVENT_LABELS, 'skip')}")
        elif kind == "distress":
            out.append(f"- {when} — " + md_escape(t.label(EVENT_LABELS, "distress").format(
                kinds=kinds_text(ev.get("kinds") or [], t))))
        elif kind == "invalid":
            out.append(f"- {when} — " + md_escape(t.label(EVENT_LABELS, "invalid").format(text=ev.get("text", ""))))
        elif kind in EVENT_LABELS:
            out.append(f"- {when} — {t.label(EVENT_LABELS, kind)}")
    return out


def _answer_shown(ev: dict[str, Any], step, t, dreams: dict[str, str], told: dict[str, str]) -> str:
    value = ev.get("value")
    if isinstance(value, bool):
        return md_escape(t.gettext("Yes") if value else t.gettext("No"))
    if step is not None:
        for choice in step.choices:
            if choice.value == value:
                return md_escape(t.gettext(choice.label))
        if step.choices_from == "dreams" and str(value) in dreams:
            return md_escape(t.quote(dreams[str(value)]))
        if step.choices_from == "wishes" and str(value).isdigit():
            wishes = split_wishes(told.get(str(ev.get("item")), ""))
            if 1 <= int(value) <= len(wishes):
                return md_escape(t.quote(wishes[int(value) - 1]))
    return md_escape(t.quote(ev.get("text", "")))
