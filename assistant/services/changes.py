"""What the caseworker changed in the citizen's plan, and whether the citizen has seen it.

A *change* is anything the caseworker changed that the citizen reads as their plan: a
goal's wording, success criterion or date, the purpose, a goal of the caseworker's own,
a goal taken out (or put back). It is found by comparing the plan now with what the
citizen last saw: the values kept in the overlay's ``seen`` entry when the citizen
reviewed the changes in the chat (or the caseworker read them aloud in a meeting), and
otherwise the citizen's own words (the draft they reviewed, or a follow-up's new step).

``chat --case`` / ``run --case`` on a case with unseen changes starts the *changes
review* (dialogues/changes.toml, on the same engine as the other journeys, its events in
the round's own table ``changes<N>_events``): one change at a time, before and now, and
agree / partly / disagree with a comment. When it ends, the answers are kept in the
overlay's ``change_answers`` (shown beside each goal) and the changes count as seen.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any

from assistant.services.conversation import STATUS_COMPLETE, STATUS_IN_PROGRESS
from assistant.domain.replay import replay
from assistant.domain.engine import JourneyModel
from assistant.services.followup import RoundConversation, RoundHandle
from assistant.common.i18n import N_, translator
from assistant.domain.journey import Journey, load_journey
from assistant.domain.prompts import Prompt, render
from store import CaseHandle
from store import clock
from assistant.domain.plan_state import TRACKED
from assistant.services.followup import PlanDict
from assistant.services.plans import load_full_plan_from
from assistant.domain.plan_state import rounds as followup_rounds

JOURNEY_ID = "changes"
REVIEWS = "change_reviews"  # one document per changes review
CITIZEN_WHO = "citizen (changes review)"  # who saw the changes, in the audit trail
TRAIL_SEEN = "plan.changes_seen"
PHASE = N_("What your caseworker changed")  # the header of the changes review
TRAIL_READ_ALOUD = "plan.changes_read_aloud"
TRAIL_FINAL_UNSEEN = "plan.final_unseen"

# The change in words, as the citizen reads it (short sentences, LIX ≤ 25).
CHANGE_WORDS = {
    "text": N_("Your caseworker has changed the words of goal {goal}."),
    "success_criterion": N_("Your caseworker has changed how you will see that goal {goal} has worked."),
    "due": N_("Your caseworker has changed when goal {goal} should be reached."),
    "purpose": N_("Your caseworker has changed the purpose of your plan."),
}
BEFORE_NOW = N_("Before: {old}\nNow: {new}")
ADDED = N_("Your caseworker has added a goal. It is your caseworker's goal, not your words: {text}")
ADDED_SIGN = N_("You will see it has worked when: {sign}")
ADDED_DUE = N_("When: by {date}")
DROPPED = N_("Your caseworker has taken goal {goal} out of your plan: {text}")
RESTORED = N_("Your caseworker has put this goal back in your plan: {text}")
REASONS = N_("Your caseworker's reasons: {reasons}")
NOTHING_YET = N_("(nothing)")


def reviews(handle: CaseHandle) -> list[dict[str, Any]]:
    """Every changes review of the case, oldest first."""
    return sorted(handle.all_docs(REVIEWS), key=lambda r: r["round"])


def events_table(number: int) -> str:
    return f"changes{number}_events"


def mark_seen(overlay: dict[str, Any], changes: list[dict[str, Any]], *, how: str, at: str, by: str,
              version: int, answers: dict[str, dict[str, Any]], note: str | None = None) -> dict[str, Any]:
    """The overlay with ``changes`` seen by the citizen and their answers kept (a new dict)."""
    overlay = copy.deepcopy(overlay)
    seen = overlay.setdefault("seen", {})
    values = seen.setdefault("values", {})
    goals = values.setdefault("goals", {})
    for c in changes:
        if c["field"] == "purpose":
            values["purpose"] = {"own": c["own"], "shown": c["new"]}
            continue
        entry = goals.setdefault(c["goal"], {})
        if c["kind"] == "added":
            entry["kept"] = {"own": False, "shown": True}
            for field in TRACKED:
                entry[field] = {"own": None, "shown": c["new"].get(field)}
        elif c["field"] == "kept":
            entry["kept"] = {"own": c["own"], "shown": c["new"]}
        else:
            entry[c["field"]] = {"own": c["own"], "shown": c["new"]}
    seen.update(version=version, how=how, at=at, by=by)
    seen.pop("note", None)
    if note:
        seen["note"] = note
    kept_answers = overlay.setdefault("change_answers", [])
    for c in changes:
        said = answers.get(c["key"]) or {}
        kept_answers.append({"key": c["key"], "goal": c["goal"], "field": c["field"], "kind": c["kind"],
                             "old": c["old"], "new": c["new"], "response": said.get("response"),
                             "comment": said.get("comment"), "at": at, "how": how, "version": version})
    return overlay


def latest_disagreement(goal: dict[str, Any]) -> dict[str, Any] | None:
    """The citizen's latest answer to a change of this goal, if it was partly or disagree."""
    said = [a for a in goal.get("change_answers") or [] if a.get("response")]
    return said[-1] if said and said[-1]["response"] in ("partly", "disagree") else None


# -- the change in words ---------------------------------------------------------------
def _value(t, field: str, value: Any) -> str:
    if value in (None, ""):
        return t.gettext(NOTHING_YET)
    if field == "due":
        return t.date(dt.date.fromisoformat(value))
    return str(value)  # on a line of its own after "Before:" / "Now:": no quotes around quotes


def describe(change: dict[str, Any], t) -> str:
    """One change as the citizen reads it: what changed, before and now (plain text)."""
    _ = t.gettext
    goal = change.get("n")
    if change["kind"] == "added":
        new = change["new"] or {}
        lines = [_(ADDED).format(text=t.quote(_value(t, "text", new.get("text"))))]
        if new.get("success_criterion"):
            lines.append(_(ADDED_SIGN).format(sign=t.quote(_value(t, "text", new["success_criterion"]))))
        if new.get("due"):
            lines.append(_(ADDED_DUE).format(date=_value(t, "due", new["due"])))
        return "\n".join(lines)
    if change["kind"] in ("dropped", "restored"):
        text = t.quote(_value(t, "text", change.get("goal_text")))
        lines = [_(DROPPED if change["kind"] == "dropped" else RESTORED).format(goal=goal, text=text)]
        if change["kind"] == "dropped" and change.get("reasoning"):
            lines.append(_(REASONS).format(reasons=t.quote(change["reasoning"])))
        return "\n".join(lines)
    field = change["field"]
    return _(CHANGE_WORDS[field]).format(goal=goal) + "\n" + _(BEFORE_NOW).format(
        old=_value(t, field, change["old"]), new=_value(t, field, change["new"]))


# -- the conversation ---------------------------------------------------------------------
class ChangesModel(JourneyModel):
    """The journey engine over the changes to review (one "goal" per change)."""

    def __init__(self, journey: Journey, changes: list[dict[str, Any]]) -> None:
        self.changes = changes
        super().__init__(journey)

    def goal_order(self) -> list[int]:
        return list(range(1, len(self.changes) + 1))

    def has_changes(self) -> bool:
        return bool(self.changes)

    def has_more_changes(self) -> bool:
        return self.goal_index < len(self.changes)


class ChangesReview(RoundConversation):
    """One changes review, a conversation like the others (pause, back, resume, language)."""

    def __init__(self, handle: CaseHandle, lang: str, round_doc: dict[str, Any]) -> None:
        self.round = round_doc
        self.changes = round_doc["changes"]
        self.base = handle
        super().__init__(RoundHandle(handle, events_table(round_doc["round"])), load_journey(JOURNEY_ID), lang)

    @classmethod
    def for_case(cls, handle: CaseHandle, lang: str) -> "ChangesReview | None":
        """The changes review to show for a case whose first conversation is done, or None.

        The latest review if it is still open; a new one when the caseworker has changed
        something the citizen has not seen; None otherwise (and while a follow-up is under way).
        """
        if any(r.get("status") != "complete" for r in followup_rounds(handle)):
            return None  # the follow-up the citizen started comes first
        existing = reviews(handle)
        latest = existing[-1] if existing else None
        if latest and latest.get("status") != "complete":
            conversation = cls(handle, lang, latest)
        else:
            plan = load_full_plan_from(handle)
            if not plan["unseen_changes"]:
                return None
            doc = {"round": (latest or {}).get("round", 0) + 1, "status": "in_progress", "started": clock.now(),
                   "version": plan.get("version", 1), "changes": plan["unseen_changes"]}
            with handle.batch():
                handle.add_doc(REVIEWS, doc)
            conversation = cls(handle, lang, doc)
        if not conversation.finished:
            with handle.batch():
                conversation._append({"type": "resume"} if conversation.events else
                                     {"type": "start", "journey": JOURNEY_ID, "lang": lang})
                handle.update_meta(status=STATUS_IN_PROGRESS)
        return conversation

    def _new_model(self) -> JourneyModel:
        return ChangesModel(self.journey, self.changes)

    def _replay(self, events: list[dict[str, Any]]) -> JourneyModel:
        return replay(self.journey, events, self.base.path, model=self._new_model())

    @property
    def declined(self) -> bool:
        return False  # the plan stays; a citizen who does not want to look now pauses

    def plan(self):
        if not self.finished:
            return None

        return PlanDict(load_full_plan_from(self.base))

    def agreed_plan(self) -> dict[str, Any] | None:
        return self.plan() or super().agreed_plan()

    def _sync_plan(self):
        return None  # the first draft is not this conversation's

    def _render(self, m: JourneyModel, lang: str, *, with_transcript: bool = True) -> Prompt:
        assert isinstance(m, ChangesModel)
        t = translator(lang)
        interrupt = self._render_interrupt(m, t)  # the safety step or the direct question, as in every conversation
        if interrupt is not None:
            return dataclasses.replace(interrupt, part=(1, 1), phase_label=t.gettext(PHASE))
        step = m.step
        params: dict[str, Any] = {"_item": m.item}
        variant = None
        if step.repeat == "goal" and 1 <= m.goal_index <= len(self.changes):
            params.update(n=m.goal_index, count=len(self.changes), change=describe(self.changes[m.goal_index - 1], t))
            said = m.answers.reviews.get(m.goal_index, {}).get("review")
            if step.slot == "review_comment" and said in ("disagree", "partly") and said in step.variants:
                variant = said
        if m.asked_again and "unsure" in step.variants:
            variant = "unsure"
        prompt = render(step, case=self.case_id, lang=lang, params=params, dreams=[], variant=variant,
                        progress=self._progress(m), preface=self._preface(m, t, live=with_transcript))
        # one part of its own in the header (not "part 3 of 4" of the first conversation)
        return dataclasses.replace(prompt, part=(1, 1), phase_label=t.gettext(PHASE))

    def answers(self) -> dict[str, dict[str, Any]]:
        """The citizen's answer to each change, by its key (a skip or "ved ikke" is no answer)."""
        out = {}
        for index, change in enumerate(self.changes, start=1):
            said = self.model.answers.reviews.get(index, {})
            comment = said.get("review_comment")
            out[change["key"]] = {"response": said.get("review"),
                                  "comment": comment.strip() if isinstance(comment, str) and comment.strip() else None}
        return out

    def _complete(self) -> None:
        """Keep the answers beside the goals and count the changes as seen."""
        at = clock.now()
        answers = self.answers()
        doc = {**self.round, "status": "complete", "finished": at, "answers": answers}
        self.base.replace_doc_where(REVIEWS, "round", self.round["round"], doc)
        self.round = doc
        overlay = self.base.get_doc("casework") or {"status": "draft", "version": 1, "plan": {}, "goals": {}}
        version = overlay.get("version", 1)
        overlay = mark_seen(overlay, self.changes, how="chat", at=at, by=CITIZEN_WHO, version=version, answers=answers)
        self.base.put_doc("casework", overlay)
        counts = {r: sum(1 for a in answers.values() if a["response"] == r) for r in ("agree", "partly", "disagree")}
        self.base.add_doc("trail", {"at": at, "who": CITIZEN_WHO, "what": TRAIL_SEEN, "old": None,
                                    "new": counts, "version": version})
        self.base.update_meta(status=STATUS_COMPLETE)
