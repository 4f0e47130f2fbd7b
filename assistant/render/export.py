"""Exports of a case's plan: JSON, Markdown and HTML, as the citizen's or the case's view,
or as one provider's part plan (delplan)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from assistant.domain.replay import lang_of, plan_from_events
from assistant.services.damage import check_answers, reading
from assistant.common.i18n import N_, translator
from assistant.domain.journey import load_journey
from assistant.domain.plan import Plan
from assistant.common.text import clean_all
from store import Store
from assistant.services.plans import load_full_plan
from assistant.common.errors import NoSuchVersion
from store.files import atomic_write
from store.codes import shown_code
from assistant.render.views import citizen_markdown
from assistant.render.html import render_html
from store.files import private_dir
from assistant.domain.safety import flags as case_flags
from assistant.render.caseview import plan_title
from assistant.render.caseview import case_markdown
from assistant.render.views import citizen_copy
from assistant.domain.safety_check import asked as asked_directly
from assistant.domain.audit import audit
from assistant.render.partplan import part_plan_markdown
from assistant.render.partplan import part_plan as part_data

FORMATS = ("json", "md", "html")
VIEWS = ("citizen", "case")


def load_plan(store: Store, case_id: str) -> Plan | None:
    """The case's plan as its conversation made it (None before the draft exists)."""
    with store.open_case(case_id, write=False) as handle:
        meta, events, path = handle.meta, handle.events(), handle.path
    with reading(path):  # odd content is damage to this file, reported by name
        journey = load_journey(meta.get("journey", "adult"))
        check_answers(journey, events, path)
        return plan_from_events(journey, case_id, events, lang_of(events, meta.get("lang", "da")), source=path,
                                new_costly_complex=bool(meta.get("new_costly_complex")))


def render(plan: dict[str, Any], *, fmt: str = "json", view: str = "citizen", lang: str | None = None,
           flags: list[dict[str, Any]] | None = None, part_plan: str | None = None,
           asked: list[dict[str, Any]] | None = None) -> str:
    """``flags``: the case's signs of distress, and ``asked``: the direct questions after a possible
    sign — shown in the case view only, never in the citizen's.
    ``part_plan`` names a provider: that provider's part plan instead of ``view``."""
    plan = clean_all(plan)  # what a case file holds is shown as text, never as a terminal's command
    lang = lang or plan["lang"]
    _ = translator(lang).gettext
    if part_plan is not None:
        if fmt == "json":
            return json.dumps(part_data(plan, part_plan), ensure_ascii=False, indent=2) + "\n"
        markdown = part_plan_markdown(plan, part_plan, lang)
        if fmt == "md":
            return markdown

        title = _("Part plan for {provider}").format(provider=part_data(plan, part_plan)["part_plan_for"])
        return render_html(markdown, title=title, lang=lang)
    if fmt == "json":
        plan = {k: v for k, v in plan.items() if k != "record"}
        if view == "case":
            plan = {**plan, "audit": audit(plan, lang).to_dict(), "safety_flags": list(flags or []),
                    "asked_directly": list(asked or [])}
        else:  # the citizen's own plan never shows the flag, nor an answer that raised a sign
            plan = citizen_copy(plan)
        return json.dumps(plan, ensure_ascii=False, indent=2) + "\n"
    if view == "case":
        markdown = case_markdown(plan, lang, flags=flags, asked=asked)
    else:
        markdown = citizen_markdown(plan, lang)
    if fmt == "md":
        return markdown


    title = _("My plan") if view == "citizen" else plan_title(plan, translator(lang)).format(name=plan.get("name") or plan["case"])
    return render_html(markdown, title=title, lang=lang)


def export_plan(store: Store, case_id: str, *, fmt: str = "json", view: str = "citizen", lang: str | None = None,
                part_plan: str | None = None, version: int | None = None) -> str:
    """The current plan, or with ``version`` the final version kept as it was made final."""
    if version is None:
        plan = load_full_plan(store, case_id, record=view == "case")
    else:
        plan = load_version(store, case_id, version)
    flags = asked = None
    if view == "case":
        with store.open_case(case_id, write=False) as handle:
            flags, asked = case_flags(handle.meta), asked_directly(handle.meta)
    with reading(store.case_file(plan["case"])):
        return render(plan, fmt=fmt, view=view, lang=lang, flags=flags, part_plan=part_plan, asked=asked)


COPY_NAME = N_("my-plan-{code}.html")
COPY_NAME_LARGE = N_("my-plan-{code}-large-print.html")


def copies_dir() -> Path:
    """Where a citizen's printable copy goes: ``borgerrejse`` in their documents folder (0700)."""
    from platformdirs import user_documents_path


    return private_dir(user_documents_path() / "borgerrejse")


def save_citizen_copy(plan: Plan | dict[str, Any], case_id: str, *, lang: str, large_print: bool = False) -> Path:
    """Write the citizen's own plan as one printable HTML file (0600) and return where it is."""
    _ = translator(lang).gettext
    html = render_html(citizen_markdown(plan, lang), title=_("My plan"), lang=lang, large_print=large_print)
    name = _(COPY_NAME_LARGE if large_print else COPY_NAME).format(code=shown_code(case_id))
    path = copies_dir() / name
    atomic_write(path, html.encode("utf-8"))
    return path


def load_version(store: Store, case_id: str, version: int) -> dict[str, Any]:
    """A final version of the plan exactly as it was kept when it was made final."""
    with store.open_case(case_id, write=False) as handle:
        kept = [v for v in handle.all_docs("versions") if v.get("version") == version]
    if not kept:
        raise NoSuchVersion(case=case_id, version=version)
    return kept[-1]["plan"]
