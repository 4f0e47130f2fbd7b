"""Writing dialogues: lint (one broken file per rule), user dialogues, conditions, the diagram, the guide."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest
from tests.support.helpers import run_cli

from assistant.services.authoring import (
    CALLBACKS,
    CONDITIONS,
    lint_file,
    lint_text,
    load_user_journey,
    mermaid,
    resolve_journey,
)
from assistant.domain.engine import JourneyModel
from assistant.common.errors import JourneyError
from assistant.domain.journey import journey_ids, load_journey

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "dialogue-guide.md"

# A small clean journey; each test plants one problem in it.
CLEAN = '''[journey]
id = "mini"
title = { en = "Mini", da = "Mini" }
initial = "hello"

[[states]]
name = "hello"
kind = "info"
phase = "preparation"
method = "information"
prompt = { en = "Hello. We talk a little.", da = "Hej. Vi taler lidt." }
trainer_note = { en = "Sets the frame.", da = "Sætter rammen." }

[[states]]
name = "ask"
slot = "another_dream"
kind = "yesno"
phase = "drafting"
method = "open question"
prompt = { en = "Do you want more?", da = "Vil du have mere?" }
trainer_note = { en = "A choice.", da = "Et valg." }

[[states]]
name = "more"
slot = "more"
kind = "text"
phase = "drafting"
method = "open question"
prompt = { en = "What more?", da = "Hvad mere?" }
trainer_note = { en = "Asks on.", da = "Spørger videre." }

[[states]]
name = "bye"
kind = "info"
phase = "renewal"
method = "summary"
final = true
prompt = { en = "Thank you.", da = "Tak." }
trainer_note = { en = "Ends.", da = "Slutter." }

[[transitions]]
trigger = "next"
source = "hello"
dest = "ask"

[[transitions]]
trigger = "next"
source = "ask"
dest = "more"
conditions = ["answered_yes"]

[[transitions]]
trigger = "next"
source = "ask"
dest = "bye"

[[transitions]]
trigger = "next"
source = "more"
dest = "bye"
'''


def lines_of(text: str, needle: str, nth: int = 0) -> int:
    return [i for i, line in enumerate(text.splitlines(), start=1) if needle in line][nth]


def problems(text: str, lang: str = "en"):
    return lint_text(text, "mini.toml", lang)


def only(text: str, lang: str = "en"):
    found = problems(text, lang)
    assert len(found) == 1, [p.message for p in found]
    return found[0]


def test_the_clean_example_has_no_problems():
    assert problems(CLEAN) == []


def test_a_misspelt_field_names_its_line_and_the_right_spelling():
    text = CLEAN.replace('trainer_note = { en = "A choice."', 'trainer_nte = { en = "A choice."')
    found = problems(text)
    misspelt = [p for p in found if "trainer_nte" in p.message][0]
    assert misspelt.line == lines_of(text, "trainer_nte")
    assert misspelt.message == "Unknown field 'trainer_nte' in a state. Did you mean 'trainer_note'?"
    assert misspelt.format(str) == f"mini.toml:{misspelt.line}: error: {misspelt.message}"


def test_an_unknown_field_lists_the_fields_there_are():
    p = only(CLEAN.replace('phase = "renewal"', 'phase = "renewal"\ncolour = "blue"'))
    assert p.message.startswith("Unknown field 'colour' in a state. The fields it can have are: name, kind")


def test_a_duplicate_state_names_both_lines():
    text = CLEAN.replace('name = "more"', 'name = "ask"')
    found = problems(text)
    duplicate = [p for p in found if "twice" in p.message][0]
    assert duplicate.line == lines_of(text, 'name = "ask"', 1)
    first = lines_of(text, 'name = "ask"')
    assert f"first on line {first}" in duplicate.message


def test_an_unreachable_state():
    text = CLEAN.replace('source = "ask"\ndest = "more"', 'source = "ask"\ndest = "bye"')
    p = only(text)
    assert p.message == "The state 'more' cannot be reached from the start 'hello'. Add a transition to it, or remove it."
    assert p.line == lines_of(text, "[[states]]", 2)


def test_a_dead_end_state():
    text = CLEAN.replace('[[transitions]]\ntrigger = "next"\nsource = "more"\ndest = "bye"\n', "")
    found = problems(text)
    assert [p.message for p in found] == [
        "The state 'more' is a dead end: no transition leaves it and it is not final. "
        "Add a transition from it, or mark it final = true."
    ]


def test_no_way_to_the_end():
    text = CLEAN.replace('source = "more"\ndest = "bye"', 'source = "more"\ndest = "ask"').replace(
        'source = "ask"\ndest = "bye"', 'source = "ask"\ndest = "more"')
    messages = [p.message for p in problems(text)]
    assert "From the state 'ask' there is no way to a final state. Add a transition that leads to the end." in messages


def test_every_way_out_conditional_can_get_stuck():
    text = CLEAN.replace('source = "ask"\ndest = "bye"', 'source = "ask"\ndest = "bye"\nconditions = ["answered_no"]')
    p = only(text)
    assert p.message.startswith("Every transition from 'ask' has a condition")


def test_a_condition_on_a_slot_no_state_asks_for():
    text = CLEAN.replace('conditions = ["answered_yes"]', 'conditions = ["motivation_low"]')
    messages = [p.message for p in problems(text)]
    assert ("The condition 'motivation_low' looks at the slot 'motivation', but no state asks for it. "
            'Add a state with slot = "motivation", or use another condition.') in messages
    assert "The condition 'motivation_low' needs a scale question before it, but 'ask' is a yes/no question." in messages


def test_an_unknown_condition_suggests_the_known_one():
    p = only(CLEAN.replace('conditions = ["answered_yes"]', 'conditions = ["answerd_yes"]'))
    assert p.message == ("'answerd_yes' is not a known condition. Did you mean 'answered_yes'? "
                         "See borgerrejse lint --list-conditions.")


def test_a_canonical_slot_with_the_wrong_kind():
    text = CLEAN.replace('slot = "more"', 'slot = "motivation"')
    p = only(text)
    assert p.message == ('state more: the slot \'motivation\' goes into the plan as a scale question, '
                         'so the state must have kind = "scale" (it has "text").')
    assert p.line == lines_of(text, 'kind = "text"')


def test_a_missing_danish_text():
    text = CLEAN.replace('prompt = { en = "What more?", da = "Hvad mere?" }', 'prompt = { en = "What more?" }')
    p = only(text)
    assert p.message == 'state more: prompt has no Danish text. Add da = "…" to it.'
    plain = only(CLEAN.replace('prompt = { en = "What more?", da = "Hvad mere?" }', 'prompt = "What else?"'))
    assert plain.message == 'state more: prompt has no Danish text. Write it as { en = "…", da = "…" }.'


def test_a_shipped_text_the_catalog_translates_needs_no_table():
    assert problems(CLEAN.replace('prompt = { en = "What more?", da = "Hvad mere?" }',
                                  'prompt = "What could be a first small step?"')) == []


def test_a_prompt_hard_to_read_is_a_warning():
    hard = ("Undersøgelsesresultaterne vedrørende kommunalbestyrelsens beslutningsgrundlag "
            "dokumenterer behandlingsmulighedernes uhensigtsmæssigheder")
    p = only(CLEAN.replace('da = "Hvad mere?"', f'da = "{hard}"'))
    assert not p.error
    assert p.message.startswith("state more: the da prompt is hard to read (LIX")


def test_a_step_without_method_or_trainer_note():
    text = CLEAN.replace('method = "summary"\n', "").replace('trainer_note = { en = "Ends.", da = "Slutter." }\n', "")
    messages = [p.message for p in problems(text)]
    assert any(m.startswith('state bye has no method. Add method = "…", one of: information') for m in messages)
    assert 'state bye has no trainer note. Add trainer_note = "…": why the step is asked.' in messages


def test_a_method_that_is_not_one_of_the_methods():
    p = only(CLEAN.replace('method = "summary"', 'method = "sumary"'))
    assert "method 'sumary' is not known" in p.message and "Did you mean 'summary'?" in p.message


def test_broken_toml_names_the_line():
    text = CLEAN.replace('name = "more"', 'name = "more')
    p = only(text)
    assert p.line == lines_of(text, 'name = "more')
    assert p.message.startswith("This is not valid TOML")


def test_messages_are_in_danish_too():
    p = only(CLEAN.replace('conditions = ["answered_yes"]', 'conditions = ["answerd_yes"]'), "da")
    assert p.message.startswith("'answerd_yes' er ikke en kendt betingelse. Mente du 'answered_yes'?")
    assert p.format(lambda s: {"error": "fejl"}.get(s, s)).startswith("mini.toml:")


@pytest.mark.parametrize("journey", journey_ids())
def test_every_shipped_dialogue_lints_clean_and_its_diagram_renders(journey):
    path = Path(str(resources.files("dialogues"))) / f"{journey}.toml"
    assert lint_file(path, "da") == []
    assert lint_file(path, "en") == []
    diagram = mermaid(load_journey(journey))
    assert diagram.splitlines()[3] == "stateDiagram-v2"
    for state in load_journey(journey).steps:
        assert f'state "{state}" as {state}' in diagram
    if "consent" in load_journey(journey).steps:  # the follow-up has no consent step: it continues a plan
        assert "consent --> declined: next [answered_no]" in diagram


def test_documented_conditions_and_callbacks_are_methods_of_the_engine():
    for name in [*CONDITIONS, *CALLBACKS]:
        assert callable(getattr(JourneyModel, name)), name


def test_a_broken_user_dialogue_gives_the_lint_sentence_not_a_traceback(tmp_path):
    path = tmp_path / "mini.toml"
    path.write_text(CLEAN.replace('dest = "more"', 'dest = "mor"'), encoding="utf-8")
    with pytest.raises(JourneyError) as caught:
        load_user_journey(path, "en")
    message = caught.value.translated(lambda s: s)
    line = lines_of(path.read_text(), "[[states]]", 2)  # the first problem by line: 'more' is now unreachable
    assert message.startswith(f"The dialogue mini cannot be used: {path}:{line}: The state 'more' cannot be reached")
    assert message.endswith("(1 more: run borgerrejse lint on the file.)")


def test_a_user_dialogue_speaks_both_languages_from_its_own_file(tmp_path):
    from assistant.domain.prompts import render

    path = tmp_path / "mini.toml"
    path.write_text(CLEAN, encoding="utf-8")
    journey = load_user_journey(path)
    step = journey.step("more")
    assert render(step, case="x", lang="da", params={}, dreams=[]).text == "Hvad mere?"
    assert render(step, case="x", lang="en", params={}, dreams=[]).text == "What more?"
    assert resolve_journey(str(path)).id == "mini"


def test_the_guides_example_lints_clean_and_loads(tmp_path):
    blocks = re.findall(r"```toml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    example = max(blocks, key=len)
    path = tmp_path / "short-check-in.toml"
    path.write_text(example, encoding="utf-8")
    assert lint_file(path) == []
    journey = load_user_journey(path)
    assert journey.initial == "hello" and journey.step("bye").final
    for field in ("name", "kind", "phase", "method", "prompt", "trainer_note", "slot", "repeat", "final",
                  "choices", "choices_from", "scale", "on_enter", "no_means_nothing", "conditions", "unless",
                  "before", "after", "max_dreams", "initial"):
        assert f"`{field}`" in GUIDE.read_text(encoding="utf-8"), field  # every field is documented


def test_lint_on_the_command_line(tmp_path):
    good = tmp_path / "good.toml"
    good.write_text(CLEAN, encoding="utf-8")
    bad = tmp_path / "bad.toml"
    bad.write_text(CLEAN.replace('trainer_note = { en = "A choice."', 'trainer_nte = { en = "A choice."'),
                   encoding="utf-8")
    ok = run_cli("lint", str(good), "--lang", "en")
    assert ok.returncode == 0 and "no problems found" in ok.stdout
    failed = run_cli("lint", str(good), str(bad), "--lang", "en", check=False)
    assert failed.returncode == 1
    line = lines_of(bad.read_text(), "trainer_nte")
    assert f"{bad}:{line}: error: Unknown field 'trainer_nte' in a state. Did you mean 'trainer_note'?" in failed.stdout
    listed = run_cli("lint", "--list-conditions")
    assert "motivation_low" in listed.stdout and "mark_drafted" in listed.stdout
    assert "tallet på motivationsskalaen var 4 eller lavere" in listed.stdout
    assert run_cli("lint", check=False).returncode == 2


def test_diagram_on_the_command_line(tmp_path):
    out = run_cli("diagram", "adult")
    assert "stateDiagram-v2" in out.stdout and "motivation --> motivationup: next [motivation_low]" in out.stdout
    missing = run_cli("diagram", "nosuch", check=False)
    assert missing.returncode == 3 and "Traceback" not in missing.stderr


def test_a_condition_added_to_the_engine_later_is_accepted_and_listed(monkeypatch):
    from assistant.services.authoring import list_conditions

    monkeypatch.setattr(JourneyModel, "answered_dont_know", lambda self: False, raising=False)
    assert problems(CLEAN.replace('conditions = ["answered_yes"]', 'conditions = ["answered_dont_know"]')) == []
    assert "answered_dont_know" in list_conditions("en")
