"""The direct question after a possible sign of distress, and what the caseworker is told of it.

Two tiers (issue 20). A *clear* sign stops the script for the safety step
(:mod:`assistant.domain.safety`). A *possible* sign first asks, directly and calmly:
"Are you thinking about taking your life?" (or, for the other kinds, "Are you, or a
child with you, in danger?"). *Yes*, or *I would rather not answer*, leads to the
safety step with the flag raised; *no* gets a short thanks and the conversation goes on.
Every answer is recorded for the caseworker ("asked directly, answered no", with the
date): not a flag, and never hidden.

The wording is data: the ``[direct]`` table of dialogues/safety.toml (:func:`safety.direct_texts`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Iterable

from assistant.common.i18n import N_, Translator
from assistant.domain import safety
from assistant.domain.journey import ChoiceSpec, Step

CHECK_STATE = "safety_check"  # the name the direct question has in prompts (not a state of the journey)
CHECK_KIND = "safety_check"
ANSWERS = ("yes", "no", "no_answer")
FLAGGING = ("yes", "no_answer")  # the answers that lead to the safety step, with the flag raised

LABEL_KEYS = (("yes", "yes"), ("no", "no"), ("no_answer", "decline"))  # an answer's value, its text in [direct]
TRAINER_NOTE = N_("A possible sign of crisis: ask directly and calmly. Asking does not put the thought there. "
                  "Yes, or no answer, leads to the safety step.")


def thanks() -> str:
    """The message id said before the next question after "no"."""
    return safety.direct_texts()["thanks"]

# For the caseworker: the history event and the case's list (meta) of direct questions.
ASKED_EVENT = "asked"
META_KEY = "asked_directly"
ASKED_WORDS = {
    "yes": N_("asked directly, answered yes"),
    "no": N_("asked directly, answered no"),
    "no_answer": N_("asked directly, would rather not answer"),
}
ASKED_LINE = N_("{when}: {what} (a possible sign: {kinds}).")
ASKED_HEADING = N_("Asked directly in the conversation")

# A typed answer to the direct question that starts like this means yes ("ja, nogle gange").
_YES_WORDS = {"ja", "jo", "yes", "yeah", "yep"}


def question_kind(kinds: Iterable[str]) -> str:
    """``suicide`` or ``danger``: which of the two direct questions fits these kinds of sign."""
    return safety.direct_question_kind(tuple(kinds))


def check_step(kinds: Iterable[str], phase: str = "preparation") -> Step:
    """The direct question for a possible sign of these kinds, as a step (kind ``safety_check``)."""
    texts = safety.direct_texts()
    return Step(
        name=CHECK_STATE,
        kind=CHECK_KIND,
        phase=phase,
        method="information",
        prompt=texts[question_kind(kinds)],
        trainer_note=TRAINER_NOTE,
        choices=tuple(ChoiceSpec(value, texts[key]) for value, key in LABEL_KEYS),
    )


def typed_yes(text: str) -> bool:
    """Whether words typed at the direct question begin with a yes ("ja, nogle gange")."""
    words = safety.fold(text).split()
    return bool(words) and words[0] in _YES_WORDS


def record_answer(handle, kinds: list[str], answer: str, *, state: str, item: int | None, at: str,
                  conversation: str = "") -> dict[str, Any]:
    """Keep the direct question's answer for the caseworker: in the case's meta (so every view of
    the case reads it, whichever conversation asked) and as a history event. Returns the event."""
    kinds = safety.with_child(kinds, handle.meta)  # a young person's sign: a child may be in danger
    entry = {"at": at, "kinds": list(kinds), "answer": answer, "state": state, "item": item}
    if conversation:
        entry["conversation"] = conversation
    handle.update_meta(**{META_KEY: asked(handle.meta) + [entry]})
    return handle.append_event({"type": ASKED_EVENT, "kinds": list(kinds), "answer": answer, "state": state,
                                "item": item})


def asked(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Every direct question the case was asked, oldest first (in a young person's case each
    possible sign also says that a child may be in danger, as :func:`safety.flags` does)."""
    return safety.child_labelled([a for a in meta.get(META_KEY) or [] if isinstance(a, dict)], meta)


def asked_words(answer: str, t: Translator) -> str:
    """"asked directly, answered no", in the caseworker's language."""
    return t.gettext(ASKED_WORDS[answer]) if answer in ASKED_WORDS else str(answer)


def describe_asked(entry: dict[str, Any], t: Translator) -> str:
    """One direct question for the caseworker: the date, the answer, the kind of possible sign."""
    try:
        when = t.date(dt.datetime.fromisoformat(entry["at"]).astimezone().date())
    except (KeyError, TypeError, ValueError):
        when = str(entry.get("at", ""))
    return t.gettext(ASKED_LINE).format(when=when, what=asked_words(entry.get("answer", ""), t),
                                        kinds=safety.kinds_text(entry.get("kinds") or [], t))
