"""The chat after a failed save: the truth on screen, the typed words kept, a retry, the lock let go."""

from __future__ import annotations

import errno

import pytest

import store.files
import store.storage
from assistant.common.errors import CaseLockedError
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.citizen.screens.paused import PausedScreen
from assistant.tui.citizen.widgets.answer_text import AnswerText
from assistant.tui.citizen.widgets.messages import CitizenMessage, ErrorMessage
from store import Store

from tests.support.tui_driving import press, say, settle, state


def full_disk(monkeypatch: pytest.MonkeyPatch, code: int = errno.ENOSPC) -> None:
    """Every write of the store fails as on a full disk (or read-only, or not allowed)."""

    def write(path, data):
        raise OSError(code, "cannot write", str(path))

    for module in (store.files, store.storage):
        monkeypatch.setattr(module, "atomic_write", write)


def errors(app) -> list[str]:
    return [str(m.content) for m in app.screen.query(ErrorMessage)]


def citizen_words(app) -> list[str]:
    return [m.visual.plain for m in app.screen.query(CitizenMessage)]


async def start_with_a_name(pilot, name: str = "Bo") -> str:
    await settle(pilot)
    await press(pilot, "enter", "1")
    await say(pilot, name)
    assert state(pilot) == "everyday"
    return pilot.app.screen.view.case_id


@pytest.mark.parametrize("code, said", [(errno.ENOSPC, "no more space on the disk"),
                                        (errno.EROFS, "can only be read"), (errno.EACCES, "may not write there")])
async def test_an_answer_that_was_not_saved_says_so_keeps_the_words_and_can_be_sent_again(
        store_path, monkeypatch, code, said):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        case_id = await start_with_a_name(pilot)
        full_disk(monkeypatch, code)
        await say(pilot, "Jeg sover længe")
        assert state(pilot) == "everyday"
        shown = errors(app)[-1]
        assert said in shown and case_id in shown
        assert "answer was not saved" in shown and "Something went wrong" not in shown
        assert app.screen.query_one(AnswerText).text == "Jeg sover længe"  # kept, to send again
        assert citizen_words(app)[-1] == "Bo"  # the unsaved answer is not shown as sent
        monkeypatch.undo()  # space is freed
        await press(pilot, "enter")
        assert state(pilot) == "goodnow"
        assert citizen_words(app)[-1] == "Jeg sover længe"
    answers = [e for e in Store(store_path).open_case(case_id, write=False).events() if e["type"] == "answer"]
    assert [a["text"] for a in answers][-2:] == ["Bo", "Jeg sover længe"]
    assert sum(a["text"] == "Jeg sover længe" for a in answers) == 1  # stored once, by the retry


async def test_a_pause_on_a_full_disk_keeps_the_conversation_open_and_true(store_path, monkeypatch):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        case_id = await start_with_a_name(pilot)
        full_disk(monkeypatch)
        await press(pilot, "f5")
        assert isinstance(app.screen, ChatScreen)
        shown = errors(app)[-1]
        assert "no more space on the disk" in shown and "pause was not saved" in shown
        assert app.session.conversation is not None  # not forgotten
        monkeypatch.undo()
        await say(pilot, "Jeg sover længe")  # the old bug: every answer failed, "everything is saved"
        assert state(pilot) == "goodnow"
        assert len(errors(app)) == 1
        await press(pilot, "f5")
        assert isinstance(app.screen, PausedScreen)
    events = Store(store_path).open_case(case_id, write=False).events()
    assert events[-1]["type"] == "pause"
    assert [e["text"] for e in events if e["type"] == "answer"][-1] == "Jeg sover længe"


async def test_giving_up_after_a_failed_pause_lets_go_of_the_lock(store_path, monkeypatch):
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        case_id = await start_with_a_name(pilot)
        full_disk(monkeypatch)
        await press(pilot, "f5")
        await pilot.press("ctrl+q")
        await settle(pilot)
    assert app.session.conversation is None
    monkeypatch.undo()
    handle = Store(store_path).open_case(case_id, write=True)  # no CaseLockedError: the lock was let go
    try:
        assert handle.meta["name"] == "Bo"
    finally:
        handle.close()


async def test_a_lock_held_after_giving_up_would_be_caught(store_path):
    """The check above can fail: a case open elsewhere in this process is refused."""
    first = Store(store_path).register_case(name="Eva", lang="da")
    handle = Store(store_path).open_case(first, write=True)
    try:
        with pytest.raises(CaseLockedError):
            Store(store_path).open_case(first, write=True)
    finally:
        handle.close()


@pytest.mark.parametrize("damage", ["review is none of its choices", "when is none of its choices",
                                    "motivation is out of its scale", "an event without a type"])
async def test_a_damaged_conversation_is_named_not_a_blank_screen_and_left_unchanged(store_path, damage):
    from tests.support.damage import answer_of, edit_case_file, first
    from tests.support.helpers import converse
    from tests.support.personas import CARLA_DA

    store = Store(store_path)
    case_id = converse(store, CARLA_DA)
    change = {
        "review is none of its choices": lambda d: answer_of(d, "review").__setitem__("value", "maybe"),
        "when is none of its choices": lambda d: answer_of(d, "when").__setitem__("value", "soon"),
        "motivation is out of its scale": lambda d: answer_of(d, "motivation").__setitem__("value", 99),
        "an event without a type": lambda d: first(d["events"]).pop("type"),
    }[damage]
    path = edit_case_file(store, case_id, change)
    before = path.read_bytes()
    app = make_app(store_path=str(store_path), case=case_id, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = errors(app)
        assert shown and str(path) in shown[0] and "cannot be read" in shown[0]
        assert app.session.conversation is None
    assert path.read_bytes() == before  # reported, never written to
    import os

    from store.repository import lock_case_dir

    os.close(lock_case_dir(path.parent))  # and not left locked


async def test_a_whole_conversation_on_a_disk_that_fails_every_write_once(store_path, monkeypatch):
    """Every write of a whole conversation fails once (disk full), then succeeds when tried again.

    Each time the screen says what was not saved, keeps what was typed, and the same
    key sends it again; at the end every answer is on file exactly once and the plan exports.
    """
    from tests.support.helpers import run_cli
    from tests.support.personas import ANNA_DA, answer_for

    from assistant.tui.citizen.widgets.answer_text import AnswerText
    from assistant.tui.citizen.widgets.answers import ChoiceBar

    from assistant.tui.citizen.screens import chat

    # Unsent words are saved after a quiet moment (a timer). Here every second write fails, so
    # a draft written or not, depending on how fast this machine types, would shift which
    # write fails: no draft timer fires during this test (drafts have tests of their own).
    monkeypatch.setattr(chat, "DRAFT_DELAY", 24 * 3600)
    real = store.files.atomic_write
    calls = [0]

    def flaky(path, data):
        calls[0] += 1
        if calls[0] % 2:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    app = make_app(store_path=str(store_path), lang="da")
    counters: dict = {}
    failures = 0
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        for module in (store.files, store.storage):
            monkeypatch.setattr(module, "atomic_write", flaky)
        for _ in range(60):
            view = app.screen.view
            if view.finished:
                break
            prompt = view.prompt
            answer = "" if prompt.kind == "info" else answer_for(ANNA_DA, prompt.slot, counters)

            async def send() -> None:
                if prompt.kind == "info":
                    await press(pilot, "enter")
                elif prompt.kind == "text" and answer:
                    await say(pilot, answer) if not app.screen.query(AnswerText).first().text else \
                        await press(pilot, "enter")
                elif not answer or answer == "/skip":
                    await press(pilot, "f3")
                elif prompt.kind == "scale":
                    await press(pilot, *answer, "enter")
                else:
                    assert app.screen.query(ChoiceBar)
                    await press(pilot, *answer) if answer.isdigit() else await press(pilot, *answer, "enter")

            before = len(errors(app))
            await send()
            if len(errors(app)) > before:  # this write failed: the truth, and the same again
                failures += 1
                shown = errors(app)[-1]
                assert "ikke mere plads på disken" in shown and "ikke" in shown.split("\n")[-1], shown
                assert "Noget gik galt" not in shown
                if prompt.kind == "text" and answer:
                    assert app.screen.query_one(AnswerText).text == answer
                assert app.screen.view.prompt.state == prompt.state
                await send()
                assert len(errors(app)) == before + 1, errors(app)[-1]
        assert app.screen.view.finished
        case_id = app.screen.view.case_id
        said = citizen_words(app)
    assert failures >= 20
    events = Store(store_path).open_case(case_id, write=False).events()
    answers = [e for e in events if e["type"] == "answer"]
    texts = [a["text"] for a in answers]
    for words in ("Anna", ANNA_DA["everyday"][0], ANNA_DA["dream"][1], ANNA_DA["remarks"][0]):
        assert texts.count(words) == 1 and said.count(words) == 1  # stored once, shown once
    assert Store(store_path).list_cases()[0].status == "complete"
    assert "Anna" in run_cli("export", "--store", str(store_path), case_id, "--format", "md").stdout


async def test_a_lock_that_is_a_folder_or_a_full_disk_at_the_start_gets_a_sentence(store_path, monkeypatch):
    from tests.support.helpers import converse
    from tests.support.personas import CARLA_DA

    store_ = Store(store_path)
    case_id = converse(store_, CARLA_DA)
    lock = store_.cases_dir / case_id / "lock"
    lock.unlink(missing_ok=True)
    lock.mkdir()
    app = make_app(store_path=str(store_path), case=case_id, lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = errors(app)
        assert shown and str(lock) in shown[0] and "Something went wrong" not in shown[0]
    full_disk(monkeypatch)
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        shown = errors(app)
        assert shown and "no more space on the disk" in shown[0]


async def test_a_fault_in_showing_the_next_question_gets_a_sentence_and_a_way_to_pause(store_path, monkeypatch):
    """The answer is saved, then showing the next question fails (a fault of the screen, not of
    the disk): never a screen that waits for ever. A sentence says so, no answer can be given
    to what may be the wrong question, F5 pauses, and starting again goes on from the answer."""
    app = make_app(store_path=str(store_path), lang="en")
    async with app.run_test(size=(80, 24)) as pilot:
        case_id = await start_with_a_name(pilot)
        asked_before = state(pilot)

        async def broken(self, view, draft=""):
            raise RuntimeError("a fault while showing")

        monkeypatch.setattr(ChatScreen, "_ask", broken)
        await say(pilot, "I get up late.")
        screen = app.screen
        assert any("went wrong on the screen" in e and "saved" in e for e in errors(app))
        assert not screen.busy and screen.query_one("AnswerArea").disabled
        monkeypatch.undo()
        await press(pilot, "f5")
        assert isinstance(app.screen, PausedScreen)
    events = Store(store_path).open_case(case_id, write=False).events()
    assert [e["text"] for e in events if e["type"] == "answer" and e.get("state") == asked_before] == ["I get up late."]
    again = make_app(store_path=str(store_path), case=case_id, lang="en")
    async with again.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert state(pilot) not in ("name", asked_before)  # goes on after the saved answer
        assert not errors(again)
