"""A conversation as its events make it: the answers in force, the model replayed, the draft.

A case keeps its conversation as an append-only list of events (answers, skips, going
back, the language); everything else — where the citizen is, what they said, the drafted
plan — is their replay, here, with no store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.common.errors import CorruptCaseError
from assistant.domain import drafting
from assistant.domain.engine import JourneyModel, ReplayMismatch
from assistant.domain.journey import Journey
from assistant.domain.plan import Plan


def effective_events(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The answer/skip events now in force, and how many times the citizen went back."""
    stack: list[dict[str, Any]] = []
    backs = 0
    for ev in events:
        if ev["type"] in ("answer", "skip"):
            stack.append(ev)
        elif ev["type"] == "back" and stack:
            popped = stack.pop()
            if "safety" in popped and stack:
                stack.pop()  # back over a safety check goes back to the answer before it
            backs += 1
    return stack, backs


def replay(journey: Journey, events: list[dict[str, Any]], source: object = None,
           model: JourneyModel | None = None) -> JourneyModel:
    """The conversation as ``events`` make it.

    Events that do not fit the dialogue (an answer to another question, a value
    that is not one of the question's choices) mean the case file ``source`` is
    damaged: reported by its name, never replayed half-way.
    """
    model = model or JourneyModel(journey)
    stack, backs = effective_events(events)
    for ev in stack:
        try:
            model.apply(ev)
        except ReplayMismatch as exc:
            raise CorruptCaseError(path=str(source or journey.id)) from exc
    model.answers.changes = backs
    return model


def lang_of(events: list[dict[str, Any]], default: str) -> str:
    for ev in reversed(events):
        if ev["type"] in ("lang", "start"):
            return ev.get("lang", default)
    return default


def plan_from_events(
    journey: Journey, case: str, events: list[dict[str, Any]], lang: str | None = None, source: object = None,
    *, new_costly_complex: bool = False,
) -> Plan | None:
    """The draft as the events make it (None before the draft exists); ``new_costly_complex``
    (the case's fact) caps the proposed follow-up at 3 months."""
    model = replay(journey, events, source)
    if not model.drafted:
        return None
    return draft_of(model, case, lang or lang_of(events, "da"), events, new_costly_complex=new_costly_complex)


def draft_of(model: JourneyModel, case: str, lang: str, events: list[dict[str, Any]], *,
           new_costly_complex: bool = False) -> Plan:
    created = model.clock or dt.datetime.now(dt.timezone.utc)
    return drafting.draft(
        model.answers,
        case=case,
        journey=model.journey.id,
        lang=lang,
        created=created,
        transcript=events,
        new_costly_complex=new_costly_complex,
    )
