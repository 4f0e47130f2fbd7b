"""Exports of a case's plan (JSON now; Markdown and HTML views build on it)."""

from __future__ import annotations

import json

from assistant.conversation import lang_of, plan_from_events
from assistant.errors import NoPlanYet
from assistant.journey import load_journey
from assistant.plan import Plan
from store import Store


def load_plan(store: Store, case_id: str) -> Plan | None:
    """The case's plan as its conversation made it (None before the draft exists)."""
    with store.open_case(case_id, write=False) as handle:
        meta, events = handle.meta, handle.events()
    journey = load_journey(meta.get("journey", "adult"))
    return plan_from_events(journey, case_id, events, lang_of(events, meta.get("lang", "da")))


def export_plan(store: Store, case_id: str, *, fmt: str = "json") -> str:
    plan = load_plan(store, case_id)
    if plan is None:
        raise NoPlanYet(case=case_id)
    if fmt == "json":
        return json.dumps(plan.to_dict(), ensure_ascii=False, indent=2) + "\n"
    raise ValueError(fmt)
