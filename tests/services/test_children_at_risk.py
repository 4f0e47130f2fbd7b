"""Issue 20, point 5, through the conversations: a young person's sign (the sentence from the
issue), an adult's sign about a child, and the label in the case view and the lists."""

from __future__ import annotations

import json

from assistant.common.i18n import translator
from assistant.domain import safety, safety_check
from assistant.services.case_rows import load_rows, open_flags_of, open_flags_text
from assistant.services.conversation import Conversation
from store import clock

STEPFATHER = "min stedfar råber hele tiden og i går slog han min mor"
CHILD_LABEL = "et barn kan være i fare"
PSYCH = "psykiatrisk akutmodtagelse"


def _to_family_wish(conv: Conversation) -> None:
    """Answer a young person's conversation up to "Din familie. Hvad vil du gerne lave om på?"."""
    answers = {"consent": "ja", "name": "Sif", "area_talk": "ja", "good": "det går fint", "wish": "mere tid"}
    for _ in range(30):
        prompt = conv.prompt()
        if prompt.state == "areawish" and "familie" in prompt.text.casefold():
            return
        conv.respond(answers.get(prompt.slot, "" if prompt.kind == "info" else "noget"))
    raise AssertionError("never reached the family area")


def _help(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


def test_the_young_persons_sentence_reaches_the_safety_step_with_the_child_label(store):
    conv = Conversation.start(store, "youth", "da")
    _to_family_wish(conv)
    conv.respond(STEPFATHER)
    shown = conv.prompt()
    case = conv.case_id
    flags = safety.flags(conv.handle.meta)
    conv.close()

    assert shown.state == "safety"
    lines = _help(shown.text)
    assert "116 111" in lines[0] and "Børnetelefonen" in lines[0]  # Børnetelefonen first
    assert not any(PSYCH in line for line in lines)  # violence to a child: never the psychiatric ER
    assert not any("underretning" in line for line in lines)  # that is for adults
    assert STEPFATHER not in shown.text  # never quoted back

    assert len(flags) == 1 and "child_at_risk" in flags[0]["kinds"]
    t = translator("da")
    assert safety.describe_flag(flags[0], t).split(": ", 1)[1].startswith(CHILD_LABEL)

    # The lists: the row's text and the JSON field.
    day = clock.today()
    row = next(r for r in load_rows(store) if r.id == case)
    assert CHILD_LABEL in open_flags_text(row.flags, day, t)
    assert open_flags_of(row.flags, day)[0]["child"] is True


def test_a_young_persons_pause_at_the_safety_step_repeats_boernetelefonen_first(store):
    conv = Conversation.start(store, "youth", "da")
    _to_family_wish(conv)
    conv.respond(STEPFATHER)
    paused = conv.respond("2")  # take a break
    conv.close()
    assert paused.help_lines and "116 111" in paused.help_lines[0]
    assert not any(PSYCH in line for line in paused.help_lines)


def test_an_adult_worried_about_a_child_hears_boernetelefonen_and_the_municipalitys_duty(store):
    conv = Conversation.start(store, "adult", "da")
    for _ in range(20):
        prompt = conv.prompt()
        if prompt.kind == "text" and prompt.slot != "name":
            break
        conv.respond({"consent": "ja"}.get(prompt.slot, "Bo" if prompt.kind == "text" else ""))
    conv.respond("min kæreste slår min søn på 4 år")
    shown = conv.prompt()
    flags = safety.flags(conv.handle.meta)
    conv.close()
    assert shown.state == "safety"
    lines = _help(shown.text)
    assert "116 111" in lines[0]
    assert "underretning" in lines[1] and "Kommunen skal handle" in lines[1]
    assert not any(PSYCH in line for line in lines)
    assert "child_at_risk" in flags[0]["kinds"]


def test_a_young_persons_direct_question_is_kept_with_the_child_label(store, monkeypatch):
    """A possible sign in the youth journey: the "asked directly" entry says a child may be in danger."""
    real = safety.assess

    def fake(text):
        if text == "det er lidt svært derhjemme":
            return safety.Assessment("possible", ("violence",), ("test",))
        return real(text)

    monkeypatch.setattr(safety, "assess", fake)
    conv = Conversation.start(store, "youth", "da")
    _to_family_wish(conv)
    conv.respond("det er lidt svært derhjemme")
    assert conv.prompt().state == safety_check.CHECK_STATE
    conv.respond("nej")
    asked = safety_check.asked(conv.handle.meta)
    conv.close()
    assert asked[0]["kinds"] == ["violence", "child_at_risk"]
    line = safety_check.describe_asked(asked[0], translator("da"))
    assert "spurgt direkte, svarede nej" in line and CHILD_LABEL in line


def test_cases_json_says_child_for_a_young_persons_open_sign(store, store_path):
    from tests.support.helpers import run_cli

    conv = Conversation.start(store, "youth", "da")
    _to_family_wish(conv)
    conv.respond(STEPFATHER)
    case = conv.case_id
    conv.close()
    listed = json.loads(run_cli("cases", "--json", "--store", str(store_path)).stdout)
    entry = next(e for e in listed if e["id"] == case)
    assert entry["flags"][0]["child"] is True and "child_at_risk" in entry["flags"][0]["kinds"]
    line = next(l for l in run_cli("cases", "--store", str(store_path)).stdout.splitlines() if case in l)
    assert f"⚑ {CHILD_LABEL}" in line
    out = run_cli("casework", case, "--store", str(store_path), check=False)
    assert CHILD_LABEL in out.stdout


def test_the_case_lists_status_says_a_child_may_be_in_danger_until_handled(store):
    conv = Conversation.start(store, "youth", "da")
    _to_family_wish(conv)
    conv.respond(STEPFATHER)
    case = conv.case_id
    conv.close()
    t = translator("da")
    row = next(r for r in load_rows(store) if r.id == case)
    assert row.texts(t)[2].startswith(CHILD_LABEL + " · ")
    with store.open_case(case) as handle:
        safety.mark_handled(handle, "Talt med Sif og hendes mor; underretning sendt.", "sb1", at=clock.now())
    row = next(r for r in load_rows(store) if r.id == case)
    assert CHILD_LABEL not in row.texts(t)[2]
