"""Exports of a case's plan: JSON, Markdown and HTML, as the citizen's or the case's view."""

from __future__ import annotations

import json
from typing import Any

from assistant.conversation import lang_of, plan_from_events
from assistant.errors import NoPlanYet
from assistant.i18n import translator
from assistant.journey import load_journey
from assistant.plan import Plan
from store import Store

FORMATS = ("json", "md", "html")
VIEWS = ("citizen", "case")


def load_plan(store: Store, case_id: str) -> Plan | None:
    """The case's plan as its conversation made it (None before the draft exists)."""
    with store.open_case(case_id, write=False) as handle:
        meta, events, path = handle.meta, handle.events(), handle.path
    journey = load_journey(meta.get("journey", "adult"))
    return plan_from_events(journey, case_id, events, lang_of(events, meta.get("lang", "da")), source=path)


def load_full_plan(store: Store, case_id: str) -> dict[str, Any]:
    """The plan with the follow-ups and the caseworker's work merged in (read-only; no lock needed)."""
    with store.open_case(case_id, write=False) as handle:
        return load_full_plan_from(handle)


def load_full_plan_from(handle) -> dict[str, Any]:
    """:func:`load_full_plan` on a case already open."""
    from assistant.casework import merge
    from assistant.followup import apply_followups, finished_rounds

    meta, events = handle.meta, handle.events()
    journey = load_journey(meta.get("journey", "adult"))
    draft = plan_from_events(journey, handle.id, events, lang_of(events, meta.get("lang", "da")), source=handle.path)
    if draft is None:
        raise NoPlanYet(case=handle.id)
    from assistant.progress import with_progress

    plan = apply_followups(draft.to_dict(), finished_rounds(handle))
    return with_progress(merge(plan, handle.get_doc("casework") or {}, meta), handle)


def render(plan: dict[str, Any], *, fmt: str = "json", view: str = "citizen", lang: str | None = None) -> str:
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
    from assistant.caseview import plan_title

    title = _("My plan") if view == "citizen" else plan_title(plan, translator(lang)).format(name=plan.get("name") or plan["case"])
    return render_html(markdown, title=title, lang=lang)


def export_plan(store: Store, case_id: str, *, fmt: str = "json", view: str = "citizen", lang: str | None = None,
                version: int | None = None) -> str:
    """The current plan, or with ``version`` the final version kept as it was made final."""
    if version is None:
        return render(load_full_plan(store, case_id), fmt=fmt, view=view, lang=lang)
    return render(load_version(store, case_id, version), fmt=fmt, view=view, lang=lang)


def load_version(store: Store, case_id: str, version: int) -> dict[str, Any]:
    """A final version of the plan exactly as it was kept when it was made final."""
    from assistant.errors import NoSuchVersion

    with store.open_case(case_id, write=False) as handle:
        kept = [v for v in handle.all_docs("versions") if v.get("version") == version]
    if not kept:
        raise NoSuchVersion(case=case_id, version=version)
    return kept[-1]["plan"]
