"""The plan as the citizen reads it: Markdown, first person, in their own words.

Used by the chat's last screen and by exports. Everything the citizen typed is
escaped, so it is shown literally and never becomes markup.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.services.changes import latest_disagreement
from assistant.domain.drafting import AGREE_WITH_CASEWORKER
from assistant.common.i18n import N_, translator
from assistant.domain.measures import citizen_measure_line, migrate
from assistant.domain.plan import PLAN_KIND_LAW, PLAN_KIND_NAMES, YOUTH_PLAN_KINDS, Plan
from assistant.common.text import markdown_parser, md_escape
from assistant.domain.voice import without_echo
from assistant.domain.vocabulary import HORIZON_LABELS, RESPONSE_LABELS
from assistant.domain.journey import load_journey
from assistant.domain.safety import citizen_plan
from assistant.domain.safety_check import ASKED_EVENT


def citizen_copy(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as the citizen's own channels carry it (JSON export, the JSON-lines face): without
    the flag, and without the answers that raised a sign of distress, the direct questions and their
    answers: what raised a sign is never given back to the citizen (the case view keeps it)."""
    plan = {**plan, "transcript": _without_signs(plan.get("transcript"))}
    if plan.get("followups"):
        plan["followups"] = [{**f, "transcript": _without_signs(f.get("transcript"))} if isinstance(f, dict) else f
                             for f in plan["followups"]]
    return citizen_plan(plan)


def _without_signs(events: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [ev for ev in events or [] if isinstance(ev, dict) and not ev.get("signs") and not ev.get("possible")
            and "check" not in ev and ev.get("type") != ASKED_EVENT]


# The citizen's copy of a version they have not seen (never "agreed").
NOT_SEEN_VERSION = N_("I have not seen this version of the plan yet.")


def citizen_markdown(plan: Plan | dict, lang: str | None = None) -> str:
    """The citizen's own plan. Takes the drafted :class:`Plan` or a completed plan dict."""
    p = plan.to_dict() if isinstance(plan, Plan) else plan
    t = translator(lang or p["lang"])
    _ = t.gettext
    q = lambda text: md_escape(t.quote(text))  # noqa: E731 - the citizen's words, quoted and inert
    created = dt.datetime.fromisoformat(p["created"]).date()
    lines = ["# " + _("My plan"), ""]
    lines += [_("Written on {date}, in my own words.").format(date=t.date(created)), ""]
    rounds = [f for f in p.get("followups") or [] if isinstance(f, dict) and f.get("date")]
    if rounds:  # a new version: when we last talked about how it is going
        lines += [_("Changed at the follow-up on {date}.").format(date=t.iso_date(rounds[-1]["date"])), ""]
    kind = p.get("plan_kind", "handleplan")
    if kind in YOUTH_PLAN_KINDS:  # the law's name for it, so the young person knows what it is called
        lines += [_("The plan is called: {name} ({law}).").format(name=t.label(PLAN_KIND_NAMES, kind).lower(),
                                                               law=PLAN_KIND_LAW[kind]), ""]
    final = p.get("status") == "final"
    unseen = p.get("unseen_changes")
    if final:
        disagreed = any(g.get("kept", True) and (g.get("citizen_response") in ("disagree", "partly")
                                                 or latest_disagreement(g)) for g in p["goals"])
        # Never "agreed" for a version the citizen has not seen.
        agreed = _("The plan is final (version {n}).") if unseen \
            else _("The plan is final (version {n}). I do not agree with all of it. My words are in it.") if disagreed \
            else _("The plan is agreed (version {n}).")
        lines += [agreed.format(n=p.get("version", 1)), ""]
    if unseen:
        lines += [_(NOT_SEEN_VERSION), "",
                  t.ngettext("My caseworker has changed {n} thing in it that I have not seen yet.",
                             "My caseworker has changed {n} things in it that I have not seen yet.",
                             len(unseen)).format(n=len(unseen)), ""]
    if p.get("name"):
        lines += [_("Name: {name}").format(name=md_escape(p["name"])), ""]
    lines += from_lines(p, t)
    lines += strengths_lines(p, t)  # the appreciative part of the conversation comes first
    lines += youth_areas_lines(p, t)
    lines += ["## " + _("My purpose"), "", md_escape(p.get("purpose_citizen") or p["purpose"]), ""]
    if p.get("purpose_citizen") and p["purpose"] != p["purpose_citizen"]:
        lines += [_("My caseworker wrote: {text}").format(text=q(p["purpose"])), ""]
    goals = [g for g in p["goals"] if g.get("kept", True)]
    if goals:
        lines += ["## " + _("My goals"), ""]
    for g in goals:
        own_text = (g.get("citizen") or {}).get("text", g["text"]) or "—"  # an emptied wording (older files): a dash
        if g.get("author") == "caseworker":  # not the citizen's words: said whose they are
            lines += ["### " + _("Goal {n} (my caseworker's goal)").format(n=g["priority"]), "",
                      _("My caseworker wrote: {text}").format(text=q(g["text"])), ""]
        else:
            lines += ["### " + _("Goal {n}").format(n=g["priority"]), "", md_escape(own_text), ""]
        if g["text"] and own_text != g["text"] and g.get("author") != "caseworker":
            lines += [_("My caseworker wrote: {text}").format(text=q(g["text"])), ""]
        if g.get("area") and kind in YOUTH_PLAN_KINDS:
            lines.append("- " + _("It is about: {area}").format(area=_area_label(t, g["area"])))
        if g.get("dream"):
            lines.append("- " + _("My dream: {dream}").format(dream=q(without_echo(g["dream"], "dream"))))
        if g.get("why"):
            lines.append("- " + _("Why it matters: {why}").format(why=q(g["why"])))
        if g.get("helpers"):
            lines.append("- " + _("Who can help: {helpers}").format(helpers=q(g["helpers"])))
        else:  # not answered, "ved ikke" or "ingen": said honestly, never quoted as a helper
            lines.append("- " + _("Who can help: I find that out together with my caseworker."))
        if g.get("success_criterion"):
            if "success_criterion" in (g.get("citizen") or {}) or g.get("author") == "caseworker":
                # the caseworker's words, said as theirs
                lines.append("- " + _("My caseworker wrote how we will see it has worked: {sign}").format(
                    sign=q(g["success_criterion"])))
            else:
                sign = without_echo(g["success_criterion"], "when")  # "når: »når …«" says "når" once
                lines.append("- " + _("I will see it has worked when: {sign}").format(sign=q(sign)))
        if g.get("due"):
            horizon = t.label(HORIZON_LABELS, g["horizon"]) if g.get("horizon") else ""
            lines.append("- " + _("When: by {date} ({horizon})").format(date=t.iso_date(g["due"]), horizon=horizon))
        if g.get("motivation") is not None:
            lines.append("- " + _("How much I want to start: {n} of 10").format(n=g["motivation"]))
        if g.get("motivation_up"):
            lines.append("- " + _("What would make it a little higher: {text}").format(text=q(g["motivation_up"])))
        if g.get("author") == "caseworker" and not g.get("citizen_response") and not g.get("not_reviewed"):
            lines.append("- " + _("I have not said what I think of this goal yet."))
        if g.get("citizen_response"):
            lines.append("- " + _("What I say to this goal: {answer}").format(answer=t.label(RESPONSE_LABELS, g["citizen_response"])))
        elif g.get("not_reviewed"):
            lines.append("- " + _("I have not said what I think of this goal. My caseworker wrote why: {reason}").format(
                reason=q(g["not_reviewed"])))
        if g.get("citizen_comment"):
            lines.append("- " + _("My comment: {comment}").format(comment=q(g["citizen_comment"])))
        for said in g.get("change_answers") or []:  # what I said to my caseworker's changes
            if said.get("response") and said.get("kind") != "added":
                lines.append("- " + _("What I said to my caseworker's change: {answer}").format(
                    answer=t.label(RESPONSE_LABELS, said["response"])))
                if said.get("comment"):
                    lines.append("- " + _("My comment on the change: {comment}").format(comment=q(said["comment"])))
        going = [r for r in _progress_rows(p, g["id"]) if r.get("citizen_going") is not None]
        if going:  # what I said at each follow-up, oldest first
            said = ", ".join(_("{n} of 10 on {date}").format(n=r["citizen_going"], date=t.iso_date(r["date"])) for r in going)
            lines.append("- " + _("How it has gone, as I said it: {ratings}").format(ratings=said))
        if g.get("reasoning"):
            lines.append("- " + _("My caseworker's reasons: {reasons}").format(reasons=q(g["reasoning"])))
        for before in g.get("earlier") or []:
            if before.get("first_step"):
                step = q(without_echo(before["first_step"], "first_step"))
                lines.append("- " + _("Before, my first step was: {step}. I changed it.").format(step=step))
        lines.append("")
    for closed, heading in (("reached", N_("Goals I have reached")), ("dropped", N_("Goals I chose to drop"))):
        done = [g for g in p.get("closed_goals") or [] if g.get("closed") == closed]
        if done:  # closed at a follow-up: the citizen's own decision, with the date
            lines += ["## " + _(heading), ""]
            lines += ["- " + _("{goal} ({date})").format(goal=md_escape((g.get("citizen") or {}).get("text", g["text"])),
                                                        date=t.iso_date(g.get("closed_on"))) for g in done]
            lines.append("")
    dropped = [g for g in p["goals"] if not g.get("kept", True)]
    if dropped:
        lines += ["## " + _("Goals my caseworker took out of the plan"), ""]
        for g in dropped:
            own_text = (g.get("citizen") or {}).get("text", g["text"])
            lines.append("- " + (q(own_text) if g.get("author") == "caseworker" else md_escape(own_text)))
            if g.get("reasoning"):
                lines.append("  " + _("My caseworker's reasons: {reasons}").format(reasons=q(g["reasoning"])))
        lines.append("")
    if p.get("measures"):
        lines += ["## " + _("The help I get"), ""]
        numbers = {g["id"]: g["priority"] for g in goals}
        lines += [f"- {md_escape(citizen_measure_line(m, t, numbers))}" for m in migrate(p["measures"], p["goals"])]
        lines.append("")
    if p.get("open_points"):
        lines += ["## " + _("Not agreed yet"), ""]
        lines += [f"- {md_escape(point)}" for point in p["open_points"]]
        lines.append("")
    later = [f for f in p.get("followups") or [] if isinstance(f, dict) and f.get("remarks")]
    if p.get("remarks"):
        lines += ["## " + _("My remarks"), "", q(p["remarks"]), ""]
    elif later:
        lines += ["## " + _("My remarks"), ""]
    for f in later:  # what I said at each follow-up, dated
        lines += [_("At the follow-up on {date}: {text}").format(date=t.iso_date(f.get("date")), text=q(f["remarks"])), ""]
    lines += [
        "## " + _("What happens now"),
        "",
        _("My caseworker and I follow the plan together.") if final
        else _("My caseworker reads the plan. We talk about it together."),
        "",
        _("I can still say that I disagree with something in the plan."),
        "",
        _("Next talk about the plan: no later than {date}.").format(date=t.iso_date(p["follow_up"])),
        "",
        *([_("If I have questions, I can contact {contact}.").format(contact=md_escape(p["contact"])), ""]
          if p.get("contact") else []),
        _("The plan is for {duration}.").format(duration=md_escape(p["expected_duration"]))
        if p.get("expected_duration")
        else _("How long the plan lasts is {agree}.").format(agree=_(AGREE_WITH_CASEWORKER)),
        "",
    ]
    return "\n".join(lines)


def from_lines(p: dict, t) -> list[str]:
    """Who made the plan with the citizen: the municipality and the contact person (store settings)."""
    _ = t.gettext
    lines = []
    if p.get("municipality"):
        lines.append(_("Municipality: {name}").format(name=md_escape(p["municipality"])))
    if p.get("contact"):
        lines.append(_("My contact person: {contact}").format(contact=md_escape(p["contact"])))
    return [part for line in lines for part in (line, "")]


def strengths_lines(p: dict, t) -> list[str]:
    """What a day is like and what goes well, in the citizen's words (Markdown lines, or none)."""
    _ = t.gettext
    q = lambda text: md_escape(t.quote(text))  # noqa: E731
    items = []
    if p.get("everyday"):
        items.append("- " + _("A day for me: {text}").format(text=q(p["everyday"])))
    if p.get("good_now"):
        items.append("- " + _("This goes well: {text}").format(text=q(p["good_now"])))
    return ["## " + _("My life now"), "", *items, ""] if items else []


def _progress_rows(p: dict, goal_id: str) -> list[dict]:
    return next((e["rows"] for e in p.get("progress") or [] if e.get("goal") == goal_id), [])


def _area_label(t, value: str) -> str:
    area = load_journey("youth").area(value)
    return t.gettext(area.label) if area else value


def youth_areas_lines(p: dict, t) -> list[str]:
    """A young person's areas: what is good and what they wish were different, in their words."""
    _ = t.gettext
    q = lambda text: md_escape(t.quote(text))  # noqa: E731
    lines = []
    for value, said in (p.get("areas") or {}).items():
        if said.get("area_talk") is not True or not (said.get("good") or said.get("wish")):
            continue
        lines += ["### " + md_escape(_area_label(t, value)), ""]
        if said.get("good"):
            lines.append("- " + _("This is good: {text}").format(text=q(said["good"])))
        if said.get("wish"):
            lines.append("- " + _("I wish this was different: {text}").format(text=q(said["wish"])))
        lines.append("")
    return ["## " + _("My life now"), "", *lines] if lines else []


def plain_text(markdown: str) -> str:
    """Markdown reduced to the words a reader sees (for LIX and screen readers)."""
    tokens = markdown_parser().parse(markdown)
    out: list[str] = []
    for tok in tokens:
        if tok.type == "inline":
            out.append("".join(c.content for c in tok.children or [] if c.type in ("text", "code_inline")))
    return "\n".join(out)
