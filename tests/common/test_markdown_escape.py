"""Typed text in Markdown shows exactly as typed, in every place the views put it."""

from __future__ import annotations

import html
import random
import re

import pytest
from assistant.common.text import markdown_parser, md_cell, md_escape

MD = markdown_parser()  # the dialect the views are rendered with
PIECES = list("ab 1.)#>+-=*_`[]()<>!|~&:\\\"'$%^{}/") + ["\n", "https://x.y", "&amp;", "  ", "\t", "    "]
# Where the views put a person's words, and which tags that place may produce.
PLACES = {
    "paragraph": ("{}", {"p", "br"}),
    "list item": ("- Min kommentar: {}", {"p", "br", "ul", "li"}),
}


def _shown(rendered: str) -> str:
    """The words a reader sees: tags dropped, line breaks kept, entities decoded."""
    text = re.sub(r"<(?!br)[^>]+>", "", rendered)
    return html.unescape(re.sub(r"<br />\n?", "\n", text)).strip("\n")


def _samples(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    samples = ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 14))) for _ in range(count)]
    return [s for s in samples if s.strip()]


@pytest.mark.parametrize("place", PLACES)
def test_any_mix_of_markup_characters_shows_literally(place):
    template, allowed = PLACES[place]
    prefix = template.split("{}")[0].lstrip("- ")
    for typed in _samples(seed=11, count=3000):
        rendered = MD.render(template.format(md_escape(typed)))
        assert set(re.findall(r"<(\w+)", rendered)) <= allowed, (typed, rendered)
        expected = "\n".join(line.strip(" \t") for line in typed.strip().split("\n"))
        assert _shown(rendered) == prefix + expected, (typed, rendered)


def test_any_mix_shows_literally_in_a_table_cell():
    for typed in _samples(seed=12, count=3000):
        rendered = MD.render(f"| a |\n|---|\n| {md_cell(typed)} |")
        assert set(re.findall(r"<(\w+)", rendered)) <= {"table", "thead", "tbody", "tr", "th", "td"}, typed
        assert _shown(rendered).split("\n")[-1].strip() == " ".join(typed.split()), (typed, rendered)


def test_any_mix_shows_literally_in_a_heading():
    for typed in _samples(seed=13, count=3000):
        rendered = MD.render(f"# Handleplan: {md_cell(typed)}")
        assert set(re.findall(r"<(\w+)", rendered)) <= {"h1"}, (typed, rendered)
        assert _shown(rendered) == "Handleplan: " + " ".join(typed.split()), (typed, rendered)


def test_ordinary_words_are_left_alone():
    assert md_escape("Planen gælder ca. 1 år: det er godt!") == "Planen gælder ca. 1 år: det er godt!"
