"""The caseworker's work on a plan: completing, justifying, status, trail, versions.

The citizen's draft (replayed from the conversation) stays the base and is never
changed here. The caseworker's wording and additions are an overlay stored beside
it in the case file; :meth:`Casework.plan` merges the two and keeps the citizen's
original wording under ``goal["citizen"]`` wherever the caseworker's differs.
Every change is recorded in the audit trail (who, when, what, old → new).
"""

from __future__ import annotations

import copy
import datetime as dt
import getpass
import os
from contextlib import contextmanager
from typing import Any, Iterator

from assistant.services.changes import latest_disagreement
from assistant.domain.vocabulary import DIMENSIONS
from assistant.domain.replay import lang_of, plan_from_events, replay
from assistant.services.damage import check_answers, reading
from assistant.common.errors import BorgerrejseError, NoPlanYet
from assistant.common.i18n import N_, translator
from assistant.domain.journey import load_journey
from assistant.domain.measures import check_field, check_measures, measure_line
from assistant.domain.plan import FOLLOW_UP_MONTHS_NEW, YOUTH_PLAN_KINDS, add_months, is_youth_plan, propose_follow_up, purpose_is_open
from assistant.domain.vocabulary import HORIZONS
from assistant.services.settings import with_settings
from assistant.common.text import clean
from assistant.domain.vocabulary import HORIZON_LABELS
from store import CaseHandle, Store
from store import clock
from assistant.domain.vocabulary import AREAS, AREA_LABELS, DOMAIN_LABELS, PLAN_STATUSES as STATUSES, PLAN_STATUS_LABELS, YOUTH_AREAS
from assistant.common.errors import CaseworkError
from assistant.domain.plan_state import FOLLOW_UP_PROPOSED, FOR_DREAM, PlanInForce, merge
from assistant.domain.vocabulary import RESPONSE_LABELS
from assistant.domain.safety import kinds_text
from assistant.domain.plan_state import apply_followups, finished_rounds
from assistant.services.changes import TRAIL_FINAL_UNSEEN
from assistant.services.changes import TRAIL_READ_ALOUD, mark_seen
from assistant.services.settings import read_settings
from assistant.domain.progress import with_progress
from assistant.services.plans import with_transcripts
from assistant.domain.plan_state import rounds

INDICATOR_SCALE = (0, 4)
MAX_DURATION_MONTHS = 120  # ten years: a longer plan is reviewed and renewed before that
MAX_TEXT_CHARS = 5_000  # one field of a plan; longer belongs in the case file, not the plan
MAX_MEASURES = 30
# The citizen's words: shown beside the caseworker's, never editable by the caseworker.
CITIZEN_FIELDS = ("dream", "why", "first_step", "helpers", "motivation", "motivation_up",
                  "citizen_response", "citizen_comment")
GOAL_FIELDS = ("text", "success_criterion", "horizon", "due", "domain", "indicator", "measure",
               "provider", "provider_suggestions", "reasoning", "kept", "priority", "not_reviewed")
# Texts the citizen reads as the caseworker's reasons: a sentence, not a word ("Begrundelse").
REASON_FIELDS = ("reasoning", "not_reviewed")
MIN_REASON_WORDS = 4
PLAN_FIELDS = ("purpose", "expected_duration", "expected_duration_months", "follow_up", "measures",
               "other_conditions", "area_indicators")
# § 141, stk. 3: a plan always states these; they can be reworded, never emptied.
REQUIRED_PLAN_FIELDS = ("purpose", "expected_duration")
FIELD_LABELS = {
    "text": N_("goal wording"), "success_criterion": N_("success criterion"), "horizon": N_("short or long term"),
    "due": N_("expected date"), "domain": N_("WHO dimension"), "indicator": N_("indicator"),
    "measure": N_("measure"), "provider": N_("provider"), "provider_suggestions": N_("suggestions to the provider"),
    "reasoning": N_("professional reasoning"), "kept": N_("kept in the plan"), "priority": N_("priority"),
    "not_reviewed": N_("why the citizen did not review the goal"),
    "purpose": N_("purpose"), "expected_duration": N_("expected duration"),
    "expected_duration_months": N_("expected duration in months"), "follow_up": N_("follow-up date"),
    "measures": N_("measures granted"), "other_conditions": N_("other special conditions"),
    "area_indicators": N_("indicators per area"), "plan_kind": N_("kind of plan"),
    "area": N_("area"), "new_costly_complex": N_("new, costly or complex"), "status": N_("status"),
    "version": N_("version"),
    # Written by the conversation and by marking it handled (assistant.domain.safety).
    "flag": N_("sign of distress in the conversation"), "handled": N_("sign of distress handled"),
    "goal_order": N_("order of the goals"), "added": N_("goal added by the caseworker"),
    "changes_seen": N_("the citizen went through your changes"),
    "changes_read_aloud": N_("changes read aloud to the citizen, who agreed"),
    "final_unseen": N_("made final before the citizen saw the changes"),
    "legal_basis": N_("legal basis"), "start": N_("start date"), "end": N_("end date"),
    "review": N_("review date"), "extent": N_("extent"), "goals": N_("goals it serves"), "title": N_("measure"),
}
GOAL_CHANGE = N_("goal {goal}: {field}")
INDICATOR_CHANGE = N_("{name}: now {status}, target {target}")
PROPOSED_NOTE = N_("(proposed from the goals' dates)")
OWN_GOAL_PREFIX = "cw"  # a goal the caseworker added: "cw1", "cw2" … (the citizen's are "g1" …)
MAX_GOALS = 30


class CitizenWordsReadOnly(BorgerrejseError):
    message = N_("The citizen's own words cannot be changed here. Write your own wording beside them.")


class PlanIsFinal(BorgerrejseError):
    message = N_("The plan is final. Reopen it as a new version to change it.")


class UnseenChanges(BorgerrejseError):
    message = N_("The citizen has not seen {count} of your changes in version {version}. Let them go through the "
                 "changes in the chat, or record that you read them aloud and they agreed. You can also make the plan "
                 "final anyway: then both views say that the citizen has not seen this version.")


class CannotFinalise(BorgerrejseError):
    message = N_("The plan cannot be final yet: {problems}")

    def __init__(self, problems: list[tuple[str, dict[str, Any]]]) -> None:
        self.problems = problems
        super().__init__(problems=" ".join(m.format(**p) for m, p in problems))

    def translated(self, gettext) -> str:
        t = getattr(gettext, "__self__", None)  # the Translator, for dates in its language
        text = " ".join(describe_problem(m, p, t) if t else gettext(m).format(**p) for m, p in self.problems)
        return gettext(self.message).format(problems=text)


def current_user() -> str:
    return os.environ.get("BORGERREJSE_USER") or getpass.getuser()


class Casework:
    """A caseworker's session on one case (holds the case's lock while open)."""

    def __init__(self, store: Store, case_id: str, *, user: str | None = None, write: bool = True) -> None:
        """``write=False`` reads without the lock (the trail, while the case is open elsewhere)."""
        self.user = user or current_user()
        self.store = store
        self.handle: CaseHandle = store.open_case(case_id, write=write)
        try:
            with reading(self.handle.path):  # odd content is damage to this file, reported by name
                self.meta = self.handle.meta
                events = self.handle.events()
                journey = load_journey(self.meta.get("journey", "adult"))
                check_answers(journey, events, self.handle.path)
                lang = lang_of(events, self.meta.get("lang", "da"))
                self.draft = plan_from_events(journey, case_id, events, lang, source=self.handle.path,
                                              new_costly_complex=bool(self.meta.get("new_costly_complex")))
                # While the citizen is still reviewing the goals, the plan can be prepared but not made final.
                self.conversation_finished = replay(journey, events, self.handle.path).finished

                if any(r.get("status") != "complete" for r in rounds(self.handle)):
                    self.conversation_finished = False  # a follow-up conversation is under way
        except BaseException:
            self.handle.close()
            raise
        if self.draft is None:
            self.handle.close()
            raise NoPlanYet(case=case_id)
        self.overlay = self.handle.get_doc("casework") or _new_overlay()
        # The citizen's side of the plan, read once: the draft with every finished follow-up laid
        # over it (the lock is held, so no follow-up finishes meanwhile).
        self.base = apply_followups(self.draft.to_dict(), finished_rounds(self.handle))
        self._merged: tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None = None

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> "Casework":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------
    @property
    def status(self) -> str:
        return self.overlay["status"]

    @property
    def version(self) -> int:
        return self.overlay["version"]

    def plan(self) -> PlanInForce:
        """The plan as it stands (a new dict each time, the caller's to change).

        The caseworker's overlay is merged over :attr:`base` once per change of the overlay or
        the case's facts, not once per call; progress and transcripts are read as they are now."""
        if self._merged is None or self._merged[0] is not self.overlay or self._merged[1] is not self.meta:
            self._merged = (self.overlay, self.meta, merge(self.base, self.overlay, self.meta))
        plan = copy.deepcopy(self._merged[2])
        return with_transcripts(with_progress(plan, self.handle), self.handle)

    def trail(self) -> list[dict[str, Any]]:
        return self.handle.all_docs("trail")

    def versions(self) -> list[dict[str, Any]]:
        return self.handle.all_docs("versions")

    # -- changing ------------------------------------------------------------------
    def set_plan_field(self, field: str, value: Any) -> None:
        if field in ("remarks", "transcript"):
            raise CitizenWordsReadOnly()
        if field not in PLAN_FIELDS:
            raise CaseworkError(reason=N_("that field does not exist."))
        if field == "measures":
            plan = self.plan()
            value = check_measures(value, [g["id"] for g in plan["goals"]], self.providers(), plan["measures"])
            if len(value) > MAX_MEASURES:
                raise CaseworkError(reason=N_("a plan lists at most 30 measures."))
        else:
            value = _check_plan_value(field, value)
        if field == "follow_up" and dt.date.fromisoformat(value) < clock.today():
            raise CaseworkError(reason=N_("the follow-up date has passed. Choose a date from today on."))
        plan = self.plan()
        with self.together():
            self._change(f"plan.{field}", plan.get(field), value, lambda o: o["plan"].__setitem__(field, value))
            if field == "expected_duration_months" and value and "expected_duration" not in self.overlay["plan"]:
                # The words the citizen reads follow the number, until the caseworker writes their own.
                t = translator(plan["lang"])
                words = t.ngettext("about {n} month", "about {n} months", value).format(n=value)
                self._change("plan.expected_duration", plan.get("expected_duration"), words,
                             lambda o: o["plan"].__setitem__("expected_duration", words))

    def providers(self) -> list[str]:
        """The store's list of providers (a measure's provider is chosen from it)."""
        return read_settings(self.store).providers

    def measure_id(self, number: int) -> str:
        """The id of the measure every view lists as number ``number`` (1-based)."""
        measures = self.plan()["measures"]
        if not 1 <= number <= len(measures):
            raise CaseworkError(reason=N_("that measure does not exist."))
        return measures[number - 1]["id"]

    def set_measure_field(self, measure_id: str | None, field: str, value: Any) -> str:
        """Change one field of one measure (``measure_id`` None adds a measure); returns its id.

        One trail entry: the plan's measures before and after."""
        plan = self.plan()
        measures = [dict(m) for m in plan["measures"]]
        if measure_id is None:
            if field != "title":
                raise CaseworkError(reason=N_("a new measure starts with its title."))
            measures.append({"title": value})
        else:
            target = next((m for m in measures if m["id"] == measure_id), None)
            if target is None:
                raise CaseworkError(reason=N_("that measure does not exist."))
            target[field] = check_field(field, value, [g["id"] for g in plan["goals"]], self.providers())
        before = [m["id"] for m in plan["measures"]]
        self.set_plan_field("measures", measures)
        after = self.plan()["measures"]
        return measure_id or next(m["id"] for m in after if m["id"] not in before)

    def add_goal(self, text: str, **fields: Any) -> str:
        """A goal of the caseworker's own, labelled as theirs in every view. The citizen has
        not reviewed it: it blocks final until they have, or the caseworker writes why not."""
        text = _check_goal_value("text", text)
        plan = self.plan()
        if len(plan["goals"]) >= MAX_GOALS:
            raise CaseworkError(reason=N_("a plan holds at most 30 goals."))
        taken = {g["id"] for g in plan["goals"]} | {g["id"] for g in self.overlay.get("own_goals", [])}
        n = 1
        while f"{OWN_GOAL_PREFIX}{n}" in taken:
            n += 1
        goal_id = f"{OWN_GOAL_PREFIX}{n}"
        priority = len(plan["goals"]) + 1

        def apply(o: dict[str, Any]) -> None:
            o.setdefault("own_goals", []).append({"id": goal_id, "text": text, "priority": priority})

        with self.together():
            self._change(f"goal.{goal_id}.added", None, text, apply)
            for field, value in fields.items():
                self.set_goal_field(goal_id, field, value)
        return goal_id

    def reorder_goals(self, order: list[str]) -> None:
        """Put the goals in ``order`` (every goal id once); "Goal N" follows the new order."""
        goals = self.plan()["goals"]
        if sorted(order) != sorted(g["id"] for g in goals):
            raise CaseworkError(reason=N_("name every goal once, in the new order."))
        by_id = {g["id"]: g for g in goals}

        def apply(o: dict[str, Any]) -> None:
            for i, goal_id in enumerate(order, 1):
                entry = o["goals"].setdefault(goal_id, {})
                entry["priority"] = i
                entry[FOR_DREAM] = by_id[goal_id].get("dream")

        self._change("plan.goal_order", [_short(g["text"]) for g in goals],
                     [_short(by_id[i]["text"]) for i in order], apply)

    def move_goal(self, goal_id: str, number: int) -> None:
        """Move a goal to place ``number`` (1 = first); the others keep their order."""
        order = [g["id"] for g in self.plan()["goals"]]
        if goal_id not in order:
            raise CaseworkError(reason=N_("that goal does not exist."))
        if not 1 <= number <= len(order):
            raise CaseworkError(reason=N_("the priority is a number from 1 to the number of goals."))
        order.remove(goal_id)
        order.insert(number - 1, goal_id)
        self.reorder_goals(order)

    def set_area_indicator(self, area: str, status: int | None, target: int | None) -> None:
        """A young person's plan: the 0–4 indicator (status now, target) for one Barnets lov area."""
        if area not in YOUTH_AREAS:
            raise CaseworkError(reason=N_("indicators are given per area: development, family, school, health, leisure."))
        current = dict(self.plan().get("area_indicators") or {})
        current[area] = {"name": area, "status": status, "target": target}
        self.set_plan_field("area_indicators", current)

    def goal_id(self, number: int) -> str:
        """The stable id of the goal every view calls "Goal ``number``" (its place in priority order)."""
        goal = next((g for g in self.plan()["goals"] if g["priority"] == number), None)
        if goal is None:
            raise CaseworkError(reason=N_("that goal does not exist."))
        return goal["id"]

    def set_goal_field(self, goal_id: str, field: str, value: Any) -> None:
        if field in CITIZEN_FIELDS:
            raise CitizenWordsReadOnly()
        if field not in GOAL_FIELDS:
            raise CaseworkError(reason=N_("that field does not exist."))
        goal = next((g for g in self.plan()["goals"] if g["id"] == goal_id), None)
        if goal is None:
            raise CaseworkError(reason=N_("that goal does not exist."))
        value = _check_goal_value(field, value)
        if field == "priority":  # a place in the order: the others move, no two goals share a number
            self.move_goal(goal_id, value)
            return
        # Confirming the suggested WHO dimension is a change too, even to the same value.
        confirming = field == "domain" and field not in self.overlay["goals"].get(goal_id, {})
        def apply(o: dict[str, Any]) -> None:
            entry = o["goals"].setdefault(goal_id, {})
            entry[field] = value
            entry[FOR_DREAM] = goal.get("dream")  # what the goal was about when this was written

        self._change(f"goal.{goal_id}.{field}", goal.get(field), value, apply, force=confirming)

    def set_meta(self, **fields: Any) -> None:
        """Case facts the caseworker records: area, new/costly/complex."""
        for key, value in fields.items():
            if key == "area" and value not in AREAS:
                raise CaseworkError(reason=N_("choose one of the listed areas."))
            if key == "new_costly_complex":
                value = bool(value)
            if key == "plan_kind" and value not in YOUTH_PLAN_KINDS:
                raise CaseworkError(reason=N_("a young person's plan is barnets_plan or ungeplan."))
            old = self.meta.get(key)
            if old == value:
                continue
            with self.together():
                self.handle.update_meta(**{key: value})
                self._record(f"case.{key}", old, value)
                self.meta = self.handle.meta
                if key == "new_costly_complex":  # the proposed follow-up follows the 3-month rule
                    overlay = copy.deepcopy(self.overlay)
                    if self._keep_proposal(overlay):
                        self.handle.put_doc("casework", overlay)
                        self.overlay = overlay
        self.meta = self.handle.meta

    def problems(self) -> list[str]:
        """What stops the plan from being final (message ids with parameters applied later)."""
        return [p for p, _params in self.problem_list()]

    def problem_list(self) -> list[tuple[str, dict[str, Any]]]:
        """What stops the plan from being final, most important first (the citizen's part,
        then the law, then dates, then the last step of the flow)."""
        plan = self.plan()
        found: list[tuple[str, dict[str, Any]]] = []
        if not self.conversation_finished:
            found.append((N_("The citizen has not finished the conversation yet: the goals must be reviewed by the citizen first."), {}))
        if not any(g["kept"] for g in plan["goals"]):
            found.append((N_("The plan has no goal. Keep at least one goal, or add one with the citizen."), {}))
        for g in plan["goals"]:  # the citizen's say on every goal, or the caseworker's word why not
            if g.get("author") == "caseworker" and g["kept"] and not g.get("not_reviewed") and not g.get("citizen_response"):
                found.append((N_("Goal {n} is your own goal and the citizen has not reviewed it yet. Go through it "
                                 "with the citizen, or write why they did not review it."), {"n": g["priority"]}))
            elif self.conversation_finished and g["kept"] and not g.get("citizen_response") and not g.get("not_reviewed"):
                found.append((N_("Goal {n}: the citizen has not said what they think of it. Let them review it, "
                                 "or write why they did not."), {"n": g["priority"]}))
        for g in plan["goals"]:  # recommendation 14: disagreement is answered in writing
            if g["kept"] and g["citizen_response"] in ("disagree", "partly") and not (g.get("reasoning") or "").strip():
                found.append((N_("Goal {n}: the citizen does not fully agree. Write your professional reasoning for keeping it."), {"n": g["priority"]}))
            if not g["kept"] and not (g.get("reasoning") or "").strip():
                found.append((N_("Goal {n} is taken out of the plan. Write your professional reasoning for that."), {"n": g["priority"]}))
            said = latest_disagreement(g)
            if said and g.get("author") != "caseworker" and not self._reasoned_since(g["id"], said["at"]):
                # The citizen does not fully agree with a change: answered in writing, like at the first review.
                found.append((N_("Goal {n}: the citizen does not fully agree with your change. Write your professional "
                                 "reasoning for it (after their answer)."), {"n": g["priority"]}))
        # § 141, stk. 3: purpose, measures, expected duration, other conditions (the audit's legal check).
        if purpose_is_open(plan):
            found.append((N_("Write the purpose of the plan."), {}))
        if not plan.get("measures"):
            found.append((N_("List the measures granted."), {}))
        if not plan.get("expected_duration_months"):
            found.append((N_("State the expected duration in months."), {}))
        if not plan.get("other_conditions") and not is_youth_plan(plan):  # § 141's, not Barnets lov's
            found.append((N_("Write the other special conditions, or that there are none."), {}))
        created = dt.date.fromisoformat(plan["created"][:10])
        since = self.version_date()
        if dt.date.fromisoformat(plan["follow_up"]) < created:
            found.append((N_("The follow-up date is before the plan was made."), {}))
        elif dt.date.fromisoformat(plan["follow_up"]) < clock.today():
            found.append((N_("The follow-up date has passed. Choose a date from today on."), {}))
        for g in plan["goals"]:
            if g["kept"] and g.get("due") and dt.date.fromisoformat(g["due"]) < created:
                found.append((N_("Goal {n}: the expected date is before the plan was made."), {"n": g["priority"]}))
        if self.meta.get("new_costly_complex"):
            latest = add_months(since, FOLLOW_UP_MONTHS_NEW)  # from this version, not the first plan
            if dt.date.fromisoformat(plan["follow_up"]) > latest:
                found.append((N_("The case is new, costly or complex: the follow-up must be no later than {date}."), {"date": latest}))
        if self.status == "draft":  # draft → reviewed → final
            found.append((N_("Mark the plan as reviewed first: draft, then reviewed, then final."), {}))
        return found

    def _reasoned_since(self, goal_id: str, at: str) -> bool:
        """Whether the caseworker wrote the goal's reasoning after ``at`` (the citizen's answer)."""
        return any(e.get("what") == f"goal.{goal_id}.reasoning" and e.get("new") and str(e.get("at", "")) >= at
                   for e in self.trail())

    def unseen_changes(self) -> list[dict[str, Any]]:
        """The changes to the citizen's plan they have not seen yet (assistant.services.changes)."""
        return self.plan()["unseen_changes"]

    def changes_read_aloud(self, note: str | None) -> int:
        """The caseworker read the changes aloud to the citizen in a meeting, and they agreed:
        the current version counts as seen. ``note`` (a sentence) says when and how."""
        note = check_reason(note)
        changes = self.unseen_changes()
        if not changes:
            raise CaseworkError(reason=N_("the citizen has already seen every change in this version."))
        agreed = {c["key"]: {"response": "agree", "comment": None} for c in changes}
        overlay = mark_seen(self.overlay, changes, how="read_aloud", at=clock.now(), by=self.user,
                            version=self.version, answers=agreed, note=note)
        self._change(TRAIL_READ_ALOUD, None, note, lambda o: o.update(overlay), allow_final=True)
        return len(changes)

    def set_status(self, status: str, *, unseen_ok: bool = False) -> None:
        """``unseen_ok``: make it final although the citizen has not seen the caseworker's
        changes (allowed, but said in both views)."""
        if status not in STATUSES:
            raise CaseworkError(reason=N_("the status is draft, reviewed or final."))
        if self.status == "final":
            raise PlanIsFinal()
        unseen = []
        if status == "final":
            problems = self.problem_list()
            if problems:
                raise CannotFinalise(problems)
            unseen = self.unseen_changes()
            if unseen and not unseen_ok:
                raise UnseenChanges(count=len(unseen), version=self.version)
        old = self.status
        shown = self.plan()["follow_up"]

        def apply(o: dict[str, Any]) -> None:
            o["status"] = status
            if status == "final":  # the date checked is the date agreed: it no longer follows the goals
                o.setdefault("plan", {})["follow_up"] = shown

        with self.together():  # the final plan and its kept copy land together
            if unseen:
                self._record(TRAIL_FINAL_UNSEEN, None, len(unseen))
            self._change("status", old, status, apply, allow_final=True)
            if status == "final":
                self.handle.add_doc(
                    "versions",
                    # kept with who made it (the store's municipality and contact person that day),
                    # so the citizen's copy of this version names them whatever changes later
                    {"version": self.version, "finalised": clock.now(), "by": self.user,
                     "plan": with_settings(self.plan(), self.store)},
                )

    def version_date(self) -> dt.date:
        """The day this version of the plan began: the plan's date, or the day it was reopened."""
        since = self.overlay.get("since")
        return dt.date.fromisoformat(since) if since else dt.date.fromisoformat(self.draft.created[:10])

    def reopen(self, reason: str | None = None) -> int:
        """A final plan becomes the draft of a new version; the final one stays readable.

        ``reason`` (a sentence) says why, in the audit trail.
        """
        if self.status != "final":
            raise CaseworkError(reason=N_("only a final plan can be reopened."))
        reason = check_reason(reason)
        new_version = self.version + 1
        started = clock.today().isoformat()

        def apply(o: dict[str, Any]) -> None:
            o["status"] = "draft"
            o["version"] = new_version
            o["since"] = started

        self._change("version", self.version, new_version, apply, allow_final=True, reason=reason)
        return new_version

    @contextmanager
    def together(self) -> Iterator[None]:
        """Changes that land on disk as one atomic write, or not at all; if the write
        fails, this session goes back to what is on disk."""
        try:
            with self.handle.batch():
                yield
        except BaseException:
            self.overlay = self.handle.get_doc("casework") or _new_overlay()
            self.meta = self.handle.meta
            raise

    def _change(self, what: str, old: Any, new: Any, apply, *, allow_final: bool = False, force: bool = False,
                reason: str | None = None) -> None:
        if self.status == "final" and not allow_final:
            raise PlanIsFinal()
        if old == new and not force:
            return
        overlay = copy.deepcopy(self.overlay)
        apply(overlay)
        if what == "plan.follow_up":
            overlay.pop(FOLLOW_UP_PROPOSED, None)  # the caseworker's own date: it stays as chosen
        with self.together():  # a change is never on file without its trail entry
            self._record(what, old, new, reason=reason)
            self._keep_proposal(overlay)
            self.handle.put_doc("casework", overlay)
        self.overlay = overlay

    def _keep_proposal(self, overlay: dict[str, Any]) -> bool:
        """Until the caseworker chooses the follow-up date, it is the one proposed from the goals'
        dates, counted from this version's date (a change of dates, of new/costly/complex or a new
        version moves it; each move is in the trail). True when ``overlay`` changed."""
        plan_part = overlay.setdefault("plan", {})
        if overlay.get("status") == "final" or ("follow_up" in plan_part and not overlay.get(FOLLOW_UP_PROPOSED)):
            return False

        plan = merge(self.base, overlay, self.meta)
        since = overlay.get("since") or self.draft.created[:10]
        proposed = propose_follow_up(plan["goals"], dt.date.fromisoformat(since),
                                     bool(self.meta.get("new_costly_complex"))).isoformat()
        known = plan_part.get("follow_up") if "follow_up" in plan_part else self.draft.follow_up
        changed = plan_part.get("follow_up") != proposed or not overlay.get(FOLLOW_UP_PROPOSED)
        plan_part["follow_up"] = proposed
        overlay[FOLLOW_UP_PROPOSED] = True
        if known != proposed:
            self._record("plan.follow_up", known, proposed)
        return changed

    def _record(self, what: str, old: Any, new: Any, *, reason: str | None = None) -> None:
        entry = {"at": clock.now(), "who": self.user, "what": what, "old": old, "new": new, "version": self.version}
        if reason:
            entry["reason"] = reason
        self.handle.add_doc("trail", entry)


def check_reason(text: str | None) -> str:
    """A reason the citizen can read: a sentence of at least four words (the same rule everywhere)."""
    value = _text(text)
    if value is None or len(value.split()) < MIN_REASON_WORDS:
        raise CaseworkError(reason=N_("write the reasons as a sentence the citizen can read, of at least four words."))
    return value


def describe_problem(message: str, params: dict[str, Any], t) -> str:
    """One problem from :meth:`Casework.problem_list` in words, dates as the language writes them."""
    return t.gettext(message).format(**{k: t.date(v) if isinstance(v, dt.date) else v for k, v in params.items()})


def _new_overlay() -> dict[str, Any]:
    return {"status": "draft", "version": 1, "plan": {}, "goals": {}}


def describe_change(what: str, t, numbers: dict[str, int] | None = None) -> str:
    """A trail entry's ``what`` in words: "goal.g2.reasoning" → "mål 1: faglig begrundelse".

    ``numbers`` maps goal ids to the numbers the plan shows (its priority order);
    without it the id is shown.
    """
    parts = clean(str(what)).split(".")  # from the file: words only, never a terminal's command
    field = parts[-1]
    label = t.label(FIELD_LABELS, field) if field in FIELD_LABELS else field
    if parts[0] == "goal" and len(parts) == 3:
        return t.gettext(GOAL_CHANGE).format(goal=(numbers or {}).get(parts[1], parts[1]), field=label)
    return label


def goal_numbers(plan: dict[str, Any]) -> dict[str, int]:
    """Goal id → the number the plan shows for it (its priority), for the trail in words."""
    return {g["id"]: g["priority"] for g in plan["goals"]}


def describe_value(what: str, value: Any, t) -> str:
    """An old or new value of a trail entry in words, on one line ("—" for nothing)."""
    field = what.split(".")[-1]
    labels = {"status": PLAN_STATUS_LABELS, "horizon": HORIZON_LABELS, "domain": DOMAIN_LABELS,
              "area": AREA_LABELS}.get(field)
    if value is None or value == "" or value == []:
        text = "—"
    elif isinstance(value, bool):
        text = t.gettext(N_("yes") if value else N_("no"))
    elif labels and value in labels:
        text = t.label(labels, value)
    elif field == "goal_order" and isinstance(value, list):
        text = " ".join(f"{n}. {v}" for n, v in enumerate(value, 1))
    elif isinstance(value, list):
        text = "; ".join(measure_line(v, t) if isinstance(v, dict) else str(v) for v in value)
    elif field == "flag" and isinstance(value, dict):
        text = kinds_text(value.get("kinds") or [], t)
    elif field == "changes_seen" and isinstance(value, dict):  # the citizen's answers to the changes, counted

        text = ", ".join(f"{t.label(RESPONSE_LABELS, k)}: {n}" for k, n in value.items() if k in RESPONSE_LABELS)
    elif field == "handled" and isinstance(value, dict):
        text = str(value.get("note") or "")
    elif field == "indicator" and isinstance(value, dict):
        text = t.gettext(INDICATOR_CHANGE).format(
            name=value.get("name") or "—", status=_or_dash(value.get("status")), target=_or_dash(value.get("target")))
    else:
        text = str(value)
    return " ".join(clean(text).split())


def _or_dash(value: Any) -> str:
    return "—" if value is None else str(value)


def _check_plan_value(field: str, value: Any) -> Any:
    if field == "follow_up":
        return _iso_date(value)
    if field == "expected_duration_months":
        if value is None:
            return None
        if not _whole(value) or not 1 <= value <= MAX_DURATION_MONTHS:
            raise CaseworkError(reason=N_("the expected duration is a whole number of months from 1 to 120."))
        return value
    if field == "area_indicators":
        if not isinstance(value, dict) or not set(value) <= set(YOUTH_AREAS):
            raise CaseworkError(reason=N_("indicators are given per area: development, family, school, health, leisure."))
        return {area: _indicator(v) for area, v in value.items() if v is not None}
    text = _text(value)
    if text is None and field in REQUIRED_PLAN_FIELDS:
        raise CaseworkError(reason=N_("the purpose and the expected duration cannot be empty."))
    return text


def _check_goal_value(field: str, value: Any) -> Any:
    if field == "horizon":
        if value not in HORIZONS + (None,):
            raise CaseworkError(reason=N_("the horizon is short or long."))
        return value
    if field == "due":
        return _iso_date(value) if value else None
    if field == "domain":
        if value not in DIMENSIONS + (None,):
            raise CaseworkError(reason=N_("the dimension is physical, psychological, social or environment."))
        return value
    if field == "indicator":
        return _indicator(value)
    if field == "kept":
        return bool(value)
    if field == "priority":
        if not _whole(value) or value < 1:
            raise CaseworkError(reason=N_("the priority is a whole number from 1."))
        return value
    text = _text(value)
    if field in REASON_FIELDS and text is not None and len(text.split()) < MIN_REASON_WORDS:
        raise CaseworkError(reason=N_("write the reasons as a sentence the citizen can read, of at least four words."))
    if field == "text" and text is None:
        raise CaseworkError(reason=N_("a goal's wording cannot be empty. Leave it out to keep the citizen's words."))
    return text


def _indicator(value: Any) -> dict[str, Any] | None:
    if value is None:
        return None
    low, high = INDICATOR_SCALE
    try:
        name = _text(value.get("name"))
        status, target = value.get("status"), value.get("target")
    except AttributeError:
        raise CaseworkError(reason=N_("an indicator has a name, a status and a target.")) from None
    for n in (status, target):
        if n is not None and (not _whole(n) or not low <= n <= high):
            raise CaseworkError(reason=N_("status and target are whole numbers from 0 to 4."))
    return {"name": name, "status": status, "target": target}


def _iso_date(value: Any) -> str:
    try:
        return dt.date.fromisoformat(str(value)).isoformat()
    except ValueError:
        raise CaseworkError(reason=N_("write the date as YYYY-MM-DD.")) from None


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = clean(str(value)).strip()
    if len(text) > MAX_TEXT_CHARS:
        raise CaseworkError(reason=N_("a field holds at most 5,000 characters."))
    return text or None


def _short(text: str | None) -> str:
    """A goal's wording shortened for the trail's order entry."""
    text = " ".join((text or "").split())
    return text if len(text) <= 60 else text[:59] + "…"


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
