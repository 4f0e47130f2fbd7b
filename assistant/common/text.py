"""Cleaning and escaping of text a person typed.

Text a person typed is kept exactly, except for control characters: escape
sequences (CSI, OSC, DCS …), C0/C1 controls and bidirectional overrides are
removed on the way in, newlines and tabs are kept. On the way out it is escaped
for the medium (Markdown here; HTML escaping is markdown-it-py's job).
"""

from __future__ import annotations

import re
from typing import Any

# Whole escape sequences first, so "\x1b[31m" leaves no "[31m" behind.
_ESCAPE_SEQUENCE = re.compile(
    r"""
    \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?      # OSC … BEL/ST (titles, clipboard, links)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?           # DCS / SOS / PM / APC … ST
  | [\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x9c|\x1b\\)?  # 8-bit OSC / DCS / SOS / PM / APC … ST
  | \x1b\[[0-?]*[ -/]*[@-~]                 # CSI (colours, cursor moves)
  | \x9b[0-?]*[ -/]*[@-~]                   # 8-bit CSI
  | \x1b[ -/]*[0-~]                         # other two-byte escapes
    """,
    re.VERBOSE,
)
# C0 controls except \t and \n, DEL, C1 controls, bidi embeddings/overrides/isolates.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

# Characters that start inline markup anywhere in a line (CommonMark plus tables):
# emphasis, code, links and images, autolinks and raw HTML, entities, table cells,
# and "#" (a heading's closing "##" would vanish).
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#])")
# What starts a block at the beginning of a line: headings, quotes, lists, rules,
# setext underlines, ordered lists ("1." / "1)").
_LINE_START = re.compile(r"^([#>+\-=]|\d{1,9}(?=[.)]))")


def clean(text: str) -> str:
    """Return ``text`` without control characters; newlines normalised to ``\\n``."""
    if _CONTROL.search(text) is None:  # nothing to remove (escapes and \r are controls too): most text
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ESCAPE_SEQUENCE.sub("", text)
    return _CONTROL.sub("", text)


def clean_all(value: Any) -> Any:
    """``value`` with :func:`clean` applied to every string in it (dict keys too).

    For whatever is read back from a case file before a face shows or prints it: a
    file written by an older version, an import or by hand may hold what no input
    path lets through today.
    """
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean(k) if isinstance(k, str) else k: clean_all(v) for k, v in value.items()}
    if isinstance(value, list):
        return [clean_all(v) for v in value]
    return value


def md_escape(text: str) -> str:
    """Escape ``text`` so that Markdown shows it literally (CommonMark backslash escapes).

    Only what could start markup is escaped — inline markers anywhere, block markers
    at the start of a line — so the Markdown file still reads like the person's own
    words ("ca. 1 år", not "ca\\. 1 år"). Line breaks stay line breaks (a backslash
    before the newline is a hard break), so a typed line of ``===`` or ``- x`` never
    becomes a heading or a list. Control characters go first (:func:`clean`): what
    is rendered from Markdown reaches a terminal or a file, and they must not.
    """
    lines = []
    for line in clean(text).strip().split("\n"):
        line = _INLINE_SPECIAL.sub(r"\\\1", line.strip(" \t"))
        match = _LINE_START.match(line)
        if match and match.group(1).isdigit():  # "1." → "1\.": the number stays, the list does not
            end = match.end()
            line = line[:end] + "\\" + line[end:]
        elif match:
            line = "\\" + line
        lines.append(line)
    return "\\\n".join(lines)


def md_cell(text: str) -> str:
    """Escaped text for one Markdown table cell (no line breaks there)."""
    return md_escape(" ".join(text.split()))


def normalise_reply(text: str) -> str:
    """A reply as compared with choice labels: trimmed, case-folded, no end punctuation."""
    return text.strip().casefold().rstrip(".!?")


def markdown_parser():
    """The one Markdown dialect every view is rendered with: CommonMark plus tables.

    No raw HTML, no links made from typed addresses (linkify off), no typographic
    replacements — text a person typed shows as typed, in the HTML export and on screen.
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
