"""Short case codes a citizen can read aloud: ``KX4-9PM`` (issue 10, §6)."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import run_cli

from assistant.services.conversation import Conversation
from assistant.common.errors import InvalidCaseId
from store import Store
from store.codes import ALPHABET, normalise_code, shown_code
from store.repository import check_case_id
from assistant.services.resume import resume_case

# Pairs read or written alike; a code never holds both of a pair.
LOOK_ALIKES = [("0", "o"), ("1", "i"), ("1", "l"), ("i", "l"), ("2", "z"), ("5", "s"), ("8", "b"),
               ("6", "g"), ("9", "g"), ("9", "q"), ("u", "v"), ("0", "d")]


def test_new_case_ids_are_six_characters_without_look_alikes(store):
    ids = {store.new_case_id() for _ in range(300)}
    assert len(ids) == 300
    for case_id in ids:
        assert len(case_id) == 6 and case_id == case_id.lower() and set(case_id) <= set(ALPHABET)
    for pair in LOOK_ALIKES:
        assert not set(pair) <= set(ALPHABET), pair


def test_a_code_is_shown_grouped_in_capitals_and_older_ids_as_they_are():
    assert shown_code("kx49pm") == "KX4-9PM"
    assert shown_code("ab3kq9xz") == "ab3kq9xz"
    assert shown_code("case0001") == "case0001"


@pytest.mark.parametrize("typed", ["KX4-9PM", "kx4-9pm", "kx49pm", " KX4 9PM ", "Kx4-9pM"])
def test_a_code_typed_in_any_case_with_or_without_the_dash_names_the_same_case(typed):
    assert normalise_code(typed) == "kx49pm"
    assert check_case_id(typed) == "kx49pm"


@pytest.mark.parametrize("bad", ["../etc", "kx4_9pm", "", "k/x49pm", "æøå123"])
def test_anything_else_is_still_refused(bad):
    with pytest.raises(InvalidCaseId):
        check_case_id(bad)


def test_cases_made_before_codes_keep_working(store_path, monkeypatch):
    monkeypatch.setattr(Store, "new_case_id", lambda self: "ab3kq9xz")
    conv = Conversation.start(Store(store_path), "adult", "da")
    conv.respond("")
    conv.respond("ja")
    conv.pause()
    monkeypatch.undo()
    again = resume_case(Store(store_path), "AB3KQ9XZ")
    assert again.case_id == "ab3kq9xz" and again.prompt().state == "name"
    again.close()


def test_the_command_line_takes_the_code_as_the_citizen_writes_it(store_path):
    conv = Conversation.start(Store(store_path), "adult", "da")
    conv.respond("")
    conv.respond("ja")
    conv.pause()
    typed = shown_code(conv.case_id).lower()  # "kx4-9pm"
    out = run_cli("run", "--jsonl", "--store", str(store_path), "--case", typed, stdin="Bo\n").stdout
    events = [json.loads(line) for line in out.splitlines()]
    assert events[0]["state"] == "name" and events[0]["case"] == conv.case_id
    assert events[1]["state"] == "everyday"
