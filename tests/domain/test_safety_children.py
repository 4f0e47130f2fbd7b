"""Issue 20, point 5: a child may be in danger.

A sign of the kind ``child_at_risk``, or any sign in a young person's conversation, is
labelled "et barn kan være i fare"; the help lines say Børnetelefonen 116 111 first, an
adult hears of the municipality's duty to act (underretning), and violence to a child
never sends the young person to the psychiatric emergency room.
"""

from __future__ import annotations

import io

import pytest

from assistant.common.errors import JourneyError
from assistant.common.i18n import translator
from assistant.domain import safety, safety_check
from assistant.domain.babel_extract import extract_dialogue
from assistant.domain.safety_children import children, help_lines, page_lines, parse_children

DA, EN = translator("da"), translator("en")
PSYCH = "psykiatrisk akutmodtagelse"
DUTY_DA = "Kommunen skal handle, når den får at vide, at et barn kan være i fare."


def test_the_child_label_reads_a_child_may_be_in_danger_and_comes_first():
    assert safety.kind_label("child_at_risk", DA) == "et barn kan være i fare"
    assert safety.kind_label("child_at_risk", EN) == "a child may be in danger"
    assert safety.kinds_text(["violence", "child_at_risk"], DA) == "et barn kan være i fare, vold eller trusler"
    assert safety.kinds_text(["violence"], DA) == "vold eller trusler"  # not a child: as before


@pytest.mark.parametrize("t", [DA, EN], ids=["da", "en"])
def test_an_adult_worried_about_a_child_hears_boernetelefonen_first_then_the_duty(t):
    lines = help_lines(["violence", "child_at_risk"], t)
    assert "116 111" in lines[0]
    assert lines[1] == t.gettext(children().duty)
    assert "underretning" in lines[1]
    assert not any(PSYCH in line for line in lines)  # violence to a child: no psychiatric emergency room
    assert any("112" in line for line in lines)
    if t is DA:
        assert lines[1].startswith(DUTY_DA)


@pytest.mark.parametrize("kinds", [["violence"], ["abuse"], ["child_at_risk"], []])
def test_a_young_person_hears_boernetelefonen_first_and_never_the_duty_nor_the_psychiatric_er(kinds):
    lines = help_lines(kinds, DA, youth=True)
    assert "116 111" in lines[0] and "Børnetelefonen" in lines[0]
    assert not any("underretning" in line for line in lines)  # the young person is the child
    assert not any(PSYCH in line for line in lines)
    assert sum("112" in line for line in lines) == 1


def test_a_young_persons_own_life_keeps_the_emergency_room_after_boernetelefonen():
    lines = help_lines(["suicide"], DA, youth=True)
    assert "116 111" in lines[0]
    assert any(PSYCH in line for line in lines)  # a sign about their own life: the emergency room is right


def test_an_adults_signs_not_about_a_child_are_as_before():
    lines = help_lines(["violence"], DA)
    assert "1888" in lines[0]
    assert not any("116 111" in line or "underretning" in line for line in lines)
    assert any(PSYCH in line for line in lines)
    assert help_lines(["violence"], DA) == safety.help_lines(["violence"], DA)
    assert help_lines(["suicide"], EN) == safety.help_lines(["suicide"], EN)


def test_the_help_page_lists_the_crisis_numbers():
    adult = page_lines(DA)
    assert "70 201 201" in adult[0] and any("112" in line for line in adult)
    assert any("1888" in line for line in adult) and any("116 111" in line for line in adult)
    youth = page_lines(DA, youth=True)
    assert "116 111" in youth[0] and not any(PSYCH in line for line in youth)


def test_a_young_persons_flag_carries_the_child_kind_old_flags_too():
    meta = {"journey": "youth", "flags": [{"id": 1, "kinds": ["violence"], "at": "2027-01-01T10:00:00+00:00"}]}
    assert safety.flags(meta)[0]["kinds"] == ["violence", "child_at_risk"]
    assert meta["flags"][0]["kinds"] == ["violence"]  # read, never changed in place
    adult = {"journey": "adult", "flags": [{"id": 1, "kinds": ["violence"]}]}
    assert safety.flags(adult)[0]["kinds"] == ["violence"]
    assert safety.with_child(["suicide"], {"journey": "youth"}) == ["suicide", "child_at_risk"]
    assert safety.with_child(["child_at_risk"], {"journey": "youth"}) == ["child_at_risk"]
    asked = {"journey": "youth", "asked_directly": [{"at": "2027-01-01T10:00:00+00:00", "kinds": ["suicide"],
                                                     "answer": "no"}]}
    entry = safety_check.asked(asked)[0]
    assert entry["kinds"] == ["suicide", "child_at_risk"]
    assert "et barn kan være i fare" in safety_check.describe_asked(entry, DA)


def test_the_children_table_is_checked():
    good = {"first": "116 111", "duty": "Tell us.", "not_for_child": ["x"]}
    assert parse_children({"children": good}).first == "116 111"
    for bad in ({}, {"children": {**good, "duty": ""}}, {"children": {**good, "extra": 1}},
                {"children": {**good, "not_for_child": "x"}}):
        with pytest.raises(JourneyError):
            parse_children(bad)


def test_the_duty_is_extracted_for_translation():
    from importlib import resources

    raw = (resources.files("dialogues") / "safety.toml").read_bytes()
    found = [message for _, _, message, _ in extract_dialogue(io.BytesIO(raw), None, None, {})]
    assert children().duty in found
    assert "a child may be in danger" in found
