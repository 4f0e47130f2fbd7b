"""Issue 20 in the chat: a possible sign asks directly (three buttons); no goes on with the same
question, yes leads to the safety step; a break there says where help is; coming back is gentle."""

from __future__ import annotations

import pytest

from assistant.domain import safety
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.paused import PausedScreen
from assistant.tui.citizen.widgets.answer_text import AnswerText
from assistant.tui.citizen.widgets.answers import ChoiceButton
from assistant.tui.citizen.widgets.progress import ProgressLine
from store import Store

from tests.support.tui_driving import press, say, settle, state

POSSIBLE = "Jeg er så træt af det hele"
POSSIBLE_EN = "I am so tired of it all"


@pytest.fixture(autouse=True)
def possible(monkeypatch):
    """``assess`` as the coming detector: these sentences are a possible sign of suicide."""
    real = safety.assess

    def assess(text):
        if text.strip().rstrip(".") in (POSSIBLE, POSSIBLE_EN):
            return safety.Assessment("possible", ("suicide",), ("test",))
        return real(text)

    monkeypatch.setattr(safety, "assess", assess)


async def _to_everyday(pilot, yes: str = "1") -> None:
    await settle(pilot)
    await press(pilot, "enter")  # welcome
    await press(pilot, yes)  # yes
    await say(pilot, "Kim")
    assert state(pilot) == "everyday"


def _screen_text(app) -> str:
    return "\n".join(m.source for m in app.screen.query("AssistantMessage"))


def _buttons(app) -> list[str]:
    return [b.choice.label for b in app.screen.query(ChoiceButton)]


async def test_a_possible_sign_asks_directly_and_no_goes_on_with_the_same_question(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        progress = app.screen.view.prompt.progress
        await say(pilot, POSSIBLE)
        assert state(pilot) == "safety_check" and app.screen.view.prompt.kind == "safety_check"
        assert _buttons(app) == ["Ja", "Nej", "Det vil jeg ikke svare på"]
        assert not app.screen.query(AnswerText)
        assert "Tænker du på at tage dit liv?" in _screen_text(app)
        assert app.screen.view.prompt.progress == progress
        await press(pilot, "2")  # no
        assert state(pilot) == "everyday" and app.screen.view.prompt.progress == progress
        assert "Tak, fordi du svarede. Så går vi videre." in _screen_text(app)
        assert "Her er spørgsmålet igen." in _screen_text(app)
        assert app.screen.query_one(AnswerText).text == ""  # the words are not offered back
        assert app.screen.query_one(ProgressLine).is_attached
        await say(pilot, "Jeg sover længe")
        assert state(pilot) == "goodnow"
    store = Store(store_path)
    with store.open_case(store.list_cases()[0].id, write=False) as handle:
        meta = handle.meta
    assert not meta.get("flags") and meta["asked_directly"][0]["answer"] == "no"


async def test_yes_shows_the_safety_step_then_the_question_again(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        await say(pilot, POSSIBLE)
        await press(pilot, "1")  # yes
        assert state(pilot) == "safety"
        assert _buttons(app) == ["Fortsæt samtalen", "Hold en pause", "Stop for i dag"]
        assert "70 201 201" in _screen_text(app)
        await press(pilot, "1")  # go on
        assert state(pilot) == "everyday" and app.screen.query(AnswerText)
        await press(pilot, "f4")  # back: to the answer that raised it, not into the steps after it
        assert state(pilot) == "everyday"
        assert not app.screen.view.prompt.kind.startswith("safety")
    assert Store(store_path).list_cases()[0].meta["flags"][0]["kinds"] == ["suicide"]


async def test_a_break_after_rather_not_answer_says_where_help_is_and_the_return_is_gentle(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        await say(pilot, POSSIBLE)
        await press(pilot, "3")  # I would rather not answer
        assert state(pilot) == "safety"
        await press(pilot, "2")  # take a break
        assert isinstance(app.screen, PausedScreen) and not app.screen.stopped
        shown = str(app.screen.query_one("SafeMarkdown").source)
        assert "Hvis du har brug for hjælp nu:" in shown and "70 201 201" in shown and "--case" in shown
    case = Store(store_path).list_cases()[0]
    again = make_app(store_path=str(store_path), case=case.id)
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert state(pilot) == "everyday"
        assert again.screen.view.prompt.text.startswith("Hvordan har du det i dag?")
        assert "70 201 201" in again.screen.view.prompt.text


async def test_in_english_the_question_and_the_buttons_are_english(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await _to_everyday(pilot)
        await say(pilot, POSSIBLE_EN)
        assert _buttons(app) == ["Yes", "No", "I would rather not answer"]
        assert "Are you thinking about taking your life?" in _screen_text(app)
        await press(pilot, "2")
        assert state(pilot) == "everyday" and "Thank you for answering. Let's go on." in _screen_text(app)
