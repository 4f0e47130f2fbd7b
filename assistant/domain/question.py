"""What a face shows of one question: a :class:`Prompt` with its :class:`Choice` s, and the phases.

:mod:`assistant.domain.prompts` makes prompts (and needs the journey, the citizen's voice and the
catalogs for it); the chat shows its first question, kept from an earlier start
(:mod:`assistant.tui.citizen.first_question`), with this module alone.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PHASES = ("preparation", "drafting", "use", "renewal")

# Every kind of question (a step's ``kind``), and how it is answered: by picking one of its
# choices, by a number on its scale, in free text, or not at all (it only tells something).
# The one place the faces (chat, JSON lines, trainer, sample) and the reply parser look it up.
ANSWERED_BY = {
    "text": "text",
    "choice": "choice",
    "scale": "scale",
    "yesno": "choice",
    "review": "choice",
    "info": "nothing",
    "safety": "choice",  # the safety step every journey asks after a sign of distress
    "safety_check": "choice",  # the direct question after a possible sign (yes / no / rather not answer)
}


def answered_by(kind: str) -> str:
    """How a question of ``kind`` is answered: ``choice``, ``scale``, ``text`` or ``nothing``."""
    return ANSWERED_BY[kind]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str
    key: str | None = None  # a one-letter shortcut, when unambiguous


@dataclass(frozen=True)
class Prompt:
    """One question as a face (TUI, JSON lines) shows it."""

    case: str
    state: str
    phase: str
    phase_label: str
    slot: str | None
    item: int | None
    kind: str
    text: str
    markdown: str
    choices: list[Choice] = field(default_factory=list)
    method: str = ""
    trainer_note: str = ""
    scale: tuple[int, int] | None = None
    progress: float = 0.0
    final: bool = False
    variant: str | None = None  # which wording of the step was used (None: the usual one)
    part: tuple[int, int] | None = None  # (n, count) where a journey numbers its parts itself (the follow-up)

    @property
    def answered_by(self) -> str:
        """How this question is answered (see :data:`ANSWERED_BY`)."""
        return answered_by(self.kind)

    def to_event(self) -> dict[str, Any]:
        data = {
            "event": "prompt",
            "case": self.case,
            "state": self.state,
            "phase": self.phase,
            "slot": self.slot,
            "item": self.item,
            "kind": self.kind,
            "text": self.text,
            "choices": [asdict(c) for c in self.choices],
            "method": self.method,
            "trainer_note": self.trainer_note,
            "progress": round(self.progress, 2),
        }
        if self.scale:
            data["scale"] = {"min": self.scale[0], "max": self.scale[1]}
        return data
