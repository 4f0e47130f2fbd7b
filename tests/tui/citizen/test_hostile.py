"""Hostile answers: shown inert, stored without control characters."""

from __future__ import annotations

import re

from textual import events
from tests.support.tui_driving import press, settle, state

from assistant.common.text import clean
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.widgets.answer_text import AnswerText
from assistant.tui.citizen.widgets.messages import CitizenMessage
from store import Store

HOSTILE = (
    "\x1b[31mrød\x1b[0m "
    "\x1b]0;pwned title\x07 "
    "\x1b]52;c;aGVsbG8=\x07 "
    "\x1b]8;;https://evil.example\x1b\\klik her\x1b]8;;\x1b\\ "
    "[bold]fed[/bold] [@click=app.quit]luk[/] [link=https://evil.example]link[/link] "
    "\x00nul \x07bell \u202eevil\u202c \x9b31m\ttab\nny linje"
)
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


async def paste(pilot, text: str) -> None:
    field = pilot.app.screen.query_one(AnswerText)
    field.post_message(events.Paste(text))
    await settle(pilot)


async def test_hostile_answer_is_inert_on_screen_and_clean_on_disk(store_path):
    expected = clean(HOSTILE)
    assert "[bold]fed[/bold]" in expected and "\x1b" not in expected
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        await paste(pilot, HOSTILE)
        assert app.screen.query_one(AnswerText).text == expected
        await press(pilot, "enter")
        assert state(pilot) == "everyday"
        message = list(app.screen.query(CitizenMessage))[-1]
        content = message.visual
        assert content.plain == expected
        assert not list(content.spans), "citizen text must carry no styles or actions"
        screen_text = app.export_screenshot()
        assert "\x1b" not in screen_text and "pwned" not in screen_text
        assert "[bold]fed[/bold]" in screen_text.replace("&#160;", " ")
        case_id = app.screen.view.case_id
        assert app.is_running  # [@click=app.quit] did nothing
    handle = Store(store_path).open_case(case_id, write=False)
    stored = next(e for e in handle.events() if e.get("state") == "name")
    assert stored["text"] == expected and stored["value"] == expected.strip("\n")
    assert not CONTROL.search(stored["text"])
    assert not CONTROL.search(handle.meta["name"])


async def test_a_100_kb_paste_is_refused_kindly_and_nothing_breaks(store_path):
    huge = ("abc\x1b[2J\x00 [red]x[/red] " * 6000)[:100_000]
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        await paste(pilot, huge)
        await press(pilot, "enter")
        assert state(pilot) == "name"  # too long: asked again, with a kind message
        assert app.screen.query("AssistantMessage.invalid")
        assert app.screen.query_one(AnswerText).text == clean(huge)  # kept, to shorten
        app.screen.query_one(AnswerText).load_text("Ali")
        await press(pilot, "enter")
        assert state(pilot) == "everyday"
        case_id = app.screen.view.case_id
    events_ = Store(store_path).open_case(case_id, write=False).events()
    invalid = [e for e in events_ if e["type"] == "invalid"]
    assert len(invalid) == 1 and not CONTROL.search(invalid[0]["text"])


async def test_a_typed_web_address_is_text_not_a_link_on_any_screen(store_path):
    from tests.support.personas import CARLA_DA

    from assistant.common.text import md_escape
    from assistant.tui.caseworker.app import CaseworkerApp
    from assistant.tui.shared.safe_markdown import SafeMarkdown
    from tests.support.helpers import converse

    typed = "Se https://evil.example/login og www.borger.dk"
    assert not [t for t in SafeMarkdown()._parser_factory().parse(md_escape(typed))
                for t in [t, *(t.children or [])] if t.type == "link_open"]
    # The same words through the real screens: the chat's questions and the caseworker's transcript.
    store = Store(store_path)
    converse(store, {**CARLA_DA, "dream": [typed]})
    app = CaseworkerApp(store, lang="da", user="sb1")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        widgets = list(app.screen.query(SafeMarkdown))
        assert widgets and all(w._parser_factory is SafeMarkdown()._parser_factory for w in widgets)
        pane = app.screen.query_one("#conversation", SafeMarkdown)
        assert "evil.example" in pane.source
