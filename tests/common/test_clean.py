"""Cleaning stored text of terminal control codes (``assistant.common.text``): every kind of
sequence goes with its payload, the words stay. Where cleaned text is shown: ``tests/cli/test_stored_text_cli.py``."""

from __future__ import annotations

import pytest

from tests.support.hostile_case import HOSTILE, SHOWN

from assistant.common.text import clean, clean_all, md_escape


@pytest.mark.parametrize("sequence", [
    "\x1b]52;c;aGVsbG8=\x07", "\x1b]0;PWNED\x1b\\", "\x1b]8;;https://evil.example\x1b\\", "\x1b[2J", "\x1b[?25l",
    "\x1bPqPWNED\x1b\\", "\x1b_GPWNED\x1b\\", "\x1b^PWNED\x1b\\", "\x1bXPWNED\x1b\\",
    "\x9b31m", "\x9d0;PWNED\x9c", "\x9d52;c;aGVsbG8=\x07", "\x90PWNED\x9c", "\x9fPWNED\x9c", "\x9ePWNED\x9c",
    "\x98PWNED\x9c", "\x85", "\x07", "\x00", "\x7f", "\u202e", "\u2066",
])
def test_clean_removes_every_kind_of_sequence_with_its_payload(sequence):
    assert clean(f"før{sequence}efter") == "førefter"
    assert clean(f"før{sequence}") == "før"  # also unterminated, at the very end


def test_clean_removes_a_lone_escape():
    assert clean("før\x1b") == "før"


def test_clean_keeps_words_newlines_and_tabs():
    words = "Æble, øl og å — “citat” »citat« 10 % ½\n\tnæste linje"
    assert clean(words) == words


def test_clean_normalises_line_ends_and_leaves_clean_text_as_it_is():
    assert clean("a\r\nb\rc") == "a\nb\nc"
    plain = "Mette Jensen (Mette)"
    assert clean(plain) is plain  # nothing to remove: the same string, no work (lists of thousands)


def test_clean_all_cleans_every_string_in_nested_data():
    data = {"a\x1b[2J": ["x\x1b]0;PWNED\x07", {"b": "\x9b31my"}], "n": 3, "t": True, "none": None}
    assert clean_all(data) == {"a": ["x", {"b": "y"}], "n": 3, "t": True, "none": None}


def test_markdown_escaping_also_cleans():
    assert md_escape(f"# a{HOSTILE}b") == f"\\# a{SHOWN}b"
