"""Never losing a word, coming back privately, reading the plan, narrow terminals (issue 10, §5–7)."""

from __future__ import annotations

import asyncio
import threading

import pytest
from textual.widgets import Button, Footer, Input

from assistant.services.conversation import Conversation
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.shared.confirm import ConfirmScreen
from assistant.tui.citizen.screens.paused import PausedScreen
from assistant.tui.citizen.screens.start import StartScreen
from assistant.tui.citizen.session import Session
from assistant.tui.citizen.widgets.answer_text import AnswerText
from assistant.tui.citizen.widgets.answers import ChoiceBar, ChoiceButton
from assistant.tui.citizen.widgets.messages import CitizenMessage, NoteMessage, PlanMessage, Transcript
from store import Store
from store.codes import shown_code

from assistant.services.resume import resume_case
from tests.support.tui_driving import press, say, settle, state


def draft_on_disk(store_path, case_id) -> dict:
    with Store(store_path).open_case(case_id, write=False) as handle:
        return (handle.get_doc("draft") or {}).get("texts") or {}


def answers_on_disk(store_path, case_id) -> list[dict]:
    with Store(store_path).open_case(case_id, write=False) as handle:
        return [e for e in handle.events() if e["type"] == "answer"]


async def to_everyday(pilot) -> None:
    await settle(pilot)
    await press(pilot, "enter", "1")
    await say(pilot, "Bo")
    assert state(pilot) == "everyday"


async def type_words(pilot, words: str) -> None:
    await pilot.press(*words)
    await settle(pilot)


def box(app) -> AnswerText:
    return app.screen.query_one(AnswerText)


async def reopened_draft(store_path, case_id) -> str:
    app = make_app(store_path=str(store_path), case=case_id)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert state(pilot) == "everyday"
        return box(app).text


# -- §5 never lose a word ----------------------------------------------------------------
@pytest.mark.parametrize("exit_key", ["f5", "ctrl+q", "ctrl+c"])
async def test_unsent_words_survive_pause_and_quit_and_come_back(store_path, exit_key):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        case_id = app.screen.view.case_id
        await type_words(pilot, "Jeg st")
        await press(pilot, exit_key)
    assert draft_on_disk(store_path, case_id) == {"everyday:": "Jeg st"}
    assert "everyday" not in [a["state"] for a in answers_on_disk(store_path, case_id)]  # not an answer
    assert await reopened_draft(store_path, case_id) == "Jeg st"


async def test_the_draft_is_written_while_typing_and_cleared_when_sent(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        case_id = app.screen.view.case_id
        await type_words(pilot, "Jeg sover")
        app.screen.save_draft_now()  # what the quiet-time timer does
        await settle(pilot)
        assert draft_on_disk(store_path, case_id) == {"everyday:": "Jeg sover"}
        await press(pilot, "enter")
        assert state(pilot) == "goodnow"
        assert draft_on_disk(store_path, case_id) == {}
        assert answers_on_disk(store_path, case_id)[-1]["text"] == "Jeg sover"


async def test_language_switch_keeps_the_draft_on_screen_and_on_disk(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        case_id = app.screen.view.case_id
        await type_words(pilot, "Halvt svar")
        await press(pilot, "f2")
        assert app.lang == "en" and box(app).text == "Halvt svar"
        assert draft_on_disk(store_path, case_id) == {"everyday:": "Halvt svar"}


async def test_skipping_with_words_in_the_box_asks_first_and_keeps_the_words(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        case_id = app.screen.view.case_id
        await type_words(pilot, "I get up")
        await press(pilot, "f3")
        assert isinstance(app.screen, ConfirmScreen)
        await press(pilot, "enter")  # the focused, safe answer: keep writing
        assert isinstance(app.screen, ChatScreen) and state(pilot) == "everyday"
        assert box(app).text == "I get up" and app.focused is box(app)
        await press(pilot, "f3")
        await pilot.click("#confirm-yes")
        await settle(pilot)
        assert state(pilot) == "goodnow"
        assert draft_on_disk(store_path, case_id) == {"everyday:": "I get up"}
        await press(pilot, "f4")  # back to the skipped question: the words are there
        assert state(pilot) == "everyday" and box(app).text == "I get up"
    assert [e for e in answers_on_disk(store_path, case_id) if e["state"] == "everyday"] == []


async def test_an_empty_box_skips_without_asking(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        await press(pilot, "f3")
        assert isinstance(app.screen, ChatScreen) and state(pilot) == "goodnow"


async def test_going_back_keeps_the_words_of_the_question_left(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        await say(pilot, "Jeg står op")
        assert state(pilot) == "goodnow"
        await type_words(pilot, "Min kat")
        await press(pilot, "f4")
        assert state(pilot) == "everyday" and box(app).text == "Jeg står op"
        await press(pilot, "enter")
        assert state(pilot) == "goodnow" and box(app).text == "Min kat"


async def test_words_typed_on_the_first_question_keep_the_case(store_path):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        assert state(pilot) == "name"
        case_id = app.screen.view.case_id
        await type_words(pilot, "Bo")
        await press(pilot, "f5")
        assert isinstance(app.screen, PausedScreen) and app.screen.case == case_id
    assert draft_on_disk(store_path, case_id) == {"name:": "Bo"}


async def test_keys_typed_while_the_next_question_is_prepared_land_in_its_box(store_path, monkeypatch):
    entered, release = threading.Event(), threading.Event()
    original = Session.call

    def slow_call(self, fn, **kwargs):
        if kwargs.get("sent") == "everyday:":
            entered.set()
            release.wait(timeout=30)
        return original(self, fn, **kwargs)

    monkeypatch.setattr(Session, "call", slow_call)
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        box(app).load_text("Jeg står op")
        await pilot.press("enter", "M", "i", "n")  # before the reply: into the sent field
        await asyncio.to_thread(entered.wait, 30)
        await pilot.press("space", "k", "a", "x", "backspace", "t")  # while the field is gone
        release.set()
        await settle(pilot)
        assert state(pilot) == "goodnow"
        assert box(app).text == "Min kat"
        assert answers_on_disk(store_path, app.screen.view.case_id)[-1]["text"] == "Jeg står op"


async def test_keys_typed_before_choice_buttons_are_shown_become_typed_words(store_path, monkeypatch):
    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter", "n", "e", "j")  # "Continue", then "nej" before the yes/no buttons
        await settle(pilot)
        assert state(pilot) == "consent"
        assert app.screen.query_one(ChoiceBar).typed == "nej"


# -- §6 coming back, privately ---------------------------------------------------------------
def paused_case(store_path, name: str, lang: str = "da") -> str:
    conv = Conversation.start(Store(store_path), "adult", lang)
    conv.respond("")
    conv.respond("ja")
    conv.respond(name)
    conv.pause()
    return conv.case_id


async def test_the_start_screen_names_no_one_and_has_no_door_for_caseworkers(store_path):
    paused_case(store_path, "Eva Hemmelig")
    app = make_app(store_path=str(store_path), start_screen=True, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, StartScreen)
        shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Eva" not in shown and "Hemmelig" not in shown
        labels = [str(b.label) for b in app.screen.query(Button)]
        assert not any("caseworker" in label.lower() for label in labels)
        assert not app.screen.query("OptionList")


@pytest.mark.parametrize("typed", ["{code}", "{lower}", "{nodash}", " {lower_nodash} "])
async def test_the_code_continues_the_conversation_however_it_is_typed(store_path, typed):
    case_id = paused_case(store_path, "Eva")
    code = shown_code(case_id)
    words = typed.format(code=code, lower=code.lower(), nodash=code.replace("-", ""),
                         lower_nodash=code.replace("-", "").lower())
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press(*words.replace(" ", ""))  # typed with no click: the code field takes it
        await press(pilot, "enter")
        assert isinstance(app.screen, ChatScreen)
        assert app.screen.view.case_id == case_id and state(pilot) == "everyday"


async def test_an_unknown_code_gets_a_sentence_and_an_empty_enter_leads_to_a_new_conversation(store_path):
    app = make_app(store_path=str(store_path), start_screen=True, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.focused is app.screen.query_one("#start-code", Input)
        await pilot.press(*"KX49PM")
        await press(pilot, "enter")
        message = str(app.screen.query_one("#start-message").render())
        assert "KX49PM" in message and "cannot find" in message
        assert isinstance(app.screen, StartScreen)
        app.screen.query_one("#start-code", Input).value = ""
        await press(pilot, "enter")  # a habit Enter: no new conversation yet, but the way to one
        assert isinstance(app.screen, StartScreen)
        assert app.focused is app.screen.query_one("#start-new", Button)
        await press(pilot, "enter")
        assert isinstance(app.screen, ChatScreen) and state(pilot) == "welcome"


async def test_the_pause_screen_shows_the_short_code_and_the_whole_command(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        await press(pilot, "f5")
        shown = app.screen.query_one("SafeMarkdown").source
        code = shown_code(app.screen.case)
        assert len(code) == 7 and code[3] == "-"
        assert f"**{code}**" in shown
        assert f"borgerrejse chat --case {code}" in shown


async def test_each_pause_and_return_shows_once(store_path):
    case_id = paused_case(store_path, "Eva", lang="en")
    for _ in range(3):  # came back three times without saying more
        resume_case(Store(store_path), case_id).pause()
    conv = resume_case(Store(store_path), case_id)
    conv.respond("Jeg står op")
    conv.pause()
    app = make_app(store_path=str(store_path), case=case_id, lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        notes = [str(n.render()) for n in app.screen.query(NoteMessage)]
        assert notes == ["You took a break here and came back.", "Welcome back. We continue where you stopped."]


# -- §7 reading and taking the plan home ----------------------------------------------------------
async def finish(pilot) -> None:
    await to_everyday(pilot)
    for text in ("Jeg står sent op.", "Min kat", "Et arbejde", "Så jeg har penge"):
        await say(pilot, text)
    await press(pilot, "7", "enter")
    for text in ("Ringe til jobcentret", "Min søster", "Jeg har et arbejde"):
        await say(pilot, text)
    await press(pilot, "1", "2", "enter", "1")  # within 3 months, no more dreams, summary, agree
    await say(pilot, "Godt")
    await say(pilot, "Tak")
    assert pilot.app.screen.view.finished


async def test_the_finished_plan_opens_at_its_top_and_scrolls_with_arrows_and_pages(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await finish(pilot)
        await settle(pilot)
        transcript = app.screen.query_one(Transcript)
        plan = app.screen.query_one(PlanMessage)
        assert transcript.scroll_y > 0
        assert plan.virtual_region.y - transcript.scroll_y in (0, 1)  # its first line at the top (a margin above)
        assert isinstance(app.focused, Button)  # Close has the focus: no Shift+Tab needed to read
        top = transcript.scroll_y
        await press(pilot, "down")
        assert transcript.scroll_y == top + 1
        await press(pilot, "pagedown")
        assert transcript.scroll_y > top + 5
        await press(pilot, "pageup", "up")
        assert transcript.scroll_y == top
        notes = [str(n.render()) for n in app.screen.query(NoteMessage)]
        assert any("F7" in n and "print" in n for n in notes)


async def test_f7_saves_a_private_printable_copy_and_f8_a_large_print_one(store_path, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(tmp_path / "docs"))
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await finish(pilot)
        code = shown_code(app.screen.view.case_id)
        await press(pilot, "f7", "f8")
        notes = [str(n.render()) for n in app.screen.query(NoteMessage)]
    folder = tmp_path / "docs" / "borgerrejse"
    copy, large = folder / f"my-plan-{code}.html", folder / f"my-plan-{code}-large-print.html"
    assert any(str(copy) in n for n in notes) and any(str(large) in n for n in notes)
    for path in (copy, large):
        assert path.stat().st_mode & 0o777 == 0o600
        html = path.read_text("utf-8")
        assert "<h1>My plan</h1>" in html and "Ringe til jobcentret" in html
    assert folder.stat().st_mode & 0o777 == 0o700
    assert "font-size: 18pt" in large.read_text("utf-8") and "font-size: 18pt" not in copy.read_text("utf-8")


async def test_copy_keys_show_only_when_there_is_a_plan(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        shown = {b.action for (_, b, enabled, _) in app.screen.active_bindings.values() if b.show and enabled}
        assert "copy" not in shown


# -- §7 narrow terminals, colours ------------------------------------------------------------------
def fits(widget, width: int) -> bool:
    region = widget.region
    return region.x >= 0 and region.right <= width and region.width > 0


@pytest.mark.parametrize("size", [(60, 20), (40, 20)])
async def test_narrow_terminals_wrap_buttons_keep_help_in_the_footer_and_cut_no_word(store_path, size):
    app = make_app(store_path=str(store_path), lang="da")
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        assert state(pilot) == "consent"
        buttons = list(app.screen.query(ChoiceButton))
        assert buttons and all(fits(b, size[0]) for b in buttons)
        keys = [k for k in app.screen.query_one(Footer).query("FooterKey") if k.region.width]
        assert any(k.key == "f1" and fits(k, size[0]) for k in keys)
        phase = app.screen.query_one("#phase")
        text = str(phase.render())
        assert len(text.rstrip()) <= phase.region.width  # the part of the journey, whole
        await press(pilot, "1")
        await say(pilot, "Bo")
        await press(pilot, "f1")
        scroll = app.screen.query_one("#help-scroll")
        assert scroll.max_scroll_y > 0
        await press(pilot, "pagedown")
        assert scroll.scroll_y > 0


async def test_start_screen_at_40_columns(store_path):
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(40, 20)) as pilot:
        await settle(pilot)
        for button in app.screen.query(Button):
            assert not button.display or fits(button, 40), button.id
        field = app.screen.query_one("#start-code", Input)
        assert app.focused is field and 0 <= field.region.y and field.region.bottom <= 19  # in sight
        await press(pilot, "f2")  # the language button is hidden at this width; the key does it
        assert app.lang == "en"


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (40, 20)])
async def test_long_choice_buttons_stand_in_a_column_when_the_row_does_not_fit(store_path, size):
    conv = Conversation.start(Store(store_path), "adult", "da")
    for answer in ("", "ja", "Bo", "Jeg sover", "Min kat", "Et arbejde", "Penge", "7",
                   "Ringe til jobcentret", "Min søster", "Jeg har et arbejde"):
        conv.respond(answer)
    assert conv.prompt().state == "when"
    conv.pause()
    app = make_app(store_path=str(store_path), case=conv.case_id)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(ChoiceBar)
        assert bar.has_class("stacked") == (size[0] < 80)
        assert all(fits(b, size[0]) for b in bar.query(ChoiceButton))
        await pilot.resize_terminal(100, 30)  # wider again: one row
        await settle(pilot)
        assert not bar.has_class("stacked")


async def test_f6_says_which_colours_are_on(store_path):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        said = []
        for _ in range(3):
            await press(pilot, "f6")
            said.append(list(app._notifications)[-1].message)
        assert any("high contrast" in m for m in said) and any("light" in m for m in said)
        await press(pilot, "f1")
        assert "The colours now: dark." in app.screen.query_one("Markdown")._markdown


def contrast(a, b) -> float:
    def lum(c):
        def ch(v):
            v = v / 255
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return 0.2126 * ch(c.r) + 0.7152 * ch(c.g) + 0.0722 * ch(c.b)

    la, lb = sorted((lum(a), lum(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


async def test_high_contrast_gives_the_citizens_words_at_least_7_to_1(store_path):
    from textual.color import Color

    app = make_app(store_path=str(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_everyday(pilot)
        app.theme = "borgerrejse-high-contrast"
        await settle(pilot)
        for widget in (app.screen.query_one(CitizenMessage), box(app)):  # sent words, and words being typed
            style = widget.rich_style  # the colours as drawn (alpha and "auto" resolved)
            fg, bg = Color.from_rich_color(style.color), Color.from_rich_color(style.bgcolor)
            assert contrast(fg, bg) >= 7, (type(widget).__name__, fg.hex, bg.hex)
