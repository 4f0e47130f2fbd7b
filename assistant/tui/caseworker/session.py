"""One open case for the workspace: a thread-safe wrapper around :class:`Casework`.

Every method here touches the disk (each change is fsynced), so screens call them
from ``@work(thread=True)`` workers only. A lock keeps two workers from writing
to the same case file at once. After every call the screen gets a fresh
:class:`CaseState` to paint; nothing on screen is computed on the event loop.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Any, Callable

from assistant.domain import safety, safety_check
from assistant.domain.audit import AuditResult, audit
from assistant.services.casework import Casework
from assistant.domain.vocabulary import PLAN_STATUSES as STATUSES
from assistant.services.damage import reading
from assistant.common.errors import CorruptCaseError
from assistant.render.caseview import asked_lines, conversation_lines
from assistant.common.i18n import translator
from assistant.common.text import clean_all
from store import Store

Change = tuple  # ("goal", goal_id, field, value) | ("plan", field, value) | ("meta", {..})


@dataclass
class CaseState:
    """Everything the case screen shows, computed in a worker thread."""

    case_id: str
    plan: dict[str, Any]
    status: str
    version: int
    problems: list[tuple[str, dict[str, Any]]]
    audit: AuditResult
    transcript: list[str]
    trail: list[dict[str, Any]] = field(default_factory=list)
    versions: list[dict[str, Any]] = field(default_factory=list)
    flags: list[dict[str, Any]] = field(default_factory=list)  # signs of distress (assistant.domain.safety)

    def goal(self, goal_id: str) -> dict[str, Any] | None:
        return next((g for g in self.plan["goals"] if g["id"] == goal_id), None)


class CaseSession:
    """The caseworker's hold on one case; :meth:`close` releases the case's lock."""

    def __init__(self, store: Store, case_id: str, *, user: str | None, lang: str) -> None:
        self.case_id = case_id
        self.lang = lang
        self.path = store.case_file(case_id)
        """The case's file, for the sentence when it cannot be read or written."""
        self.store = store
        self._lock = threading.Lock()
        self._work: Casework | None = Casework(store, case_id, user=user)

    @property
    def is_open(self) -> bool:
        return self._work is not None

    def state(self) -> CaseState:
        with self._lock:
            return self._state()

    def apply(self, changes: list[Change]) -> CaseState:
        """Make ``changes`` in order, saved together in one write; the first error stops
        them all (nothing of them is saved) and is raised."""
        with self._lock:
            work = self._require()
            with work.together():
                self._apply(work, changes)
            return self._state()

    @staticmethod
    def _apply(work: Casework, changes: list[Change]) -> None:
        for change in changes:
            kind = change[0]
            if kind == "goal":
                work.set_goal_field(change[1], change[2], change[3])
            elif kind == "plan":
                work.set_plan_field(change[1], change[2])
            elif kind == "meta":
                work.set_meta(**change[1])
            elif kind == "provider":  # the provider's dated status for a goal
                from assistant.domain.progress import record_provider_status

                record_provider_status(work, [change[1]])
            else:
                raise ValueError(kind)

    def run(self, action: Callable[[Casework], Any]) -> CaseState:
        """Run ``action`` (set_status, reopen …) on the case and return the new state."""
        with self._lock:
            action(self._require())
            return self._state()

    def close(self) -> None:
        with self._lock:
            if self._work is not None:
                self._work.close()
                self._work = None

    def _require(self) -> Casework:
        if self._work is None:
            raise RuntimeError("case closed")
        return self._work

    def _state(self) -> CaseState:
        """The case as the screen shows it: every word the file holds, without control codes."""
        work = self._require()
        with reading(self.path):  # odd content (an unknown status, a list for a text) is damage, by name
            return self._read(work)

    def _read(self, work: Casework) -> CaseState:
        if work.status not in STATUSES or not isinstance(work.version, int):
            raise CorruptCaseError(path=str(self.path))
        plan = clean_all(work.plan())
        _paint_once(plan, translator(self.lang))
        return CaseState(
            case_id=self.case_id,
            plan=plan,
            status=work.status,
            version=work.version,
            problems=clean_all(work.problem_list()) if work.status != "final" else [],
            audit=audit(plan, self.lang),
            # the direct questions asked (a "no" is not a flag, and is never hidden), then the first
            # conversation and each follow-up
            transcript=asked_lines(clean_all(safety_check.asked(work.handle.meta)), translator(self.lang), "###")
            + conversation_lines(plan, translator(self.lang)),
            trail=clean_all(work.trail()),
            versions=clean_all(work.versions()),
            flags=safety.flags(work.handle.meta),
        )


def _paint_once(plan: dict[str, Any], t) -> None:
    """Make what the plan pane paints, here in the worker: odd content fails now, inside
    :func:`reading` (a sentence naming the file), not later on the screen."""
    from assistant.tui.caseworker.render import citizen_side, goal_card, plan_summary

    plan_summary(plan, t)
    for goal in plan["goals"]:
        goal_card(goal, t)
        citizen_side(goal, t)
