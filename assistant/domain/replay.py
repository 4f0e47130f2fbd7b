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


def is_interrupt(event: dict[str, Any]) -> bool:
    """An answer to the safety step or to the direct question (not to the journey's question)."""
    return "safety" in event or "check" in event


def without_interrupts(stack: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``stack`` without the safety step's and the direct question's answers at its end."""
    end = len(stack)
    while end and is_interrupt(stack[end - 1]):
        end -= 1
    return stack[:end]


def go_back(stack: list[dict[str, Any]]) -> None:
    """Take the latest answer out of force. Back over the safety step or the direct question
    goes back to the answer that raised it: that answer is taken out too."""
    popped = stack.pop()
    if is_interrupt(popped):
        stack[:] = without_interrupts(stack)
        if stack:
            stack.pop()


def effective_events(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The answer/skip events now in force, and how many times the citizen went back."""
    stack: list[dict[str, Any]] = []
    backs = 0
    for ev in events:
        if ev["type"] in ("answer", "skip"):
            stack.append(ev)
        elif ev["type"] == "back" and stack:
            go_back(stack)
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
