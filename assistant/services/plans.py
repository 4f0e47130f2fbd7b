"""A case's plan as it stands, read once: the draft replayed from the conversation, every
finished follow-up laid over it, the caseworker's work merged in, progress and transcripts.

Every face and export reads this one dict (:func:`load_full_plan`); the rules of how the
parts are laid over each other are in :mod:`assistant.domain.plan_state`.
"""

from __future__ import annotations

from typing import Any

from assistant.common.errors import NoPlanYet
from assistant.common.text import clean_all
from assistant.domain.journey import load_journey
from assistant.domain.plan_state import PlanInForce, apply_followups, finished_rounds, merge
from assistant.domain.progress import with_progress
from assistant.domain.replay import lang_of, plan_from_events
from assistant.services.damage import check_answers, reading
from assistant.domain.plan_state import events_table
from assistant.services.settings import with_settings
from store import CaseHandle, Store


def with_transcripts(plan: dict[str, Any], handle: CaseHandle) -> dict[str, Any]:
    """The plan with each follow-up's conversation as it happened (its events, oldest first),
    beside the first conversation's ``transcript``: for the case view."""
    for entry in plan.get("followups") or []:
        entry["transcript"] = handle.all_docs(events_table(entry["round"]))
    return plan


def load_full_plan(store: Store, case_id: str, *, record: bool = False) -> PlanInForce:
    """The plan with the follow-ups and the caseworker's work merged in (read-only; no lock needed),
    with the store's municipality and contact person; ``record`` adds the trail and the versions."""
    with store.open_case(case_id, write=False) as handle:
        plan = load_full_plan_from(handle)
        trail, versions = (handle.all_docs("trail"), handle.all_docs("versions")) if record else (None, None)
    plan = with_settings(plan, store)
    if record:
        plan["record"] = {"trail": trail, "versions": versions}
    return clean_all(plan)


def load_full_plan_from(handle: CaseHandle) -> PlanInForce:
    """:func:`load_full_plan` on a case already open (without the store's settings or the record)."""
    meta, events = handle.meta, handle.events()
    with reading(handle.path):  # odd content is damage to this file, reported by name
        journey = load_journey(meta.get("journey", "adult"))
        check_answers(journey, events, handle.path)
        draft = plan_from_events(journey, handle.id, events, lang_of(events, meta.get("lang", "da")), source=handle.path,
                                 new_costly_complex=bool(meta.get("new_costly_complex")))
        if draft is None:
            raise NoPlanYet(case=handle.id)
        plan = apply_followups(draft.to_dict(), finished_rounds(handle))
        plan = with_progress(merge(plan, handle.get_doc("casework") or {}, meta), handle)
        return clean_all(with_transcripts(plan, handle))


def seen_since(kept: dict[str, Any], handle: CaseHandle) -> dict[str, Any]:
    """A final version kept while the citizen had not seen it, with what they have seen since
    (in the chat or read aloud): the citizen's copy then no longer says they have not seen it."""
    overlay = handle.get_doc("casework") or {}
    if not kept.get("unseen_changes") or overlay.get("version", 1) != kept.get("version", 1):
        return kept
    live = load_full_plan_from(handle)
    if live["unseen_changes"]:
        return kept
    return {**kept, **{k: live[k] for k in ("unseen_changes", "seen_by_citizen", "seen", "goals", "purpose_change_answers")}}
