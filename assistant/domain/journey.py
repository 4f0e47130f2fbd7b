"""Journeys as data: a TOML file in :mod:`dialogues` becomes a :class:`Journey`.

The file's ``states`` and ``transitions`` tables are handed to ``transitions``
almost as they are; the extra keys on a state (kind, slot, phase, method, prompt,
choices, trainer note …) describe the question asked in that state.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from assistant.common.errors import JourneyError, UnknownJourney
from assistant.common.i18n import N_
from assistant.domain.question import ANSWERED_BY, PHASES  # kept there: a face shows a question without this module

# What a dialogue file may ask (the safety step and the direct question are built in).
KINDS = tuple(k for k in ANSWERED_BY if k not in ("safety", "safety_check"))
METHODS = (
    "information",
    "open question",
    "appreciative question",
    "dream question",
    "scaling question",
    "reflection",
    "summary",
)
REPEATS = (None, "dream", "goal", "area")
# Other wordings of a step (``prompt_<variant>``): a later dream, after a disagreement,
# with no goals, an agreed plan, after a non-answer ("ved ikke": asked another way), and the
# follow-up's wording for a young person (``youth``).
VARIANTS = ("again", "disagree", "partly", "no_goals", "agreed", "unsure", "wish", "changed", "youth")
# Data files beside the journeys that are not journeys themselves (read by assistant.domain.safety).
DATA_FILES = ("safety.toml", "nonanswers.toml")

# Built-in choices for yes/no questions (labels are message ids).
YES_NO = (("yes", N_("Yes")), ("no", N_("No")))


@dataclass(frozen=True)
class ChoiceSpec:
    value: str
    label: str  # message id


@dataclass(frozen=True)
class Area:
    """A life area a journey goes through one at a time (Barnets lov's five attention points)."""

    value: str
    label: str  # message id: the words the young person reads
    official: str  # message id: the law's name, for the caseworker


@dataclass(frozen=True)
class HelpLine:
    """Where help is now, shown when a conversation meets a person in distress."""

    name: str
    number: str
    note: str  # message id


@dataclass(frozen=True)
class Step:
    """One question (or message) of a journey; ``name`` is its state."""

    name: str
    kind: str
    phase: str
    method: str
    prompt: str
    trainer_note: str
    slot: str | None = None
    repeat: str | None = None
    final: bool = False
    choices: tuple[ChoiceSpec, ...] = ()
    choices_from: str | None = None
    variants: dict[str, str] = field(default_factory=dict)
    scale: tuple[int, int] = (0, 10)
    on_enter: tuple[str, ...] = ()
    # "Anything else?" — a plain "nej"/"no" means nothing to add, not a remark reading »Nej«.
    no_means_nothing: bool = False


@dataclass(frozen=True)
class Journey:
    id: str
    title: str
    initial: str
    max_dreams: int
    steps: dict[str, Step]
    transitions: tuple[dict[str, Any], ...]
    source: str
    areas: tuple[Area, ...] = ()
    help_lines: tuple[HelpLine, ...] = ()
    # The plan this journey drafts: "handleplan" (Serviceloven § 141) or "barnets_plan" (Barnets lov).
    plan_kind: str = "handleplan"

    def area(self, value: str | None) -> Area | None:
        return next((a for a in self.areas if a.value == value), None)

    def step(self, state: str) -> Step:
        """The step of ``state`` in this journey (the safety check, which every journey asks
        after a sign of distress, is not one: see :func:`assistant.domain.engine.step_of`)."""
        return self.steps[state]

    def machine_states(self) -> list[dict[str, Any]]:
        return [
            {"name": s.name, "on_enter": list(s.on_enter), "final": s.final}
            for s in self.steps.values()
        ]

    def messages(self) -> list[tuple[int, str, str]]:
        """(line, message, context note) for every translatable text, for extraction."""
        out = [(0, self.title, "journey title")]
        for s in self.steps.values():
            out.append((0, s.prompt, f"{s.name}: {s.trainer_note}"))
            out.extend((0, v, f"{s.name} ({k})") for k, v in s.variants.items())
            out.append((0, s.trainer_note, f"{s.name}: note for trainers"))
            out.extend((0, c.label, f"{s.name}: choice") for c in s.choices)
        for a in self.areas:
            out.append((0, a.label, f"area {a.value}: as the young person reads it"))
            out.append((0, a.official, f"area {a.value}: the law's name"))
        out.extend((0, h.note, f"help line {h.name}") for h in self.help_lines)
        return out


def _fail(journey: str, reason: str) -> JourneyError:
    return JourneyError(journey=journey, reason=reason)


def parse_journey(data: dict[str, Any], source: str) -> Journey:
    """Validate a journey's data and build it; errors name the offending step."""
    head = data.get("journey", {})
    jid = head.get("id") or source
    steps: dict[str, Step] = {}
    for raw in data.get("states", []):
        name = raw.get("name")
        if not name or name in steps:
            raise _fail(jid, f"state {name!r} is missing or repeated")
        kind = raw.get("kind", "text")
        if kind not in KINDS:
            raise _fail(jid, f"state {name}: unknown kind {kind!r}")
        if raw.get("phase") not in PHASES:
            raise _fail(jid, f"state {name}: phase must be one of {', '.join(PHASES)}")
        if raw.get("method") not in METHODS:
            raise _fail(jid, f"state {name}: method must be one of {', '.join(METHODS)}")
        if raw.get("repeat") not in REPEATS:
            raise _fail(jid, f"state {name}: repeat must be 'dream', 'goal' or 'area'")
        if not raw.get("prompt") or not raw.get("trainer_note"):
            raise _fail(jid, f"state {name}: prompt and trainer_note are required")
        if kind not in ("info",) and not raw.get("slot"):
            raise _fail(jid, f"state {name}: a question needs a slot")
        choices = tuple(ChoiceSpec(str(c["value"]), c["label"]) for c in raw.get("choices", []))
        if kind in ("choice", "review") and not choices and not raw.get("choices_from"):
            raise _fail(jid, f"state {name}: a {kind} question needs choices")
        variants = {k[len("prompt_"):]: v for k, v in raw.items() if k.startswith("prompt_")}
        for variant, text in variants.items():
            if variant not in VARIANTS:
                raise _fail(jid, f"state {name}: unknown wording prompt_{variant} (known: {', '.join(VARIANTS)})")
            if not isinstance(text, str) or not text.strip():
                raise _fail(jid, f"state {name}: prompt_{variant} is empty")
        if "unsure" in variants and kind != "text":
            raise _fail(jid, f"state {name}: prompt_unsure is for questions answered in words (kind text)")
        steps[name] = Step(
            name=name,
            kind=kind,
            phase=raw["phase"],
            method=raw["method"],
            prompt=raw["prompt"],
            trainer_note=raw["trainer_note"],
            slot=raw.get("slot"),
            repeat=raw.get("repeat"),
            final=bool(raw.get("final", False)),
            choices=choices,
            choices_from=raw.get("choices_from"),
            variants=variants,
            scale=tuple(raw.get("scale", (0, 10))),
            on_enter=tuple(raw.get("on_enter", ())),
            no_means_nothing=bool(raw.get("no_means_nothing", False)),
        )
    initial = head.get("initial")
    if initial not in steps:
        raise _fail(jid, f"initial state {initial!r} is not a state")
    transitions = tuple(data.get("transitions", []))
    for t in transitions:
        for end in ("source", "dest"):
            names = t.get(end)
            for n in names if isinstance(names, list) else [names]:
                if n != "*" and n not in steps:
                    raise _fail(jid, f"transition {end} {n!r} is not a state")
    for s in steps.values():
        if not s.final and not any(
            t.get("source") in (s.name, "*") or s.name in (t.get("source") or [])
            for t in transitions
        ):
            raise _fail(jid, f"state {s.name} is not final and has no way out")
    try:
        areas = tuple(Area(str(a["value"]), a["label"], a["official"]) for a in head.get("areas", []))
        help_lines = tuple(HelpLine(h["name"], str(h["number"]), h["note"]) for h in head.get("help_lines", []))
    except (KeyError, TypeError) as exc:
        raise _fail(jid, f"areas and help_lines need value/label/official and name/number/note ({exc})") from None
    if any(s.repeat == "area" for s in steps.values()) and not areas:
        raise _fail(jid, "a step repeats per area, but the journey names no areas")
    return Journey(
        id=jid,
        title=head.get("title", jid),
        initial=initial,
        max_dreams=int(head.get("max_dreams", 3)),
        steps=steps,
        transitions=transitions,
        source=source,
        areas=areas,
        help_lines=help_lines,
        plan_kind=head.get("plan_kind", "handleplan"),
    )


def load_journey_file(path: str | Path) -> Journey:
    import tomllib

    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise _fail(path.stem, str(exc)) from exc
    return parse_journey(data, path.stem)


def journey_ids() -> list[str]:
    from importlib import resources

    return sorted(
        p.name[: -len(".toml")]
        for p in resources.files("dialogues").iterdir()
        if p.name.endswith(".toml") and p.name not in DATA_FILES
    )


@lru_cache(maxsize=None)
def load_journey(journey_id: str) -> Journey:
    """A shipped journey by id (``adult`` …)."""
    import tomllib
    from importlib import resources

    resource = resources.files("dialogues") / f"{journey_id.replace('/', '')}.toml"
    if not journey_id.replace("-", "").isalnum() or not resource.is_file():
        raise UnknownJourney(journey=journey_id[:40])
    data = tomllib.loads(resource.read_text(encoding="utf-8"))
    return parse_journey(data, journey_id)
