"""The follow-up conversation (phases 3 and 4) and the plan it renews.

``chat --case`` / ``run --case`` on a case whose plan is final starts a follow-up
*round*: dialogues/followup.toml on the same engine, its events in the round's own
table (``followup<N>_events``), so the first conversation's history is never touched.
For each goal of the final plan: how is it going (0–10, and the caseworker's 0–4
indicator where one is set), what helped, what got in the way, keep / change / drop /
reached; then new dreams.

When the round ends, its result is kept in the ``followups`` table and the plan becomes
a **new version** (a draft for the caseworker to make final): :func:`apply_followups`
lays every finished round over the first draft, so goals keep their ids across versions
(a changed goal keeps its id and its earlier wording; a reached or dropped goal leaves the
active goals but stays in ``closed_goals``; a new dream gets the next free id). Earlier
final versions, kept whole in the ``versions`` table, are not written again.
"""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
from typing import Any

from assistant.domain import voice
from assistant.services.conversation import AGREE_WITH_YOUR_CASEWORKER, STATUS_COMPLETE, STATUS_IN_PROGRESS, Conversation, Reply
from assistant.domain.replay import replay
from assistant.domain.engine import JourneyModel
from assistant.common.i18n import N_, translator
from assistant.domain.journey import Journey, load_journey
from assistant.domain import plan as plan_rules
from assistant.domain.prompts import Prompt, render
from store import CaseHandle
from store import clock
from assistant.domain.plan_state import ROUNDS, rounds
from assistant.domain.plan_state import events_table
from assistant.services.plans import load_full_plan_from
from assistant.domain.plan_state import FOLLOW_UP_PROPOSED

JOURNEY_ID = "followup"
DECISIONS = ("keep", "change", "drop", "reached")
PARTS = (N_("How it is going"), N_("New dreams"), N_("Finishing"))  # the follow-up's parts, in the chat's header
CITIZEN_WHO = "citizen (follow-up)"  # who made the new version, in the audit trail


class RoundHandle:
    """The case's handle, with a conversation's events kept in one round's own table."""

    def __init__(self, handle: CaseHandle, table: str) -> None:
        self._handle = handle
        self._table = table

    def __getattr__(self, name: str) -> Any:
        return getattr(self._handle, name)

    def events(self) -> list[dict[str, Any]]:
        return self._handle.all_docs(self._table)

    def append_event(self, event: dict[str, Any]) -> dict[str, Any]:
        event = {"at": clock.now(), **event}
        self._handle.add_doc(self._table, event)
        return event

    def holds_nothing(self) -> bool:
        return False  # a follow-up belongs to a case with a final plan: never discarded


class FollowUpModel(JourneyModel):
    """The journey engine over the goals of the plan being followed up."""

    def __init__(self, journey: Journey, goals: list[dict[str, Any]], *, youth: bool = False) -> None:
        self.goals = goals
        self.youth = youth
        super().__init__(journey)

    def goal_order(self) -> list[int]:
        return list(range(1, len(self.goals) + 1))

    @property
    def current_goal(self) -> dict[str, Any] | None:
        if self.step.repeat == "goal" and 1 <= self.goal_index <= len(self.goals):
            return self.goals[self.goal_index - 1]
        return None

    def has_indicator(self) -> bool:
        goal = self.current_goal
        return bool(goal and goal.get("indicator"))

    def decided_change(self) -> bool:
        return self.last_value == "change"

    def young_person(self) -> bool:
        """A young person's case: a new dream is tagged by Barnets lov's area, as in their first conversation."""
        return self.youth


class PlanDict(dict):
    """The renewed plan, for faces that call ``to_dict()`` on a drafted plan."""

    def to_dict(self) -> dict[str, Any]:
        return dict(self)


def goals_to_follow(plan: dict[str, Any]) -> list[dict[str, Any]]:
    """The final plan's kept goals, as the follow-up asks about them (a snapshot kept with the round)."""
    t = translator(plan["lang"])
    youth = load_journey("youth")
    out = []
    for g in sorted((g for g in plan["goals"] if g.get("kept", True)), key=lambda g: g["priority"]):
        indicator = g.get("indicator")
        if not indicator and g.get("area") and (plan.get("area_indicators") or {}).get(g["area"]):
            # A young person's goal is followed on its area's 0–4 indicator.
            area = youth.area(g["area"])  # named as the young person reads it
            indicator = {**plan["area_indicators"][g["area"]], "name": t.gettext(area.label) if area else g["area"]}
        out.append({"id": g["id"], "first_step": g.get("first_step"), "dream": g.get("dream"),
                    "text": (g.get("citizen") or {}).get("text", g.get("text")), "indicator": indicator})
    return out


class RoundConversation(Conversation):
    """A conversation kept in a round's own events table (``RoundHandle``): a follow-up, a
    changes review. An answer lands with what it raises (:meth:`Conversation._take`); the
    last one completes the round in the same write (each kind's own ``_complete``)."""

    def _advance(self, event: dict[str, Any]) -> Reply:
        with self._saving():
            self._take(event)
            if self.finished:
                self._complete()
        if self.finished:
            return Reply(prompt=self.prompt(), plan=self.plan(), ended=True)
        return Reply(prompt=self.prompt())


class FollowUp(RoundConversation):
    """One follow-up round, a conversation like the first (pause, back, resume, language)."""

    def __init__(self, handle: CaseHandle, lang: str, round_doc: dict[str, Any]) -> None:
        self.round = round_doc
        self.goals = round_doc["goals"]
        self.base = handle
        super().__init__(RoundHandle(handle, events_table(round_doc["round"])), load_journey(JOURNEY_ID), lang)

    # -- opening ------------------------------------------------------------------
    @classmethod
    def for_case(cls, handle: CaseHandle, lang: str) -> "FollowUp | None":
        """The follow-up to show for a case whose first conversation is done, or None.

        The latest round if it is still open, or finished and not yet made final by the
        caseworker; a new round when the plan is final again; None while there is no
        final plan to follow up.
        """
        overlay = handle.get_doc("casework") or {}
        existing = rounds(handle)
        latest = existing[-1] if existing else None
        final = overlay.get("status") == "final"
        if latest and (latest.get("status") != "complete" or not final):
            conversation = cls(handle, lang, latest)
        elif final:
            conversation = cls(handle, lang, cls._new_round(handle, lang, (latest or {}).get("round", 0) + 1, overlay))
        else:
            return None
        if not conversation.finished:
            with handle.batch():
                conversation._append({"type": "resume"} if conversation.events else
                                     {"type": "start", "journey": JOURNEY_ID, "lang": lang})
                handle.update_meta(status=STATUS_IN_PROGRESS)
        return conversation

    @staticmethod
    def _new_round(handle: CaseHandle, lang: str, number: int, overlay: dict[str, Any]) -> dict[str, Any]:
        versions = handle.all_docs("versions")
        plan = versions[-1]["plan"]
        doc = {"round": number, "status": "in_progress", "started": clock.now(), "version": overlay.get("version", 1),
               "name": plan.get("name") or "", "follow_up": plan.get("follow_up"), "goals": goals_to_follow(plan)}
        with handle.batch():
            handle.add_doc(ROUNDS, doc)
        return doc

    def _new_model(self) -> JourneyModel:
        return FollowUpModel(self.journey, self.goals, youth=self.base.meta.get("journey") == "youth")

    def _replay(self, events: list[dict[str, Any]]) -> JourneyModel:
        return replay(self.journey, events, self.base.path, model=self._new_model())

    # -- what is different from the first conversation -------------------------------------
    @property
    def declined(self) -> bool:
        return False  # the plan stays an offer: a citizen who does not want to talk pauses

    def plan(self) -> PlanDict | None:
        if not self.finished:
            return None

        return PlanDict(load_full_plan_from(self.base))

    def agreed_plan(self) -> dict[str, Any] | None:
        return self.plan() or super().agreed_plan()

    def _sync_plan(self) -> None:
        return None  # the first draft is not this conversation's

    # -- the questions ----------------------------------------------------------------
    def _own_help_lines(self) -> list:
        """The help lines of the case's own journey (Børnetelefonen first for a young person)."""
        return list(load_journey(self.base.meta.get("journey") or "adult").help_lines)

    def _render(self, m: JourneyModel, lang: str, *, with_transcript: bool = True) -> Prompt:
        """The question, with the follow-up's own parts in the header: how it is going, new dreams,
        finishing (the four phases of the first conversation would jump back and forth here)."""
        prompt = self._render_step(m, lang, live=with_transcript)
        n = 1 if m.step.repeat == "goal" or m.state == "welcome" else 2 if m.step.repeat == "dream" or m.state == "another" else 3
        return dataclasses.replace(prompt, part=(n, len(PARTS)), phase_label=translator(lang).gettext(PARTS[n - 1]))

    def _render_step(self, m: JourneyModel, lang: str, *, live: bool = True) -> Prompt:
        assert isinstance(m, FollowUpModel)
        t = translator(lang)
        interrupt = self._render_interrupt(m, t)  # the safety step or the direct question, as in the first conversation
        if interrupt is not None:
            return interrupt
        step = m.step
        agree = t.gettext(AGREE_WITH_YOUR_CASEWORKER)
        params: dict[str, Any] = {"name": self.round.get("name") or "", "_item": m.item}
        agreed = self.round.get("follow_up")
        params["follow_up"] = t.date(dt.date.fromisoformat(agreed)) if agreed else ""
        variant = None
        goal = m.current_goal
        if goal is not None:
            indicator = goal.get("indicator") or {}
            params.update(n=m.goal_index, count=len(self.goals),
                          goal=voice.goal_for_you(t, goal.get("first_step"), agree)
                          if goal.get("first_step") else voice.card_quote(t, goal.get("text")),
                          indicator=indicator.get("name") or "—")
        if step.repeat == "dream" and m.answers.dreams:
            dream = m.answers.dreams[-1]
            params["dream"] = voice.card_quote(t, dream.get("dream"))
            params["motivation"] = dream.get("motivation", "")
            params["goal"] = voice.goal_for_you(t, dream.get("first_step"), agree)
        if step.name == "another" and m.answers.dreams and "again" in step.variants:
            variant = "again"
        if "no_goals" in step.variants and not self.goals:
            variant = "no_goals"
        elif "youth" in step.variants and self.base.meta.get("journey") == "youth":
            variant = "youth"  # a young person: shorter sentences, simpler words
        return render(step, case=self.case_id, lang=lang, params=params, dreams=m.answers.dreams,
                      variant=variant, progress=self._progress(m), preface=self._preface(m, t, live=live))

    # -- the end: a new version --------------------------------------------------------
    def result(self) -> dict[str, Any]:
        """What this round says, by goal id and as new dreams (the citizen's words as typed)."""
        m = self.model
        day = (m.clock or dt.datetime.now(dt.timezone.utc)).date().isoformat()
        goals = {}
        for index, goal in enumerate(self.goals, start=1):
            said = m.answers.reviews.get(index, {})
            goals[goal["id"]] = {
                "going": said.get("going"),
                "indicator": said.get("indicator"),
                "helped": _text(said.get("helped")),
                "hindered": _text(said.get("hindered")),
                "decision": said.get("decision") if said.get("decision") in DECISIONS else "keep",
                "decided": said.get("decision") in DECISIONS,
                "new_step": _text(said.get("new_step")),
            }
        dreams = [d for d in m.answers.dreams if _text(d.get("dream"))]
        return {"date": day, "goals": goals, "new_dreams": dreams, "remarks": _text(m.answers.values.get("remarks")),
                "lang": self.lang}

    def _complete(self) -> None:
        """Keep the round's result and make the plan a new version (a draft for the caseworker)."""
        result = self.result()
        doc = {**self.round, "status": "complete", "finished": clock.now(), "result": result}
        self.base.replace_doc_where(ROUNDS, "round", self.round["round"], doc)
        self.round = doc
        overlay = copy.deepcopy(self.base.get_doc("casework") or {"status": "draft", "version": 1, "plan": {}, "goals": {}})
        old_version = overlay.get("version", 1)
        overlay.update(status="draft", version=old_version + 1, since=result["date"])
        for gid, said in result["goals"].items():
            if said["decision"] == "change" and said["new_step"]:
                # The caseworker's wording was about the old first step; the citizen's new one counts now.
                overlay.get("goals", {}).get(gid, {}).pop("text", None)
        self.base.put_doc("casework", overlay)

        plan = load_full_plan_from(self.base)
        proposed = propose_follow_up(plan, dt.date.fromisoformat(result["date"]), bool(self.base.meta.get("new_costly_complex")))
        overlay.setdefault("plan", {})["follow_up"] = proposed.isoformat()
        overlay[FOLLOW_UP_PROPOSED] = True  # a proposal: it follows the plan until the caseworker chooses a date
        self.base.put_doc("casework", overlay)
        for what, old, new in (("version", old_version, old_version + 1), ("plan.follow_up", plan.get("follow_up"), proposed.isoformat())):
            self.base.add_doc("trail", {"at": clock.now(), "who": CITIZEN_WHO, "what": what, "old": old,
                                        "new": new, "version": old_version + 1})
        self.base.update_meta(status=STATUS_COMPLETE)


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def propose_follow_up(plan: dict[str, Any], since: dt.date, new_costly_complex: bool) -> dt.date:
    """The next follow-up from the goals' horizons (:func:`assistant.domain.plan.propose_follow_up`)."""
    return plan_rules.propose_follow_up(plan.get("goals", []), since, new_costly_complex)


