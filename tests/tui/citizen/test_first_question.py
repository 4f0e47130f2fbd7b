"""A new conversation's first question is shown from the private cache while the conversation
is opened (assistant/tui/citizen/first_question.py): shown at once, never untrue, nothing lost."""

from __future__ import annotations

import hashlib
import json
import stat
import threading

import pytest

from assistant.tui.citizen import first_question
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.citizen.session import Session
from assistant.tui.citizen.widgets.messages import AssistantMessage, ErrorMessage
from store import Store

from tests.support.tui_driving import press, say, settle, state


@pytest.fixture
def cache(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """A cache of this test's own, empty to begin with."""
    path = tmp_path / "cache"
    monkeypatch.setenv("BORGERREJSE_CACHE", str(path))
    return path


def kept_files(cache):
    return sorted(cache.glob("first-*.json")) if cache.exists() else []


async def first_chat(store_path, lang="en"):
    """One chat to its first question and out again: the question is kept from then on."""
    app = make_app(store_path=str(store_path), lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not app.screen.previewing
        await pilot.press("ctrl+q")
        await settle(pilot)


@pytest.fixture
def held_open(monkeypatch: pytest.MonkeyPatch):
    """Session.open waits for the test's go-ahead (the opening is slow); the names of the threads it ran in."""
    go_on = threading.Event()
    seen: list[str] = []
    original = Session.open

    def held(self, case, lang):
        seen.append(threading.current_thread().name)
        go_on.wait(10)
        return original(self, case, lang)

    monkeypatch.setattr(Session, "open", held)
    return go_on, seen


async def test_the_kept_question_is_shown_before_the_conversation_is_opened(store_path, cache, held_open):
    go_on, seen = held_open
    go_on.set()
    await first_chat(store_path)
    [kept] = kept_files(cache)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600 and stat.S_IMODE(cache.stat().st_mode) == 0o700
    go_on.clear()
    seen.clear()
    written = kept.stat().st_mtime_ns
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, ChatScreen) and screen.previewing
        assert "everyday" in screen.query_one(AssistantMessage)._markdown and state(pilot) == "welcome"
        await pilot.pause()
        assert app.session.conversation is None  # shown, and only now being opened
        go_on.set()
        await settle(pilot)
        assert not screen.previewing and screen.view.case_id and app.session.conversation is not None
        assert seen == ["borgerrejse-open"]  # opened once, in the background
        assert len(screen.query(AssistantMessage)) == 1  # the same question, not shown twice
        await press(pilot, "enter", "1")
        await say(pilot, "Kim")
        case_id = screen.view.case_id
    events = Store(store_path).open_case(case_id, write=False).events()
    assert [e.get("text") for e in events if e["type"] == "answer" and e.get("state") == "name"] == ["Kim"]
    assert kept_files(cache) == [kept] and kept.stat().st_mtime_ns == written  # the same question: not written again


async def test_an_answer_given_while_the_conversation_is_opened_waits_and_is_kept(store_path, cache, held_open):
    go_on, _ = held_open
    go_on.set()
    await first_chat(store_path)
    go_on.clear()
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.previewing
        await pilot.press("enter")  # "Continue" on the welcome, before the conversation exists
        await pilot.pause()
        assert app.session.conversation is None
        go_on.set()
        await settle(pilot)
        assert state(pilot) != "welcome"
        case_id = app.screen.view.case_id
    events = Store(store_path).open_case(case_id, write=False).events()
    assert [e["state"] for e in events if e["type"] == "answer"] == ["welcome"]


async def test_a_kept_question_that_is_not_the_first_question_is_replaced(store_path, cache):
    await first_chat(store_path)
    [kept] = kept_files(cache)
    data = json.loads(kept.read_bytes()[32:])
    data["markdown"] = data["text"] = "An old welcome that is no longer asked."
    body = json.dumps(data).encode()
    kept.write_bytes(hashlib.sha256(body).digest() + body)
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.previewing
        await settle(pilot)
        shown = [m._markdown for m in app.screen.query(AssistantMessage)]
        assert len(shown) == 1 and "everyday" in shown[0] and "no longer" not in shown[0]
        await press(pilot, "enter")
        assert state(pilot) != "welcome"
    [again] = kept_files(cache)
    assert b"no longer" not in again.read_bytes()  # the true question is kept again


def plant(kept, **changes) -> None:
    """Change the kept copy (and its checksum, so it counts as whole)."""
    data = {**json.loads(kept.read_bytes()[32:]), **changes}
    body = json.dumps(data).encode()
    kept.write_bytes(hashlib.sha256(body).digest() + body)


async def test_a_kept_question_is_shown_as_words_never_as_terminal_codes(store_path, cache):
    await first_chat(store_path)
    [kept] = kept_files(cache)
    plant(kept, markdown="Hello\x1b[2J\x1b]0;owned\x07 there", text="Hello there")
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.previewing
        shown = app.screen.query_one(AssistantMessage)._markdown
        assert "\x1b" not in shown and "\x07" not in shown and "Hello" in shown
        await settle(pilot)


async def test_a_damaged_kept_question_is_never_shown(store_path, cache):
    await first_chat(store_path)
    [kept] = kept_files(cache)
    raw = kept.read_bytes()
    kept.write_bytes(raw[:40] + b"X" + raw[41:])
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.screen.previewing  # opened first, as with nothing kept
        await settle(pilot)
        assert "everyday" in app.screen.query_one(AssistantMessage)._markdown


async def test_each_language_has_its_own_kept_question(store_path, cache):
    await first_chat(store_path, "en")
    await first_chat(store_path, "da")
    assert len(kept_files(cache)) == 2
    app = make_app(store_path=str(store_path), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.previewing and app.lang == "da"
        assert "hverdag" in app.screen.query_one(AssistantMessage)._markdown
        await settle(pilot)


async def test_an_opening_that_fails_after_the_kept_question_takes_it_back(store_path, cache, tmp_path):
    await first_chat(store_path)
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    app = make_app(store_path=str(blocked), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.screen.previewing
        await settle(pilot)
        assert not app.screen.query(AssistantMessage)  # no question for a conversation that is not there
        errors = [str(e.content) for e in app.screen.query(ErrorMessage)]
        assert errors and str(blocked) in errors[0]
        assert "Traceback" not in errors[0]


def test_the_kept_question_holds_no_case_number(cache):
    from assistant.domain.prompts import Choice, Prompt

    prompt = Prompt(case="kx49pm", state="welcome", phase="start", phase_label="", slot=None, item=None,
                    kind="choice", text="Hello", markdown="Hello", choices=[Choice("go", "Go", "g")],
                    scale=(0, 10), part=(1, 2))
    first_question.keep("adult", "en", prompt)
    [kept] = kept_files(cache)
    assert b"kx49pm" not in kept.read_bytes()
    again = first_question.cached("adult", "en")
    assert again is not None and first_question.same(again, prompt)
    assert first_question.cached("adult", "da") is None and first_question.cached("youth", "en") is None
