"""What the transcript shows, rebuilt from a conversation's event history.

Used when a conversation is resumed: past questions as they were asked, the
citizen's answers in their own words, skipped questions marked as skipped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable

from assistant.common.i18n import N_
from assistant.common.text import clean, md_escape

SKIPPED = N_("Skipped")
WENT_BACK = N_("You went back to change your answer.")
PAUSED = N_("Paused. Your words were saved.")
RESUMED = N_("Welcome back. We continue where you stopped.")
BREAK = N_("You took a break here and came back.")
_BREAK_NOTES = (PAUSED, RESUMED, BREAK)
LANG_CHANGED = N_("The language was changed.")


@dataclass(frozen=True)
class Entry:
    """One transcript line: ``who`` is assistant, citizen or note."""

    who: str
    text: str  # assistant: Markdown; citizen: plain text; note: a msgid


def literal_markdown(text: str) -> str:
    """Plain text as Markdown that shows it literally, paragraphs and lines kept."""
    paragraphs = clean(text).strip().split("\n\n")
    return "\n\n".join(md_escape(p.strip()) for p in paragraphs if p.strip())


def entries(
    events: Iterable[dict[str, Any]],
    asked: list[str | None] | None = None,
    chosen: list[str | None] | None = None,
) -> list[Entry]:
    """The transcript of ``events`` up to (not including) the current question.

    ``asked`` holds each question re-rendered in the current language and
    ``chosen`` each button answer's label in it (see ``Conversation.asked_and_chosen``);
    without them the questions and answers show as they were given.
    """
    out: list[Entry] = []
    for i, ev in enumerate(events):
        kind = ev.get("type")
        if kind in ("answer", "skip"):
            question = asked[i] if asked is not None and i < len(asked) and asked[i] else ev.get("prompt")
            if question:
                out.append(Entry("assistant", literal_markdown(question)))
            if kind == "skip":
                out.append(Entry("note", SKIPPED))
            elif chosen is not None and i < len(chosen) and chosen[i]:
                out.append(Entry("citizen", clean(chosen[i])))
            elif (ev.get("text") or "").strip():
                out.append(Entry("citizen", clean(ev["text"])))
        elif kind == "back":
            out.append(Entry("note", WENT_BACK))
        elif kind in ("pause", "resume"):
            # Breaks with nothing said between them are one break: one line, not a growing list.
            came_back = kind == "resume" or (bool(out) and out[-1].text in (RESUMED, BREAK))
            if out and out[-1].who == "note" and out[-1].text in _BREAK_NOTES:
                out.pop()
            out.append(Entry("note", BREAK if came_back else PAUSED))
        elif kind == "lang":
            out.append(Entry("note", LANG_CHANGED))
    if out and out[-1].text == BREAK:  # the return that is happening now
        out[-1] = Entry("note", RESUMED)
    return out
