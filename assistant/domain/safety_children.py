"""When a child may be in danger: which help lines are said, and in which order (issue 20, point 5).

A sign of the kind ``child_at_risk``, or any sign in a young person's conversation (the
youth journey: :func:`assistant.domain.safety.with_child` adds the kind to the flag), is
labelled "a child may be in danger" for the caseworker. The citizen is told:

- Børnetelefonen 116 111 first;
- an adult worried about a child also hears of the municipality's duty to act (the
  *underretning*); a young person does not (they are the child);
- no line that sends the young person to the psychiatric emergency room, unless the sign
  is also about their own life or body (suicide, self-harm).

The words are data: the ``[children]`` table of ``dialogues/safety.toml``. This module
reads the help lines of :mod:`assistant.domain.safety`; it never looks at what was typed.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

from assistant.common.errors import JourneyError
from assistant.common.i18n import Translator
from assistant.domain import safety

OWN_LIFE = ("suicide", "self_harm")  # a sign about the citizen's own life or body
PAGE_KINDS = ("violence", "child_at_risk")  # the help page (F1) also names these lines, after the general ones


@dataclass(frozen=True)
class Children:
    first: str  # a number: the help line naming it is said first (Børnetelefonen)
    duty: str  # message id: the municipality's duty to act, for an adult worried about a child
    not_for_child: tuple[str, ...]  # words: a help line naming one is left out for a child's sign


def parse_children(data: dict[str, Any]) -> Children:
    """The ``[children]`` table of the safety file (checked)."""
    table = data.get("children")
    if not isinstance(table, dict):
        raise JourneyError(journey=safety.SAFETY_FILE, reason="[children] is missing")
    unknown = set(table) - {"first", "duty", "not_for_child"}
    if unknown:
        raise JourneyError(journey=safety.SAFETY_FILE, reason=f"[children] has an unknown key {sorted(unknown)[0]!r}")
    for key in ("first", "duty"):
        if not isinstance(table.get(key), str) or not table[key].strip():
            raise JourneyError(journey=safety.SAFETY_FILE, reason=f"[children] needs {key}")
    leave_out = table.get("not_for_child") or []
    if not isinstance(leave_out, list) or not all(isinstance(w, str) and w.strip() for w in leave_out):
        raise JourneyError(journey=safety.SAFETY_FILE, reason="[children] not_for_child must be a list of texts")
    return Children(table["first"], table["duty"], tuple(leave_out))


@lru_cache(maxsize=1)
def children() -> Children:
    """The ``[children]`` table, read and checked once."""
    try:
        text = (resources.files("dialogues") / safety.SAFETY_FILE).read_text(encoding="utf-8")
        return parse_children(tomllib.loads(text))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise JourneyError(journey=safety.SAFETY_FILE, reason=str(exc)) from exc


def messages(data: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(line, message, note) for the texts of ``[children]`` (for extraction), if the file has it."""
    if "children" not in data:
        return []
    return [(0, parse_children(data).duty, "safety: said to an adult worried about a child (underretning)")]


def help_lines(kinds: Iterable[str], t: Translator, *, youth: bool = False) -> list[str]:
    """Where help is now for these kinds of sign, in the citizen's language: the lines for this
    kind first; when a child may be in danger (``youth``: any sign of a young person),
    Børnetelefonen first, the municipality's duty to act for an adult, and no psychiatric
    emergency room unless the sign is about the citizen's own life."""
    kinds = set(kinds) | ({safety.CHILD} if youth else set())
    fitting = [line for line in safety.data().help if not line.kinds or set(line.kinds) & kinds]
    fitting.sort(key=lambda line: not line.kinds)  # the line for this kind of sign first
    if safety.CHILD not in kinds:
        return [t.gettext(line.text) for line in fitting]
    rules = children()
    if not kinds & set(OWN_LIFE):
        fitting = [line for line in fitting if not any(w.casefold() in line.text.casefold() for w in rules.not_for_child)]
    fitting.sort(key=lambda line: rules.first not in line.text)  # Børnetelefonen first (a stable sort)
    out = [t.gettext(line.text) for line in fitting]
    if not youth:  # an adult worried about a child: the municipality must act
        out.insert(1 if fitting and rules.first in fitting[0].text else 0, t.gettext(rules.duty))
    return out


def page_lines(t: Translator, *, youth: bool = False) -> list[str]:
    """The crisis numbers on the help page (F1), before any sign: for a young person as for a
    child's sign (Børnetelefonen first); for an adult the general lines first, then violence
    and a child."""
    if youth:
        return help_lines((), t, youth=True)
    general = [line for line in safety.data().help if not line.kinds]
    specific = [line for line in safety.data().help if line.kinds and set(line.kinds) & set(PAGE_KINDS)]
    return [t.gettext(line.text) for line in general + specific]
