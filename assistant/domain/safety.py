"""Signs of distress and non-answers in what a citizen typed; the flag on the case.

The words are data (``dialogues/safety.toml``, ``dialogues/nonanswers.toml``),
read and checked once per process. This module knows nothing of screens:
:class:`assistant.services.conversation.Conversation` asks :func:`assess` (or the
older :func:`signs`) and :func:`non_answer` about every typed answer, shows
:func:`safety_step` when a clear sign is seen, and records the flag with
:func:`raise_flag`. The caseworker's faces read :func:`flags` / :func:`open_flags`
and call :func:`mark_handled`.

Two tiers (issue 20). :func:`assess` says ``clear`` when the answer plainly tells of
danger now (the full safety step), ``possible`` when it may (one direct question is
asked: :func:`direct_question_kind` says which, :func:`direct_texts` has the words),
and ``none`` otherwise. How a sentence gets its tier is described in
``dialogues/safety.toml`` itself: rules of phrase patterns, each with kinds and a tier,
then what lowers a tier (a negation, a past that is over, someone else's story), what
raises it (for ever, a child's age), and idioms that are never a sign.

A flag says which kind of sign was seen and when — never the words, never a
diagnosis. It lives in the case's meta (so the case list reads it cheaply), with
an event in the history and an entry in the audit trail.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
import threading
import tomllib
from dataclasses import dataclass, field
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
KINDS = ("suicide", "self_harm", "violence", "harm_others", "abuse", "child_at_risk")
TIERS = ("none", "possible", "clear")  # weakest first
LANGS = ("da", "en")
DIRECT_KINDS = ("suicide", "danger")  # the two direct questions
DIRECT_KEYS = (*DIRECT_KINDS, "yes", "no", "decline", "thanks")
NON_ANSWER_KINDS = ("dont_know", "nothing")
SAFETY_STATE = "safety"  # the name the safety step has in prompts (it is not a state of the journey)
CHOICES = ("continue", "pause", "stop")
GAP = 4  # "..." in a pattern: up to this many other words
PIECE = 40  # a longer sentence is read in pieces of about this many words (cut where a clause ends)
TRAIL_RAISED = "safety.flag"
TRAIL_HANDLED = "safety.handled"


def fold(text: str) -> str:
    """Text as the non-answer lists compare it: lower case, æøå spelled out, no punctuation,
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


_LETTERS = str.maketrans({"æ": "a", "ø": "o", "å": "a", "ä": "a", "ö": "o", "ü": "u", "é": "e", "è": "e",
                          "á": "a", "à": "a", "í": "i", "ó": "o", "ú": "u", "ñ": "n"})
_APOSTROPHE = re.compile(r"['’‘`´]")
_NOT_WORD = re.compile(r"[\W_]+")
_DOUBLE = re.compile(r"(\w)\1+")
_SPELLED = re.compile(r"ae|oe")


def skeleton(text: str) -> str:
    """Words as the signs' patterns compare them (casefolded text): æ, ae and a are one
    letter, so are ø, oe and o, and å, aa and a; no apostrophes; doubled letters once.
    "dø" = "doe" = "do", "træt" = "traet" = "trat", "slå" = "slaa" = "sla", "kill" = "kil"."""
    text = _APOSTROPHE.sub("", text.translate(_LETTERS))
    text = _SPELLED.sub(lambda m: m.group()[0], _NOT_WORD.sub(" ", text))
    return _DOUBLE.sub(r"\1", text).strip()


# -- the pattern language --------------------------------------------------------------
# A pattern is a short phrase of items separated by spaces (dialogues/safety.toml tells
# trainers how to write one). An item is one word, or alternatives a|b|c; a word ending in *
# matches any ending; {name} stands for the words of the group [words.<lang>].name; a lone
# * is any one word; an item ending in ? may be left out; "..." between two items allows up
# to GAP other words; "$" last means the sentence or clause ends there.

Slot = tuple[tuple[str, bool], ...]  # the words one place of a phrase may be: (casefolded word, ends with *)


@dataclass(frozen=True)
class _Item:
    phrases: tuple[tuple[Slot, ...], ...] = ()  # "a|b" is one phrase of one slot; "(a b|c)" two phrases
    any: bool = False
    end: bool = False
    optional: bool = False
    gap: bool = False  # "..." stood before this item


def _bad(where: str, what: str) -> JourneyError:
    return JourneyError(journey=SAFETY_FILE, reason=f"{where}: {what}")


def _word(alternative: str, where: str) -> tuple[str, bool]:
    """One word of a pattern (casefolded, checked) and whether it ends in *."""
    known = _WORDS.get(alternative)
    if known is not None:
        return known
    star = alternative.endswith("*")
    raw = alternative[:-1] if star else alternative
    word = skeleton(raw.casefold())
    if not word or " " in word or "*" in raw or "(" in raw or ")" in raw:
        raise _bad(where, f"{alternative!r} is not one word")
    if star and len(word) < 2:
        raise _bad(where, f"{alternative!r}: a word ending in * needs two letters before it")
    known = _WORDS[alternative] = (raw.casefold().strip(), star)
    return known


_WORDS: dict[str, tuple[str, bool]] = {}


def _slot(body: str, where: str, groups: dict[str, tuple[str, ...]] | None, cache: dict | None = None) -> Slot:
    """One place in a phrase: a word, a|b|c, {group}, or * (any one word)."""
    if body == "*":
        return ANY_SLOT
    if cache is not None and body in cache:
        return cache[body]
    words: list[tuple[str, bool]] = []
    for alternative in body.split("|"):
        if alternative.startswith("{") and alternative.endswith("}"):
            name = alternative[1:-1]
            if groups is None or name not in groups:
                raise _bad(where, f"{alternative!r} names no group of words")
            words += [_word(w, f"{where} {{{name}}}") for w in groups[name]]
        else:
            words.append(_word(alternative, where))
    if cache is not None:
        cache[body] = tuple(words)
    return tuple(words)


ANY_SLOT: Slot = (("*", False),)
_TOKEN = re.compile(r"(?:[^\s()]*\([^()]*\))+[^\s()]*|\S+")
_TOP_BAR = re.compile(r"\|(?![^()]*\))")  # a | outside ( )


def _parse(pattern: str, where: str, groups: dict[str, tuple[str, ...]] | None = None,
           cache: dict | None = None) -> tuple[_Item, ...]:
    """A pattern's items, checked: a mistake is named with where it is."""
    if not isinstance(pattern, str):
        raise _bad(where, f"{pattern!r} is not text")
    items: list[_Item] = []
    gap = False
    tokens = _TOKEN.findall(pattern)
    for n, token in enumerate(tokens):
        if token in ("...", "…"):
            if not items or gap or items[-1].end:
                raise _bad(where, "'...' must stand between two words")
            gap = True
            continue
        if token == "$":
            if n != len(tokens) - 1 or not items or gap:
                raise _bad(where, f"{pattern!r}: '$' (the sentence ends) must come last, after a word")
            items.append(_Item(end=True))
            continue
        optional = token.endswith("?") and len(token) > 1
        body = token[:-1] if optional else token
        if body == "*":
            items.append(_Item(any=True, optional=optional, gap=gap))
            gap = False
            continue
        words: list[str] = []
        phrases_list: list[tuple[Slot, ...]] = []
        for alternative in _TOP_BAR.split(body):
            if alternative.startswith("(") and alternative.endswith(")"):
                for phrase in alternative[1:-1].split("|"):
                    if not phrase.split():
                        raise _bad(where, f"{token!r}: every phrase in ( | ) needs a word")
                    phrases_list.append(tuple(_slot(w, where, groups, cache) for w in phrase.split()))
            elif alternative.count("(") != alternative.count(")"):
                raise _bad(where, f"{pattern!r}: a ( needs its )")
            elif "(" in alternative or ")" in alternative:
                raise _bad(where, f"{token!r}: write ( ) around whole phrases: a|(b c)|d")
            else:
                words.append(alternative)
        if words:
            phrases_list.insert(0, (_slot("|".join(words), where, groups, cache),))
        phrases = tuple(phrases_list)
        items.append(_Item(phrases=phrases, optional=optional, gap=gap))
        gap = False
    if not any(i.phrases and not i.optional for i in items) or gap:
        raise _bad(where, f"{pattern!r} has no words or ends in '...'")
    return tuple(items)


class _Forms:
    """The spellings a pattern's word stands for: the word, and — where the language's Snowball
    stemmer cuts only an ending off it — the stem with each ending of [forms.<lang>]
    ("skære" → skær, skærer, skæres…; "kill" → kills, killed, killing)."""

    def __init__(self, endings: dict[str, tuple[str, ...]] | None):
        self.endings = endings
        self.stemmers: dict[str, Any] = {}
        self.cache: dict[tuple[str, str], frozenset[str]] = {}
        self.parts_cache: dict[tuple[str, str], tuple[str, str | None]] = {}
        self.slots: dict[tuple[Slot, str | None], str] = {}

    def __call__(self, word: str, lang: str | None) -> frozenset[str]:
        """Every spelling, for choosing anchors and telling a pattern's own words."""
        key = (word, lang or "")
        found = self.cache.get(key)
        if found is None:
            surface, stem = self.parts(word, lang)
            forms = {surface}
            if stem is not None:
                forms |= {stem} | {_DOUBLE.sub(r"\1", stem + e) for e in self.endings[lang]}
                if lang == "en" and stem.endswith("e") and len(stem) > 3:
                    forms |= {stem[:-1] + "ing", stem[:-1] + "ed"}  # "hope" → "hoping"
            found = self.cache[key] = frozenset(forms)
        return found

    def regex(self, word: str, lang: str | None) -> str:
        """The spellings as one regular expression: the stem, then maybe one of the endings."""
        surface, stem = self.parts(word, lang)
        if stem is None:
            return re.escape(surface)
        ending = "(?:" + "|".join(re.escape(e) for e in sorted(self.endings[lang], key=len, reverse=True)) + ")?"
        out = re.escape(stem) + ending
        if lang == "en" and stem.endswith("e") and len(stem) > 3:
            out += "|" + re.escape(stem[:-1]) + "(?:ing|ed)"
        return out

    def parts(self, word: str, lang: str | None) -> tuple[str, str | None]:
        """The word as written (folded), and its stem when the stem may take the language's endings."""
        key = (word, lang or "")
        found = self.parts_cache.get(key)
        if found is None:
            found = self.parts_cache[key] = self._parts(word, lang)
        return found

    def _parts(self, word: str, lang: str | None) -> tuple[str, str | None]:
        surface = skeleton(word)
        if word.startswith("="):
            return surface, None  # "=scars": this word only, never "scared"
        if not self.endings or lang not in self.endings or len(surface) < 3 or not surface.isalpha():
            return surface, None
        if lang not in self.stemmers:
            import snowballstemmer  # some 100 ms: only when the patterns are compiled

            self.stemmers[lang] = snowballstemmer.stemmer({"da": "danish", "en": "english"}[lang])
        stem = skeleton(self.stemmers[lang].stemWord(word))
        if len(stem) < 4:
            return surface, None  # a short stem with endings would be other words ("bro" + r = "bror")
        if not surface.startswith(stem) or (surface != stem and surface[len(stem):] not in self.endings[lang]):
            return surface, None  # more than an ending was cut ("farlig" → "far"): the word only
        return surface, stem


_ANY = r"[^ .,]+"


def _alternatives(words) -> str:
    return "|".join(sorted({re.escape(w) for w in words}, key=lambda a: (-len(a), a)))


def _slot_regex(slot: Slot, lang: str | None, forms: _Forms | None) -> str:
    """One place of a phrase: the words written whole, the stems that take an ending (one shared
    group of endings, which keeps the expression small), the words with any ending (*)."""
    if slot == ANY_SLOT:
        return _ANY + " "
    key = (slot, lang)
    if forms is not None and key in forms.slots:
        return forms.slots[key]
    plain: set[str] = set()
    stems: set[str] = set()
    e_stems: set[str] = set()  # English stems that drop their e before -ing, -ed
    starred: set[str] = set()
    for word, star in slot:
        if star:
            starred.add(skeleton(word))
            continue
        surface, stem = forms.parts(word, lang) if forms else (skeleton(word), None)
        if stem is None:
            plain.add(surface)
        else:
            stems.add(stem)
            if lang == "en" and stem.endswith("e") and len(stem) > 3:
                e_stems.add(stem[:-1])
    parts = []
    if stems:
        endings = _alternatives(forms.endings[lang])
        parts.append(f"(?:{_alternatives(stems)})(?:{endings})?")
    if e_stems:
        parts.append(f"(?:{_alternatives(e_stems)})(?:ing|ed)")
    if starred:
        parts.append(f"(?:{_alternatives(starred)})[^ .,]*")
    if plain - stems:
        parts.append(_alternatives(plain - stems))
    out = "(?:" + "|".join(parts) + ") "
    if forms is not None:
        forms.slots[key] = out
    return out


def _item_regex(item: _Item, lang: str | None, forms: _Forms | None) -> str:
    if item.any:
        return _ANY + " "
    phrases = ["(?:, )?".join(_slot_regex(slot, lang, forms) for slot in phrase) for phrase in item.phrases]
    return phrases[0] if len(phrases) == 1 else "(?:" + "|".join(phrases) + ")"


def _regex(items: tuple[_Item, ...], lang: str | None = None, forms: _Forms | None = None) -> str:
    """The regular expression of a pattern over a text as :class:`_Text` writes it:
    " word word , word . word " — "," ends a clause, "." a sentence (gaps never cross one)."""
    out = ["(?<= )"]
    first = True
    for item in items:
        if item.end:
            out.append(r"(?=[.,] |$)")
            continue
        sep = "" if first else (rf"(?:[^ .]+ ){{0,{GAP}}}" if item.gap else r"(?:, )?")
        piece = sep + _item_regex(item, lang, forms)
        out.append(f"(?:{piece})?" if item.optional else piece)
        first = False
    return "".join(out)


def _source(pattern: str, where: str) -> str:
    """The regular expression of a pattern from the data file (checked: a mistake is named)."""
    return _regex(_parse(pattern, where))


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    """A pattern from the data file as a regular expression over folded words."""
    return re.compile(_source(pattern, where))


# -- the data file ----------------------------------------------------------------------
@dataclass(frozen=True)
class HelpLine:
    text: str  # message id
    kinds: tuple[str, ...] = ()  # empty: for every kind of sign


@dataclass(frozen=True)
class Rule:
    """One rule of [[rule]]: patterns (per language) that show a sign of these kinds at this tier."""
    id: str
    kinds: tuple[str, ...]
    tier: str  # "possible" or "clear"
    patterns: dict[str, tuple[str, ...]]  # lang → patterns
    unless: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lang → patterns that cancel it


@dataclass(frozen=True)
class Strong:
    """One [[raise]] entry: in the sentence (or anywhere in the answer), these words make a
    possible sign of these kinds clear."""
    id: str
    kinds: tuple[str, ...]  # raises a possible sign of these kinds…
    rules: tuple[str, ...]  # …or of these rules
    scope: str  # "sentence" | "answer"
    patterns: dict[str, tuple[str, ...]]


CUE_WEIGHTS = {"strong": 3, "medium": 2, "context": 1, "against": -6}


@dataclass(frozen=True)
class Cues:
    """One [[cues]] entry: words that each add to a sentence's score for these kinds; a sentence
    whose score reaches ``possible`` (or ``clear``) shows a sign at that tier."""
    id: str
    kinds: tuple[str, ...]
    possible: int
    clear: int | None
    patterns: dict[str, dict[str, tuple[str, ...]]]  # weight name → lang → patterns


@dataclass(frozen=True)
class SafetyData:
    step: Step
    stopped: str  # message id: said when the citizen chooses to stop
    help: tuple[HelpLine, ...]
    kind_labels: dict[str, str]  # kind → message id
    direct: dict[str, str]  # DIRECT_KEYS → message id
    rules: tuple[Rule, ...]
    words: dict[str, dict[str, tuple[str, ...]]]  # lang → group → words
    lists: dict[str, dict[str, tuple[str, ...]]]  # "idioms", "past", "still", "story", "negation", "not_negation",
    #                                                "stop", "self" → lang → patterns or words
    strong: tuple[Strong, ...]
    combine: dict[str, int]  # kind → how many different possible rules make it clear
    cues: tuple[Cues, ...]
    forms: dict[str, tuple[str, ...]]  # lang → endings
    fuzzy: tuple[str, ...]
    fuzzy_not: tuple[str, ...]
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


def parse_direct(data: dict[str, Any]) -> dict[str, str]:
    """The direct questions asked after a possible sign, their answers and the thanks (checked)."""
    direct = data.get("direct") or {}
    for key in DIRECT_KEYS:
        if not isinstance(direct.get(key), str) or not direct[key].strip():
            raise JourneyError(journey=SAFETY_FILE, reason=f"[direct] needs {key}")
    return {key: direct[key] for key in DIRECT_KEYS}


def messages(data: dict[str, Any]) -> list[tuple[int, str, str]]:
    """(line, message, note) for every translatable text of the safety file (for extraction)."""
    step, stopped, help_lines, kind_labels = parse_safety(data)
    direct = parse_direct(data)
    out = [(0, step.prompt, f"safety: {step.trainer_note}"), (0, step.trainer_note, "safety: note for trainers"),
           (0, stopped, "safety: the citizen chose to stop")]
    out += [(0, c.label, "safety: choice") for c in step.choices]
    out += [(0, line.text, "safety: where help is") for line in help_lines]
    out += [(0, label, "safety: kind of sign, for the caseworker") for label in kind_labels.values()]
    out += [(0, direct[k], "safety: the direct question after a possible sign") for k in DIRECT_KINDS]
    out += [(0, direct[k], "safety: an answer to the direct question") for k in ("yes", "no", "decline")]
    out += [(0, direct["thanks"], "safety: said after 'no' to the direct question")]
    return out


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise _bad(where, "must be a list of texts")
    return tuple(value)


def _per_lang(table: Any, where: str) -> dict[str, tuple[str, ...]]:
    """{lang: [texts]} from a table with keys da / en (checked)."""
    if table is None:
        return {}
    if not isinstance(table, dict):
        raise _bad(where, "must be a table with da and en")
    unknown = set(table) - set(LANGS)
    if unknown:
        raise _bad(where, f"unknown language {sorted(unknown)[0]!r} (use {', '.join(LANGS)})")
    return {lang: _strings(table.get(lang), f"{where}.{lang}") for lang in LANGS if table.get(lang)}


def _kinds(raw: Any, where: str) -> tuple[str, ...]:
    kinds = tuple(raw or ())
    if not kinds or any(k not in KINDS for k in kinds):
        raise _bad(where, f"kinds must be some of {', '.join(KINDS)}")
    return tuple(k for k in KINDS if k in kinds)


LISTS = ("idioms", "not_negation", "past", "still", "story")  # lists of patterns, per language
WORD_LISTS = ("negation", "stop", "self", "common")  # lists of single words, per language


def parse_signs(data: dict[str, Any]) -> dict[str, Any]:
    """The rules and everything that changes their tier, checked (no pattern compiled)."""
    words: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang, groups in (data.get("words") or {}).items():
        if lang not in LANGS or not isinstance(groups, dict):
            raise _bad(f"[words.{lang}]", f"unknown language (use {', '.join(LANGS)})")
        words[lang] = {name: _strings(ws, f"[words.{lang}] {name}") for name, ws in groups.items()}
        for name, ws in words[lang].items():
            for w in ws:
                _word(w, f"[words.{lang}] {name}")
    for lang in LANGS:
        words.setdefault(lang, {})

    slots: dict[str, dict] = {lang: {} for lang in LANGS}  # a place's words, once per language

    def check(patterns: dict[str, tuple[str, ...]], where: str) -> None:
        for lang, items in patterns.items():
            for p in items:
                _parse_parts(p, f"{where}.{lang}", words[lang], slots[lang])

    rules: list[Rule] = []
    seen: set[str] = set()
    for n, raw in enumerate(data.get("rule") or [], 1):
        rid = raw.get("id")
        where = f"[[rule]] {rid or n}"
        if not isinstance(rid, str) or not rid.strip() or rid in seen:
            raise _bad(where, "needs an id of its own")
        seen.add(rid)
        if raw.get("tier") not in ("possible", "clear"):
            raise _bad(where, "tier must be possible or clear")
        unknown = set(raw) - {"id", "kinds", "tier", "da", "en", "unless", "note"}
        if unknown:
            raise _bad(where, f"unknown key {sorted(unknown)[0]!r}")
        patterns = _per_lang({k: raw[k] for k in LANGS if k in raw}, where)
        if not patterns:
            raise _bad(where, "has no patterns")
        unless = _per_lang(raw.get("unless"), f"{where} unless")
        check(patterns, where)
        check(unless, f"{where} unless")
        rules.append(Rule(rid, _kinds(raw.get("kinds"), where), raw["tier"], patterns, unless))
    if not rules:
        raise _bad("[[rule]]", "there are no rules")

    lists: dict[str, dict[str, tuple[str, ...]]] = {}
    for name in LISTS:
        lists[name] = _per_lang(data.get(name), f"[{name}]")
        check(lists[name], f"[{name}]")
    for name in WORD_LISTS:
        lists[name] = _per_lang(data.get(name), f"[{name}]")
        for lang, ws in lists[name].items():
            for w in ws:
                _word(w, f"[{name}.{lang}]")
    strong = []
    for n, raw in enumerate(data.get("raise") or [], 1):
        where = f"[[raise]] {raw.get('id') or n}"
        if raw.get("scope", "sentence") not in ("sentence", "answer"):
            raise _bad(where, "scope must be sentence or answer")
        patterns = _per_lang({k: raw[k] for k in LANGS if k in raw}, where)
        if not patterns:
            raise _bad(where, "has no patterns")
        check(patterns, where)
        raised = tuple(raw.get("rules") or ())
        if any(r not in seen for r in raised):
            raise _bad(where, f"rules must be ids of [[rule]] entries: {', '.join(r for r in raised if r not in seen)}")
        kinds = _kinds(raw.get("kinds"), where) if raw.get("kinds") or not raised else ()
        strong.append(Strong(str(raw.get("id") or n), kinds, raised, raw.get("scope", "sentence"), patterns))
    cues = []
    for n, raw in enumerate(data.get("cues") or [], 1):
        cid = raw.get("id")
        where = f"[[cues]] {cid or n}"
        if not isinstance(cid, str) or not cid.strip() or cid in seen:
            raise _bad(where, "needs an id of its own")
        seen.add(cid)
        unknown = set(raw) - {"id", "kinds", "possible", "clear", "note", *CUE_WEIGHTS}
        if unknown:
            raise _bad(where, f"unknown key {sorted(unknown)[0]!r}")
        possible, clear = raw.get("possible"), raw.get("clear")
        if not isinstance(possible, int) or possible < 1 or (clear is not None and (not isinstance(clear, int) or clear <= possible)):
            raise _bad(where, "possible must be a number from 1, and clear (if given) a larger one")
        weighted = {name: _per_lang(raw.get(name), f"{where} {name}") for name in CUE_WEIGHTS}
        if not any(weighted.values()):
            raise _bad(where, "has no words")
        for name, patterns in weighted.items():
            check(patterns, f"{where} {name}")
        cues.append(Cues(cid, _kinds(raw.get("kinds"), where), possible, clear, weighted))
    combine = dict(data.get("combine") or {})
    for kind, count in combine.items():
        if kind not in KINDS or not isinstance(count, int) or count < 2:
            raise _bad("[combine]", f"{kind} = {count!r}: a kind and a number from 2")
    forms = _per_lang(data.get("forms"), "[forms]")
    fuzzy_table = data.get("fuzzy") or {}
    fuzzy = _strings(fuzzy_table.get("words"), "[fuzzy] words")
    fuzzy_not = _strings(fuzzy_table.get("not"), "[fuzzy] not")
    for w in fuzzy:
        if len(skeleton(w.casefold())) < 6 or " " in skeleton(w.casefold()):
            raise _bad("[fuzzy] words", f"{w!r}: one word of at least six letters")
    return {"rules": tuple(rules), "words": words, "lists": lists, "strong": tuple(strong), "combine": combine,
            "cues": tuple(cues),
            "forms": forms, "fuzzy": tuple(skeleton(w.casefold()) for w in fuzzy),
            "fuzzy_not": tuple(skeleton(w.casefold()) for w in fuzzy_not)}


@lru_cache(maxsize=1)
def data() -> SafetyData:
    """The safety and non-answer files, read and checked once."""
    safety = _read(SAFETY_FILE)
    step, stopped, help_lines, kind_labels = parse_safety(safety)
    direct = parse_direct(safety)
    signs_data = parse_signs(safety)
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
    return SafetyData(step, stopped, help_lines, kind_labels, direct, signs_data["rules"], signs_data["words"],
                      signs_data["lists"], signs_data["strong"], signs_data["combine"], signs_data["cues"],
                      signs_data["forms"],
                      signs_data["fuzzy"], signs_data["fuzzy_not"], frozenset(dont_know), frozenset(nothing),
                      tuple(sorted(f for f in fillers if f)))


# -- the engine: the patterns compiled, with what picks them ------------------------------
def _parse_parts(pattern: str, where: str, groups: dict[str, tuple[str, ...]] | None,
                 cache: dict | None = None) -> tuple[tuple[_Item, ...], ...]:
    """A pattern, or "a & b": patterns that must all match in one clause (any order)."""
    if not isinstance(pattern, str):
        raise _bad(where, f"{pattern!r} is not text")
    parts = [p.strip() for p in pattern.split(" & ")]
    if any(not p or p == "&" for p in parts) or any(p.startswith("& ") or p.endswith(" &") for p in parts):
        raise _bad(where, f"{pattern!r}: '&' must stand between two patterns")
    return tuple(_parse(p, where, groups, cache) for p in parts)


class _Pattern:
    """One compiled pattern (or several joined by &), with the words that must be in a sentence
    for it to match there."""

    __slots__ = ("sources", "_compiled", "exact", "prefixes", "_own", "_parts", "_lang", "_forms", "word", "required")

    def __init__(self, parts: tuple[tuple[_Item, ...], ...], lang: str, forms: _Forms,
                 common: frozenset[str] = frozenset()):
        self.sources = tuple(_regex(items, lang, forms) for items in parts)
        self._compiled: tuple[re.Pattern[str], ...] | None = None
        self._own: frozenset[str] | None = None
        self._parts, self._lang, self._forms = parts, lang, forms
        # one plain place, no phrase: a match is just one of its words, found without the regex
        only = parts[0][0] if len(parts) == 1 and len(parts[0]) == 1 else None
        self.word = bool(only and not only.optional and not only.any and not only.end and len(only.phrases) == 1
                         and len(only.phrases[0]) == 1 and only.phrases[0][0] != ANY_SLOT)
        # for each place that must be there, the words it may be ("x*" for a word starting with x): a
        # sentence lacking one of them is never searched
        self.required = tuple(
            frozenset({f for w, star in firsts if not star for f in forms(w, lang)}
                      | {skeleton(w) + "*" for w, star in firsts if star})
            for item in (item for items in parts for item in items)
            if item.phrases and not item.optional and all(phrase[0] != ANY_SLOT for phrase in item.phrases)
            for firsts in ([w for phrase in item.phrases for w in phrase[0]],))
        best: tuple[bool, int, int] | None = None
        self.exact: frozenset[str] = frozenset()
        self.prefixes: frozenset[str] = frozenset()
        for item in (item for items in parts for item in items):
            if not item.phrases or item.optional or any(phrase[0] == ANY_SLOT for phrase in item.phrases):
                continue
            firsts = [w for phrase in item.phrases for w in phrase[0]]
            rare = sum(skeleton(w) not in common for w, _star in firsts) == len(firsts)
            shortest = min(len(skeleton(w)) for w, _star in firsts)
            score = (rare, shortest, -len(firsts))  # a rare word picks the fewest sentences
            if best is None or score > best:
                best = score
                self.exact = frozenset(f for w, star in firsts if not star for f in forms(w, lang))
                self.prefixes = frozenset(skeleton(w) for w, star in firsts if star)
        # the anchor is there wherever the pattern is looked for: only the other places are checked
        anchor = self.exact | {p + "*" for p in self.prefixes}
        self.required = tuple(sorted((r for r in self.required if r != anchor), key=len))

    @property
    def own(self) -> frozenset[str]:
        """Every spelling of the pattern's own words (a negation among them is the sign itself)."""
        own = self._own
        if own is None:
            words = {(w, star) for items in self._parts for item in items for phrase in item.phrases
                     for slot in phrase if slot != ANY_SLOT for w, star in slot}
            own = self._own = frozenset(f for w, star in words if not star for f in self._forms(w, self._lang))
        return own

    @property
    def regexes(self) -> tuple[re.Pattern[str], ...]:
        """Compiled when first needed (most patterns are never needed for most answers), or by
        the warm-up in the background."""
        compiled = self._compiled
        if compiled is None:
            compiled = self._compiled = tuple(re.compile(source) for source in self.sources)
        return compiled

    def matches(self, doc: "_Text", sid: int):
        """(first token, token after the last) of each match in a sentence."""
        if self.word:
            for i in sorted(doc.word_at(self, sid)):
                yield i, i + 1
            return
        start, end = doc.spans[sid]
        regexes = self.regexes
        if len(regexes) == 1:
            at = doc.at
            for m in regexes[0].finditer(doc.string, start, end):
                yield at[m.start()], at[m.end() - 1] + 1
            return
        found: list[dict[int, tuple[int, int]]] = []  # per part: clause → span
        for regex in regexes:
            spans: dict[int, tuple[int, int]] = {}
            for m in regex.finditer(doc.string, start, end):
                a, b = doc.at[m.start()], doc.at[m.end() - 1] + 1
                spans.setdefault(doc.clause_of[a], (a, b))
            if not spans:
                return
            found.append(spans)
        for clause in sorted(set(found[0]).intersection(*found[1:])):
            yield min(f[clause][0] for f in found), max(f[clause][1] for f in found)


def _having(sentences, required: tuple[frozenset[str], ...], words_in: list[set[str]]) -> set[int]:
    """The sentences that hold one word of each required set."""
    out = set()
    for sid in sentences:
        words = words_in[sid]
        for r in required:
            if r.isdisjoint(words):
                break
        else:
            out.add(sid)
    return out


class _Group:
    """Patterns of one rule or list, every language's."""

    __slots__ = ("patterns",)

    def __init__(self, patterns: dict[str, tuple[str, ...]], words: dict[str, dict[str, tuple[str, ...]]],
                 forms: _Forms, where: str, common: frozenset[str] = frozenset()):
        self.patterns = tuple(_Pattern(_parse_parts(p, where, words[lang]), lang, forms, common)
                              for lang, items in patterns.items() for p in items)

    def find(self, doc: "_Text", sentences: set[int] | None = None):
        """(pattern, first token, token after the last) of every match, in the given sentences or all
        (every sentence is searched once per answer; later questions are answered from that)."""
        found = doc.found.get(id(self))
        if found is None:
            found = doc.found[id(self)] = {}
            for match in self._find(doc):
                found.setdefault(doc.sentence_of[match[1]], []).append(match)
        if sentences is None:
            for matches in found.values():
                yield from matches
        else:
            for sid in sentences:
                yield from found.get(sid, ())

    def _find(self, doc: "_Text"):
        sentences = None
        for pattern in self.patterns:
            where = doc.where.get(id(pattern))
            if not where:
                continue
            if sentences is not None:
                where = where & sentences
                if not where:
                    continue
            if pattern.word:
                for sid in where:
                    for i in doc.word_at(pattern, sid):
                        yield pattern, i, i + 1
            if pattern.required:
                where = _having(where, pattern.required, doc.words_in)
                if not where:
                    continue
            if len(pattern.sources) == 1 and len(where) > 2 and len(where) * 4 > len(doc.spans):
                # in most of the answer's pieces: one pass over it, not one per piece
                at, sentence_of = doc.at, doc.sentence_of
                for m in pattern.regexes[0].finditer(doc.string):
                    start = at[m.start()]
                    if sentence_of[start] in where:
                        yield pattern, start, at[m.end() - 1] + 1
            elif len(pattern.sources) == 1 and not pattern.word:
                search, string, spans, at = pattern.regexes[0].search, doc.string, doc.spans, doc.at
                for sid in where:
                    start, end = spans[sid]
                    m = search(string, start, end)
                    while m is not None:
                        yield pattern, at[m.start()], at[m.end() - 1] + 1
                        m = search(string, m.end(), end) if m.end() < end else None
            else:
                for sid in where:
                    for start, end in pattern.matches(doc, sid):
                        yield pattern, start, end

    def first(self, doc: "_Text", sentences: set[int] | None = None) -> dict[int, dict[int, tuple]]:
        """sentence → pattern → (pattern, first token, token after the last) of its first match there."""
        out: dict[int, dict[int, tuple]] = {}
        for pattern in self.patterns:
            where = doc.where.get(id(pattern))
            if not where:
                continue
            if sentences is not None:
                where = where & sentences
            for sid in where:
                if pattern.word:
                    at = doc.word_at(pattern, sid)
                    if at:
                        out.setdefault(sid, {})[id(pattern)] = (pattern, min(at), min(at) + 1)
                    continue
                if pattern.required and not _having((sid,), pattern.required, doc.words_in):
                    continue
                match = next(iter(pattern.matches(doc, sid)), None)
                if match is not None:
                    out.setdefault(sid, {})[id(pattern)] = (pattern, *match)
        return out

    def in_sentence(self, doc: "_Text", sid: int) -> bool:
        return next(iter(self.find(doc, {sid})), None) is not None


class _Engine:
    def __init__(self, d: SafetyData):
        forms = _Forms(d.forms)
        self.words = {name: frozenset(skeleton(w.casefold()) for ws in d.lists[name].values() for w in ws)
                      for name in WORD_LISTS}
        common = frozenset().union(*self.words.values())
        self.rules = tuple((rule, _Group(rule.patterns, d.words, forms, f"[[rule]] {rule.id}", common),
                            _Group(rule.unless, d.words, forms, f"[[rule]] {rule.id} unless", common)
                            if rule.unless else None)
                           for rule in d.rules)
        self.lists = {name: _Group(d.lists[name], d.words, forms, f"[{name}]", common) for name in LISTS}
        self.strong = tuple((s, _Group(s.patterns, d.words, forms, f"[[raise]] {s.id}", common)) for s in d.strong)
        self.combine = d.combine
        self.cues = tuple((c, {name: _Group(c.patterns[name], d.words, forms, f"[[cues]] {c.id} {name}", common)
                               for name in CUE_WEIGHTS if c.patterns[name]}) for c in d.cues)
        groups = [g for _, g, u in self.rules for g in (g, u) if g] + list(self.lists.values()) + \
                 [g for _, g in self.strong] + [g for _, gs in self.cues for g in gs.values()]
        prefixes = {p for g in groups for pattern in g.patterns for p in pattern.prefixes}
        prefixes |= {key[:-1] for g in groups for pattern in g.patterns for r in pattern.required for key in r
                     if key.endswith("*")}
        self.prefixes = frozenset(prefixes)
        self.prefix_lengths = tuple(sorted({len(p) for p in prefixes}))
        self.fuzzy = _Fuzzy(d.fuzzy, d.fuzzy_not)
        self.groups = groups
        # anchor word → the patterns looked up by it: an answer costs its words, not the rules' number
        self._tokens: dict[str, tuple[tuple[_Pattern, ...], frozenset[str]]] = {}
        self._keys: dict[str, list[str]] = {}
        self.by_word: dict[str, list[_Pattern]] = {}
        self.by_prefix: dict[str, list[_Pattern]] = {}
        for group in groups:
            for pattern in group.patterns:
                for word in pattern.exact:
                    self.by_word.setdefault(word, []).append(pattern)
                for prefix in pattern.prefixes:
                    self.by_prefix.setdefault(prefix, []).append(pattern)

    def word_key(self, word: str) -> list[str]:
        """A word of an answer as patterns read it (folded, a key word's misspelling mended); cached."""
        found = self._keys.get(word)
        if found is None:
            found = [self.fuzzy(w) for w in skeleton(word).split()]
            if len(self._keys) < 50000:
                self._keys[word] = found
        return found

    def token_info(self, token: str) -> tuple[tuple[_Pattern, ...], frozenset[str]]:
        """The patterns a word of an answer is an anchor of, and the keys it answers to ("x*")."""
        info = self._tokens.get(token)
        if info is None:
            found = list(self.by_word.get(token, ()))
            keys = {token}
            for n in self.prefix_lengths:
                if n > len(token):
                    break
                found += self.by_prefix.get(token[:n], ())
                if token[:n] in self.prefixes:
                    keys.add(token[:n] + "*")
            info = (tuple(found), frozenset(keys))
            if len(self._tokens) < 50000:
                self._tokens[token] = info
        return info

    def compile_all(self) -> None:
        for group in self.groups:
            for pattern in group.patterns:
                pattern.regexes


class _Fuzzy:
    """A few long key words ("selvmord", "suicide") also when one letter is missing, extra,
    wrong or swapped: "selmord", "selvmorstanker", "sucide"."""

    def __init__(self, words: tuple[str, ...], never: tuple[str, ...]):
        self.variants: dict[str, str] = {}
        for word in words:
            for variant in self._deletions(word) | {word}:
                self.variants.setdefault(variant, word)
        self.words = frozenset(words)
        self.never = frozenset(never)
        self.lengths = tuple(sorted({len(w) for w in words}))
        self.cache: dict[str, str] = {}

    @staticmethod
    def _deletions(word: str) -> set[str]:
        return {word[:i] + word[i + 1:] for i in range(len(word))}

    def __call__(self, token: str) -> str:
        if len(token) < 5 or not self.variants:
            return token
        found = self.cache.get(token)
        if found is None:
            found = self._mend(token)
            if len(self.cache) < 20000:
                self.cache[token] = found
        return found

    def _mend(self, token: str) -> str:
        if token in self.never or any(token.startswith(w) for w in self.words):
            return token
        for n in self.lengths:
            for size in (n, n - 1, n + 1):  # a letter wrong or swapped, one missing, one extra
                head = token[:size]
                if len(head) < size or size < 6:
                    continue
                for candidate in (head, *self._deletions(head)):
                    word = self.variants.get(candidate)
                    if word is not None and len(word) in (size - 1, size, size + 1):
                        return word + token[size:]
        return token


_PIECES = re.compile(r"[^\W_]+(?:['’‘`´][^\W_]+)*|[.!?…:]+(?=\s|$)|[;\n]|[,()]|(?<=\s)[-–—]+(?=\s)")


def _sentences(text: str, engine: "_Engine") -> list[list[list[str]]]:
    """The answer's sentences, each a list of clauses, each a list of words as patterns read them."""
    sentences: list[list[list[str]]] = []
    clauses: list[list[str]] = []
    words: list[str] = []
    key = engine.word_key
    for piece in _PIECES.findall(text):
        if piece[0].isalnum():
            words += key(piece)
            continue
        if words:
            clauses.append(words)
            words = []
        if piece[0] not in ",()-–—" and clauses:
            sentences.append(clauses)
            clauses = []
    if words:
        clauses.append(words)
    if clauses:
        sentences.append(clauses)
    return sentences


_SENTENCE = re.compile(r"[.!?…]+(?=\s|$)|[;\n]+|\s[:]\s|[:](?=\s)")
_CLAUSE = re.compile(r",|\s[-–—]+\s|[()]")


class _Text:
    """An answer as the patterns read it: " word word , word . word " ("," a clause ends,
    "." a sentence ends), with where each sentence is and which words it holds."""

    def __init__(self, text: str, engine: _Engine):
        tokens: list[str] = []
        sentence_of: list[int] = []
        sid = 0
        stop = engine.words["stop"]
        for sentence in _sentences(clean(text).casefold(), engine):
            first = len(tokens)
            for words in sentence:
                while words:
                    # a long sentence is read in pieces of at most PIECE words, cut where a clause ends
                    room = PIECE - (len(tokens) - first)
                    if len(words) > room:
                        cut = max((i for i in range(1, min(room, len(words))) if words[i] in stop), default=0)
                        if not cut and len(tokens) == first:
                            cut = room
                    else:
                        cut = len(words)
                    if cut:
                        if len(tokens) > first:
                            tokens.append(",")
                            sentence_of.append(sid)
                        tokens += words[:cut]
                        sentence_of += [sid] * cut
                        words = words[cut:]
                    if words:  # the piece is full: the rest begins the next one
                        tokens.append(".")
                        sentence_of.append(sid)
                        sid += 1
                        first = len(tokens)
            if len(tokens) > first:
                tokens.append(".")
                sentence_of.append(sid)
                sid += 1
        self.tokens = tokens
        self.sentence_of = sentence_of
        self.clause_of: list[int] = []  # clauses end at , . and the words of [stop] ("og", "men", "but")
        clause = 0
        for token in tokens:
            if token in ",." or token in engine.words["stop"]:
                clause += 1
            self.clause_of.append(clause)
        self.starts: list[int] = []
        at: list[int] = [0]  # character → the token it is in (or the space after it)
        pos = 1
        for i, token in enumerate(tokens):
            self.starts.append(pos)
            at += [i] * (len(token) + 1)
            pos += len(token) + 1
        self.at = at
        self.string = " " + " ".join(tokens) + " "
        self.spans: list[tuple[int, int]] = []  # per sentence: [first char, after the space after the last word)
        index: dict[str, set[int]] = {}
        first = 0
        for i, token in enumerate(tokens):
            if token == ".":
                self.spans.append((self.starts[first], self.starts[i]))
                first = i + 1
            elif token != ",":
                index.setdefault(token, set()).add(sentence_of[i])
        self.where: dict[int, set[int]] = {}  # id of a pattern → the sentences that hold its anchor
        self.words_in: list[set[str]] = [set() for _ in self.spans]  # per sentence: its words, and "x*" keys
        self.found: dict[int, dict[int, list]] = {}  # a group's matches, by sentence (filled as asked)
        self.positions: dict[str, list[int]] = {}
        for i, token in enumerate(tokens):
            self.positions.setdefault(token, []).append(i)
        self.word_tokens: dict[int, list[str]] = {}  # a one-word pattern → the answer's words it is
        for token, sids in index.items():
            found, keys = engine.token_info(token)
            for sid in sids:
                self.words_in[sid] |= keys
            for pattern in found:
                where = self.where.get(id(pattern))
                if where is None:
                    self.where[id(pattern)] = set(sids)
                else:
                    where |= sids
                if pattern.word:
                    self.word_tokens.setdefault(id(pattern), []).append(token)

    def word_at(self, pattern: _Pattern, sid: int) -> list[int]:
        """Where a one-word pattern's words are in a sentence (not in an idiom)."""
        return [i for token in self.word_tokens.get(id(pattern), ()) for i in self.positions[token]
                if self.sentence_of[i] == sid and self.tokens[i][0] != "_"]

    def token_at(self, char: int) -> int:
        return self.at[char] if char < len(self.at) else max(0, bisect.bisect_right(self.starts, char) - 1)

    def blank(self, start: int, end: int) -> None:
        """Idioms: these words are read as no words at all."""
        a, b = self.starts[start], self.starts[end - 1] + len(self.tokens[end - 1])
        self.string = self.string[:a] + re.sub(r"[^ .,]", "_", self.string[a:b]) + self.string[b:]
        for i in range(start, end):
            if self.tokens[i] not in ",.":
                self.tokens[i] = "_" * len(self.tokens[i])


_COMPILING = threading.Lock()
_compiled: tuple[SafetyData, _Engine] | None = None
_warming: threading.Thread | None = None


def _patterns() -> _Engine:
    """The signs' patterns compiled (a few hundred ms for every language's): once, when first needed."""
    global _compiled
    checked = data()
    done = _compiled
    if done is None or done[0] is not checked:
        with _COMPILING:
            done = _compiled
            if done is None or done[0] is not checked:
                done = _compiled = (checked, _Engine(checked))
    return done[1]


def warm_up() -> None:
    """Compile the signs' patterns in the background, once per process. The faces call it once
    the first question is on screen: the first answer needs them, the first question does not."""
    global _warming
    with _COMPILING:
        if _warming is not None or _compiled is not None:
            return
        _warming = threading.Thread(target=lambda: _patterns().compile_all(), name="safety-warm-up", daemon=True)
        _warming.start()


# -- reading answers ------------------------------------------------------------
@dataclass(frozen=True)
class Assessment:
    """What :func:`assess` saw in an answer."""
    tier: str  # "none" | "possible" | "clear"
    kinds: tuple[str, ...] = ()  # kinds of sign at that tier, in KINDS order (empty for none)
    rules: tuple[str, ...] = ()  # ids of the rules that matched (for tests and the benchmark; never shown)


NONE = Assessment("none")


@dataclass
class _Hit:
    rule: Rule
    pattern: _Pattern
    start: int
    end: int
    sentence: int
    tier: str
    lowered: bool = False  # a negation, a past that is over or someone else's story lowered it


def assess(text: str) -> Assessment:
    """How clearly ``text`` shows a sign of distress or danger, and of which kinds.

    Every sentence and clause of the answer is read (a sign buried in a long answer counts).
    ``clear``: the safety step. ``possible``: ask the direct question of
    :func:`direct_question_kind`. ``none``: go on."""
    if not text or not text.strip():
        return NONE
    engine = _patterns()
    doc = _Text(text, engine)
    if not doc.tokens:
        return NONE
    for _pattern, start, end in list(engine.lists["idioms"].find(doc)):
        doc.blank(start, end)
    hits: list[_Hit] = []
    seen: set[tuple[str, int]] = set()
    for rule, group, unless in engine.rules:
        for pattern, start, end in group.find(doc):
            if (rule.id, start) in seen:
                continue  # the same sign again, by another pattern of the rule
            seen.add((rule.id, start))
            sid = doc.sentence_of[start]
            if unless is not None and any(
                    start_u == 0 or doc.tokens[start_u - 1] not in engine.words["negation"] or start < start_u <= end
                    for _p, start_u, _e in unless.find(doc, {sid})):
                continue  # something else ("på ferie"), unless it is denied ("ikke på ferie")
            hits.append(_Hit(rule, pattern, start, end, sid, rule.tier))
    hits += _cue_hits(doc, engine)
    if not hits:
        return NONE
    cache: dict[tuple[str, int], bool] = {}

    def has(name: str, sid: int) -> bool:
        key = (name, sid)
        if key not in cache:
            cache[key] = 0 <= sid < len(doc.spans) and engine.lists[name].in_sentence(doc, sid)
        return cache[key]

    answer_strong = {s.id: bool(next(iter(g.find(doc)), None)) for s, g in engine.strong if s.scope == "answer"}
    for hit in hits:
        sid = hit.sentence
        if hit.tier == "possible":
            for s, g in engine.strong:
                if (set(s.kinds) & set(hit.rule.kinds) or hit.rule.id in s.rules) and (
                        answer_strong[s.id] if s.scope == "answer" else g.in_sentence(doc, sid)):
                    hit.tier = "clear"
                    break
        over = (has("past", sid) or has("past", sid + 1)) and not has("still", sid)
        if over or _negated(doc, hit, engine):
            hit.tier, hit.lowered = "possible", True
        if has("story", sid) and not _about_me(doc, hit, engine):
            hit.tier, hit.lowered = "none", True
    for kind, count in engine.combine.items():
        possible = [h for h in hits if h.tier == "possible" and not h.lowered and kind in h.rule.kinds]
        apart: list[_Hit] = []  # signs that do not overlap: different things said
        for h in sorted(possible, key=lambda h: (h.start, h.end)):
            if not apart or h.start >= apart[-1].end:
                apart.append(h)
        if len(apart) >= count:
            for h in possible:
                h.tier = "clear"
    tier = max((h.tier for h in hits), key=TIERS.index)
    if tier == "none":
        return NONE
    kinds = {k for h in hits if h.tier == tier for k in h.rule.kinds}
    rules = sorted({h.rule.id for h in hits if h.tier != "none"})
    return Assessment(tier, tuple(k for k in KINDS if k in kinds), tuple(rules))


def _cue_hits(doc: _Text, engine: _Engine) -> list[_Hit]:
    """A sign for each sentence whose cue words add up to a [[cues]] entry's threshold."""
    out: list[_Hit] = []
    for cues, groups in engine.cues:
        if "strong" not in groups and "medium" not in groups:
            continue
        found: dict[int, dict[int, tuple[_Pattern, int, int, int]]] = {}  # sentence → pattern → match
        for name in ("strong", "medium"):
            group = groups.get(name)
            for sid, matches in (group.first(doc) if group else {}).items():
                for key, (pattern, start, end) in matches.items():
                    found.setdefault(sid, {}).setdefault(key, (pattern, start, end, CUE_WEIGHTS[name]))
        found = {sid: m for sid, m in found.items() if any(x[3] == CUE_WEIGHTS["strong"] for x in m.values())}
        if not found:
            continue
        for name in ("context", "against"):
            group = groups.get(name)
            for sid, matches in (group.first(doc, set(found)) if group else {}).items():
                for key, (pattern, start, end) in matches.items():
                    found[sid].setdefault(key, (pattern, start, end, CUE_WEIGHTS[name]))
        rule = Rule(cues.id, cues.kinds, "possible", {})
        for sid, matched in found.items():
            score = sum(m[3] for m in matched.values())
            if score < cues.possible or not any(m[3] == CUE_WEIGHTS["strong"] for m in matched.values()):
                continue
            strong = sum(m[3] == CUE_WEIGHTS["strong"] for m in matched.values())
            tier = "clear" if cues.clear is not None and score >= cues.clear and strong >= 2 else "possible"
            signs = sorted((m for m in matched.values() if m[3] > 1), key=lambda m: m[1])
            start, end = signs[0][1], max(m[2] for m in signs)
            out.append(_Hit(rule, signs[0][0], start, end, sid, tier))
    return out


def _window(doc: _Text, hit: _Hit, engine: _Engine) -> range:
    """The hit's words and up to GAP words before it in its clause (not past a word of [stop])."""
    first = hit.start
    while first > 0 and hit.start - first < GAP:
        before = doc.tokens[first - 1]
        if before in ",." or before in engine.words["stop"]:
            break
        first -= 1
    return range(first, hit.end)


def _negated(doc: _Text, hit: _Hit, engine: _Engine) -> bool:
    """A word of [negation] in the hit or just before it, that is not a word of the pattern
    itself ("jeg vil ikke leve" says ikke on purpose) nor part of [not_negation] ("ved ikke")."""
    window = _window(doc, hit, engine)
    negations = [i for i in window if doc.tokens[i] in engine.words["negation"]
                 and doc.tokens[i] not in hit.pattern.own]
    if not negations:
        return False
    spared: set[int] = set()
    for _p, start, end in engine.lists["not_negation"].find(doc, {hit.sentence}):
        spared.update(range(start, end))
    return any(i not in spared for i in negations)


def _about_me(doc: _Text, hit: _Hit, engine: _Engine) -> bool:
    return any(doc.tokens[i] in engine.words["self"] for i in _window(doc, hit, engine))


def signs(text: str) -> list[str]:
    """The kinds of a clear sign of distress or danger in ``text`` (empty: none, or only a possible one)."""
    found = assess(text)
    return list(found.kinds) if found.tier == "clear" else []


def direct_question_kind(kinds: tuple[str, ...] | list[str]) -> str:
    """Which direct question fits a possible sign: "suicide" ("Are you thinking about taking
    your life?") when it may be about the citizen's own life or body, else "danger" ("Are you,
    or a child with you, in danger?")."""
    if not kinds or {"suicide", "self_harm"} & set(kinds):
        return "suicide"
    return "danger"


def direct_texts() -> dict[str, str]:
    """The direct questions' message ids: suicide, danger, and the answers yes, no, decline, and thanks."""
    return dict(data().direct)


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
    """The kinds of sign as the caseworker reads them; "a child may be in danger" always first."""
    kinds = list(kinds)
    if CHILD in kinds:
        kinds = [CHILD, *(k for k in kinds if k != CHILD)]
    return ", ".join(kind_label(k, t) for k in kinds)


# -- the flag on the case -----------------------------------------------------------
CHILD = "child_at_risk"  # the kind "a child may be in danger" (issue 20, point 5)
YOUTH_JOURNEY = "youth"  # the young person's conversation: every sign there is about a child


def is_youth(meta: dict[str, Any] | None) -> bool:
    """Whether the case is a young person's (its conversation is the youth journey)."""
    return isinstance(meta, dict) and meta.get("journey") == YOUTH_JOURNEY


def with_child(kinds: list[str] | tuple[str, ...], meta: dict[str, Any] | None) -> list[str]:
    """The kinds of a sign as the case records them: in a young person's case any sign
    also says that a child may be in danger."""
    kinds = [k for k in kinds if isinstance(k, str)]
    if is_youth(meta) and CHILD not in kinds:
        kinds.append(CHILD)
    return [k for k in KINDS if k in kinds] + [k for k in kinds if k not in KINDS]


def about_child(kinds: list[str] | tuple[str, ...]) -> bool:
    """Whether a flag with these kinds says that a child may be in danger."""
    return CHILD in (kinds or ())


def flags(meta: dict[str, Any]) -> list[dict[str, Any]]:
    """Every flag of a case (from its meta), oldest first. In a young person's case each
    flag carries the kind "a child may be in danger" (flags kept before it was added, too)."""
    return child_labelled([f for f in meta.get("flags") or [] if isinstance(f, dict)], meta)


def child_labelled(entries: list[dict[str, Any]], meta: dict[str, Any]) -> list[dict[str, Any]]:
    """``entries`` (flags, or direct questions asked) as read in a young person's case: each one's
    kinds also say that a child may be in danger, entries kept before that label existed too."""
    if not is_youth(meta):
        return entries
    return [e if about_child(e.get("kinds") or ()) or not isinstance(e.get("kinds") or [], list)
            else {**e, "kinds": with_child(e.get("kinds") or [], meta)} for e in entries]


def open_flags(meta: dict[str, Any]) -> list[dict[str, Any]]:
    return [f for f in flags(meta) if not f.get("handled")]


def raise_flag(handle, kinds: list[str], *, state: str, item: int | None, at: str) -> tuple[dict, dict]:
    """Record a sign on the case: meta flag, history event, audit-trail entry (one batch is the caller's).

    Returns the flag and the history event."""
    meta = handle.meta
    current = flags(meta)
    kinds = with_child(kinds, meta)  # a young person's sign: a child may be in danger
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
