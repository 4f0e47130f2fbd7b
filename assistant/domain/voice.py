"""The citizen's own voice: short quotes of long answers, one wish at a time, no echoes.

Pure functions on the citizen's text, used by the engine (which wish, which new
first step), the prompts (what a card quotes) and the drafting (which words a
drafted sentence quotes). Nothing here changes what is stored: the full answer is
always kept, on file and in the plan.

- :func:`excerpt`: what a reflection or review card quotes of a long answer.
- :func:`split_wishes`: the wishes in a dream that clearly holds several.
- :func:`without_echo`: the citizen's words without the words the sentence just said.
- :func:`alternative`: what a citizen who disagrees would rather do, from their comment.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.common.i18n import N_, Translator

# A card quotes at most about this many words of an answer.
EXCERPT_WORDS = 15
# An answer this short is quoted whole, however many sentences it has.
WHOLE_UP_TO = 18
ELLIPSIS = "…"

# The end of a sentence: . ! ? … followed by a space, after a word (not "kl." or "8.")
# or before a capital letter.
_SENTENCE_END = re.compile(r"(?:(?<=[^\W\d_]{3})|(?<=\w[!?]))[.!?…]+(?=\s)|[.!?…]+(?=\s+[A-ZÆØÅ»“\"])")

# Words that join wishes in a list ("et job, en kæreste og en lejlighed"), both languages.
_JOINERS = r"og|samt|and|&|\+"
_LIST_SEPARATOR = re.compile(rf"\s*,(?!\d)\s*(?:(?:{_JOINERS})\s+)?|\s+(?:{_JOINERS})\s+", re.IGNORECASE)
_JOINER_ONLY = re.compile(rf"\s+(?:{_JOINERS})\s+", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*•·–]+|\d{1,2}[.)])\s*")
# "Min mor og jeg skal …": a pronoun after "og" right after a short start is one subject, not two wishes.
_PRONOUN = re.compile(r"^(?:jeg|du|vi|han|hun|de|i|we|you|he|she|they)\b", re.IGNORECASE)
MAX_WISHES = 6
WISH_WORDS = 20  # a line or list part longer than this is a story, not a wish in a list
LIST_WORDS = 30  # a one-line answer longer than this is not read as a list

# What a drafted sentence already says just before it quotes the citizen (both languages).
ECHOES = {
    # "… fordi: »fordi jeg er ensom«" → "… fordi: »jeg er ensom«"
    "because": re.compile(r"^(?:det\s+er\s+|it\s*'?s\s+|it\s+is\s+)?(?:fordi|because|'?cause|’cause)(?!\s+of\b)[\s,:]+",
                          re.IGNORECASE),
    # "… når: »når jeg har et job«"
    "when": re.compile(r"^(?:når|when)\b[\s,:]+", re.IGNORECASE),
    # "Mit første skridt er: »mit første skridt er at ringe«"
    "first_step": re.compile(
        r"^(?:(?:mit|det|my|the)\s+)?(?:første|first)\s+(?:skridt|step)(?:\s+(?:er|bliver|is|will\s+be))?[\s,:]+",
        re.IGNORECASE),
    # "Min drøm: »min drøm er at få et job«"
    "dream": re.compile(r"^(?:(?:min|my)\s+)?(?:drøm|dream)(?:\s+(?:er|is))?[\s,:]+", re.IGNORECASE),
}

# What the citizen would rather do: the words that say so, stripped from the front.
_PREFERENCE = re.compile(
    r"\b(?:hellere|helst|i\s*stedet|starte\s+med|begynde\s+med|rather|instead|prefer|start\s+(?:with|by))\b",
    re.IGNORECASE,
)
_RATHER_DA = re.compile(
    r"^(?:(?:men|nej)[\s,]+)?(?:jeg\s+)?(?:"
    # "(jeg vil) hellere (starte med at) …", "jeg vil gerne …" — a modal alone ("jeg kunne godt …") is not enough
    r"(?:(?:vil|ville|kunne|skal)\s+)?(?:(?:hellere|helst|gerne|først|i\s*stedet)\s+)+"
    r"(?:(?:starte|begynde)\s+med\s+at\s+|at\s+)?"
    r"|(?:(?:vil|ville|skal)\s+)?(?:starte|begynde)\s+med\s+at\s+"
    r"|(?:kunne|vil|ville)\s+godt\s+tænke\s+mig\s+(?:at\s+)?"
    r"|(?:vil|ville|skal)\s+(?=(?:starte|begynde)\s+med\b)"  # "jeg vil starte med kl. 10" → "starte med kl. 10"
    r")",
    re.IGNORECASE,
)
_RATHER_EN = re.compile(
    r"^(?:(?:but|no)[\s,]+)?"
    r"(?:(?:i\s+would|i'd|i’d)\s+(?:rather|prefer\s+to|like\s+to)\s+|i\s+(?:want|wanna|prefer)\s+(?:to\s+)?|rather\s+)"
    r"(?:(?:start|begin)\s+by\s+)?",
    re.IGNORECASE,
)
_TRAILING = re.compile(r"[\s,]*(?:i\s*stedet|instead|først|first)?[\s.!…]*$", re.IGNORECASE)


def _words(text: str) -> int:
    return len(text.split())


def _sentences(text: str) -> list[str]:
    """``text`` cut into sentences ("Kl. 8 er for tidligt." is one)."""
    out, pos = [], 0
    for match in _SENTENCE_END.finditer(text):
        out.append(text[pos : match.end()].strip())
        pos = match.end()
    out.append(text[pos:].strip())
    return [s for s in out if s] or [text.strip()]


def excerpt(text: str) -> str:
    """A long answer as a card quotes it: the first sentence, or the first ~15 words and "…".

    A short answer is quoted whole. The full answer is never changed on file.
    """
    text = text.strip()
    if _words(text) <= WHOLE_UP_TO:
        return text
    first = _sentences(text.split("\n", 1)[0])[0]
    words = first.split()
    if len(words) > WHOLE_UP_TO:
        first = " ".join(words[:EXCERPT_WORDS])
    return first.rstrip(" ,;:-–.!?…") + ELLIPSIS


def split_wishes(text: str | None) -> list[str]:
    """The wishes in ``text`` when it clearly holds several, else ``[text]`` (or [] for nothing).

    Several lines (a list), or one line listing short parts with commas and "og"/"and".
    Only an offer: the citizen chooses whether to take them one at a time.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    lines = [_BULLET.sub("", line).strip() for line in text.strip().split("\n")]
    lines = [line for line in lines if line]
    if len(lines) > 1:
        if len(lines) <= MAX_WISHES and all(_words(line) <= WISH_WORDS for line in lines):
            return lines
        return [text.strip()]
    line = lines[0]
    if _words(line) > LIST_WORDS or len(_sentences(line)) > 1:
        return [line]  # a story in sentences is not a list
    parts = _split_list(line)
    if 1 < len(parts) <= MAX_WISHES and all(0 < _words(p) <= WISH_WORDS for p in parts):
        return parts
    return [line]


def _split_list(line: str) -> list[str]:
    commas = len(re.findall(r",(?!\d)", line))
    joiners = len(_JOINER_ONLY.findall(line))
    # "At få en ven, jeg kan gå ture med": one comma and no "og" is a clause, not a list.
    if commas == 1 and not joiners:
        return [line]
    if not commas and not joiners:
        return [line]
    parts: list[str] = []
    pos = 0
    for match in _LIST_SEPARATOR.finditer(line):
        before, after = line[pos : match.start()].strip(), line[match.end() :]
        if "," not in match.group() and _PRONOUN.match(after) and _words(before) <= 3:
            continue  # "min mor og jeg …": one subject
        parts.append(before)
        pos = match.end()
    parts.append(line[pos:].strip())
    parts = [p.rstrip(" .!") for p in parts if p.strip(" .!")]
    return parts


def without_echo(text: str | None, kind: str) -> str:
    """``text`` without the words a drafted sentence says just before quoting it.

    ``kind`` is one of :data:`ECHOES`. If nothing would be left, the text stays whole.
    """
    text = (text or "").strip()
    match = ECHOES[kind].match(text)
    if match and text[match.end() :].strip():
        return text[match.end() :].strip()
    return text


def alternative(comment: str | None) -> str | None:
    """What the citizen would rather do, in their own words, from a comment on a goal.

    The sentence that says what they would rather do (or the whole comment if none
    says it), without "jeg vil hellere starte med at …" in front.
    "jeg vil hellere starte med at åbne posten sammen med Bente" → "åbne posten sammen med Bente".
    """
    if not isinstance(comment, str) or not comment.strip():
        return None
    text = " ".join(comment.split())
    chosen = next((s for s in _sentences(text) if _PREFERENCE.search(s)), text)
    for pattern in (_RATHER_DA, _RATHER_EN):
        match = pattern.match(chosen)
        if match and match.end() and chosen[match.end() :].strip():
            chosen = chosen[match.end() :]
            break
    chosen = _TRAILING.sub("", chosen).strip(" ,")
    return chosen or None


# -- what the cards say ------------------------------------------------------------
# The assistant speaks to the citizen on a card, so the goal is in the second person there
# (the plan itself speaks as the citizen: "Mit første skridt er …").
YOUR_FIRST_STEP = N_("Your first step is: {step}.")
YOUR_FIRST_STEP_OPEN = N_("Your first step is {agree}.")


def goal_for_you(t: Translator, first_step: str | None, agree: str) -> str:
    """The goal as the review card puts it to the citizen: one person, a short quote."""
    if first_step:
        return t.gettext(YOUR_FIRST_STEP).format(step=t.quote(excerpt(without_echo(first_step, "first_step"))))
    return t.gettext(YOUR_FIRST_STEP_OPEN).format(agree=agree)


def card_quote(t: Translator, text: str | None, echo: str | None = None) -> str:
    """The citizen's words as a card quotes them: short, and without an echo of the card's words."""
    text = text or ""
    return t.quote(excerpt(without_echo(text, echo) if echo else text))


def wish_and_alternative(model: Any, step: Any, t: Translator) -> tuple[dict[str, str], str | None]:
    """Placeholders and wording for offering a told wish as the next dream, or a new first step."""
    if "wish" in step.variants and model.wishes and model.can_add_dream():
        return {"wish": card_quote(t, model.wishes[0])}, "wish"
    if step.slot == "review_offer":
        return {"alternative": card_quote(t, model.offered_step())}, None
    return {}, None
