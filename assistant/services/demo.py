"""Trainer mode's core: invented personas played through the real conversation on a demo store.

:class:`DemoPlayer` drives :class:`~assistant.services.conversation.Conversation` exactly as a
citizen would (answer, skip, back), with the persona's answers or the trainer's
own, on a store that is never the real one (:func:`demo_store`). Whatever the
engine does — a branch, a second question, a new step — is what the demo shows.
This module never imports Textual.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from assistant.services.conversation import STATUS_IN_PROGRESS, Conversation, Reply
from assistant.domain.replay import effective_events
from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, normalise_lang, translator
from assistant.domain.engine import step_of
from assistant.domain.journey import Journey
from assistant.domain.plan import Plan
from assistant.domain.prompts import Prompt
from assistant.services.stores import open_store
from store import Store
from assistant.services.authoring import describe_condition
from assistant.services.authoring import user_dialogues_dir
from store.repository import default_store_path

DEMO_STORE_ENV = "BORGERREJSE_DEMO_STORE"


class DemoStoreIsRealStore(BorgerrejseError):
    message = N_("The demo folder {path} is the folder with the real cases. Choose another folder with --demo-store.")


class PersonaError(BorgerrejseError):
    message = N_("The persona file {path} cannot be used: {reason}")


# -- what the trainer is told about a step ---------------------------------------------------
METHOD_NAME = {
    "information": N_("information"),
    "open question": N_("open question"),
    "appreciative question": N_("appreciative question"),
    "dream question": N_("dream question"),
    "scaling question": N_("scaling question"),
    "reflection": N_("reflection"),
    "summary": N_("summary"),
}
METHOD_TEXT = {
    "information": N_("Says plainly what happens and what the citizen decides."),
    "open question": N_("Invites a story instead of a yes or a no."),
    "appreciative question": N_("Starts from what works: it shows resources and builds hope."),
    "dream question": N_("The miracle question: the citizen describes a wanted future, not only problems."),
    "scaling question": N_("A number from 0 to 10 makes something visible and can be followed over time."),
    "reflection": N_("Gives the citizen's own words back, so they know they were heard."),
    "summary": N_("Sums up what was said, so the citizen can check that it is theirs."),
}
PHASE_NAME = {
    "preparation": N_("1. Joint preparation"),
    "drafting": N_("2. Joint drafting"),
    "use": N_("3. Joint use"),
    "renewal": N_("4. Adjustment and renewal"),
}
# Which part of the draft each slot's answer becomes (drafting.py).
SLOT_USE = {
    "consent": N_("Whether there is a plan at all: a no ends the conversation and keeps only that answer."),
    "name": N_("The name the plan uses."),
    "everyday": N_("The plan's picture of everyday life."),
    "good_now": N_("What works now: the citizen's resources in the plan."),
    "dream": N_("The goal's dream. The first goal's dream becomes the plan's purpose."),
    "why": N_("Why the dream matters. For the first goal it is part of the purpose."),
    "motivation": N_("The goal's motivation. The most motivated dream comes first, after the citizen's own choice."),
    "motivation_up": N_("What would raise the motivation, noted on the goal."),
    "first_step": N_("The goal's wording: \"My first step is …\"."),
    "helpers": N_("Who helps, noted on the goal."),
    "sign": N_("The goal's success criterion."),
    "when": N_("The goal's date, short or long term, and the plan's expected duration."),
    "another_dream": N_("Whether another dream is asked about. Not written in the plan."),
    "priority": N_("Which goal comes first, and so the plan's purpose."),
    "review": N_("The citizen's response to the goal: agree, partly or disagree."),
    "review_comment": N_("The citizen's own words on the goal. A disagreement must be answered in writing."),
    "remarks": N_("The citizen's remarks in the plan."),
}
NO_USE = N_("Kept in the conversation. The draft does not use this slot.")
INFO_USE = N_("Nothing is asked here; the assistant says something.")


def demo_store_path(given: str | Path | None = None) -> Path:
    """``--demo-store DIR``, else ``$BORGERREJSE_DEMO_STORE``, else ``demo`` in the user data folder."""
    if given:
        return Path(given).expanduser()
    env = os.environ.get(DEMO_STORE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("borgerrejse", appauthor=False) / "demo"


def demo_store(given: str | Path | None = None, real: str | Path | None = None) -> Store:
    """The demo store; refused if it is the real store (``real``, or the default one)."""
    path = demo_store_path(given)
    real_path = Path(real).expanduser() if real else default_store_path()
    if _same(path, real_path) or _inside(path, real_path / "cases"):
        raise DemoStoreIsRealStore(path=str(path))
    return open_store(path)


def _same(a: Path, b: Path) -> bool:
    return a.resolve() == b.resolve()


def _inside(a: Path, b: Path) -> bool:
    try:
        a.resolve().relative_to(b.resolve())
        return True
    except ValueError:
        return False


# -- personas --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Persona:
    """An invented person with answers for one journey, in Danish and English."""

    id: str
    journey: str
    name: str
    about: dict[str, str]
    answers: dict[str, dict[str, list[str]]]
    source: str

    def about_in(self, lang: str) -> str:
        return self.about.get(lang) or next(iter(self.about.values()), "")

    def answers_in(self, lang: str) -> dict[str, list[str]]:
        return self.answers.get(lang) or next(iter(self.answers.values()), {})


def parse_persona(data: dict[str, Any], source: str) -> Persona:
    head = data.get("persona")
    answers = data.get("answers")
    if not isinstance(head, dict) or not isinstance(answers, dict):
        raise PersonaError(path=source, reason=N_("it needs a [persona] table and [answers.da] or [answers.en]."))
    about = head.get("about", {})
    if isinstance(about, str):
        about = {"en": about}
    clean: dict[str, dict[str, list[str]]] = {}
    for lang, slots in answers.items():
        if lang not in ("da", "en") or not isinstance(slots, dict):
            raise PersonaError(path=source, reason=N_("answers must be in [answers.da] and [answers.en]."))
        clean[lang] = {}
        for slot, values in slots.items():
            values = values if isinstance(values, list) else [values]
            if not all(isinstance(v, str) for v in values):
                raise PersonaError(path=source, reason=N_("every answer must be a text in quotes."))
            clean[lang][slot] = values
    if not isinstance(head.get("journey"), str) or not isinstance(head.get("name"), str):
        raise PersonaError(path=source, reason=N_("[persona] needs journey and name."))
    return Persona(
        id=str(head.get("id") or Path(source).stem),
        journey=head["journey"],
        name=head["name"],
        about={k: v for k, v in about.items() if isinstance(v, str)},
        answers=clean,
        source=source,
    )


def load_persona_file(path: Path) -> Persona:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise PersonaError(path=str(path), reason=N_("it is not a readable TOML file.")) from exc
    return parse_persona(data, str(path))


def load_personas(user_dir: str | Path | None = None) -> tuple[list[Persona], list[PersonaError]]:
    """The shipped personas, then those in the user dialogues folder's ``personas/``; and the files that failed."""
    found: list[Persona] = []
    failed: list[PersonaError] = []
    shipped = resources.files("dialogues") / "personas"
    files = [Path(str(p)) for p in shipped.iterdir() if p.name.endswith(".toml")] if shipped.is_dir() else []
    user = user_dialogues_dir(user_dir) / "personas"
    try:
        files += sorted(user.glob("*.toml")) if user.is_dir() else []
    except OSError:
        pass
    for file in sorted(files, key=lambda p: (not str(p).startswith(str(shipped)), p.name)):
        try:
            found.append(load_persona_file(file))
        except PersonaError as exc:
            failed.append(exc)
    return found, failed


# -- playing ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Turn:
    """One answer now in force: what was asked, what was said, and by whom."""

    number: int
    state: str
    slot: str | None
    item: int | None
    asked: str
    text: str
    skipped: bool
    typed: bool  # the trainer typed it (a branch), not the persona


@dataclass
class PlanPart:
    """One part of the drafted plan and the answers (turn numbers) it came from."""

    heading: str
    text: str
    answers: list[int] = field(default_factory=list)


class DemoPlayer:
    """One demonstration: a persona (or nobody: the trainer types) on a fresh demo case."""

    def __init__(self, store: Store, journey: Journey, persona: Persona | None, lang: str) -> None:
        self.journey = journey
        self.persona = persona
        self.lang = normalise_lang(lang)
        handle = store.create_case(journey=journey.id, lang=self.lang, status=STATUS_IN_PROGRESS, name="")
        try:
            handle.append_event({"type": "start", "journey": journey.id, "lang": self.lang})
            self.conversation = Conversation(handle, journey, self.lang, created_here=True)
        except BaseException:
            handle.close()
            raise
        self.typed: set[int] = set()  # positions in the event history of answers the trainer typed
        self.refused: dict[tuple[str | None, int], int] = {}
        self.last: Reply | None = None

    # -- where we are --------------------------------------------------------------------
    @property
    def prompt(self) -> Prompt:
        return self.conversation.prompt()

    @property
    def finished(self) -> bool:
        return self.conversation.finished

    @property
    def state(self) -> str:
        return self.conversation.model.state

    def visited(self) -> list[str]:
        """The states the answers now in force went through, in order."""
        stack, _ = effective_events(self.conversation.events)
        return [ev["state"] for ev in stack]

    def next_answer(self) -> str | None:
        """What the persona says to the question on screen (None: no persona, or nothing to say)."""
        prompt = self.prompt
        if prompt.final:
            return None
        if prompt.kind == "info":
            return ""
        if self.persona is None:
            return None
        answers = self.persona.answers_in(self.lang).get(prompt.slot or "", [])
        given = sum(1 for t in self.turns() if t.slot == prompt.slot)
        index = given + self.refused.get((prompt.slot, given), 0)
        return answers[index] if index < len(answers) else None

    # -- moving --------------------------------------------------------------------------
    def step(self) -> Reply:
        """The persona answers (or skips, when it has no answer) the question on screen."""
        answer = self.next_answer()
        prompt = self.prompt
        if answer is None and prompt.kind != "info":
            return self._record(self.conversation.skip())
        slot, given = prompt.slot, sum(1 for t in self.turns() if t.slot == prompt.slot)
        reply = self._record(self.conversation.respond(answer or ""))
        if reply.invalid:
            self.refused[(slot, given)] = self.refused.get((slot, given), 0) + 1
        return reply

    def answer(self, text: str) -> Reply:
        """The trainer's own answer: from here the path may branch."""
        before = len(self.conversation.events)
        reply = self._record(self.conversation.respond(text))
        events = self.conversation.events
        if len(events) > before and events[-1]["type"] in ("answer", "skip") and not reply.invalid:
            self.typed.add(len(events) - 1)
        return reply

    def back(self) -> Reply:
        return self._record(self.conversation.back())

    def _record(self, reply: Reply) -> Reply:
        if self.conversation.declined:
            self.typed.clear()  # the history was cut down to the no
        self.last = reply
        return reply

    def close(self) -> None:
        self.conversation.close()

    # -- what was said ------------------------------------------------------------------------
    def turns(self) -> list[Turn]:
        events = self.conversation.events
        stack, _ = effective_events(events)
        positions = {id(ev): i for i, ev in enumerate(events)}
        out = []
        for number, ev in enumerate(stack, start=1):
            out.append(Turn(
                number=number,
                state=ev["state"],
                slot=ev.get("slot"),
                item=ev.get("item"),
                asked=ev.get("prompt") or "",
                text=ev.get("text") or "",
                skipped=ev["type"] == "skip",
                typed=positions.get(id(ev)) in self.typed,
            ))
        return out

    def plan(self) -> Plan | None:
        return self.conversation.plan()

    def plan_parts(self) -> list[PlanPart]:
        plan = self.plan()
        return plan_parts(plan, self.turns(), self.lang) if plan else []


def plan_parts(plan: Plan, turns: list[Turn], lang: str) -> list[PlanPart]:
    """The plan part by part, each with the numbers of the answers it came from."""
    t = translator(lang)
    _ = t.gettext

    def find(slot: str, item: int | None = None) -> list[int]:
        hits = [x.number for x in turns if x.slot == slot and (item is None or x.item == item) and not x.skipped]
        return hits[-1:]

    parts: list[PlanPart] = []
    if plan.name:
        parts.append(PlanPart(_("Name"), plan.name, find("name")))
    if plan.everyday:
        parts.append(PlanPart(_("Everyday life"), plan.everyday, find("everyday")))
    if plan.good_now:
        parts.append(PlanPart(_("What works now"), plan.good_now, find("good_now")))
    source = plan.purpose_source or {}
    first = next((g for g in plan.goals if g.id == source.get("goal")), None)
    purpose_from = (find("dream", first.item) + find("why", first.item)) if first else []
    parts.append(PlanPart(_("Purpose"), plan.purpose, purpose_from))
    for goal in plan.goals:
        n = goal.priority
        parts.append(PlanPart(_("Goal {n}").format(n=n), goal.text,
                              find("first_step", goal.item) or find("dream", goal.item)))
        if goal.dream:
            parts.append(PlanPart(_("Goal {n}: dream").format(n=n), goal.dream, find("dream", goal.item)))
        if goal.success_criterion:
            parts.append(PlanPart(_("Goal {n}: success criterion").format(n=n), goal.success_criterion,
                                  find("sign", goal.item)))
        if goal.due:
            parts.append(PlanPart(_("Goal {n}: date").format(n=n), t.date(_iso(goal.due)), find("when", goal.item)))
        if goal.helpers:
            parts.append(PlanPart(_("Goal {n}: who helps").format(n=n), goal.helpers, find("helpers", goal.item)))
        if goal.motivation is not None:
            text = str(goal.motivation) + (f" — {goal.motivation_up}" if goal.motivation_up else "")
            parts.append(PlanPart(_("Goal {n}: motivation").format(n=n), text,
                                  find("motivation", goal.item) + find("motivation_up", goal.item)))
        if goal.citizen_response:
            labels = {"agree": N_("Agree"), "partly": N_("Partly"), "disagree": N_("Disagree")}
            text = t.label(labels, goal.citizen_response) if goal.citizen_response in labels else goal.citizen_response
            if goal.citizen_comment:
                text += f" — {goal.citizen_comment}"
            parts.append(PlanPart(_("Goal {n}: the citizen's view").format(n=n), text,
                                  find("review", n) + find("review_comment", n)))
    if plan.remarks:
        parts.append(PlanPart(_("Remarks"), plan.remarks, find("remarks")))
    for point in plan.open_points:
        parts.append(PlanPart(_("Open point"), point, []))
    return parts


def _iso(value: str):
    import datetime as dt

    return dt.date.fromisoformat(value)


def step_info(journey: Journey, state: str, lang: str) -> dict[str, str]:
    """What the method panel says about ``state``: method, its meaning, note, phase and use in the plan."""
    _ = translator(lang).gettext
    step = step_of(journey, state)
    use = SLOT_USE.get(step.slot or "") if step.slot else INFO_USE
    return {
        "method": _(METHOD_NAME.get(step.method, step.method)),
        "method_text": _(METHOD_TEXT[step.method]) if step.method in METHOD_TEXT else "",
        "note": _(step.trainer_note),
        "phase": _(PHASE_NAME.get(step.phase, step.phase)),
        "slot": step.slot or "—",
        "use": _(use or NO_USE),
    }


def branches(journey: Journey, state: str, lang: str) -> list[tuple[str, str]]:
    """The ways on from ``state``, in the order the engine tries them: (destination, condition in words)."""
    _ = translator(lang).gettext
    out = []
    for t in journey.transitions:
        sources = t.get("source")
        sources = sources if isinstance(sources, list) else [sources]
        if state not in sources and "*" not in sources:
            continue
        words = [describe_condition(c, _) for c in _as_list(t.get("conditions"))]
        words += [_("not: {condition}").format(condition=describe_condition(c, _)) for c in _as_list(t.get("unless"))]
        out.append((t["dest"], _(" and ").join(words) if words else _("otherwise")))
    return out


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
