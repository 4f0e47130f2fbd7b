"""The journey engine: a ``transitions`` machine over a journey's steps.

:class:`JourneyModel` is pure: it is fed answer/skip events and moves through the
journey, collecting :class:`~assistant.drafting.Answers`. Conditions and callbacks
named in the dialogue files are its methods. It knows nothing of screens or files;
:class:`assistant.conversation.Conversation` adds the store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from transitions import Machine

from assistant.drafting import Answers, goal_items
from assistant.journey import Journey, Step

LOW_MOTIVATION = 4  # at or below this, ask what would make it a little higher


class ReplayMismatch(Exception):
    """An event does not belong to the state the model is in (the journey changed)."""


class JourneyModel:
    """State and answers of one conversation; ``state`` is the current step's name."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.answers = Answers()
        self.goal_index = 0
        self.drafted = False
        self.last_value: Any = None
        self.last_skipped = False
        # A sign of distress was seen in the last answer: the safety check is asked
        # before the journey goes on (the kinds of sign; None when there is none).
        self.safety_pending: list[str] | None = None
        self.went_on = False  # the last event was "go on" after a safety check
        self.asked_again = False  # a non-answer here: the step is asked once more, another way
        self.last_unsure: str | None = None  # the last answer was a non-answer, accepted as open
        self.clock: dt.datetime | None = None
        self.machine = Machine(
            model=self,
            states=journey.machine_states(),
            transitions=[dict(t) for t in journey.transitions],
            initial=journey.initial,
            auto_transitions=False,
            ignore_invalid_triggers=False,
            model_attribute="state",
        )

    # -- where we are ---------------------------------------------------------
    @property
    def step(self) -> Step:
        return self.journey.step(self.state)

    @property
    def item(self) -> int | None:
        """The 1-based dream or goal the current step belongs to."""
        if self.step.repeat == "dream":
            return len(self.answers.dreams) or None
        if self.step.repeat == "goal":
            return self.goal_index or None
        return None

    @property
    def finished(self) -> bool:
        return self.step.final and not self.safety_pending

    def goal_order(self) -> list[int]:
        return goal_items(self.answers)

    # -- feeding it -----------------------------------------------------------
    def apply(self, event: dict[str, Any]) -> None:
        """Record an ``answer`` or ``skip`` event for the current step and move on."""
        if event.get("state") != self.state:
            raise ReplayMismatch(f"event for {event.get('state')!r} in state {self.state!r}")
        if event.get("at"):
            self.clock = dt.datetime.fromisoformat(event["at"])
        self.went_on, self.last_unsure = False, None
        if "safety" in event:  # the citizen's choice after a sign of distress: the journey goes on here
            if not self.safety_pending:
                raise ReplayMismatch("a safety choice with no sign of distress before it")
            self.safety_pending = None
            self.went_on = event["safety"] == "continue"
            return
        if event.get("stay"):
            # The same question again: asked another way after a non-answer, or a sign of
            # distress typed where no answer fits (the safety check comes first).
            self.asked_again = self.asked_again or bool(event.get("unsure"))
            self._distress(event)
            return
        step = self.step
        # A non-answer ("ved ikke") counts as not answered: it is an open point, like a skip.
        # Words of distress are kept as said in the history (and flagged), but never become
        # plan content or a reflection ("You said: »…«. Why does that matter?"): open too.
        skipped = event["type"] == "skip" or bool(event.get("unsure")) or bool(event.get("signs"))
        value = None if skipped else event.get("value")
        if step.slot:
            self._record(step, value)
            if skipped:
                self.answers.skipped += 1
                self.answers.not_known += bool(event.get("unsure"))
            else:
                self.answers.answered += 1
        self.last_value, self.last_skipped = value, skipped
        self.last_unsure = event.get("unsure") if event["type"] == "answer" else None
        self.asked_again = False
        self.next()
        self._distress(event)

    def _distress(self, event: dict[str, Any]) -> None:
        if event.get("signs"):
            self.safety_pending = sorted(set(self.safety_pending or []) | set(event["signs"]))

    def _record(self, step: Step, value: Any) -> None:
        if step.repeat == "dream":
            self.answers.dreams[-1][step.slot] = value
        elif step.repeat == "goal":
            self.answers.reviews.setdefault(self.goal_index, {})[step.slot] = value
        else:
            self.answers.values[step.slot] = value

    # -- callbacks named in dialogue files --------------------------------------
    def new_dream(self) -> None:
        self.answers.dreams.append({})

    def first_goal(self) -> None:
        self.goal_index = 1

    def next_goal(self) -> None:
        self.goal_index += 1

    def mark_drafted(self) -> None:
        self.drafted = True

    # -- conditions named in dialogue files -------------------------------------
    def answered_yes(self) -> bool:
        return self.last_value is True

    def answered_no(self) -> bool:
        return self.last_value is False

    def skipped(self) -> bool:
        return self.last_skipped

    def motivation_low(self) -> bool:
        return isinstance(self.last_value, int) and self.last_value <= LOW_MOTIVATION

    def can_add_dream(self) -> bool:
        return len(self.answers.dreams) < self.journey.max_dreams

    def has_several_dreams(self) -> bool:
        return len(self.goal_order()) > 1

    def has_goals(self) -> bool:
        return bool(self.goal_order())

    def has_more_goals(self) -> bool:
        return self.goal_index < len(self.goal_order())
