"""Issue 10 §1–2 in the chat: the safety check is a real question with buttons; "ved ikke" is asked again."""

from __future__ import annotations

from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.citizen.screens.paused import PausedScreen
from assistant.tui.citizen.widgets.answer_text import AnswerText
from assistant.tui.citizen.widgets.answers import ChoiceBar, ChoiceButton
from store import Store

from tests.support.tui_driving import press, say, settle, state

DISTRESS = "jeg orker ikke mere. nogle gange har jeg lyst til at dø"


async def _to_everyday(pilot) -> None:
    await settle(pilot)
    await press(pilot, "enter")  # welcome
    await press(pilot, "1")  # yes
    await say(pilot, "Kim")
    assert state(pilot) == "everyday"


def _screen_text(app) -> str:
    return "\n".join(m.source for m in app.screen.query("AssistantMessage"))


async def test_distress_in_the_chat_shows_help_and_three_choices(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        await say(pilot, DISTRESS)
        assert state(pilot) == "safety"
        buttons = [b.choice.label for b in app.screen.query(ChoiceButton)]
        assert buttons == ["Fortsæt samtalen", "Hold en pause", "Stop for i dag"]
        assert not app.screen.query(AnswerText)
        text = _screen_text(app)
        assert "70 201 201" in text and "112" in text
        await press(pilot, "1")  # go on
        assert state(pilot) == "everyday"  # the interrupted question again (issue 20)
        assert "Så fortsætter vi" in _screen_text(app) and "Her er spørgsmålet igen" in _screen_text(app)
        await press(pilot, "f4")  # back goes to the answer, not into the check
        assert state(pilot) == "everyday"
        assert app.screen.query_one(AnswerText).text == DISTRESS
    case = Store(store_path).list_cases()[0]
    assert case.meta["flags"][0]["kinds"] == ["suicide"]


async def test_stop_for_today_in_the_chat_says_so(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        await say(pilot, "I want to die")
        await press(pilot, "3")
        assert isinstance(app.screen, PausedScreen) and app.screen.stopped
        shown = str(app.screen.query_one("SafeMarkdown").source)
        assert "Tak for i dag" in shown and "Vi stopper her" in shown and "70 201 201" in shown and "--case" in shown
    assert Store(store_path).list_cases()[0].meta["flags"][0]["choice"] == "stop"


async def test_take_a_break_in_the_chat_pauses(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        await say(pilot, "min kæreste slår mig")
        await press(pilot, "2")
        assert isinstance(app.screen, PausedScreen) and not app.screen.stopped


async def test_ved_ikke_in_the_chat_is_asked_again_then_left_open(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        await say(pilot, "sover meget")
        await say(pilot, "kaffe")
        assert state(pilot) == "dream"
        await say(pilot, "ved ikke")
        assert state(pilot) == "dream" and app.screen.view.prompt.variant == "unsure"
        assert "om et halvt år" in _screen_text(app)
        await say(pilot, "ved ikke")
        assert state(pilot) == "another"
        assert isinstance(app.screen, ChatScreen) and app.screen.query(ChoiceBar)
