"""Writing dialogues: the checks (``borgerrejse lint``), user dialogues, the Mermaid diagram.

A dialogue file is TOML (see docs/dialogue-guide.md). The shipped ones in
:mod:`dialogues` keep their texts as English message ids with the Danish in the
gettext catalogs; a trainer's own file (in the user dialogues folder) carries
both languages inside itself: every text may be a table ``{ en = "…", da = "…" }``.

:func:`lint_file` reports each problem with the file, the line and a sentence
saying how to fix it; :func:`load_user_journey` runs the same checks, so a broken
file gives that sentence (a :class:`~assistant.common.errors.JourneyError`), never a traceback.
"""

from __future__ import annotations

import difflib
import gettext as _gettext
import os
import re
import string
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from assistant.domain.engine import JourneyModel
from assistant.common.errors import JourneyError
from assistant.common.i18n import N_, translations, translator
from assistant.domain.journey import KINDS, METHODS, PHASES, REPEATS, Journey, parse_journey
from assistant.domain.lix import lix
from assistant.domain.journey import journey_ids, load_journey
from assistant.services.followup import FollowUpModel
from assistant.services.changes import ChangesModel

MAX_LIX = 35
DIALOGUES_ENV = "BORGERREJSE_DIALOGUES"

# -- the fields a file may have ----------------------------------------------------------
JOURNEY_FIELDS = ("id", "title", "initial", "max_dreams", "plan_kind", "areas", "help_lines")  # the last three: youth.toml
STATE_FIELDS = (
    "name", "kind", "phase", "method", "prompt", "trainer_note", "slot", "repeat", "final",
    "choices", "choices_from", "scale", "on_enter", "no_means_nothing",
)
VARIANT_PREFIX = "prompt_"
TRANSITION_FIELDS = ("trigger", "source", "dest", "conditions", "unless", "before", "after")
CHOICE_FIELDS = ("value", "label")
TOP_FIELDS = ("journey", "states", "transitions")
TEXT_LANGS = ("en", "da")

# -- the documented conditions and callbacks (methods of JourneyModel) ----------------------
CONDITIONS: dict[str, str] = {
    "answered_yes": N_("the answer to the yes/no question was yes"),
    "answered_no": N_("the answer to the yes/no question was no"),
    "skipped": N_("the question was skipped"),
    "motivation_low": N_("the number on the motivation scale was 4 or lower"),
    "can_add_dream": N_("fewer dreams than the journey's max_dreams have been told"),
    "has_several_dreams": N_("more than one dream can become a goal"),
    "has_goals": N_("at least one dream can become a goal"),
    "has_more_goals": N_("there is another goal to review"),
    "has_several_wishes": N_("the dream just told holds several wishes (a list, \"og\", or one per line)"),
    "has_wish": N_("a wish told with an earlier dream is still to be offered as a dream of its own"),
    "has_alternative": N_("after a disagreement the citizen said what they would rather do"),
    "young_person": N_("a young person's conversation (Barnets lov), or a follow-up of one: dreams are tagged by area"),
}
CALLBACKS: dict[str, str] = {
    "new_dream": N_("starts a new dream: the questions with repeat = \"dream\" now belong to it"),
    "first_goal": N_("goes to the first goal, for the questions with repeat = \"goal\""),
    "next_goal": N_("goes to the next goal"),
    "mark_drafted": N_("drafts the plan from the answers so far"),
    "pick_wish": N_("keeps the wish the citizen picked as this dream; the others wait to be offered"),
    "take_wish": N_("starts a new dream from the wish offered"),
    "drop_wish": N_("lets the wish offered go (it stays in the conversation)"),
    "take_alternative": N_("makes what the citizen would rather do the goal's new first step"),
}
# What a condition looks at: the kind of question it follows, or a slot that must be asked.
CONDITION_NEEDS_KIND = {"answered_yes": "yesno", "answered_no": "yesno", "motivation_low": "scale"}
CONDITION_NEEDS_SLOT = {
    "motivation_low": "motivation",
    "can_add_dream": "dream",
    "has_several_dreams": "dream",
    "has_goals": "dream",
    "has_more_goals": "dream",
    "has_several_wishes": "dream",
    "has_wish": "dream",
}

# Slots the draft knows (drafting.py): their answers go into a fixed part of the plan.
CANONICAL_SLOT_KINDS = {
    "consent": "yesno",
    "name": "text",
    "everyday": "text",
    "good_now": "text",
    "dream": "text",
    "why": "text",
    "motivation": "scale",
    "motivation_up": "text",
    "first_step": "text",
    "helpers": "text",
    "sign": "text",
    "when": "choice",
    "another_dream": "yesno",
    "priority": "choice",
    "dream_pick": "choice",  # which of several wishes this dream is about
    "review": "review",
    "review_offer": "yesno",  # the citizen's own alternative as the new first step?
    "review_comment": "text",
    "remarks": "text",
}

KIND_LABEL = {
    "text": N_("a text question"),
    "choice": N_("a choice question"),
    "scale": N_("a scale question"),
    "yesno": N_("a yes/no question"),
    "review": N_("a goal review question"),
    "info": N_("an information step"),
}


def _known_methods(kind: str) -> dict[str, str]:
    """The documented set, plus any public method of JourneyModel added since (listed without a description).

    A dialogue can name nothing else: conditions and callbacks are methods of the engine's model.
    """
    documented = CONDITIONS if kind == "condition" else CALLBACKS
    extra = {
        name: "" for model in (JourneyModel, FollowUpModel, ChangesModel) for name in dir(model)
        if not name.startswith("_") and callable(getattr(model, name, None))
        and name not in CONDITIONS and name not in CALLBACKS and name not in _MODEL_PLUMBING
    }
    return {**documented, **extra}


_MODEL_PLUMBING = {"apply", "goal_order", "next", "trigger", "may_next", "to_dict"}


def describe_condition(name: str, gettext) -> str:
    text = CONDITIONS.get(name)
    return gettext(text) if text else name


# -- problems -----------------------------------------------------------------------------
@dataclass(frozen=True)
class Problem:
    path: str
    line: int
    message: str  # already in the reader's language
    error: bool = True

    def format(self, gettext) -> str:
        label = gettext("error") if self.error else gettext("warning")
        return f"{self.path}:{self.line}: {label}: {self.message}"


# -- where things are in the file ------------------------------------------------------------
_HEADER = re.compile(r"^\s*\[\[\s*(states|transitions)\s*\]\]")
_TABLE = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")


def _locate(text: str) -> dict[tuple[str, int | None, str | None], int]:
    """Line numbers: (table, index, key) → line; (table, index, None) is the table's header."""
    where: dict[tuple[str, int | None, str | None], int] = {}
    count = {"states": -1, "transitions": -1}
    current: tuple[str, int | None] = ("", None)
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            was, in_multiline = in_multiline, not in_multiline
            if was:
                continue
        elif in_multiline:
            continue
        if m := _HEADER.match(line):
            count[m.group(1)] += 1
            current = (m.group(1), count[m.group(1)])
            where.setdefault((*current, None), number)
        elif m := _TABLE.match(line):
            current = (m.group(1), None)
            where.setdefault((*current, None), number)
        elif m := _KEY.match(line):
            where.setdefault((*current, m.group(1)), number)
    return where


class _Checker:
    def __init__(self, path: str, text: str, gettext, *, shipped: bool) -> None:
        self.path = path
        self.text = text
        self._ = gettext
        self.shipped = shipped
        self.lines = _locate(text)
        self.problems: list[Problem] = []

    def line(self, table: str, index: int | None = None, key: str | None = None) -> int:
        return self.lines.get((table, index, key)) or self.lines.get((table, index, None)) or 1

    def add(self, line: int, message: str, *args: Any, error: bool = True, **kw: Any) -> None:
        self.problems.append(Problem(self.path, line, self._(message).format(*args, **kw), error))

    # -- field names ---------------------------------------------------------------------
    def fields(self, data: dict[str, Any], allowed: tuple[str, ...], table: str, index: int | None,
               what: str, *, variants: bool = False) -> None:
        for key in data:
            if key in allowed or (variants and key.startswith(VARIANT_PREFIX) and len(key) > len(VARIANT_PREFIX)):
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            line = self.line(table, index, key)
            if close:
                self.add(line, N_("Unknown field '{field}' in {what}. Did you mean '{suggestion}'?"),
                         field=key, what=self._(what), suggestion=close[0])
            else:
                self.add(line, N_("Unknown field '{field}' in {what}. The fields it can have are: {fields}."),
                         field=key, what=self._(what), fields=", ".join(allowed))

    # -- texts -----------------------------------------------------------------------------
    def text_field(self, value: Any, line: int, field: str, where: str, *, prompt: bool = False) -> None:
        """A text is a string (a shipped message id) or a table with en and da."""
        if value is None:
            return
        if isinstance(value, dict):
            unknown = [k for k in value if k not in TEXT_LANGS]
            if unknown:
                self.add(line, N_("{where}: {field} has the language '{lang}'. Write the text as "
                                  "{{ en = \"…\", da = \"…\" }}."), where=where, field=field, lang=unknown[0])
            for lang in TEXT_LANGS:
                if not isinstance(value.get(lang), str) or not value.get(lang, "").strip():
                    if lang == "da":
                        self.add(line, N_("{where}: {field} has no Danish text. Add da = \"…\" to it."),
                                 where=where, field=field)
                    else:
                        self.add(line, N_("{where}: {field} has no English text. Add en = \"…\" to it."),
                                 where=where, field=field)
            texts = {lang: value.get(lang) for lang in TEXT_LANGS if isinstance(value.get(lang), str)}
        elif isinstance(value, str):
            danish = _catalog_danish(value)
            if not danish:
                if self.shipped:
                    self.add(line, N_("{where}: {field} has no Danish translation in locales/da. "
                                      "Extract the texts and translate the new entry."), where=where, field=field)
                else:
                    self.add(line, N_("{where}: {field} has no Danish text. Write it as "
                                      "{{ en = \"…\", da = \"…\" }}."), where=where, field=field)
            texts = {"en": value, "da": danish} if danish else {"en": value}
        else:
            self.add(line, N_("{where}: {field} must be a text in quotes, or {{ en = \"…\", da = \"…\" }}."),
                     where=where, field=field)
            return
        if prompt:
            for lang, text in texts.items():
                if not text:
                    continue
                plain = re.sub(r"\{[^}]*\}", "x", text)
                score = lix(plain)
                if score > MAX_LIX:
                    self.add(line, N_("{where}: the {lang} {field} is hard to read (LIX {score}, at most {max}). "
                                      "Use shorter sentences and shorter words."),
                             where=where, field=field, lang=lang, score=round(score), max=MAX_LIX, error=False)
                bad = _unknown_placeholders(text)
                if bad:
                    self.add(line, N_("{where}: {field} uses {{{name}}}, which is not filled in. "
                                      "The names that work are: {names}."),
                             where=where, field=field, name=bad[0], names=", ".join(PLACEHOLDERS))


PLACEHOLDERS = ("name", "dream", "motivation", "n", "count", "goal", "criterion", "due", "follow_up",
                "wish", "alternative", "everyday", "good_now",
                "area",  # youth.toml: the Barnets lov area being talked about, by its everyday name
                "indicator",  # followup.toml: the goal's 0–4 indicator
                "change")  # changes.toml: the caseworker's change, before and now


def _unknown_placeholders(text: str) -> list[str]:
    try:
        names = [f for _, f, _, _ in string.Formatter().parse(text) if f is not None]
    except ValueError:
        return ["?"]
    return [n for n in names if n not in PLACEHOLDERS]


def _catalog_danish(message: str) -> str | None:
    """The Danish for a shipped message id (None when the catalog lacks it)."""
    catalog = getattr(translations("da"), "_catalog", {})
    value = catalog.get(message)
    return value if value else None


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def lint_text(text: str, path: str, lang: str = "da", *, shipped: bool = False) -> list[Problem]:
    """Every problem in the dialogue ``text`` (from file ``path``), in order of line."""
    _ = translator(lang).gettext
    c = _Checker(path, text, _, shipped=shipped)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        c.add(int(m.group(1)) if m else 1, N_("This is not valid TOML ({detail}). Check the quotes, "
                                                 "brackets and = signs on this line."), detail=str(exc))
        return c.problems
    c.fields(data, TOP_FIELDS, "", None, N_("the file"))
    head = data.get("journey")
    if not isinstance(head, dict):
        c.add(1, N_("The file has no [journey] table. Start it with [journey] and id, title and initial."))
        head = {}
    else:
        c.fields(head, JOURNEY_FIELDS, "journey", None, N_("[journey]"))
        for key in ("id", "initial"):
            if not isinstance(head.get(key), str) or not head.get(key):
                c.add(c.line("journey"), N_("[journey] needs {field} = \"…\"."), field=key)
        c.text_field(head.get("title"), c.line("journey", None, "title"), "title", "[journey]")
    states = data.get("states") or []
    transitions = data.get("transitions") or []
    if not isinstance(states, list) or not isinstance(transitions, list):
        c.add(1, N_("Write each state as [[states]] and each transition as [[transitions]]."))
        return c.problems

    steps: dict[str, dict[str, Any]] = {}
    state_index: dict[str, int] = {}
    slots: dict[str, str] = {}
    for i, raw in enumerate(states):
        if not isinstance(raw, dict):
            continue
        c.fields(raw, STATE_FIELDS, "states", i, N_("a state"), variants=True)
        name = raw.get("name")
        where_line = c.line("states", i)
        if not isinstance(name, str) or not name:
            c.add(where_line, N_("A state has no name. Add name = \"…\" to it."))
            continue
        where = _("state {name}").format(name=name)
        if name in steps:
            c.add(c.line("states", i, "name"), N_("The state '{name}' is there twice (first on line {first}). "
                                                  "Give each state its own name."),
                  name=name, first=c.line("states", state_index[name], "name"))
            continue
        steps[name], state_index[name] = raw, i
        kind = raw.get("kind", "text")
        for key, allowed in (("kind", KINDS), ("phase", PHASES), ("method", METHODS)):
            value = raw.get(key, kind if key == "kind" else None)
            if value is None:
                if key == "method":
                    c.add(where_line, N_("{where} has no method. Add method = \"…\", one of: {allowed}."),
                          where=where, allowed=", ".join(allowed))
                else:
                    c.add(where_line, N_("{where} has no {field}. Add {field} = \"…\", one of: {allowed}."),
                          where=where, field=key, allowed=", ".join(allowed))
            elif value not in allowed:
                close = difflib.get_close_matches(str(value), allowed, n=1, cutoff=0.6)
                hint = _("Did you mean '{suggestion}'?").format(suggestion=close[0]) if close else ""
                c.add(c.line("states", i, key), N_("{where}: {field} '{value}' is not known. Use one of: {allowed}. {hint}"),
                      where=where, field=key, value=value, allowed=", ".join(allowed), hint=hint)
        if raw.get("repeat") not in REPEATS:
            c.add(c.line("states", i, "repeat"), N_("{where}: repeat must be \"dream\" or \"goal\"."), where=where)
        if not raw.get("prompt"):
            c.add(where_line, N_("{where} has no prompt. Add prompt = \"…\" with what the assistant says."), where=where)
        if not raw.get("trainer_note"):
            c.add(where_line, N_("{where} has no trainer note. Add trainer_note = \"…\": why the step is asked."),
                  where=where)
        c.text_field(raw.get("prompt"), c.line("states", i, "prompt"), "prompt", where, prompt=True)
        for key, value in raw.items():
            if key.startswith(VARIANT_PREFIX):
                c.text_field(value, c.line("states", i, key), key, where, prompt=True)
        c.text_field(raw.get("trainer_note"), c.line("states", i, "trainer_note"), "trainer_note", where)
        slot = raw.get("slot")
        if kind != "info" and kind in KINDS and not slot:
            c.add(where_line, N_("{where} asks a question but has no slot. Add slot = \"…\": "
                                 "the name its answer is kept under."), where=where)
        if slot:
            slots.setdefault(slot, kind)
            wanted = CANONICAL_SLOT_KINDS.get(slot)
            if wanted and kind != wanted and kind in KINDS:
                c.add(c.line("states", i, "kind"), N_("{where}: the slot '{slot}' goes into the plan as {wanted}, "
                                                    "so the state must have kind = \"{kind}\" (it has \"{actual}\")."),
                      where=where, slot=slot, wanted=_(KIND_LABEL[wanted]), kind=wanted, actual=kind)
        choices = raw.get("choices", [])
        if kind in ("choice", "review") and not choices and not raw.get("choices_from"):
            c.add(where_line, N_("{where} is {kind_label} but has no choices. Add choices = [ {{ value = \"…\", "
                                 "label = \"…\" }} ]."), where=where, kind_label=_(KIND_LABEL[kind]))
        if raw.get("choices_from") not in (None, "dreams", "wishes"):
            c.add(c.line("states", i, "choices_from"), N_("{where}: choices_from can only be \"dreams\" or \"wishes\"."), where=where)
        for choice in choices if isinstance(choices, list) else []:
            if not isinstance(choice, dict):
                continue
            c.fields(choice, CHOICE_FIELDS, "states", i, N_("a choice"))
            if "value" not in choice or "label" not in choice:
                c.add(c.line("states", i, "choices"), N_("{where}: every choice needs a value and a label."), where=where)
            c.text_field(choice.get("label"), c.line("states", i, "choices"), "label", where)
        for callback in _as_list(raw.get("on_enter")):
            _check_name(c, callback, "callback", c.line("states", i, "on_enter"), where)

    head_initial = head.get("initial")
    if isinstance(head_initial, str) and head_initial and steps and head_initial not in steps:
        c.add(c.line("journey", None, "initial"), N_("[journey] initial = \"{name}\" is not a state. "
                                                    "Name the state the conversation starts in."), name=head_initial)

    # -- transitions ------------------------------------------------------------------
    edges: dict[str, list[tuple[str, list[str], int]]] = {name: [] for name in steps}
    for i, t in enumerate(transitions):
        if not isinstance(t, dict):
            continue
        c.fields(t, TRANSITION_FIELDS, "transitions", i, N_("a transition"))
        line = c.line("transitions", i)
        if t.get("trigger", "next") != "next":
            c.add(c.line("transitions", i, "trigger"), N_("A transition's trigger must be \"next\" (it has \"{trigger}\")."),
                  trigger=t.get("trigger"))
        dest = t.get("dest")
        sources = _as_list(t.get("source"))
        if not sources:
            c.add(line, N_("A transition has no source. Add source = \"…\": the state it leaves."))
        if not dest:
            c.add(line, N_("A transition has no dest. Add dest = \"…\": the state it goes to."))
        for end, names in (("source", sources), ("dest", _as_list(dest))):
            for n in names:
                if n != "*" and n not in steps:
                    close = difflib.get_close_matches(str(n), list(steps), n=1, cutoff=0.6)
                    hint = _("Did you mean '{suggestion}'?").format(suggestion=close[0]) if close else ""
                    c.add(c.line("transitions", i, end), N_("The transition's {end} '{name}' is not a state. {hint}"),
                          end=end, name=n, hint=hint)
        guards = _as_list(t.get("conditions")) + _as_list(t.get("unless"))
        for key in ("conditions", "unless"):
            for name in _as_list(t.get(key)):
                if _check_name(c, name, "condition", c.line("transitions", i, key), None):
                    for source in sources:
                        _check_condition_fit(c, name, steps.get(source), source, slots, c.line("transitions", i, key))
        for key in ("before", "after"):
            for name in _as_list(t.get(key)):
                _check_name(c, name, "callback", c.line("transitions", i, key), None)
        if isinstance(dest, str):
            for source in sources:
                for s in (steps if source == "*" else [source]):
                    if s in edges:
                        edges[s].append((dest, guards, line))

    # -- the shape of the journey ---------------------------------------------------------------
    finals = {n for n, raw in steps.items() if raw.get("final")}
    if steps and not finals:
        c.add(1, N_("No state has final = true, so the conversation can never end. Mark the last state final."))
    for name, out in edges.items():
        if steps[name].get("final"):
            continue
        where_line = c.line("states", state_index[name])
        if not out:
            c.add(where_line, N_("The state '{name}' is a dead end: no transition leaves it and it is not final. "
                                 "Add a transition from it, or mark it final = true."), name=name)
        elif all(guards for _d, guards, _l in out):
            c.add(out[-1][2], N_("Every transition from '{name}' has a condition, so the conversation can get stuck "
                                 "there. Add one without conditions, last, as the default way on."), name=name)
    if isinstance(head_initial, str) and head_initial in steps:
        reached = _reach(head_initial, {n: [d for d, _g, _l in out] for n, out in edges.items()})
        for name in steps:
            if name not in reached:
                c.add(c.line("states", state_index[name]), N_("The state '{name}' cannot be reached from the start "
                                                              "'{initial}'. Add a transition to it, or remove it."),
                      name=name, initial=head_initial)
        backwards: dict[str, list[str]] = {}
        for n, out in edges.items():
            for d, _g, _l in out:
                backwards.setdefault(d, []).append(n)
        can_end: set[str] = set()
        for final in finals:
            can_end |= _reach(final, backwards)
        for name in reached:
            if name in steps and name not in can_end and edges.get(name):
                c.add(c.line("states", state_index[name]), N_("From the state '{name}' there is no way to a final "
                                                              "state. Add a transition that leads to the end."),
                      name=name)
    return sorted(c.problems, key=lambda p: p.line)


def _reach(start: str, graph: dict[str, list[str]]) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for n in graph.get(todo.pop(), []):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen


def _check_name(c: _Checker, name: Any, kind: str, line: int, where: str | None) -> bool:
    known = _known_methods(kind)
    if isinstance(name, str) and name in known:
        return True
    close = difflib.get_close_matches(str(name), list(known), n=1, cutoff=0.6)
    hint = c._("Did you mean '{suggestion}'?").format(suggestion=close[0]) if close else ""
    if kind == "condition":
        c.add(line, N_("'{name}' is not a known condition. {hint} See borgerrejse lint --list-conditions."),
              name=name, hint=hint)
    else:
        c.add(line, N_("'{name}' is not a known callback. {hint} See borgerrejse lint --list-conditions."),
              name=name, hint=hint)
    return False


def _check_condition_fit(c: _Checker, name: str, source: dict[str, Any] | None, source_name: str,
                         slots: dict[str, str], line: int) -> None:
    slot = CONDITION_NEEDS_SLOT.get(name)
    if slot and slot not in slots:
        c.add(line, N_("The condition '{name}' looks at the slot '{slot}', but no state asks for it. "
                       "Add a state with slot = \"{slot}\", or use another condition."), name=name, slot=slot)
    kind = CONDITION_NEEDS_KIND.get(name)
    if kind and source is not None and source.get("kind", "text") != kind:
        c.add(line, N_("The condition '{name}' needs {wanted} before it, but '{source}' is {actual}."),
              name=name, wanted=c._(KIND_LABEL[kind]), source=source_name,
              actual=c._(KIND_LABEL.get(source.get("kind", "text"), KIND_LABEL["text"])))


def lint_file(path: str | Path, lang: str = "da", *, shipped: bool | None = None) -> list[Problem]:
    """The problems in the dialogue file ``path`` (a file that cannot be read is one problem)."""
    path = Path(path)
    if shipped is None:
        shipped = _is_shipped(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        _ = translator(lang).gettext
        return [Problem(str(path), 1, _("The file cannot be read. Check the name and that it is text (UTF-8)."))]
    return lint_text(text, str(path), lang, shipped=shipped)


def _is_shipped(path: Path) -> bool:
    try:
        return path.resolve().parent == Path(str(resources.files("dialogues"))).resolve()
    except OSError:
        return False


# -- user dialogues: texts in both languages inside the file ---------------------------------
class _InlineTexts(_gettext.NullTranslations):
    """Danish for the English texts user dialogues carry themselves (after the shipped catalog)."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: dict[str, str] = {}

    def gettext(self, message: str) -> str:
        return self.texts.get(message, message)


_INLINE = _InlineTexts()


def _inline_texts() -> _InlineTexts:
    """The inline Danish texts, attached behind the Danish catalog now in use (a new catalog
    object, e.g. after the catalog cache is cleared, gets them too)."""
    catalog = translations("da")
    link = catalog
    while link is not None and link is not _INLINE:
        link = getattr(link, "_fallback", None)
    if link is None:
        catalog.add_fallback(_INLINE)
    return _INLINE


def _english(value: Any, danish: dict[str, str]) -> Any:
    """A ``{en, da}`` table becomes its English text (the message id), remembering the Danish."""
    if isinstance(value, dict) and "en" in value:
        if value.get("da"):
            danish[value["en"]] = value["da"]
        return value["en"]
    return value


def _flatten_texts(data: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    danish: dict[str, str] = {}
    head = dict(data.get("journey", {}))
    head["title"] = _english(head.get("title"), danish) if "title" in head else head.get("id")
    states = []
    for raw in data.get("states", []):
        raw = {k: _english(v, danish) if (k in ("prompt", "trainer_note") or k.startswith(VARIANT_PREFIX)) else v
               for k, v in raw.items()}
        if "choices" in raw:
            raw["choices"] = [{**ch, "label": _english(ch.get("label"), danish)} for ch in raw["choices"]]
        states.append(raw)
    transitions = [{"trigger": "next", **t} for t in data.get("transitions", [])]  # trigger may be left out
    return {**data, "journey": head, "states": states, "transitions": transitions}, danish


def load_user_journey(path: str | Path, lang: str = "da") -> Journey:
    """A trainer's dialogue file, checked first: errors raise :class:`JourneyError` with lint's sentence."""
    path = Path(path)
    problems = [p for p in lint_file(path, lang, shipped=False) if p.error]
    if problems:
        first = problems[0]
        more = len(problems) - 1
        _ = translator(lang).gettext
        reason = f"{first.path}:{first.line}: {first.message}"
        if more:
            reason += " " + _("({count} more: run borgerrejse lint on the file.)").format(count=more)
        raise JourneyError(journey=path.stem, reason=reason)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    flat, danish = _flatten_texts(data)
    _inline_texts().texts.update(danish)
    return parse_journey(flat, path.stem)


def user_dialogues_dir(given: str | Path | None = None) -> Path:
    """``--dialogues DIR``, else ``$BORGERREJSE_DIALOGUES``, else ``dialogues`` in the user data folder."""
    if given:
        return Path(given).expanduser()
    env = os.environ.get(DIALOGUES_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("borgerrejse", appauthor=False) / "dialogues"


@dataclass(frozen=True)
class JourneyEntry:
    """A journey a trainer can choose: loaded, or the sentence saying why it cannot be."""

    id: str
    journey: Journey | None
    source: str  # "shipped" or the file's path
    problem: str | None = None


def available_journeys(user_dir: str | Path | None = None, lang: str = "da") -> list[JourneyEntry]:
    """The shipped journeys, then the user folder's (a user file with a shipped id is skipped with a reason)."""
    # The follow-up and the changes review are played on a plan (assistant.services.followup, assistant.services.changes), never on their own.
    out = [JourneyEntry(jid, load_journey(jid), "shipped") for jid in journey_ids() if jid not in ("followup", "changes")]
    folder = user_dialogues_dir(user_dir)
    shipped = {e.id for e in out}
    try:
        files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    except OSError:
        files = []
    for file in files:
        if file.stem in shipped:
            _ = translator(lang).gettext
            out.append(JourneyEntry(file.stem, None, str(file),
                                    _("A shipped dialogue already has this name. Rename the file.")))
            continue
        try:
            out.append(JourneyEntry(file.stem, load_user_journey(file, lang), str(file)))
        except JourneyError as exc:
            out.append(JourneyEntry(file.stem, None, str(file), exc.translated(translator(lang).gettext)))
    return out


def resolve_journey(name: str, user_dir: str | Path | None = None, lang: str = "da") -> Journey:
    """A journey by id (shipped or in the user folder) or by a file path."""
    path = Path(name).expanduser()
    if name.endswith(".toml") or path.is_file():
        return load_user_journey(path, lang)
    if name in journey_ids():
        return load_journey(name)
    candidate = user_dialogues_dir(user_dir) / f"{name}.toml"
    if name.replace("-", "").replace("_", "").isalnum() and candidate.is_file():
        return load_user_journey(candidate, lang)
    return load_journey(name)  # raises UnknownJourney with its sentence


# -- the diagram -------------------------------------------------------------------------------
def mermaid(journey: Journey) -> str:
    """A Mermaid state diagram of ``journey`` (transitions' GraphMachine, mermaid engine)."""
    from transitions.extensions import GraphMachine

    machine = GraphMachine(
        states=[s.name for s in journey.steps.values()],
        transitions=[dict(t) for t in journey.transitions],
        initial=journey.initial,
        auto_transitions=False,
        show_conditions=True,
        graph_engine="mermaid",
        title=journey.id,
    )
    source = machine.get_graph().draw(None)
    # The picture is of the journey, not of a run: drop the "active state" colouring.
    return source.replace(f"Class {journey.initial} s_active", f"Class {journey.initial} s_default")


def list_conditions(lang: str = "da") -> str:
    """The conditions and callbacks a dialogue may name, each with what it means."""
    _ = translator(lang).gettext
    lines = [_("Conditions (conditions = [...] or unless = [...] on a transition):")]
    for name, text in _known_methods("condition").items():
        lines.append(f"  {name:20} {_(text) if text else ''}".rstrip())
    lines += ["", _("Callbacks (before/after on a transition, on_enter on a state):")]
    lines += [f"  {name:20} {_(text) if text else ''}".rstrip() for name, text in _known_methods("callback").items()
              if name in CALLBACKS]
    return "\n".join(lines) + "\n"
