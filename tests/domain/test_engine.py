"""The journey engine and the conversation on the store, in-process."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest
from tests.support.helpers import answer_until

from assistant.services.conversation import Conversation
from assistant.common.errors import JourneyError
from assistant.domain.journey import load_journey, parse_journey
from assistant.common.text import clean, md_escape
from assistant.services.resume import resume_case


def _to(conv: Conversation, state: str, answers: dict[str, str] | None = None) -> None:
    """Answer with sensible defaults until ``state`` is asked."""
    answer_until(conv, state, {"consent": "ja", "motivation": "7", "when": "1", "another_dream": "nej", "priority": "1"}, answers)


@pytest.fixture
def conv(store):
    c = Conversation.start(store)
    yield c
    c.close()


def test_machine_is_built_without_auto_transitions(conv):
    assert not hasattr(conv.model, "to_dream")
    assert conv.prompt().state == "welcome"


def test_back_returns_to_the_previous_question_and_keeps_history(conv, store):
    _to(conv, "everyday", {"name": "Ane"})
    reply = conv.respond("/back")
    assert reply.prompt.state == "name"
    conv.respond("Anne")
    assert conv.model.answers.values["name"] == "Anne"
    texts = [e.get("text") for e in conv.events if e["type"] == "answer"]
    assert "Ane" in texts and "Anne" in texts  # the earlier answer stays in the history
    assert any(e["type"] == "back" for e in conv.events)
    assert store.open_case(conv.case_id, write=False).meta["name"] == "Anne"


def test_back_at_the_first_question_says_so_kindly(conv):
    reply = conv.back()
    assert reply.invalid and "første" in reply.invalid
    assert reply.prompt.state == "welcome"


def test_back_over_the_draft_withdraws_it(conv, store):
    _to(conv, "summary", {"dream": "Få en kat"})
    assert store.open_case(conv.case_id, write=False).plan is not None
    conv.back()
    conv.back()  # back before the summary: there is no draft any more
    assert store.open_case(conv.case_id, write=False).plan is None


def test_at_most_three_dreams(conv):
    _to(conv, "dream")
    for i in range(3):
        assert conv.prompt().item == i + 1
        _to(conv, "another" if i < 2 else "priority", {"dream": f"drøm {i}", "another_dream": "ja"})
        if i < 2:
            conv.respond("ja")
    assert len(conv.model.answers.dreams) == 3
    choices = conv.prompt().choices
    assert [c.label for c in choices] == ["drøm 0", "drøm 1", "drøm 2"]


def test_saying_no_to_the_offer_ends_kindly_and_makes_no_plan(conv, store):
    conv.respond("")
    reply = conv.respond("nej")
    assert reply.ended and reply.prompt.state == "declined"
    assert "senere" in reply.prompt.text
    assert conv.plan() is None
    assert store.list_cases()[0].status == "declined"


def test_saying_no_after_going_back_keeps_nothing_but_the_no(conv, store):
    _to(conv, "motivation", {"name": "Hemmelig Hansen", "everyday": "Mit liv er privat"})
    assert conv.respond("Fjorten komma fem").invalid  # typed text kept as an invalid reply
    while conv.prompt().state != "consent":
        conv.back()
    reply = conv.respond("nej")
    assert reply.ended and "Kun dit svar på dette spørgsmål er gemt" in reply.prompt.text
    raw = (store.cases_dir / conv.case_id / "case.json").read_text(encoding="utf-8")
    for said in ("Hemmelig", "Mit liv er privat", "Fjorten", "svar"):
        assert said not in raw
    assert [e["type"] for e in conv.handle.events()] == ["start", "answer", "answer"]
    summary = store.list_cases()[0]
    assert summary.status == "declined" and summary.name == ""


def test_a_no_can_be_taken_back(conv, store):
    conv.respond("")
    conv.respond("nej")
    conv.close()
    again = resume_case(store, conv.case_id)
    assert again.can_go_back
    assert again.back().prompt.state == "consent"
    assert again.respond("ja").prompt.state == "name"
    assert store.list_cases()[0].status == "in_progress"
    again.close()


def test_skipping_the_offer_is_not_a_yes(conv, store):
    conv.respond("")
    reply = conv.skip()
    assert reply.ended and reply.prompt.state == "declined"
    assert conv.plan() is None and store.list_cases()[0].status == "declined"


def test_skipping_the_name_keeps_the_name_the_caseworker_registered(store):
    case = store.register_case(name="Dorte Jensen", lang="da", area="psychiatry")
    conv = resume_case(store, case)
    _to(conv, "name")
    conv.skip()
    assert store.list_cases()[0].name == "Dorte Jensen"
    conv.back()
    conv.respond("Dorte")
    assert store.list_cases()[0].name == "Dorte"
    conv.close()


def test_after_the_end_the_language_and_answers_on_file_stay_as_they_were(conv, store):
    _to(conv, "end")
    before = conv.handle.events()
    plan_before = conv.handle.plan
    conv.set_lang("en")
    assert conv.plan().lang == "en"  # the citizen may read it in English …
    assert conv.handle.events() == before and conv.handle.plan == plan_before  # … nothing on file changes
    assert store.list_cases()[0].lang == "da"
    reply = conv.back()
    assert reply.ended and reply.invalid and "caseworker" in reply.invalid
    assert conv.handle.events() == before


@pytest.mark.parametrize(
    "lang,answer,value",
    [
        ("da", "e", "agree"), ("da", "d", "partly"), ("da", "u", "disagree"), ("da", "Uenig!", "disagree"),
        ("en", "a", "agree"), ("en", "p", "partly"), ("en", "d", "disagree"), ("en", "enig", "agree"),
        ("da", "3", "disagree"), ("da", "disagree", "disagree"),
    ],
)
def test_review_answers_in_both_languages(store, lang, answer, value):
    conv = Conversation.start(store, lang=lang)
    _to(conv, "review", {"dream": "Få en kat"})
    reply = conv.respond(answer)
    assert reply.invalid is None
    assert conv.model.answers.reviews[1]["review"] == value
    conv.close()


def test_invalid_answers_get_a_kind_reprompt(conv):
    _to(conv, "motivation", {"dream": "x"})
    for bad in ("12", "-1", "elleve", "7.5"):  # "syv" is seven: number words count
        reply = conv.respond(bad)
        assert reply.prompt.state == "motivation"
        assert reply.invalid == "Skriv et tal fra 0 til 10."
    assert conv.respond(" 7 ").prompt.state == "firststep"


def test_skipped_dream_goes_straight_on(conv):
    _to(conv, "dream")
    assert conv.respond("/skip").prompt.state == "another"
    assert conv.respond("nej").prompt.state == "summary"
    assert conv.respond("").prompt.state == "remarks"  # no goals to review


def test_language_switch_rerenders_but_keeps_the_citizens_words(conv):
    _to(conv, "why", {"dream": "Se [bold]havet[/bold]"})
    da = conv.prompt().text
    conv.set_lang("en")
    en = conv.prompt().text
    assert da.startswith("Du sagde") and en.startswith("You said")
    assert "Se [bold]havet[/bold]" in da and "Se [bold]havet[/bold]" in en


def test_hostile_text_is_cleaned_before_it_is_stored_and_escaped_in_markdown(conv, store):
    _to(conv, "dream")
    hostile = "\x1b]0;owned\x07\x1b[31mrød\x1b[0m [link=https://x]klik[/link] <b>x</b>\u202e\x00\ttab\nlinje"
    conv.respond(hostile)
    stored = store.open_case(conv.case_id, write=False).events()[-1]["text"]
    assert stored == "rød [link=https://x]klik[/link] <b>x</b>\ttab\nlinje"
    assert conv.prompt().state == "dreampick"  # two lines: one wish or two? The citizen says.
    assert any("<b>x</b>" in c.label for c in conv.prompt().choices)  # labels are never markup (see the TUI)
    conv.respond("Det hele er én drøm")
    markdown = conv.prompt().markdown
    assert "\\<b\\>" in markdown and "\\[link=https://x\\]" in markdown


def test_clean_keeps_ordinary_text_exact():
    text = "Æble, ørn & å — “citat” 😀 \t tab\nny linje"
    assert clean(text) == text
    assert clean("a\r\nb\rc") == "a\nb\nc"
    assert md_escape("*fed* _x_ #1") == "\\*fed\\* \\_x\\_ \\#1"
    assert md_escape("ca. 1 år: godt!") == "ca. 1 år: godt!"  # reads as written
    # Block markers only matter at the start of a line, and on every line.
    assert md_escape("# a\n- b\n1. c\n2) d\n> e\n===\n    f") == "\\# a\\\n\\- b\\\n1\\. c\\\n2\\) d\\\n\\> e\\\n\\===\\\nf"


def test_every_step_of_the_adult_journey_is_documented_for_trainers():
    journey = load_journey("adult")
    slots = {s.slot for s in journey.steps.values()}
    canonical = {"consent", "name", "everyday", "good_now", "dream", "why", "motivation", "first_step",
                 "helpers", "sign", "when", "priority", "review", "review_comment", "remarks"}
    assert canonical <= slots
    for step in journey.steps.values():
        assert step.phase and step.method and step.trainer_note and step.prompt


def test_a_broken_dialogue_file_names_the_step():
    data = tomllib.loads((resources.files("dialogues") / "adult.toml").read_text("utf-8"))
    data["states"][3]["method"] = "interrogation"
    with pytest.raises(JourneyError, match="everyday"):
        parse_journey(data, "broken")
    data = tomllib.loads((resources.files("dialogues") / "adult.toml").read_text("utf-8"))
    data["transitions"][0]["dest"] = "nowhere"
    with pytest.raises(JourneyError, match="nowhere"):
        parse_journey(data, "broken")


def test_resume_replays_to_the_same_question(store):
    conv = Conversation.start(store)
    _to(conv, "sign", {"dream": "Få en kat"})
    conv.respond("/pause")
    again = resume_case(store, conv.case_id)
    assert again.prompt().state == "sign" and again.prompt().item == 1
    assert again.model.answers.dreams[0]["dream"] == "Få en kat"
    again.close()


def test_the_whole_conversation_can_be_shown_again_in_another_language(conv):
    _to(conv, "motivation", {"name": "Ib", "dream": "Se havet"})
    conv.respond("/back")  # back to "why", answered again below
    conv.respond("Fordi det er smukt")
    asked_da, asked_en = conv.asked("da"), conv.asked("en")
    assert len(asked_da) == len(asked_en) == len(conv.events)
    pairs = [(da, en, ev) for da, en, ev in zip(asked_da, asked_en, conv.events) if ev["type"] in ("answer", "skip")]
    assert pairs[0][0].startswith("Hej") and pairs[0][1].startswith("Hello")
    why = [(da, en) for da, en, ev in pairs if ev["state"] == "why"]
    assert len(why) == 2  # asked twice: before and after going back
    assert all("»Se havet«" in da and "“Se havet”" in en for da, en in why)
    assert [ev["prompt"] for _, _, ev in pairs] == [da for da, _, _ in pairs]  # as it was asked, in Danish


def _disk_full(monkeypatch):
    from store import storage

    def full(self, data):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.AtomicJSONStorage, "_write_file", full)


def test_an_answer_that_could_not_be_saved_leaves_the_same_question(conv, store, monkeypatch):
    _to(conv, "everyday")
    _disk_full(monkeypatch)
    with pytest.raises(OSError):
        conv.respond("Jeg går tur")
    monkeypatch.undo()
    assert conv.prompt().state == "everyday"  # not the next question: the answer is not on disk
    conv.respond("Jeg går tur")  # the citizen sends it again
    assert conv.prompt().state == "goodnow"
    conv.close()
    again = resume_case(store, conv.case_id)
    assert again.prompt().state == "goodnow"
    assert [e["text"] for e in again.events if e.get("slot") == "everyday"] == ["Jeg går tur"]
    again.close()


def test_saying_no_also_erases_what_a_caseworker_wrote_about_the_draft(store):
    from tests.support.personas import ANNA_DA, answer_for

    from assistant.services.casework import Casework

    case = store.register_case(name="Anna Hansen", lang="da", area="psychiatry")
    conv = resume_case(store, case)
    counters: dict = {}
    while conv.prompt().slot != "review":
        conv.respond(answer_for(ANNA_DA, conv.prompt().slot, counters))
    conv.close()
    with Casework(store, case, user="sb1") as work:
        work.set_goal_field("g1", "reasoning", "Anna har det svært lige nu")
        work.set_plan_field("purpose", "Anna skal have det bedre")
    conv = resume_case(store, case)
    while conv.prompt().state != "consent":
        conv.back()
    conv.respond("nej")
    conv.close()
    raw = (store.cases_dir / case / "case.json").read_text(encoding="utf-8")
    for said in ("Anna har", "Anna skal", ANNA_DA["dream"][0], "trail", "casework", "sb1"):
        assert said not in raw
    summary = store.list_cases()[0]
    assert (summary.name, summary.status, summary.meta["area"]) == ("Anna Hansen", "declined", "psychiatry")


def test_progress_never_runs_backwards_over_a_second_dream_or_goal(conv):
    answers = {"consent": "ja", "motivation": "7", "when": "1", "priority": "1", "review": "enig"}
    seen, dreams = [], 0
    for _ in range(100):
        prompt = conv.prompt()
        seen.append(prompt.progress)
        if prompt.slot == "remarks":
            break
        if prompt.slot == "another_dream":
            dreams += 1
            conv.respond("ja" if dreams == 1 else "nej")
        else:
            conv.respond(answers.get(prompt.slot, "svar" if prompt.kind == "text" else ""))
    assert dreams == 2 and seen == sorted(seen)
    conv.back()
    assert conv.prompt().progress < seen[-1]  # going back is the one way back


def test_with_no_dream_the_summary_does_not_promise_goals(conv):
    _to(conv, "dream")
    conv.skip()
    _to(conv, "summary", {"another_dream": "nej"})
    assert "Du nævnte ikke nogen drøm" in conv.prompt().text and "hvert mål" not in conv.prompt().text


def test_the_goal_card_names_the_dream_and_the_date(conv):
    _to(conv, "review", {"dream": "At få en hund", "when": "1"})
    text = conv.prompt().text
    assert "Din drøm: »At få en hund«" in text
    assert re.search(r"Hvornår: \d{1,2}\. \w+ \d{4}", text)


@pytest.mark.parametrize("said", ["Nej", "nej tak.", "No!", "ingen"])
def test_no_to_anything_else_is_no_remark(conv, said):
    _to(conv, "remarks")
    conv.respond(said)
    assert conv.plan().remarks is None
    answer = conv.handle.events()[-1]
    assert (answer["type"], answer["text"], answer["value"]) == ("answer", said, None)  # answered, not skipped


def test_after_a_disagreement_nothing_is_the_citizens_word(conv):
    _to(conv, "reviewcomment", {"review": "uenig"})
    conv.respond("Intet")
    assert conv.plan().goals[0].citizen_comment == "Intet"


def test_a_real_remark_that_starts_with_no_is_kept(conv):
    _to(conv, "remarks")
    conv.respond("Nej, men jeg vil gerne have min søster med")
    assert conv.plan().remarks == "Nej, men jeg vil gerne have min søster med"


@pytest.mark.parametrize("said,value", [("længere", "long"), ("Inden for et", "1y"), ("within a y", "1y")])
def test_the_start_of_a_choice_is_enough_when_it_fits_only_one(conv, said, value):
    _to(conv, "when")
    conv.respond(said)
    answer = conv.handle.events()[-1]
    assert (answer["type"], answer["value"]) == ("answer", value)


def test_the_start_of_two_choices_is_asked_again(conv):
    _to(conv, "when")
    assert conv.respond("inden for").invalid


def test_opened_and_closed_at_once_keeps_no_empty_case(store):
    conv = Conversation.start(store)
    assert conv.pause().discarded
    assert store.list_cases() == [] and not any(store.cases_dir.iterdir())


def test_a_case_with_an_answer_or_a_registration_is_kept_on_pause(store):
    conv = Conversation.start(store)
    conv.respond("")  # read the welcome and went on
    assert not conv.pause().discarded
    registered = store.register_case(name="Dorte", lang="da")
    again = resume_case(store, registered)
    assert not again.pause().discarded
    assert {c.id for c in store.list_cases()} == {conv.case_id, registered}


def test_two_letters_that_begin_only_one_answer_are_enough(conv):
    _to(conv, "consent")
    assert conv.respond("ne").prompt.state == "declined"
