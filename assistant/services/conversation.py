"""A conversation with a citizen: the journey engine on a durable store.

Every reply is written to the case's event history (fsynced) *before* the next
prompt is returned. The state is never stored separately: it is the replay of
the events now in force (``back`` removes the latest answer from force but not
from the history), so resume and undo are the same operation.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Sequence

from assistant.domain import classify, safety, safety_check, safety_children, voice
from assistant.domain.engine import JourneyModel
from assistant.common.errors import CorruptCaseError
from assistant.common.i18n import N_, normalise_lang, translator
from assistant.domain.journey import Journey, load_journey
from assistant.domain.plan import Plan
from assistant.domain.prompts import NOTHING, InvalidReply, Prompt, parse_reply, render
from assistant.common.text import clean, normalise_reply
from store import CaseHandle, Store
from assistant.domain.replay import draft_of, effective_events, go_back, lang_of, replay
from assistant.services.plans import seen_since

SKIP = {"/skip", "/spring", "/spring over"}
BACK = {"/back", "/tilbage"}
PAUSE = {"/pause"}
LANG = "/lang"
# The assistant speaks to the citizen; the plan speaks as the citizen (drafting.AGREE_WITH_CASEWORKER).
AGREE_WITH_YOUR_CASEWORKER = N_("something you agree on with your caseworker")
# Said before the next question when a second "ved ikke" is accepted, and after "go on".
LEFT_OPEN = N_("That is all right. We leave that open, and you can find out together with your caseworker.")
WE_GO_ON = N_("Thank you. We go on. You can take a break at any time.")
# Said before a question asked again after the safety step or the direct question.
ASK_AGAIN = N_("Here is the question again.")
# Said first when the citizen comes back after taking a break (or stopping) at the safety step.
HOW_ARE_YOU = N_("How are you today?")
STILL_HELP = N_("You can still get help now:")

STATUS_IN_PROGRESS = "in_progress"
STATUS_PAUSED = "paused"
STATUS_COMPLETE = "complete"
STATUS_DECLINED = "declined"
STATUS_NEW = "new"  # registered by a caseworker, conversation not started
# An invalid reply is kept as typed (the citizen's words), but only this much of it:
# a 10 MB paste must not grow the case file (the length is kept too).
INVALID_KEPT_CHARS = 500
JOURNEY_HELP_LINE = N_("Call {number} ({name}). {note}")
# What a case keeps when the citizen says no: the case itself, not what was said.
REGISTRATION = ("id", "created", "journey", "lang", "status", "registered_name", "area", "new_costly_complex")


@dataclass
class Reply:
    """What happened after one reply; ``prompt`` is the next question (if any)."""

    prompt: Prompt | None = None
    invalid: str | None = None
    plan: Plan | None = None
    paused: bool = False
    ended: bool = False
    discarded: bool = False  # paused before anything was said: no case was kept
    stopped: bool = False  # after a sign of distress the citizen chose to stop for today
    help_lines: list[str] | None = None  # a pause at the safety step: where help is now (said again)


def _said(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def warm_up() -> None:
    """Ready in the background what answers need and the first question does not: the signs of
    distress (compiled patterns), the classifier's stems and babel's dates. The faces call it
    once the first question is on screen; an answer that comes sooner waits for what it needs."""
    safety.warm_up()
    classify.warm_up()


class Conversation:
    """One open conversation; holds the case's lock until :meth:`close`."""

    def __init__(self, handle: CaseHandle, journey: Journey, lang: str, *, created_here: bool = False) -> None:
        self.handle = handle
        self.journey = journey
        self.lang = lang
        self.events = handle.events()
        self.model = self._replay(self.events)
        self._plan_stored = handle.plan is not None
        # Only a case this process made in this run may be removed when nothing was said in it.
        self.created_here = created_here

    def _replay(self, events: list[dict[str, Any]]) -> JourneyModel:
        return replay(self.journey, events, self.handle.path)

    def _new_model(self) -> JourneyModel:
        return JourneyModel(self.journey)

    # -- opening --------------------------------------------------------------
    @classmethod
    def start(cls, store: Store, journey_id: str = "adult", lang: str | None = None) -> "Conversation":
        journey = load_journey(journey_id)
        safety.data()  # the safety and non-answer files are checked before a case exists, not mid-conversation
        lang = normalise_lang(lang)
        handle = store.create_case(journey=journey.id, lang=lang, status=STATUS_IN_PROGRESS, name="")
        try:
            handle.append_event({"type": "start", "journey": journey.id, "lang": lang})
            return cls(handle, journey, lang, created_here=True)
        except BaseException:
            handle.close()
            raise

    @classmethod
    def resume(cls, store: Store, case_id: str, lang: str | None = None,
               rounds: Sequence[Callable[[CaseHandle, str], "Conversation | None"]] = ()) -> "Conversation":
        """The case's conversation, to go on with. Once the plan is made, the first of ``rounds``
        that has something for the citizen (a changes review, a follow-up) is the conversation
        instead: :func:`assistant.services.resume.resume_case` gives them."""
        safety.data()
        handle = store.open_case(case_id, write=True)
        try:
            meta = handle.meta
            journey = load_journey(meta.get("journey", "adult"))
            events = handle.events()
            if not events and meta.get("status") != STATUS_NEW:
                # Only a case a caseworker registered starts with no history; anything
                # else with none has lost it: damage, reported and left as it is.
                raise CorruptCaseError(path=str(handle.path))
            current = lang_of(events, meta.get("lang", "da"))
            conversation = cls(handle, journey, current)
            if conversation.finished and not conversation.declined:
                # The plan is made: a round that has something for the citizen comes instead.
                conversation = next((c for c in (r(handle, current) for r in rounds) if c), conversation)
            if not conversation.finished and not getattr(conversation, "round", None):
                handle.append_event({"type": "resume"})
                conversation.events = handle.events()
                handle.update_meta(status=STATUS_IN_PROGRESS)
            if lang and normalise_lang(lang) != current:
                conversation.set_lang(lang)
            return conversation
        except BaseException:
            handle.close()
            raise

    @property
    def case_id(self) -> str:
        return self.handle.id

    @property
    def finished(self) -> bool:
        return self.model.finished

    def close(self) -> None:
        self.handle.close()

    def __enter__(self) -> "Conversation":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the current question ----------------------------------------------------
    def prompt(self) -> Prompt:
        return self._render(self.model, self.lang)

    def asked(self, lang: str | None = None) -> list[str | None]:
        """For each event, the question it answered as asked in ``lang`` (None if not an answer).

        Lets a face show the whole conversation again in another language, with the
        citizen's own words untouched.
        """
        return self.asked_and_chosen(lang)[0]

    def asked_and_chosen(self, lang: str | None = None) -> tuple[list[str | None], list[str | None]]:
        """:meth:`asked`, and for each answer picked from choices the choice's label in ``lang``.

        A typed answer stays as typed (None here); "Ja" chosen on a button reads
        "Yes" when the conversation is shown in English.
        """
        lang = normalise_lang(lang or self.lang)
        model = self._new_model()
        stack: list[dict[str, Any]] = []
        asked: list[str | None] = []
        chosen: list[str | None] = []
        for ev in self.events:
            label = None
            if ev["type"] in ("answer", "skip") and ev.get("state") == model.state:
                prompt = self._render(model, lang, with_transcript=False)
                asked.append(prompt.text)
                if ev["type"] == "answer" and prompt.choices:
                    value = ev.get("value")
                    value = ("yes" if value else "no") if isinstance(value, bool) else str(value)
                    label = next((c.label for c in prompt.choices if c.value == value), None)
                model.apply(ev)
                stack.append(ev)
            elif ev["type"] == "back" and stack:
                go_back(stack)
                model = self._replay(stack)
                asked.append(None)
            else:
                asked.append(ev.get("prompt") if ev["type"] in ("answer", "skip") else None)
            chosen.append(label)
        return asked, chosen

    def _render(self, m: JourneyModel, lang: str, *, with_transcript: bool = True) -> Prompt:
        t = translator(lang)
        interrupt = self._render_interrupt(m, t)
        if interrupt is not None:
            return interrupt
        step = m.step
        params: dict[str, Any] = {"name": m.answers.values.get("name") or "", "_item": m.item}
        params.update({k: t.quote(v) for k in ("everyday", "good_now") if (v := _said(m.answers.values.get(k)))})
        variant = None
        if m.area is not None:  # youth journey: the life area this question is about
            params["area"] = t.gettext(m.area.label)
        if step.repeat == "dream" and m.answers.dreams:
            dream = m.answers.dreams[-1]
            params["dream"] = voice.card_quote(t, dream.get("dream"))  # a long answer by its first words
            params["motivation"] = dream.get("motivation", "")
            if len(m.answers.dreams) > 1 and "again" in step.variants:
                variant = "again"
        if (step.repeat == "goal" or step.final) and m.drafted:
            plan = draft_of(m, self.case_id, lang, self.events if with_transcript else [],
                          new_costly_complex=bool(self.handle.meta.get("new_costly_complex")))
            if step.repeat == "goal" and m.goal_index <= len(plan.goals):
                goal = plan.goals[m.goal_index - 1]
                agree = t.gettext(AGREE_WITH_YOUR_CASEWORKER)
                params.update(
                    n=m.goal_index,
                    count=len(plan.goals),
                    goal=voice.goal_for_you(t, goal.first_step, agree),
                    dream=voice.card_quote(t, goal.dream, "dream"),
                    due=t.date(dt.date.fromisoformat(goal.due)) if goal.due else agree,
                    criterion=voice.card_quote(t, goal.success_criterion) if goal.success_criterion else agree,
                )
                if goal.citizen_response in ("disagree", "partly") and goal.citizen_response in step.variants:
                    variant = goal.citizen_response
                elif goal.earlier and not goal.citizen_response and "changed" in step.variants:
                    variant = "changed"  # redrafted from what the citizen would rather do
            params["follow_up"] = t.date(dt.date.fromisoformat(plan.follow_up))
        offer, offer_variant = voice.wish_and_alternative(m, step, t)
        params.update(offer)
        variant = offer_variant or variant
        if "no_goals" in step.variants and m.drafted and not m.has_goals():
            variant = "no_goals"
        if step.final and "agreed" in step.variants and m.drafted:
            agreed = self.agreed_plan()  # a citizen coming back to a plan made final with the caseworker
            if agreed and agreed.get("seen_by_citizen", True):  # never "agreed" for a version they have not seen
                variant = "agreed"
                params["follow_up"] = t.date(dt.date.fromisoformat(agreed["follow_up"]))
        if m.asked_again and "unsure" in step.variants:
            variant = "unsure"  # a non-answer: the same question from another angle
        return render(
            step,
            case=self.case_id,
            lang=lang,
            params=params,
            dreams=m.answers.dreams,
            variant=variant,
            progress=self._progress(m),
            preface=self._preface(m, t, live=with_transcript),
        )

    def _preface(self, m: JourneyModel, t, *, live: bool = True) -> str | None:
        """Our sentences before the question: "left open" after a second "ved ikke", "we go on"
        after the safety step, a thanks after "no" to the direct question, a gentle check-in (and
        where help is) when the citizen comes back after a break at the safety step; and, when the
        question was interrupted by a sign of distress, that it is asked again.
        ``live``: the question as it is asked now (not re-rendered for the history)."""
        said = []
        if m.last_unsure and not m.step.final:
            said.append(t.gettext(LEFT_OPEN))
        elif m.went_on:
            said.append(t.gettext(WE_GO_ON))
        elif m.check_answered_no:
            said.append(t.gettext(safety_check.thanks()))
        else:
            kinds = self._back_after_safety_pause() if live else None
            if kinds is not None:
                said.append(t.gettext(HOW_ARE_YOU))
                said.append(t.gettext(STILL_HELP) + "\n" + "\n".join("- " + line for line in self._help_lines(kinds, t)))
        if m.interrupted and not m.step.final:
            said.append(t.gettext(ASK_AGAIN))
        return "\n\n".join(said) or None

    def _back_after_safety_pause(self) -> list[str] | None:
        """The kinds of the latest sign when the citizen has come back after choosing a break (or
        to stop) at the safety step and has not answered since; else None."""
        stack, _ = effective_events(self.events)
        if not stack or stack[-1].get("safety") not in ("pause", "stop"):
            return None
        choice = stack[-1]
        after = next((i for i, ev in enumerate(self.events) if ev is choice), None)
        if after is None or not any(ev["type"] == "resume" for ev in self.events[after + 1:]):
            return None
        flagged = safety.flags(self.handle.meta)
        return list(flagged[-1].get("kinds") or []) if flagged else []

    def _render_interrupt(self, m: JourneyModel, t) -> Prompt | None:
        """The safety step after a sign of distress, or the direct question after a possible sign;
        None when neither is due."""
        if m.safety_pending:
            return self._render_safety(m, t)
        if m.check_pending:
            return self._render_check(m, t)
        return None

    def _render_safety(self, m: JourneyModel, t) -> Prompt:
        """The safety check: a kind reply, where help is now, and go on / pause / stop."""
        step = dataclasses.replace(safety.safety_step(), phase=m.step.phase)
        help_lines = "\n".join("- " + line for line in self._help_lines(m.safety_pending, t))
        return render(step, case=self.case_id, lang=t.lang, params={"_item": m.item}, dreams=[],
                      progress=self._progress(m), ours={"help": help_lines})

    def _render_check(self, m: JourneyModel, t) -> Prompt:
        """The direct question after a possible sign: yes / no / I would rather not answer."""
        step = safety_check.check_step(m.check_pending, phase=m.step.phase)
        return render(step, case=self.case_id, lang=t.lang, params={"_item": m.item}, dreams=[],
                      progress=self._progress(m))

    def _help_lines(self, kinds: list[str] | None, t) -> list[str]:
        """Where help is now for these kinds of sign, in the citizen's language."""
        general = safety_children.help_lines(list(kinds or []), t, youth=safety.is_youth(self.handle.meta))
        # A journey's own help lines first (Børnetelefonen for young people), unless already said.
        own = [t.gettext(JOURNEY_HELP_LINE).format(number=h.number, name=h.name, note=t.gettext(h.note))
               for h in self._own_help_lines() if not any(h.number in line for line in general)]
        return own + general

    def _own_help_lines(self) -> list:
        """The journey's own help lines, said first at the safety check."""
        return list(self.journey.help_lines)

    def _progress(self, model: JourneyModel) -> float:
        """How far along, by the furthest question reached: a second dream or goal
        repeats questions, but the line never runs backwards unless the citizen goes back."""
        names = [s.name for s in self.journey.steps.values() if not s.final]
        if model.step.final:
            return 1.0
        stack, _ = effective_events(self.events)
        reached = [names.index(ev["state"]) for ev in stack if ev.get("state") in names]
        return max([names.index(model.state), *reached]) / len(names)

    def plan(self) -> Plan | None:
        if not self.model.drafted:
            return None
        return draft_of(self.model, self.case_id, self.lang, self.events,
                      new_costly_complex=bool(self.handle.meta.get("new_costly_complex")))

    def agreed_plan(self) -> dict[str, Any] | None:
        """The latest plan the caseworker made final with the citizen, if there is one.

        Once there is, that is the citizen's plan: what they see when they come back.
        """
        versions = self.handle.all_docs("versions")
        if not versions:
            return None
        return seen_since(versions[-1]["plan"], getattr(self, "base", self.handle))  # seen after it was made final: said so

    # -- replies ------------------------------------------------------------------
    def respond(self, raw: str) -> Reply:
        """Take one line (or block) the citizen typed; commands start with ``/``."""
        classify.warm_up()  # ready long before the answer that drafts the plan needs it
        text = clean(raw)
        command = text.strip().casefold()
        if command in SKIP:
            return self.skip()
        if command in BACK:
            return self.back()
        if command in PAUSE:
            return self.pause()
        if command.startswith(LANG + " "):
            self.set_lang(command[len(LANG) + 1 :].strip())
            return Reply(prompt=self.prompt())
        if self.finished:
            return Reply(ended=True)
        step, prompt = self._step(), self.prompt()
        if step.kind != "info" and not text.strip():
            return self.skip()
        event = {
            "type": "answer",
            "state": self.model.state,
            "slot": step.slot,
            "item": prompt.item,
            "prompt": prompt.text,
            "text": text,
        }
        # Every typed answer, whatever the question: a clear sign of distress, or a possible one.
        assessment = safety.assess(text)
        interrupt = step.kind in ("safety", safety_check.CHECK_KIND)
        if assessment.tier == "clear":
            event["signs"] = list(assessment.kinds)
        elif assessment.tier == "possible" and not interrupt:  # already asking: the question stands
            event["possible"] = list(assessment.kinds)
        signs = bool(event.get("signs") or event.get("possible"))
        if step.kind == safety_check.CHECK_KIND and event.get("signs"):
            # A clear sign typed at the direct question: the safety step, without waiting for an answer.
            return self._advance({**event, "stay": True, "value": None})
        try:
            value = parse_reply(step, text, prompt, self.lang)
        except InvalidReply as exc:
            if len(text) > INVALID_KEPT_CHARS:  # refused, and not kept whole (a 10 MB paste)
                event.update(text=text[:INVALID_KEPT_CHARS], length=len(text))
            if step.kind == safety_check.CHECK_KIND and safety_check.typed_yes(text):
                return self._check_answer(event, "yes")  # "ja, nogle gange"
            if signs:  # no answer to this question, but never ignored: the safety check comes first
                return self._advance({**event, "stay": True, "value": None})
            invalid = {"type": "invalid", "state": step.name, "slot": step.slot, "item": prompt.item,
                       "text": event["text"]}
            if "length" in event:
                invalid["length"] = event["length"]
            with self._saving():
                self._append(invalid)
            return Reply(prompt=prompt, invalid=exc.message)
        if step.kind == "safety":
            return self._safety_choice({**event, "value": value, "safety": value})
        if step.kind == safety_check.CHECK_KIND:
            return self._check_answer(event, value)
        if signs:
            # The answer that raised a sign is kept as said (for the caseworker) but never used:
            # the safety step or the direct question first, then the same question again.
            return self._advance({**event, "stay": True, "value": None})
        if step.no_means_nothing and prompt.variant != "disagree" and normalise_reply(text) in NOTHING:
            # "Nej tak" to "anything else?" is an answer — nothing to add — not a remark reading »Nej tak«.
            # (Not after a disagreement: there "nothing of this" is the citizen's word and is kept.
            # After "partly", "nej" to "what would you like to change?" is nothing to change.)
            value = None
        unsure = safety.non_answer(text) if step.kind == "text" and not signs else None
        if unsure == "nothing" and prompt.variant == "disagree":
            unsure = None  # "intet" to "what would you rather have?" is the citizen's word: none of this
        if unsure:
            if step.no_means_nothing and prompt.variant != "disagree":
                value = None  # "ved ikke" to "anything else?": nothing to add
            elif "unsure" in step.variants and not self.model.asked_again:
                return self._advance({**event, "value": None, "stay": True, "unsure": unsure})
            else:  # kept as said, and in the plan an open point, never a dream or a helper
                return self._advance({**event, "value": None, "unsure": unsure})
        return self._advance({**event, "value": value})

    def _step(self):
        """The step being asked: the journey's, the safety check after a sign of distress, or the
        direct question after a possible sign."""
        if self.model.safety_pending:
            return safety.safety_step()
        if self.model.check_pending:
            return safety_check.check_step(self.model.check_pending)
        return self.model.step

    def _safety_choice(self, event: dict[str, Any]) -> Reply:
        kinds = list(self.model.safety_pending or [])
        reply = self._advance(event)
        if event["safety"] == "continue":
            return reply
        paused = self.pause()
        paused.stopped = event["safety"] == "stop"
        paused.help_lines = self._help_lines(kinds, translator(self.lang))  # where help is, said again
        return paused

    def _check_answer(self, event: dict[str, Any], answer: str) -> Reply:
        """The answer to the direct question: yes or "rather not answer" lead to the safety step
        (flagged), no to a short thanks and the question that was interrupted."""
        kinds = list(self.model.check_pending or [])
        return self._advance({**event, "value": answer, "check": answer, "kinds": kinds})

    def skip(self) -> Reply:
        if self.finished:
            return Reply(ended=True)
        prompt = self.prompt()
        if self.model.check_pending:  # skipping the direct question: as "I would rather not answer"
            return self._check_answer({"type": "answer", "state": self.model.state, "slot": None,
                                       "item": prompt.item, "prompt": prompt.text, "text": ""}, "no_answer")
        if self.model.safety_pending:  # skipping the safety check: the conversation goes on
            return self._safety_choice({"type": "answer", "state": self.model.state, "slot": None, "item": prompt.item,
                                        "prompt": prompt.text, "text": "", "value": "continue", "safety": "continue"})
        return self._advance(
            {"type": "skip", "state": prompt.state, "slot": prompt.slot, "item": prompt.item, "prompt": prompt.text}
        )

    @property
    def declined(self) -> bool:
        """The citizen said no (or did not say yes) to making a plan."""
        return self.finished and not self.model.drafted

    @property
    def can_go_back(self) -> bool:
        """Back works until the plan is handed over; a no can always be taken back."""
        stack, _ = effective_events(self.events)
        return bool(stack) and (not self.finished or self.declined)

    def back(self) -> Reply:
        if not self.can_go_back:
            t = translator(self.lang)
            if self.finished:
                message = t.gettext("The conversation is finished, so the answers cannot be changed here. "
                                    "Talk to your caseworker if you want to change something.")
                return Reply(prompt=None, invalid=message, ended=True)
            message = t.gettext("This is the first question, so there is nothing to go back to.")
            return Reply(prompt=self.prompt(), invalid=message)
        stack, _ = effective_events(self.events)
        with self._saving():
            self._append({"type": "back", "state": self.model.state, "to": stack[-1]["state"]})
            was_declined = self.declined
            self.model = self._replay(self.events)
            if was_declined:
                self.handle.update_meta(status=STATUS_IN_PROGRESS)
            self._sync_plan()
        return Reply(prompt=self.prompt())

    def pause(self) -> Reply:
        if not self.finished and self.created_here and self.handle.holds_nothing():
            # Opened and closed again at once: keep no empty case for the list of conversations.
            # (Only a case made in this run: a case that came from disk is never removed here.)
            self.handle.discard()
            return Reply(paused=True, discarded=True)
        if not self.finished:
            with self._saving():
                self._append({"type": "pause", "state": self.model.state})
                self.handle.update_meta(status=STATUS_PAUSED)
        self.close()
        return Reply(paused=True)

    def set_lang(self, lang: str) -> None:
        """Speak another language from now on.

        Once the conversation is finished the plan keeps the language it was made
        in (the caseworker works on that text); the citizen may still read it in
        another language, but nothing on file changes.
        """
        lang = normalise_lang(lang)
        if lang == self.lang:
            return
        self.lang = lang
        if self.finished:
            return
        with self._saving():
            self._append({"type": "lang", "lang": lang})
            self.handle.update_meta(lang=lang)
            self._sync_plan()

    # -- internals ----------------------------------------------------------------
    @contextmanager
    def _saving(self) -> Iterator[None]:
        """One atomic write; if it fails, what this object knows goes back to what is on disk.

        So a retry after a full disk answers the question still on screen, never the next one.
        """
        try:
            with self.handle.batch():
                yield
        except BaseException:
            self.events = self.handle.events()
            self.model = self._replay(self.events)
            self.lang = lang_of(self.events, self.lang)
            self._plan_stored = self.handle.plan is not None
            raise

    def _append(self, event: dict[str, Any]) -> dict[str, Any]:
        stored = self.handle.append_event(event)
        self.events.append(stored)
        return stored

    def _take(self, event: dict[str, Any]) -> dict[str, Any]:
        """Store an answer (or skip) and what it raises: a sign of distress (the caseworker is
        told the kind of sign and when, never the words), the choice at the safety check.
        Called inside :meth:`_saving`, so it all lands in one write."""
        event = self._append(event)
        self.model.apply(event)
        if event.get("signs"):
            _, flagged = safety.raise_flag(self.handle, event["signs"], state=event["state"],
                                           item=event.get("item"), at=event["at"])
            self.events.append(flagged)
        if "check" in event:  # the direct question: always kept for the caseworker, a yes is flagged
            self.events.append(safety_check.record_answer(
                self.handle, event["kinds"], event["check"], state=event["state"], item=event.get("item"),
                at=event["at"], conversation=self.journey.id))
            if event["check"] in safety_check.FLAGGING:
                _, flagged = safety.raise_flag(self.handle, event["kinds"], state=event["state"],
                                               item=event.get("item"), at=event["at"])
                self.events.append(flagged)
        if "safety" in event:
            safety.record_choice(self.handle, event["safety"])
        return event

    def _advance(self, event: dict[str, Any]) -> Reply:
        """Store the answer (or skip) and everything it changes in one write, then move on."""
        was_drafted = self.model.drafted
        with self._saving():
            event = self._take(event)
            if event.get("slot") == "name" and event.get("value") and not event.get("signs"):
                self.handle.update_meta(name=event["value"])  # a skip keeps a name the caseworker registered
            plan = self._sync_plan()
            if self.declined:
                self._forget_all_but_the_no()
            if self.finished:
                self.handle.update_meta(status=STATUS_COMPLETE if plan else STATUS_DECLINED)
        if self.finished:
            return Reply(prompt=self.prompt(), plan=plan, ended=True)
        announce = plan if (plan and not was_drafted) else None
        return Reply(prompt=self.prompt(), plan=announce)

    def _forget_all_but_the_no(self) -> None:
        """A citizen who does not want a plan keeps nothing on file but that answer.

        Answers given before going back to the consent question, typed text in
        invalid replies, the chosen name: all erased for good.
        """
        stack, _ = effective_events(self.events)
        # A sign of distress stays known to the caseworker (its kind and time, never the words),
        # and so does every direct question asked and its answer.
        keep = [ev for ev in self.events if ev["type"] in ("start", "distress", safety_check.ASKED_EVENT)] + stack
        self.handle.keep_only_events(keep)
        self.events = self.handle.events()
        self.model = self._replay(self.events)
        # Whatever a caseworker wrote about the draft quoted it; it goes too.
        flag_trail = [e for e in self.handle.all_docs("trail") if e.get("what") == safety.TRAIL_RAISED]
        for table in ("plan", "casework", "trail", "versions", "draft"):
            self.handle.remove_doc(table)
        for entry in flag_trail:
            self.handle.add_doc("trail", entry)
        self._plan_stored = False
        meta = self.handle.meta
        self.handle.replace_meta({k: meta[k] for k in REGISTRATION if k in meta}
                                 | {"name": meta.get("registered_name", "")}
                                 | ({"flags": meta["flags"]} if meta.get("flags") else {})
                                 | ({safety_check.META_KEY: meta[safety_check.META_KEY]}
                                    if meta.get(safety_check.META_KEY) else {}))

    def _sync_plan(self) -> Plan | None:
        """Keep the stored draft equal to what the events now make."""
        plan = self.plan()
        if plan is not None:
            # The stored draft is a summary for case lists; the events are the source of truth.
            self.handle.put_doc("plan", {**plan.to_dict(), "transcript": []})
        elif self._plan_stored:
            self.handle.remove_doc("plan")  # went back before the draft existed
        self._plan_stored = plan is not None
        return plan
