"""The chat driven through the UI, with assertions on the store."""

from __future__ import annotations

from assistant.services.conversation import Conversation
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.citizen.screens.paused import PausedScreen
from assistant.tui.citizen.widgets.answer_text import AnswerText
from assistant.tui.citizen.widgets.answers import ChoiceBar, ContinueButton
from assistant.tui.citizen.widgets.messages import (
    CitizenMessage,
    ErrorMessage,
    GoalCard,
    NoteMessage,
    PlanMessage,
)
from assistant.tui.citizen.widgets.scale import ScaleCell, ScalePicker
from store import Store

from tests.support.tui_driving import press, say, settle, state


def shown_citizen_words(app) -> list[str]:
    return [str(m.visual) if hasattr(m, "visual") else "" for m in app.screen.query(CitizenMessage)]


def citizen_texts(app) -> list[str]:
    return [m.content.plain if hasattr(m.content, "plain") else str(m.content) for m in app.screen.query(CitizenMessage)]


def footer_actions(app) -> set[str]:
    return {b.action for (_, b, enabled, _) in app.screen.active_bindings.values() if b.show and enabled}


async def test_whole_conversation_with_two_dreams_back_and_disagreement(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ChatScreen)
        assert state(pilot) == "welcome"
        assert "back" not in footer_actions(app)
        await press(pilot, "enter")  # Continue
        assert state(pilot) == "consent"
        await press(pilot, "1")  # Ja
        await say(pilot, "Anna")
        assert "back" in footer_actions(app)
        await say(pilot, "Jeg står op kl. 9.\nSå går jeg tur med hunden.")
        await press(pilot, "f3")  # skip "what is going well"
        assert state(pilot) == "dream"
        await say(pilot, "Få et job")
        await say(pilot, "Så jeg har penge")
        await press(pilot, "3", "enter")  # low motivation
        assert state(pilot) == "motivationup"
        await say(pilot, "Mere hjælp")
        await say(pilot, "Ringe til jobcentret")
        await press(pilot, "f4")  # back: change the first step
        assert state(pilot) == "firststep"
        assert app.screen.query_one(AnswerText).text == "Ringe til jobcentret"
        await say(pilot, "Ringe til jobcentret i morgen")
        await say(pilot, "Min søster")
        await say(pilot, "Jeg har et arbejde")
        await press(pilot, "1")  # within 3 months
        await press(pilot, "1")  # another dream: yes
        await say(pilot, "Få en ven")
        await say(pilot, "Jeg er ensom")
        await press(pilot, "8", "enter")
        assert state(pilot) == "firststep"
        await say(pilot, "Gå i klubben")
        await say(pilot, "Bostøtten")
        await say(pilot, "Jeg har en ven")
        await press(pilot, "2")  # within a year
        await press(pilot, "2")  # no more dreams
        assert state(pilot) == "priority"
        await press(pilot, "2")  # "Få en ven" first
        await press(pilot, "enter")  # the summary
        assert state(pilot) == "review"
        assert app.screen.query(GoalCard)
        await press(pilot, "1")  # agree
        await say(pilot, "Godt mål")
        await press(pilot, "3")  # disagree
        assert "hellere" in app.screen.view.prompt.text  # the "disagree" variant
        await say(pilot, "Jeg vil hellere tage en uddannelse")
        assert state(pilot) == "reviewoffer"  # what the citizen would rather do, offered back
        assert app.screen.view.prompt.text == "Skal dit første skridt så være: »tage en uddannelse«?"
        await press(pilot, "2")  # no: the goal stays, the disagreement is kept
        await say(pilot, "Tak")
        assert app.screen.view.finished
        assert app.screen.query(PlanMessage)
        assert footer_actions(app) <= {"help", "toggle_language", "copy", "copy(True)"}  # and the copy keys
        case_id = app.screen.view.case_id
        assert "Jeg vil hellere tage en uddannelse" in citizen_texts(app)
        await press(pilot, "f2")  # after the end, only how the citizen reads it changes: the plan stays
        assert app.lang == "en" and app.screen.query(PlanMessage)
        assert "My plan" in app.screen.query(PlanMessage).last().source

    summary = Store(store_path).list_cases()[0]
    assert summary.id == case_id and summary.status == "complete"
    with Store(store_path).open_case(case_id, write=False) as handle:
        plan = handle.plan
    assert plan["name"] == "Anna"
    assert [g["dream"] for g in plan["goals"]] == ["Få en ven", "Få et job"]
    first, second = plan["goals"]
    assert first["citizen_response"] == "agree" and first["citizen_comment"] == "Godt mål"
    assert second["citizen_response"] == "disagree"
    assert second["citizen_comment"] == "Jeg vil hellere tage en uddannelse"
    assert second["first_step"] == "Ringe til jobcentret i morgen"
    assert plan["remarks"] == "Tak"
    handle = Store(store_path).open_case(case_id, write=False)
    types = [e["type"] for e in handle.events()]
    assert "back" in types and "skip" in types
    everyday = next(e for e in handle.events() if e.get("state") == "everyday")
    assert everyday["value"] == "Jeg står op kl. 9.\nSå går jeg tur med hunden."


async def test_pause_then_resume_in_a_second_app(store_path):
    first = make_app(store_path=str(store_path))
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        await say(pilot, "Bo")
        await say(pilot, "Jeg sover længe")
        await press(pilot, "f5")
        assert isinstance(first.screen, PausedScreen)
        case_id = first.screen.case
    summary = Store(store_path).list_cases()[0]
    assert summary.id == case_id and summary.status == "paused"

    second = make_app(store_path=str(store_path), case=case_id)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert state(pilot) == "goodnow"
        assert citizen_texts(second)[-2:] == ["Bo", "Jeg sover længe"]
        notes = [str(n.content) for n in second.screen.query(NoteMessage)]
        assert any("Welcome back" in n or "Velkommen" in n for n in notes)
        await say(pilot, "Min kat")
        assert state(pilot) == "dream"
    handle = Store(store_path).open_case(case_id, write=False)
    answers = [e for e in handle.events() if e["type"] == "answer"]
    assert answers[-1]["state"] == "goodnow" and answers[-1]["text"] == "Min kat"
    assert handle.events()[-1]["type"] == "pause"  # leaving the app paused it again


async def test_language_switch_keeps_the_citizens_words(store_path):
    app = make_app(store_path=str(store_path), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        await say(pilot, "Søren")
        app.screen.query_one(AnswerText).load_text("halvt skrevet")
        await press(pilot, "f2")
        assert app.lang == "en"
        assert app.screen.view.prompt.text.startswith("Tell me")
        assert app.screen.query_one(AnswerText).text == "halvt skrevet"
        assert "Søren" in citizen_texts(app)
        assert "Yes" in citizen_texts(app) and "Ja" not in citizen_texts(app)  # a button answer reads in English
        # The earlier questions are shown again in English, the citizen's words untouched.
        asked = [m.source for m in app.screen.query("AssistantMessage")]
        assert any(text.startswith("What would you like me to call you") for text in asked)
        assert not any("Hvad vil du gerne have" in text for text in asked)
        labels = {b.description for (_, b, _, _) in app.screen.active_bindings.values()}
        assert "Dansk" in labels and "Skip" in labels
        await press(pilot, "f2")
        assert app.lang == "da"
        case_id = app.screen.view.case_id
    handle = Store(store_path).open_case(case_id, write=False)
    assert [e["lang"] for e in handle.events() if e["type"] == "lang"] == ["en", "da"]


async def test_scale_digits_arrows_mouse_and_invalid_number(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        for text in ("Ida", "Arbejde", "Min have", "Et job", "Penge"):
            await say(pilot, text)
        assert state(pilot) == "motivation"
        picker = app.screen.query_one(ScalePicker)
        await press(pilot, "1", "2")
        assert picker.typed == "12"
        await press(pilot, "enter")
        assert state(pilot) == "motivation"
        assert app.screen.query("AssistantMessage.invalid")
        picker = app.screen.query_one(ScalePicker)
        assert picker.typed == ""
        await press(pilot, "right", "right", "right")
        assert picker.typed == "2"
        await press(pilot, "left")
        assert picker.typed == "1"
        await press(pilot, "3")  # a value chosen by arrow is replaced, not added to
        assert picker.typed == "3"
        cell = next(c for c in app.screen.query(ScaleCell) if c.number == 7)
        await pilot.click(cell)
        await settle(pilot)
        assert picker.typed == "7"
        await press(pilot, "enter")
        await press(pilot, "f4")  # back: the earlier answer is there, and a new digit replaces it
        picker = app.screen.query_one(ScalePicker)
        assert picker.typed == "7"
        await press(pilot, "2")
        assert picker.typed == "2"
        await press(pilot, "backspace", "7", "enter")
        assert state(pilot) == "firststep"
        case_id = app.screen.view.case_id
    events = Store(store_path).open_case(case_id, write=False).events()
    assert [e["text"] for e in events if e["type"] == "invalid"] == ["12"]
    assert [e["value"] for e in events if e.get("state") == "motivation" and e["type"] == "answer"] == [7, 7]


async def test_quit_key_pauses_and_keeps_every_answer(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        await say(pilot, "Kim")
        case_id = app.screen.view.case_id
        await pilot.press("ctrl+q")
        await settle(pilot)
    handle = Store(store_path).open_case(case_id, write=False)
    assert handle.events()[-1]["type"] == "pause"
    assert handle.meta["name"] == "Kim"


async def test_a_case_open_elsewhere_gives_a_sentence_not_a_traceback(store_path):
    store = Store(store_path)
    elsewhere = Conversation.start(store, "adult", "da")
    try:
        app = make_app(store_path=str(store_path), case=elsewhere.case_id, lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            errors = [str(e.content) for e in app.screen.query(ErrorMessage)]
            assert errors and "open somewhere else" in errors[0]
            assert not footer_actions(app) & {"skip", "back", "pause"}
    finally:
        elsewhere.close()


async def test_an_unknown_case_gives_a_sentence(store_path):
    app = make_app(store_path=str(store_path), case="nosuchcase", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        errors = [str(e.content) for e in app.screen.query(ErrorMessage)]
        assert errors and "nosuchcase" in errors[0]


async def test_help_opens_and_closes(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f1")
        assert type(app.screen).__name__ == "HelpScreen"
        text = app.screen.query_one("Markdown")._markdown
        assert "offer" in text and "disagree" in text and "caseworker" in text
        await press(pilot, "escape")
        assert isinstance(app.screen, ChatScreen)


async def test_theme_key_cycles_to_high_contrast(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")  # a free-text question: the text box must not take F6
        assert app.screen.query(AnswerText)
        seen = set()
        for _ in range(3):
            await press(pilot, "f6")
            seen.add(app.theme)
        assert {"textual-light", "textual-dark", "borgerrejse-high-contrast"} <= seen


async def test_input_is_ignored_while_a_reply_is_in_flight(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        screen.busy = True
        screen.action_skip()
        screen.action_back()
        await settle(pilot)
        assert state(pilot) == "welcome"
        screen.busy = False
        assert screen.query(ContinueButton) and not screen.query(ChoiceBar)


async def test_enter_on_an_empty_answer_does_not_skip(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        assert state(pilot) == "name"
        await press(pilot, "enter")
        assert state(pilot) == "name"
        case_id = app.screen.view.case_id
    types = [e["type"] for e in Store(store_path).open_case(case_id, write=False).events()]
    assert "skip" not in types


async def test_typing_no_on_the_buttons_is_a_no_even_when_yes_has_the_focus(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert state(pilot) == "consent"
        assert app.focused.choice.value == "yes"  # Ja has the focus
        await press(pilot, "n", "e", "j")
        assert app.focused.choice.value == "no"  # typing moves it to the answer it begins
        assert "nej" in str(app.screen.query_one("#choice-typed").render())
        await press(pilot, "enter")
        assert state(pilot) == "declined"
        case_id = app.screen.view.case_id
    summary = Store(store_path).list_cases()[0]
    assert (summary.id, summary.status) == (case_id, "declined")


async def test_typed_words_that_fit_no_button_get_a_kind_question_again(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "m", "a", "y", "b", "e", "enter")
        assert state(pilot) == "consent"
        assert any("invalid" in m.classes for m in app.screen.query(".invalid"))


async def test_a_no_can_be_taken_back_in_the_chat(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "2")
        assert state(pilot) == "declined"
        assert "back" in footer_actions(app)
        await press(pilot, "f4")
        assert state(pilot) == "consent"
        await press(pilot, "1")
        assert state(pilot) == "name"


async def test_typing_the_start_of_an_answer_takes_that_answer(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        for _ in range(20):
            if state(pilot) == "when":
                break
            prompt = app.screen.view.prompt
            if prompt.kind == "scale":
                await press(pilot, "7", "enter")
            else:
                await say(pilot, "Noget")
        assert state(pilot) == "when"
        await press(pilot, *"inden for e", "enter")  # begins only "Inden for et år"
        assert state(pilot) == "another"
        case_id = app.screen.view.case_id
    events = Store(store_path).open_case(case_id, write=False).events()
    assert [e["value"] for e in events if e.get("slot") == "when"] == ["1y"]


async def test_arrows_after_typing_mean_the_highlighted_answer(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "j", "right")  # typed "j" (Ja), then moved to Nej by hand
        assert app.focused.choice.value == "no"
        await press(pilot, "enter")
        assert state(pilot) == "declined"


async def test_pasted_words_and_space_on_the_answer_buttons(store_path):
    from textual import events

    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        app.focused.post_message(events.Paste("  nej\x1b[31m\n"))  # focus is on Ja
        await settle(pilot)
        assert "nej" in str(app.screen.query_one("#choice-typed").render())
        assert app.focused.choice.value == "no"  # the paste moved the highlight to Nej
        await press(pilot, "escape", "left", "space")  # by hand back to Ja; space takes it
        assert state(pilot) == "name"


async def test_closing_at_once_or_after_a_no_says_what_happened(store_path):
    from assistant.tui.citizen.screens.paused import PausedScreen

    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f5")  # nothing answered
        assert isinstance(app.screen, PausedScreen)
        assert "nothing was saved" in app.screen.query_one("SafeMarkdown").source
    assert Store(store_path).list_cases() == []
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "2", "enter")  # no, then Close
        assert isinstance(app.screen, PausedScreen)
        shown = app.screen.query_one("SafeMarkdown").source
        assert "say yes later" in shown and "plan is saved" not in shown
