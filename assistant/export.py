"""Exports of a case's plan: JSON, Markdown and HTML, as the citizen's or the case's view."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.conversation import lang_of, plan_from_events
from assistant.damage import check_answers, reading
from assistant.errors import NoPlanYet
from assistant.i18n import N_, translator
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
        return plan_from_events(journey, case_id, events, lang_of(events, meta.get("lang", "da")), source=path)


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


def render(plan: dict[str, Any], *, fmt: str = "json", view: str = "citizen", lang: str | None = None,
           flags: list[dict[str, Any]] | None = None) -> str:
    """``flags``: the case's signs of distress — shown in the case view only, never in the citizen's."""
    plan = clean_all(plan)  # what a case file holds is shown as text, never as a terminal's command
    lang = lang or plan["lang"]
    if fmt == "json":
        if view == "case":
            from assistant.audit import audit

            plan = {**plan, "audit": audit(plan, lang).to_dict(), "safety_flags": list(flags or [])}
        else:  # the citizen's own plan never shows the flag
            from assistant.safety import citizen_transcript

            plan = {**plan, "transcript": citizen_transcript(plan.get("transcript") or [])}
        return json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
    if view == "case":
        from assistant.caseview import case_markdown

        markdown = case_markdown(plan, lang, flags=flags)
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
    flags = None
    if view == "case":
        from assistant.safety import flags as case_flags

        with store.open_case(case_id, write=False) as handle:
            flags = case_flags(handle.meta)
    with reading(store.cases_dir / plan["case"] / "case.json"):
        return render(plan, fmt=fmt, view=view, lang=lang, flags=flags)


COPY_NAME = N_("my-plan-{code}.html")
COPY_NAME_LARGE = N_("my-plan-{code}-large-print.html")


def copies_dir() -> Path:
    """Where a citizen's printable copy goes: ``borgerrejse`` in their documents folder (0700)."""
    from platformdirs import user_documents_path

    from store.files import private_dir

    return private_dir(user_documents_path() / "borgerrejse")


def save_citizen_copy(plan: Plan | dict[str, Any], case_id: str, *, lang: str, large_print: bool = False) -> Path:
    """Write the citizen's own plan as one printable HTML file (0600) and return where it is."""
    from assistant.html import render_html
    from assistant.views import citizen_markdown
    from store.codes import shown_code
    from store.files import atomic_write

    _ = translator(lang).gettext
    html = render_html(citizen_markdown(plan, lang), title=_("My plan"), lang=lang, large_print=large_print)
    name = _(COPY_NAME_LARGE if large_print else COPY_NAME).format(code=shown_code(case_id))
    path = copies_dir() / name
    atomic_write(path, html.encode("utf-8"))
    return path
