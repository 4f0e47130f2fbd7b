"""What the citizen is asked, and how a reply is understood.

:func:`render` turns the current step into a :class:`Prompt` in the conversation's
language (plain text, plus Markdown with the citizen's words escaped);
:func:`parse_reply` turns typed text into a value or a kind message.
"""

from __future__ import annotations

import re
from typing import Any

from assistant.common.i18n import LANGUAGES, N_, Translator, translator
from assistant.domain.journey import PHASES, YES_NO, ChoiceSpec, Step
from assistant.domain.question import Choice, Prompt, answered_by  # made here, defined there (the chat shows one without this module)
from assistant.common.text import md_escape, normalise_reply
from assistant.domain.voice import excerpt, split_wishes

# Said to "anything else?": nothing to add (Danish and English).
NOTHING = {"nej", "nej tak", "nej, tak", "næ", "nix", "ingen", "intet", "ikke noget", "ikke mere",
           "no", "no thanks", "no, thanks", "nope", "nothing", "none", "nothing else"}

MAX_ANSWER_CHARS = 50_000
_SCALE = re.compile(r"^\s*(\d{1,3})\s*(?:/\s*\d+)?\s*$")
# Numbers written as words on the 0-10 scale, in both languages (a screen reader's user
# or anyone may write "ti" or "ten"); "et"/"en" are Danish for one.
NUMBER_WORDS = {
    **dict.fromkeys(("nul",), 0), **dict.fromkeys(("en", "et", "én", "ét"), 1), "to": 2, "tre": 3,
    "fire": 4, "fem": 5, "seks": 6, "syv": 7, "otte": 8, "ni": 9, "ti": 10,
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}


def scale_number(text: str) -> int | None:
    """The whole number in ``text`` ("7", " 7/10", "syv", "Ten.") or None."""
    match = _SCALE.match(text)
    if match:
        return int(match.group(1))
    return NUMBER_WORDS.get(normalise_reply(text))


def choices_for(step: Step, t: Translator, dreams: list[dict[str, Any]]) -> list[Choice]:
    if step.kind == "yesno":
        specs = [ChoiceSpec(v, label) for v, label in YES_NO]
    elif step.choices_from == "dreams":
        return [
            Choice(str(i), excerpt(d["dream"]))
            for i, d in enumerate(dreams, start=1)
            if isinstance(d.get("dream"), str) and d["dream"].strip()
        ]
    elif step.choices_from == "wishes":
        # Each wish in the dream just told, then the step's own choices ("It is all one dream").
        wishes = split_wishes(dreams[-1].get("dream")) if dreams else []
        own = [Choice(s.value, t.gettext(s.label)) for s in step.choices]
        return [Choice(str(i), excerpt(w)) for i, w in enumerate(wishes, start=1)] + own
    else:
        specs = list(step.choices)
    labels = [t.gettext(s.label) for s in specs]
    initials = [label[:1].casefold() for label in labels]
    return [
        Choice(s.value, label, initials[i] if initials.count(initials[i]) == 1 else None)
        for i, (s, label) in enumerate(zip(specs, labels))
    ]


def render(
    step: Step,
    *,
    case: str,
    lang: str,
    params: dict[str, Any],
    dreams: list[dict[str, Any]],
    variant: str | None = None,
    progress: float = 0.0,
    preface: str | None = None,
    ours: dict[str, str] | None = None,
) -> Prompt:
    """The prompt for ``step``; ``params`` hold the citizen's words (unescaped).

    ``preface`` is a sentence of ours said before the question; ``ours`` are
    placeholders filled with our own text (Markdown, never the citizen's words).
    """
    t = translator(lang)
    template = t.gettext(step.variants.get(variant, step.prompt) if variant else step.prompt)
    if preface:
        template = preface.replace("{", "{{").replace("}", "}}") + "\n\n" + template
    plain = {k: ("" if v is None else str(v)) for k, v in params.items()} | (ours or {})
    escaped = {k: md_escape(v) for k, v in plain.items()} | (ours or {})
    return Prompt(
        case=case,
        state=step.name,
        phase=step.phase,
        phase_label=t.gettext(PHASE_LABEL[step.phase]),
        slot=step.slot,
        item=params.get("_item"),
        kind=step.kind,
        text=template.format_map(_Missing(plain)),
        markdown=template.format_map(_Missing(escaped)),
        choices=choices_for(step, t, dreams),
        method=step.method,
        trainer_note=t.gettext(step.trainer_note),
        scale=step.scale if step.kind == "scale" else None,
        progress=progress,
        final=step.final,
        variant=variant if variant in step.variants else None,
    )


class _Missing(dict):
    def __missing__(self, key: str) -> str:
        return ""


PHASE_LABEL = {
    "preparation": N_("Getting ready"),
    "drafting": N_("Your dreams and goals"),
    "use": N_("Your view of the plan"),
    "renewal": N_("Finishing"),
}
assert set(PHASE_LABEL) == set(PHASES)


class InvalidReply(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_reply(step: Step, text: str, prompt: Prompt, lang: str) -> Any:
    """The value of ``text`` as an answer to ``step``; raises :class:`InvalidReply`."""
    t = translator(lang)
    _ = t.gettext
    if len(text) > MAX_ANSWER_CHARS:
        raise InvalidReply(
            _("That answer is very long. Please keep it under {max} characters.").format(max=MAX_ANSWER_CHARS)
        )
    form = answered_by(step.kind)
    if form in ("text", "nothing"):
        return text.strip("\n") if form == "text" else None
    if form == "scale":
        low, high = step.scale
        number = scale_number(text)
        if number is None or not low <= number <= high:
            raise InvalidReply(_("Please write a whole number from {low} to {high}.").format(low=low, high=high))
        return number
    choice = match_choice(text, prompt.choices, step)
    if choice is None:
        if step.kind == "yesno":
            raise InvalidReply(_("Please answer yes or no."))
        options = ", ".join(f"{i}) {c.label}" for i, c in enumerate(prompt.choices, start=1))
        raise InvalidReply(_("Please choose one of these: {options}. You can write the number.").format(options=options))
    if step.kind == "yesno":
        return choice.value == "yes"
    return choice.value


def match_choice(text: str, choices: list[Choice], step: Step) -> Choice | None:
    """Numbers, values, labels in any language and one-letter shortcuts all work."""
    reply = normalise_reply(text)
    if not reply:
        return None
    if reply.isdigit() and 1 <= int(reply) <= len(choices):
        return choices[int(reply) - 1]
    specs = {s.value: s.label for s in step.choices} or {"yes": "Yes", "no": "No"}
    named: list[tuple[Choice, set[str]]] = []
    for c in choices:
        names = {c.value.casefold(), normalise_reply(c.label)}
        if c.key:
            names.add(c.key)
        if c.value in specs:
            names.update(normalise_reply(translator(lang).gettext(specs[c.value])) for lang in LANGUAGES)
        if step.kind == "yesno":
            names.update(_YES_NO_WORDS[c.value])
        if reply in names:
            return c
        named.append((c, names))
    # The start of one answer's words is enough ("længere" for "Længere tid", "ne" for "Nej").
    begun = [c for c, names in named if len(reply) >= 2 and any(n.startswith(reply) for n in names)]
    return begun[0] if len(begun) == 1 else None


_YES_NO_WORDS = {
    "yes": {"ja", "yes", "j", "y", "jo", "ok", "okay", "gerne"},
    "no": {"nej", "no", "n", "nope"},
}
