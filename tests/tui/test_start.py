"""The start screen: new conversation, continue one (most recent first), language."""

from __future__ import annotations

from textual.widgets import Button, OptionList
from tui_driving import press, settle, state

from assistant.conversation import Conversation
from assistant.tui.app import hand_over, make_app
from assistant.tui.screens.chat import ChatScreen
from assistant.tui.screens.start import StartScreen
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


async def test_lists_conversations_newest_first_and_continues_one(store_path):
    older, newer = make_cases(store_path)
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        options = app.screen.query_one(OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert ids == [newer, older]
        first_label = options.get_option_at_index(1).prompt
        assert "Ældre [bold]Eva[/bold]" in first_label.plain
        options.focus()
        options.highlighted = 1
        await press(pilot, "enter")
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.view.case_id == older
        assert state(pilot) == "everyday"
        assert app.lang == "da"


async def test_resuming_keeps_the_conversations_language(store_path):
    _, newer = make_cases(store_path)
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one(OptionList).focus()
        await press(pilot, "enter")
        assert app.screen.view.case_id == newer
        assert app.lang == "en"


async def test_new_conversation_in_the_chosen_language(store_path):
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        options = app.screen.query_one(OptionList)
        assert options.option_count == 1 and options.get_option_at_index(0).disabled
        await pilot.click("#start-lang")
        await settle(pilot)
        assert app.lang == "en"
        assert str(app.screen.query_one("#start-new", Button).label) == "Start a new conversation"
        await press(pilot, "n")
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.view.lang == "en"
        await press(pilot, "enter")  # read the welcome: now there is a conversation to keep
    summary = Store(store_path).list_cases()[0]
    assert summary.lang == "en"


async def test_pause_screen_leads_back_to_the_start(store_path):
    app = make_app(store_path=str(store_path), start_screen=True, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "n", "enter", "f5")
        shown = app.screen.query_one("Markdown")._markdown
        assert "borgerrejse chat --case" in shown and f"--store {store_path}" in shown
        await pilot.click("#paused-start")
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        assert app.screen.query_one(OptionList).option_count == 1


async def test_caseworker_door_closes_the_chat_and_opens_the_workspace(store_path, monkeypatch):
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.click("#start-caseworker")
        await settle(pilot)
    assert app.return_value == "caseworker"

    opened = {}

    def workspace(*, store_path, lang):
        opened.update(store_path=store_path, lang=lang)
        return 7

    import assistant.tui.caseworker as caseworker

    monkeypatch.setattr(caseworker, "run_caseworker", workspace)
    assert hand_over(app.return_value, store_path=str(store_path), lang="en") == 7
    assert opened == {"store_path": str(store_path), "lang": "en"}
    assert hand_over(None, store_path=None, lang="da") is None
