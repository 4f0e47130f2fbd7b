"""The answer box's keys and paste, handled with Textual's public event handlers only.

``AnswerText.on_key`` / ``on_paste`` run before the text area's own handlers and keep them
from running (``prevent_default``); the rest of the keys still reach the text area.
"""

from __future__ import annotations

from textual import events
from textual.app import App, ComposeResult

from assistant.tui.citizen.widgets.answer_text import AnswerText
from assistant.tui.citizen.widgets.answers import Answered


class Host(App):
    def __init__(self) -> None:
        super().__init__()
        self.answers: list[str] = []

    def compose(self) -> ComposeResult:
        yield AnswerText(id="answer")

    def on_mount(self) -> None:
        self.query_one(AnswerText).focus()

    def on_answered(self, message: Answered) -> None:
        self.answers.append(message.text)


async def test_typing_goes_into_the_box_and_enter_sends():
    app = Host()
    async with app.run_test() as pilot:
        box = app.query_one(AnswerText)
        await pilot.press("h", "e", "j")
        assert box.text == "hej"
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers == ["hej"]
        assert box.text == "hej"  # Enter sent; it did not add a line
        assert box.sent and box.read_only


async def test_enter_on_an_empty_box_sends_nothing():
    app = Host()
    async with app.run_test() as pilot:
        await pilot.press("enter")
        await pilot.pause()
        assert app.answers == [] and app.query_one(AnswerText).text == ""


async def test_the_new_line_keys_start_a_new_line_where_the_cursor_is():
    app = Host()
    async with app.run_test() as pilot:
        box = app.query_one(AnswerText)
        await pilot.press("a", "ctrl+n", "b", "ctrl+j", "c")
        assert box.text == "a\nb\nc"
        assert box.cursor_location == (2, 1)
        box.select_all()
        await pilot.press("ctrl+n")
        assert box.text == "\n"  # the selection is replaced, as a typed key replaces it


async def test_other_keys_still_reach_the_text_area():
    app = Host()
    async with app.run_test() as pilot:
        box = app.query_one(AnswerText)
        await pilot.press("a", "b", "left", "x", "backspace", "backspace", "home", "z")
        assert box.text == "zb"


async def test_keys_after_sending_are_kept_for_the_next_question():
    app = Host()
    async with app.run_test() as pilot:
        box = app.query_one(AnswerText)
        await pilot.press("j", "a", "enter", "n", "e", "j", "backspace", "enter", "ctrl+n")
        await pilot.pause()
        assert app.answers == ["ja"]
        assert box.text == "ja"
        assert box.typeahead == "ne"
        box.reopen()
        assert box.text == "jane" and not box.read_only


async def test_a_paste_loses_its_control_characters_and_lands_at_the_cursor():
    app = Host()
    async with app.run_test() as pilot:
        box = app.query_one(AnswerText)
        await pilot.press("a")
        box.post_message(events.Paste("b\x1b[31mc\x07"))
        await pilot.pause()
        assert "\x1b" not in box.text and "\x07" not in box.text
        assert box.text.startswith("ab") and box.text.endswith("c")
        assert box.cursor_location == box.document.end


async def test_a_paste_after_sending_is_kept_and_a_read_only_box_takes_none():
    app = Host()
    async with app.run_test() as pilot:
        box = app.query_one(AnswerText)
        await pilot.press("j", "a", "enter")
        box.post_message(events.Paste("later"))
        await pilot.pause()
        assert box.text == "ja" and box.typeahead == "later"
        box.reopen()
        box.read_only = True
        box.post_message(events.Paste("nothing"))
        await pilot.pause()
        assert box.text == "jalater"
