"""The chat's start-up: the conversation opened while the screen is built, and what is put off."""

from __future__ import annotations

import gc
import sys
import threading

import pytest

from assistant.tui import pause_gc, resume_gc
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.citizen.session import Session
from assistant.tui.citizen.widgets.answers import ContinueButton
from assistant.tui.citizen.widgets.messages import AssistantMessage, ErrorMessage
from store import Store

from tests.support.tui_driving import press, say, settle, state


@pytest.fixture
def opens(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The name of the thread each Session.open ran in."""
    seen: list[str] = []
    original = Session.open

    def counted(self, case, lang):
        seen.append(threading.current_thread().name)
        return original(self, case, lang)

    monkeypatch.setattr(Session, "open", counted)
    return seen


async def test_the_screen_is_built_with_the_first_question_opened_ahead(store_path, opens):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        # Composed with its question: there before any worker or refresh has run.
        assert screen.view is not None and state(pilot) == "welcome"
        assert "everyday" in screen.query_one(AssistantMessage)._markdown
        assert isinstance(app.focused, ContinueButton)
        assert not screen.busy
        await settle(pilot)
        assert opens == ["borgerrejse-open"]  # opened once, ahead, never again by the screen
        await press(pilot, "enter", "1")
        await say(pilot, "Kim")  # answering works as ever, and is on disk
        case_id = screen.view.case_id
        assert state(pilot) != "name"
    events = Store(store_path).open_case(case_id, write=False).events()
    assert [e.get("text") for e in events if e["type"] == "answer" and e.get("state") == "name"] == ["Kim"]


@pytest.fixture
def nothing_kept(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache with no first question kept (the first chat after installing)."""
    monkeypatch.setenv("BORGERREJSE_CACHE", str(tmp_path / "empty-cache"))


async def test_a_slow_opening_is_waited_for_by_the_screen(store_path, opens, monkeypatch, nothing_kept):
    """The opening is not done when the screen is built: the screen is built empty and shows the
    question when it comes (the opening is taken over, not done twice)."""
    import assistant.tui.citizen.screens.chat as chat

    monkeypatch.setattr(chat, "AHEAD_WAIT", 0)
    go_on = threading.Event()
    original = Session.open

    def held(self, case, lang):
        go_on.wait(10)
        return original(self, case, lang)

    monkeypatch.setattr(Session, "open", held)
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen) and app.screen.view is None
        assert not app.screen.query(AssistantMessage)
        go_on.set()
        await settle(pilot)
        assert state(pilot) == "welcome"
        assert "everyday" in app.screen.query_one(AssistantMessage)._markdown
        assert isinstance(app.focused, ContinueButton)
        assert opens == ["borgerrejse-open"]


async def test_an_opening_ahead_that_fails_is_a_sentence(store_path, opens):
    app = make_app(store_path=str(store_path), case="nosuchcase", lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        errors = [str(e.content) for e in app.screen.query(ErrorMessage)]
        assert errors and "nosuchcase" in errors[0]
        assert opens == ["borgerrejse-open"]


@pytest.mark.parametrize("kept", [True, False], ids=["first-question-kept", "nothing-kept"])
async def test_quitting_at_once_still_pauses_what_was_opened_ahead(store_path, tmp_path, monkeypatch, kept):
    if not kept:
        monkeypatch.setenv("BORGERREJSE_CACHE", str(tmp_path / "empty-cache"))
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.previewing is kept
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.session.conversation is None
    store = Store(store_path)
    # Nothing was said: a case may be gone or never made; one that is kept is free.
    for case_id in store.case_ids():
        store.open_case(case_id, write=True).close()


async def test_cycle_collection_is_back_once_the_first_question_is_shown(store_path):
    pause_gc()
    try:
        assert not gc.isenabled()
        app = make_app(store_path=str(store_path), lang="en")
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert gc.isenabled()
    finally:
        resume_gc()
        gc.enable()


def test_the_first_question_needs_no_text_area_and_no_plan_views():
    """Importing the chat and the kept first question (what the first frame needs) leaves
    Textual's text area and progress bar, the plan's views, the conversation and the making of
    questions for later; the text box still works (tests above type into it)."""
    import subprocess

    code = (
        "import sys, assistant.cli.commands, assistant.tui.citizen.app, assistant.tui.citizen.screens.chat, assistant.tui.citizen.first_question\n"
        "print(sorted(m for m in ('textual.widgets._text_area', 'textual.widgets._progress_bar', 'assistant.render.views',"
        " 'assistant.services.conversation', 'assistant.domain.prompts', 'assistant.domain.journey', 'assistant.domain.voice', 'importlib.resources',"
        " 'tomllib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
