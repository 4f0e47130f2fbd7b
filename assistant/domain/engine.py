"""The journey engine: a ``transitions`` machine over a journey's steps.

:class:`JourneyModel` is pure: it is fed answer/skip events and moves through the
journey, collecting :class:`~assistant.domain.drafting.Answers`. Conditions and callbacks
named in the dialogue files are its methods. It knows nothing of screens or files;
:class:`assistant.services.conversation.Conversation` adds the store.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from transitions import Machine

from assistant.domain import voice
from assistant.domain.drafting import Answers, goal_items
from assistant.domain.journey import Journey, Step
from assistant.domain.safety import SAFETY_STATE, safety_step
from assistant.domain.safety_check import ANSWERS as CHECK_ANSWERS, FLAGGING
from assistant.common.text import normalise_reply
from assistant.domain.prompts import NOTHING

LOW_MOTIVATION = 4  # at or below this, ask what would make it a little higher


class ReplayMismatch(Exception):
    """An event does not belong to the state the model is in (the journey changed)."""


def value_fits(step: Step, value: Any, dreams: int = 0) -> bool:
    """Whether ``value`` is something an answer to ``step`` can be (a damaged file's may not)."""
    if value is None:
        return True  # "nothing to add", an information step
    if step.kind == "text":
        return isinstance(value, str)
    if step.kind == "scale":
        low, high = step.scale
        return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high
    if step.kind == "yesno":
        return isinstance(value, bool)
    if step.choices_from == "dreams":
        return value in {str(i) for i in range(1, dreams + 1)}
    if step.choices_from:  # choices made from the citizen's words (numbered), and the step's own
        return isinstance(value, str) and (value in {c.value for c in step.choices}
                                           or (value.isdigit() and 1 <= int(value) <= 20))
    if step.kind in ("choice", "review"):
        return value in {c.value for c in step.choices}
    return True


def step_of(journey: Journey, state: str) -> Step:
    """The step of ``state``: the journey's own, or the safety check every journey asks after a
    sign of distress (:func:`assistant.domain.safety.safety_step`)."""
    if state == SAFETY_STATE and state not in journey.steps:
        return safety_step()
    return journey.step(state)


class JourneyModel:
    """State and answers of one conversation; ``state`` is the current step's name."""

    def __init__(self, journey: Journey) -> None:
        self.journey = journey
        self.answers = Answers()
        self.goal_index = 0
        self.area_index = 0  # the 1-based life area a youth journey is at
        self.drafted = False
        self.last_value: Any = None
        self.last_skipped = False
        # A sign of distress was seen in the last answer: the safety check is asked
        # before the journey goes on (the kinds of sign; None when there is none).
        self.safety_pending: list[str] | None = None
        # A possible sign in the last answer: the direct question is asked first (the kinds; None: none).
        self.check_pending: list[str] | None = None
        self.went_on = False  # the last event was "go on" after a safety check
        self.check_answered_no = False  # the last event was "no" to the direct question
        # The current question was interrupted by a sign of distress: it is asked again once the
        # safety step or the direct question is answered (the answer that raised it is never used).
        self.interrupted = False
        self.asked_again = False  # a non-answer here: the step is asked once more, another way
        self.last_unsure: str | None = None  # the last answer was a non-answer, accepted as open
        self.clock: dt.datetime | None = None
        # Wishes told together with a dream, still to be offered as dreams of their own.
        self.wishes: list[str] = []
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
        return step_of(self.journey, self.state)

    @property
    def item(self) -> int | None:
        """The 1-based dream or goal the current step belongs to."""
        if self.step.repeat == "dream":
            return len(self.answers.dreams) or None
        if self.step.repeat == "goal":
            return self.goal_index or None
        if self.step.repeat == "area":
            return self.area_index or None
        return None

    @property
    def area(self):
        """The life area the current step is about (youth journey), or None."""
        if self.step.repeat == "area" and 1 <= self.area_index <= len(self.journey.areas):
            return self.journey.areas[self.area_index - 1]
        return None

    @property
    def finished(self) -> bool:
        return self.step.final and not self.safety_pending and not self.check_pending

    def goal_order(self) -> list[int]:
        return goal_items(self.answers)

    # -- feeding it -----------------------------------------------------------
    def apply(self, event: dict[str, Any]) -> None:
        """Record an ``answer`` or ``skip`` event for the current step and move on."""
        if event.get("state") != self.state:
            raise ReplayMismatch(f"event for {event.get('state')!r} in state {self.state!r}")
        if event.get("at"):
            self.clock = dt.datetime.fromisoformat(event["at"])
        self.went_on, self.last_unsure, self.check_answered_no = False, None, False
        if "check" in event:  # the answer to the direct question after a possible sign
            if not self.check_pending or event["check"] not in CHECK_ANSWERS:
                raise ReplayMismatch("a direct question's answer with no possible sign before it")
            kinds, self.check_pending = self.check_pending, None
            if event["check"] in FLAGGING:  # yes, or rather not answer: the safety step, flagged
                self.safety_pending = sorted(set(self.safety_pending or []) | set(kinds))
            else:
                self.check_answered_no = True
            return
        if "safety" in event:  # the citizen's choice after a sign of distress: the journey goes on here
            if not self.safety_pending:
                raise ReplayMismatch("a safety choice with no sign of distress before it")
            self.safety_pending = None
            self.went_on = event["safety"] == "continue"
            return
        if event.get("stay"):
            # The same question again: asked another way after a non-answer, or after a sign of
            # distress (the safety step or the direct question comes first; the answer that
            # raised it never becomes plan content, nor is it quoted back).
            self.asked_again = self.asked_again or bool(event.get("unsure"))
            if event.get("signs") or event.get("possible"):
                self.interrupted = True
            self._distress(event)
            return
        step = self.step
        # A non-answer ("ved ikke") counts as not answered: it is an open point, like a skip.
        # Words of distress are kept as said in the history (and flagged), but never become
        # plan content or a reflection ("You said: »…«. Why does that matter?"): open too.
        skipped = event["type"] == "skip" or bool(event.get("unsure")) or bool(event.get("signs"))
        value = None if skipped else event.get("value")
        if not skipped and not value_fits(step, value, len(self.answers.dreams)):
            raise ReplayMismatch(f"a value that {step.name!r} cannot have")
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
        self.interrupted = False
        self.next()
        self._distress(event)  # a case kept before issue 20: the sign skipped the question

    def _distress(self, event: dict[str, Any]) -> None:
        if event.get("signs"):  # a clear sign: the safety step straight away
            self.safety_pending = sorted(set(self.safety_pending or []) | set(event["signs"]))
            self.check_pending = None
        elif event.get("possible") and not self.safety_pending:  # a possible sign: ask directly first
            self.check_pending = sorted(set(self.check_pending or []) | set(event["possible"]))

    def _record(self, step: Step, value: Any) -> None:
        if step.repeat == "dream":
            self.answers.dreams[-1][step.slot] = value
        elif step.repeat == "goal":
            self.answers.reviews.setdefault(self.goal_index, {})[step.slot] = value
        elif step.repeat == "area":
            self.answers.areas.setdefault(self.area.value, {})[step.slot] = value
        else:
            self.answers.values[step.slot] = value

    # -- callbacks named in dialogue files --------------------------------------
    def new_dream(self) -> None:
        self.answers.dreams.append({})

    def first_goal(self) -> None:
        self.goal_index = 1

    def next_goal(self) -> None:
        self.goal_index += 1

    def first_area(self) -> None:
        self.area_index = 1

    def next_area(self) -> None:
        self.area_index += 1

    def mark_drafted(self) -> None:
        self.drafted = True

    def pick_wish(self) -> None:
        """The citizen chose which of several wishes this dream is about; the rest wait their turn."""
        dream = self.answers.dreams[-1]
        wishes = voice.split_wishes(dream.get("dream"))
        pick = str(dream.get("dream_pick") or "")
        if pick.isdigit() and 1 <= int(pick) <= len(wishes):  # "all", or skipped: one dream, as told
            chosen = int(pick) - 1
            dream["told"], dream["dream"] = dream["dream"], wishes[chosen]
            self.wishes.extend(w for i, w in enumerate(wishes) if i != chosen)

    def take_wish(self) -> None:
        """A wish told earlier becomes the next dream (the citizen said yes to it)."""
        self.answers.dreams.append({"dream": self.wishes.pop(0), "from_wish": True})

    def drop_wish(self) -> None:
        self.wishes.pop(0)

    def take_alternative(self) -> None:
        """What the citizen would rather do becomes the goal's first step; the draft before is kept."""
        item = self.goal_order()[self.goal_index - 1]
        dream = self.answers.dreams[item - 1]
        offered = self.offered_step()
        review = self.answers.reviews.pop(self.goal_index, {})
        dream.setdefault("earlier", []).append({
            "first_step": dream.get("first_step"),
            "review": review.get("review"),
            "review_comment": review.get("review_comment"),
        })
        dream["first_step"] = offered

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

    def has_more_areas(self) -> bool:
        return self.area_index < len(self.journey.areas)

    def young_person(self) -> bool:
        """A young person's conversation (Barnets lov): their dreams are tagged by area.
        The follow-up's model answers for the case it follows up."""
        return self.journey.plan_kind != "handleplan"

    def has_several_wishes(self) -> bool:
        return len(voice.split_wishes(self.last_value)) > 1

    def has_wish(self) -> bool:
        return bool(self.wishes) and self.can_add_dream()

    def has_alternative(self) -> bool:
        return self.offered_step() is not None

    # -- what the citizen would rather do ------------------------------------------
    def offered_step(self) -> str | None:
        """After "disagree" or "partly" and a comment: the new first step to offer, if any."""
        review = self.answers.reviews.get(self.goal_index, {})
        if review.get("review") not in ("disagree", "partly"):
            return None

        comment = review.get("review_comment")
        if not isinstance(comment, str) or normalise_reply(comment) in NOTHING:
            return None
        return voice.alternative(comment)
