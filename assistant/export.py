"""Exports of a case's plan: JSON, Markdown and HTML, as the citizen's or the case's view."""

from __future__ import annotations

import json
from typing import Any

from assistant.conversation import lang_of, plan_from_events
from assistant.damage import check_answers, reading
from assistant.errors import NoPlanYet
from assistant.i18n import translator
from assistant.journey import load_journey
from assistant.plan import Plan
from assistant.text import clean_all
from store import Store

FORMATS = ("json", "md", "html")
VIEWS = ("citizen", "case")


def load_plan(store: Store, case_id: str) -> Plan | None:
    """The case's plan as its conversation made it (None before the draft exists)."""
    with store.open_case(case_id, write=False) as handle:
        meta, events, path = handle.meta, handle.events(), handle.path
    with reading(path):  # odd content is damage to this file, reported by name
        journey = load_journey(meta.get("journey", "adult"))
        check_answers(journey, events, path)
        return plan_from_events(journey, case_id, events, lang_of(events, meta.get("lang", "da")))


def load_full_plan(store: Store, case_id: str) -> dict[str, Any]:
    """The plan with the caseworker's work merged in (read-only; no lock needed)."""
    from assistant.casework import merge

    draft = load_plan(store, case_id)
    if draft is None:
        raise NoPlanYet(case=case_id)
    with store.open_case(case_id, write=False) as handle:
        overlay = handle.get_doc("casework") or {}
        meta, path = handle.meta, handle.path
    with reading(path):
        return clean_all(merge(draft.to_dict(), overlay, meta))


def render(plan: dict[str, Any], *, fmt: str = "json", view: str = "citizen", lang: str | None = None) -> str:
    plan = clean_all(plan)  # what a case file holds is shown as text, never as a terminal's command
    lang = lang or plan["lang"]
    if fmt == "json":
        if view == "case":
            from assistant.audit import audit

            plan = {**plan, "audit": audit(plan, lang).to_dict()}
        return json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
    if view == "case":
        from assistant.caseview import case_markdown

        markdown = case_markdown(plan, lang)
    else:
        from assistant.views import citizen_markdown

        markdown = citizen_markdown(plan, lang)
    if fmt == "md":
        return markdown
    from assistant.html import render_html

    _ = translator(lang).gettext
    title = _("My plan") if view == "citizen" else _("Action plan: {name}").format(name=plan.get("name") or plan["case"])
    return render_html(markdown, title=title, lang=lang)


def export_plan(store: Store, case_id: str, *, fmt: str = "json", view: str = "citizen", lang: str | None = None) -> str:
    plan = load_full_plan(store, case_id)
    with reading(store.cases_dir / plan["case"] / "case.json"):
        return render(plan, fmt=fmt, view=view, lang=lang)
