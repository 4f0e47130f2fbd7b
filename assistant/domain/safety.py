"""Signs of distress and non-answers in what a citizen typed; the flag on the case.

The words are data (``dialogues/safety.toml``, ``dialogues/nonanswers.toml``),
read and checked once per process. This module knows nothing of screens:
:class:`assistant.services.conversation.Conversation` asks :func:`signs` and
:func:`non_answer` about every typed answer, shows :func:`safety_step` when a
sign is seen, and records the flag with :func:`raise_flag`. The caseworker's
faces read :func:`flags` / :func:`open_flags` and call :func:`mark_handled`.

A flag says which kind of sign was seen and when — never the words, never a
diagnosis. It lives in the case's meta (so the case list reads it cheaply), with
an event in the history and an entry in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from assistant.common.errors import JourneyError
from assistant.common.i18n import N_, Translator
from assistant.domain.journey import ChoiceSpec, Step
from assistant.common.text import clean
from assistant.common.errors import CaseworkError

SAFETY_FILE = "safety.toml"
NON_ANSWER_FILE = "nonanswers.toml"
KINDS = ("suicide", "self_harm", "violence", "abuse", "child_at_risk")
NON_ANSWER_KINDS = ("dont_know", "nothing")
SAFETY_STATE = "safety"  # the name the safety step has in prompts (it is not a state of the journey)
CHOICES = ("continue", "pause", "stop")
GAP = 4  # "..." in a pattern: up to this many other words
TRAIL_RAISED = "safety.flag"
TRAIL_HANDLED = "safety.handled"


def fold(text: str) -> str:
    """Text as patterns compare it: lower case, æøå spelled out, no punctuation,
    doubled letters once, single spaces."""
    text = clean(text).casefold()
    for a, b in (("æ", "ae"), ("ø", "oe"), ("å", "aa"), ("ä", "ae"), ("ö", "oe"), ("ü", "u"), ("é", "e")):
        text = text.replace(a, b)
    text = re.sub(r"['’‘`´]", "", text)
    text = re.sub(r"[\W_]+", " ", text)
    text = re.sub(r"(\w)\1+", r"\1", text)
    return " ".join(text.split())


def _fold_words(text: str) -> list[str]:
    return fold(text).split()


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    """A pattern from the data file as a regular expression over folded words."""
    return re.compile(_source(pattern, where))


def _source(pattern: str, where: str) -> str:
    """The regular expression of a pattern from the data file (checked: a mistake is named)."""
    pieces: list[str] = []
    gap = False
    for token in pattern.split():
        if token in ("...", "…"):
            if not pieces or gap:
                raise JourneyError(journey=SAFETY_FILE, reason=f"{where}: '...' must stand between two words")
            gap = True
            continue
        words = []
        for alternative in token.split("|"):
            star = alternative.endswith("*")
            word = " ".join(_fold_words(alternative.rstrip("*")))
            if not word or " " in word or "*" in alternative.rstrip("*"):
                raise JourneyError(journey=SAFETY_FILE, reason=f"{where}: {alternative!r} is not one word")
            words.append(re.escape(word) + (r"\w*" if star else ""))
        piece = "(?:" + "|".join(words) + ")"
        if gap:
            piece = rf"(?:\w+ ){{0,{GAP}}}" + piece
            gap = False
        pieces.append(piece)
    if not pieces or gap:
        raise JourneyError(journey=SAFETY_FILE, reason=f"{where}: {pattern!r} has no words or ends in '...'")
    return r"(?:^| )" + " ".join(pieces) + r"(?= |$)"


@dataclass(frozen=True)
class HelpLine:
    text: str  # message id
    kinds: tuple[str, ...] = ()  # empty: for every kind of sign


@dataclass(frozen=True)
class SafetyData:
    step: Step
    stopped: str  # message id: said when the citizen chooses to stop
    help: tuple[HelpLine, ...]
    kind_labels: dict[str, str]  # kind → message id
    patterns: tuple[tuple[str, str], ...]  # (kind, regular expression), every language; compiled by _patterns()
    dont_know: frozenset[str]
    nothing: frozenset[str]
    fillers: tuple[tuple[str, ...], ...]


def _read(name: str) -> dict[str, Any]:
    try:
        return tomllib.loads((resources.files("dialogues") / name).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise JourneyError(journey=name, reason=str(exc)) from exc


def parse_safety(data: dict[str, Any]) -> tuple[Step, str, tuple[HelpLine, ...], dict[str, str]]:
    """The safety step, the stop sentence, the help lines and the kind labels (checked)."""
    head = data.get("safety") or {}
    for key in ("prompt", "trainer_note", "stopped"):
        if not isinstance(head.get(key), str) or not head[key].strip():
            raise JourneyError(journey=SAFETY_FILE, reason=f"[safety] needs {key}")
    if "{help}" not in head["prompt"]:
        raise JourneyError(journey=SAFETY_FILE, reason="[safety] prompt must show {help}")
    choices = tuple(ChoiceSpec(str(c.get("value")), str(c.get("label", ""))) for c in head.get("choices", []))
    if sorted(c.value for c in choices) != sorted(CHOICES) or not all(c.label for c in choices):
        raise JourneyError(journey=SAFETY_FILE, reason=f"[safety] choices must be {', '.join(CHOICES)}, each with a label")
    step = Step(
        name=SAFETY_STATE,
        kind="safety",
        phase="preparation",
        method=head.get("method", "information"),
        prompt=head["prompt"],
        trainer_note=head["trainer_note"],
        choices=choices,
    )
    kind_labels = dict(data.get("kinds") or {})
    if sorted(kind_labels) != sorted(KINDS):
        raise JourneyError(journey=SAFETY_FILE, reason=f"[kinds] must name {', '.join(KINDS)}")
    lines = []
    for raw in data.get("help", []):
        kinds = tuple(raw.get("kinds", ()))
        if not raw.get("text") or any(k not in KINDS for k in kinds):
            raise JourneyError(journey=SAFETY_FILE, reason=f"[[help]] {raw!r}: needs text and known kinds")
        lines.append(HelpLine(raw["text"], kinds))
    if not lines:
        raise JourneyError(journey=SAFETY_FILE, reason="[[help]] lines are missing")
    return step, head["stopped"], tuple(lines), kind_labels


def messages(data: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(line, message, note) for every translatable text of the safety file (for extraction)."""
    step, stopped, help_lines, kind_labels = parse_safety(data)
    out = [(0, step.prompt, f"safety: {step.trainer_note}"), (0, step.trainer_note, "safety: note for trainers"),
           (0, stopped, "safety: the citizen chose to stop")]
    out += [(0, c.label, "safety: choice") for c in step.choices]
    out += [(0, line.text, "safety: where help is") for line in help_lines]
    out += [(0, label, "safety: kind of sign, for the caseworker") for label in kind_labels.values()]
    return out


@lru_cache(maxsize=1)
def data() -> SafetyData:
    """The safety and non-answer files, read and checked once."""
    safety = _read(SAFETY_FILE)
    step, stopped, help_lines, kind_labels = parse_safety(safety)
    patterns = []
    for lang, table in (safety.get("signs") or {}).items():
        for kind, items in table.items():
            if kind not in KINDS:
                raise JourneyError(journey=SAFETY_FILE, reason=f"[signs.{lang}] unknown kind {kind!r}")
            patterns += [(kind, _source(p, f"[signs.{lang}] {kind}")) for p in items]
    if not patterns:
        raise JourneyError(journey=SAFETY_FILE, reason="there are no [signs]")
    unsure = _read(NON_ANSWER_FILE)
    dont_know: set[str] = set()
    nothing: set[str] = set()
    fillers: set[tuple[str, ...]] = set()
    for lang, table in (unsure.get("nonanswers") or {}).items():
        for key in table:
            if key not in (*NON_ANSWER_KINDS, "fillers"):
                raise JourneyError(journey=NON_ANSWER_FILE, reason=f"[nonanswers.{lang}] unknown list {key!r}")
        dont_know.update(" ".join(_fold_words(p)) for p in table.get("dont_know", []))
        nothing.update(" ".join(_fold_words(p)) for p in table.get("nothing", []))
        fillers.update(tuple(_fold_words(p)) for p in table.get("fillers", []))
    dont_know.discard("")
    nothing.discard("")
    if not dont_know or not nothing:
        raise JourneyError(journey=NON_ANSWER_FILE, reason="the dont_know and nothing lists are needed")
    return SafetyData(step, stopped, help_lines, kind_labels, tuple(patterns), frozenset(dont_know),
                      frozenset(nothing), tuple(sorted(f for f in fillers if f)))


_COMPILING = threading.Lock()
_compiled: tuple[SafetyData, tuple[tuple[str, re.Pattern[str]], ...]] | None = None
_warming: threading.Thread | None = None


def _patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The signs' patterns compiled (some 100 ms for every language's): once, when first needed."""
    global _compiled
    checked = data()
    done = _compiled
    if done is None or done[0] is not checked:
        with _COMPILING:
            done = _compiled
            if done is None or done[0] is not checked:
                done = _compiled = (checked, tuple((kind, re.compile(source)) for kind, source in checked.patterns))
    return done[1]


def warm_up() -> None:
    """Compile the signs' patterns in the background, once per process. The faces call it once
    the first question is on screen: the first answer needs them, the first question does not."""
    global _warming
    with _COMPILING:
        if _warming is not None or _compiled is not None:
            return
        _warming = threading.Thread(target=_patterns, name="safety-warm-up", daemon=True)
        _warming.start()


# -- reading answers ------------------------------------------------------------
def signs(text: str) -> list[str]:
    """The kinds of sign of distress or danger in ``text`` (empty: none seen)."""
    if not text or not text.strip():
        return []
    words = " ".join(_fold_words(text))
    found = {kind for kind, pattern in _patterns() if pattern.search(words)}
    return [k for k in KINDS if k in found]


def non_answer(text: str) -> str | None:
    """``dont_know`` or ``nothing`` when the whole answer says only that; else None."""
    if text and text.strip() and not re.sub(r"[\s?.…!¿]", "", text):
        return "dont_know"  # "?", "...", "??"
    words = _fold_words(text or "")
    d = data()
    changed = True
    while words and changed:
        changed = False
        for filler in d.fillers:
            n = len(filler)
            if tuple(words[:n]) == filler and len(words) > n:
                words, changed = words[n:], True
            elif tuple(words[-n:]) == filler and len(words) > n:
                words, changed = words[:-n], True
    phrase = " ".join(words)
    if phrase in d.dont_know:
        return "dont_know"
    if phrase in d.nothing:
        return "nothing"
    return None


# -- what the citizen is told --------------------------------------------------------
def safety_step() -> Step:
    return data().step


def help_lines(kinds: list[str], t: Translator) -> list[str]:
    """Where help is now, for these kinds of sign, in the citizen's language (the specific lines first)."""
    fitting = [line for line in data().help if not line.kinds or set(line.kinds) & set(kinds)]
    fitting.sort(key=lambda line: not line.kinds)  # the line for this kind of sign first
    return [t.gettext(line.text) for line in fitting]


def stopped_message(t: Translator) -> str:
    return t.gettext(data().stopped)


def kind_label(kind: str, t: Translator) -> str:
    labels = data().kind_labels
    return t.gettext(labels[kind]) if kind in labels else kind


def kinds_text(kinds: list[str], t: Translator) -> str:
    return ", ".join(kind_label(k, t) for k in kinds)


# -- the flag on the case -----------------------------------------------------------
def flags(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Every flag of a case (from its meta), oldest first."""
    return [f for f in meta.get("flags") or [] if isinstance(f, dict)]


def open_flags(meta: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in flags(meta) if not f.get("handled")]


def raise_flag(handle, kinds: list[str], *, state: str, item: int | None, at: str) -> tuple[dict, dict]:
    """Record a sign on the case: meta flag, history event, audit-trail entry (one batch is the caller's).

    Returns the flag and the history event."""
    meta = handle.meta
    current = flags(meta)
    flag = {"id": len(current) + 1, "kinds": list(kinds), "at": at, "state": state, "item": item,
            "choice": None, "handled": None}
    handle.update_meta(flags=current + [flag])
    event = handle.append_event({"type": "distress", "flag": flag["id"], "kinds": list(kinds), "state": state,
                                 "item": item})
    handle.add_doc("trail", {"at": at, "who": "", "what": TRAIL_RAISED, "old": None,
                             "new": {"flag": flag["id"], "kinds": list(kinds), "state": state},
                             "version": (handle.get_doc("casework") or {}).get("version", 1)})
    return flag, event


def record_choice(handle, choice: str) -> None:
    """What the citizen chose after the latest sign (go on, pause, stop)."""
    current = flags(handle.meta)
    for flag in reversed(current):
        if flag.get("choice") is None:
            flag["choice"] = choice
            break
    handle.update_meta(flags=current)


def mark_handled(handle, note: str, user: str, *, at: str) -> int:
    """Mark every open flag handled with the caseworker's note; how many were open."""
    note = " ".join(clean(note or "").split())
    if not note:
        raise CaseworkError(reason=N_("write a note on what was done."))
    current = flags(handle.meta)
    still_open = [f for f in current if not f.get("handled")]
    if not still_open:
        raise CaseworkError(reason=N_("there is no open sign of distress on this case."))
    with handle.batch():
        for flag in still_open:
            flag["handled"] = {"at": at, "by": user, "note": note}
        handle.update_meta(flags=current)
        handle.add_doc("trail", {"at": at, "who": user, "what": TRAIL_HANDLED, "old": None,
                                 "new": {"flags": [f["id"] for f in still_open], "note": note},
                                 "version": (handle.get_doc("casework") or {}).get("version", 1)})
    return len(still_open)


def flag_when(flag: dict[str, Any], t: Translator) -> str:
    """When a flag was raised, as the caseworker reads it (local time)."""
    try:
        moment = dt.datetime.fromisoformat(flag["at"]).astimezone()
    except (KeyError, TypeError, ValueError):
        return str(flag.get("at", ""))
    return f"{t.date(moment.date())} {moment:%H:%M}"


def citizen_transcript(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The conversation as the citizen's own plan carries it: without the flag.

    The citizen's answers stay as said; the records made for the caseworker (the
    sign seen, the safety check's choice) are left out.
    """
    return [{k: v for k, v in ev.items() if k != "signs"} for ev in events
            if ev.get("type") != "distress" and "safety" not in ev]


def citizen_plan(plan: dict[str, Any]) -> dict[str, Any]:
    """The plan as the citizen's own channels carry it: every conversation in it (the first
    and each follow-up) without the flag."""
    plan = {**plan, "transcript": citizen_transcript(plan.get("transcript") or [])}
    if plan.get("followups"):
        plan["followups"] = [{**f, "transcript": citizen_transcript(f.get("transcript") or [])}
                             for f in plan["followups"]]
    return plan


FLAG_SEEN = N_("{when}: {kinds}.")
FLAG_CHOICE = N_("The citizen chose: {choice}.")
FLAG_NO_CHOICE = N_("The citizen has not answered the safety question yet.")
FLAG_OPEN = N_("Not handled yet.")
FLAG_HANDLED = N_("Handled {when} by {who}: {note}")


def describe_flag(flag: dict[str, Any], t: Translator) -> str:
    """One flag in words for the caseworker: when, what kind, what the citizen chose, handled or not."""
    _ = t.gettext
    parts = [_(FLAG_SEEN).format(when=flag_when(flag, t), kinds=kinds_text(flag.get("kinds") or [], t))]
    labels = {c.value: c.label for c in data().step.choices}
    choice = flag.get("choice")
    parts.append(_(FLAG_CHOICE).format(choice=_(labels[choice])) if choice in labels else _(FLAG_NO_CHOICE))
    handled = flag.get("handled")
    if handled:
        parts.append(_(FLAG_HANDLED).format(when=flag_when(handled, t), who=clean(str(handled.get("by", ""))),
                                            note=clean(str(handled.get("note", "")))))
    else:
        parts.append(_(FLAG_OPEN))
    return " ".join(" ".join(parts).split())


# --- two tiers: interim assess until the detector lands ---
# Replaced by the new detector (its own ``assess`` and ``direct_question_kind``): until then a
# sign found by :func:`signs` is "clear", and nothing is ever "possible".
@dataclass(frozen=True)
class Assessment:
    tier: str  # "none" | "possible" | "clear"
    kinds: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()


def assess(text: str) -> Assessment:
    """How sure a sign in ``text`` is: "clear" when :func:`signs` finds one, else "none"."""
    found = signs(text)
    return Assessment("clear", tuple(found)) if found else Assessment("none")


def direct_question_kind(kinds) -> str:
    """Which direct question a possible sign asks: about suicide, or about danger."""
    return "suicide" if "suicide" in kinds or "self_harm" in kinds else "danger"
