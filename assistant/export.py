"""Exports of a case's plan: JSON, Markdown and HTML, as the citizen's or the case's view,
or as one provider's part plan (delplan)."""

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


def load_full_plan(store: Store, case_id: str, *, record: bool = False) -> dict[str, Any]:
    """The plan with the caseworker's work merged in (read-only; no lock needed), with the
    store's municipality and contact person; ``record`` adds the trail and the versions."""
    from assistant.casework import merge

    draft = load_plan(store, case_id)
    if draft is None:
        raise NoPlanYet(case=case_id)
    with store.open_case(case_id, write=False) as handle:
        overlay = handle.get_doc("casework") or {}
        meta = handle.meta
        trail, versions = (handle.all_docs("trail"), handle.all_docs("versions")) if record else (None, None)
    plan = with_settings(merge(draft.to_dict(), overlay, meta), store)
    if record:
        plan["record"] = {"trail": trail, "versions": versions}
    return plan


def with_settings(plan: dict[str, Any], store: Store) -> dict[str, Any]:
    """The plan with who made it: the store's municipality and contact person."""
    from assistant.settings import read_settings

    settings = read_settings(store)
    return {**plan, "municipality": settings.municipality, "contact": settings.contact}


def render(plan: dict[str, Any], *, fmt: str = "json", view: str = "citizen", lang: str | None = None,
           part_plan: str | None = None) -> str:
    """``part_plan`` names a provider: that provider's part plan instead of ``view``."""
    lang = lang or plan["lang"]
    _ = translator(lang).gettext
    if part_plan is not None:
        from assistant.partplan import part_plan as part_data
        from assistant.partplan import part_plan_markdown

        if fmt == "json":
            return json.dumps(part_data(plan, part_plan), ensure_ascii=False, indent=2) + "\n"
        markdown = part_plan_markdown(plan, part_plan, lang)
        if fmt == "md":
            return markdown
        from assistant.html import render_html

        title = _("Part plan for {provider}").format(provider=part_data(plan, part_plan)["part_plan_for"])
        return render_html(markdown, title=title, lang=lang)
    if fmt == "json":
        plan = {k: v for k, v in plan.items() if k != "record"}
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

    title = _("My plan") if view == "citizen" else _("Action plan: {name}").format(name=plan.get("name") or plan["case"])
    return render_html(markdown, title=title, lang=lang)


def export_plan(store: Store, case_id: str, *, fmt: str = "json", view: str = "citizen", lang: str | None = None,
                part_plan: str | None = None) -> str:
    return render(load_full_plan(store, case_id, record=view == "case"), fmt=fmt, view=view, lang=lang,
                  part_plan=part_plan)
