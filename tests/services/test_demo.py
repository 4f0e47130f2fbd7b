"""Trainer mode's core: the shipped personas, the demo player on the real conversation, the demo store."""

from __future__ import annotations

import pytest

from assistant.services.authoring import CANONICAL_SLOT_KINDS
from assistant.services.demo import (
    DemoPlayer,
    PersonaError,
    branches,
    demo_store,
    load_persona_file,
    load_personas,
    step_info,
)
from assistant.domain.journey import load_journey

PERSONAS, FAILED = load_personas("/nonexistent-user-dialogues")
BY_ID = {p.id: p for p in PERSONAS}


def play(tmp_path, persona_id: str, lang: str) -> DemoPlayer:
    player = DemoPlayer(demo_store(tmp_path / "demo", tmp_path / "real"), load_journey("adult"),
                        BY_ID[persona_id], lang)
    for _ in range(80):
        if player.finished:
            break
        reply = player.step()
        assert reply.invalid is None, (player.state, reply.invalid)
    assert player.finished
    return player


def test_the_shipped_personas_load():
    assert FAILED == []
    assert {"mette", "jonas", "lone"} <= set(BY_ID)


@pytest.mark.parametrize("persona", ["mette", "jonas", "lone"])
def test_every_persona_answers_every_question_of_the_adult_journey_in_both_languages(persona):
    p = BY_ID[persona]
    asked = {s.slot for s in load_journey("adult").steps.values() if s.slot}
    for lang in ("da", "en"):
        answers = p.answers_in(lang)
        assert asked <= set(answers), (lang, asked - set(answers))
        assert set(answers) <= set(CANONICAL_SLOT_KINDS)
        assert {k: len(v) for k, v in p.answers["da"].items()} == {k: len(v) for k, v in p.answers["en"].items()}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_mette_is_ambivalent_and_jonas_disagrees(tmp_path, lang):
    mette = play(tmp_path / "m", "mette", lang)
    assert "motivationup" in mette.visited()  # low motivation takes the MI branch
    assert mette.plan().goals[0].citizen_response == "partly"
    jonas = play(tmp_path / "j", "jonas", lang)
    goals = jonas.plan().goals
    assert goals[0].citizen_response == "disagree" and goals[0].citizen_comment
    assert len(goals) == 2
    mette.close(), jonas.close()


def test_lone_says_a_distress_sentence_and_dont_know(tmp_path):
    lone = BY_ID["lone"]
    assert "Nogle gange tænker jeg, at det hele ville være lettere, hvis jeg ikke var her." in lone.answers["da"]["everyday"][0]
    assert lone.answers["da"]["dream"][0] == "ved ikke"
    assert BY_ID["mette"].answers["da"]["everyday"][0] == "ved ikke"
    player = play(tmp_path, "lone", "da")  # whatever the engine does with them, the demo plays on to the end
    assert player.turns()[3].text.startswith("Jeg kan ikke mere.")
    player.close()


def test_a_persona_answers_by_how_many_answers_to_that_slot_are_in_force(tmp_path):
    player = DemoPlayer(demo_store(tmp_path / "demo", tmp_path / "real"), load_journey("adult"), BY_ID["jonas"], "da")
    while player.state != "dream" or len(player.turns()) < 10:
        player.step()
    assert player.next_answer() == "At se min datter hver anden weekend"  # the second dream
    player.back()
    player.back()
    assert player.state == "when" and player.next_answer() == "Inden for et år"
    player.close()


def test_a_refused_persona_answer_is_not_given_again(tmp_path):
    from assistant.services.demo import Persona

    odd = Persona("odd", "adult", "Odd", {}, {"da": {"consent": ["kanske", "ja"]}}, "x")
    player = DemoPlayer(demo_store(tmp_path / "demo", tmp_path / "real"), load_journey("adult"), odd, "da")
    player.step()
    assert player.step().invalid  # "kanske" is not a yes or a no
    assert player.next_answer() == "ja"
    player.step()
    assert player.state == "name"
    player.close()


def test_step_info_and_branches_say_what_the_method_panel_shows():
    journey = load_journey("adult")
    info = step_info(journey, "sign", "en")
    assert info == {
        "method": "open question",
        "method_text": "Invites a story instead of a yes or a no.",
        "note": "The citizen's own sign of success becomes the goal's success criterion.",
        "phase": "2. Joint drafting",
        "slot": "sign",
        "use": "The goal's success criterion.",
    }
    assert branches(journey, "consent", "en") == [
        ("declined", "the answer to the yes/no question was no"),
        ("declined", "the question was skipped"),
        ("name", "otherwise"),
    ]
    assert branches(journey, "dream", "da")[0] == (
        "another", "spørgsmålet blev sprunget over og der er fortalt færre drømme end rejsens max_dreams")


def test_a_broken_persona_file_is_a_sentence(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text("[persona]\nname = 'X'\n", encoding="utf-8")
    with pytest.raises(PersonaError) as caught:
        load_persona_file(bad)
    assert "[answers.da]" in caught.value.translated(lambda s: s)
    folder = tmp_path / "dialogues" / "personas"
    folder.mkdir(parents=True)
    (folder / "bad.toml").write_text("not toml [", encoding="utf-8")
    found, failed = load_personas(tmp_path / "dialogues")
    assert {p.id for p in found} >= {"mette"} and len(failed) == 1
