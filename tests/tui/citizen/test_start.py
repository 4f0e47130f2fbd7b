"""The start screen: new conversation, continue one by its code, language."""

from __future__ import annotations

from textual.widgets import Button
from tests.support.tui_driving import press, settle, state

from assistant.services.conversation import Conversation
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.citizen.screens.start import StartScreen
from store import Store


def make_cases(store_path) -> tuple[str, str]:
    store = Store(store_path)
    older = Conversation.start(store, "adult", "da")
    older.respond("")
    older.respond("ja")
    older.respond("Ældre [bold]Eva[/bold]")
    older.pause()
    newer = Conversation.start(store, "adult", "en")
    newer.respond("")
    newer.respond("yes")
    newer.respond("Nyere Niels")
    newer.pause()
    return older.case_id, newer.case_id


async def continue_with_code(pilot, case_id: str) -> None:
    from store.codes import shown_code

    await pilot.press(*shown_code(case_id).lower())
    await press(pilot, "enter")


async def test_continues_a_conversation_by_its_code(store_path):
    older, newer = make_cases(store_path)
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        await continue_with_code(pilot, older)
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.view.case_id == older
        assert state(pilot) == "everyday"
        assert app.lang == "da"


async def test_resuming_keeps_the_conversations_language(store_path):
    _, newer = make_cases(store_path)
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await continue_with_code(pilot, newer)
        assert app.screen.view.case_id == newer
        assert app.lang == "en"


async def test_new_conversation_in_the_chosen_language(store_path):
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#start-lang")
        await settle(pilot)
        assert app.lang == "en"
        assert str(app.screen.query_one("#start-new", Button).label) == "Start a new conversation"
        await pilot.click("#start-new")
        await settle(pilot)
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.view.lang == "en"
        await press(pilot, "enter")  # read the welcome: now there is a conversation to keep
    summary = Store(store_path).list_cases()[0]
    assert summary.lang == "en"


async def test_pause_screen_leads_back_to_the_start(store_path):
    app = make_app(store_path=str(store_path), start_screen=True, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "enter", "enter", "f5")  # empty code, new conversation, welcome read
        shown = app.screen.query_one("Markdown")._markdown
        assert "borgerrejse chat --case" in shown and f"--store {store_path}" in shown
        await pilot.click("#paused-start")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
