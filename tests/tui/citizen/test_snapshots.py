"""Pictures at 80×24: the start screen, a question of each kind, the final plan.

The store's clock is frozen (``fixed_clock``) so dates in the plan never change.
Review the SVG report before running with ``--snapshot-update``.
"""

from __future__ import annotations

import pytest
from tests.support.tui_driving import press, say, settle

from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.widgets.answer_text import AnswerText

SIZE = (80, 24)


def chat_app(store_path):
    return make_app(store_path=str(store_path), lang="da")


async def to_name(pilot):
    await settle(pilot)
    await press(pilot, "enter", "1")


async def to_motivation(pilot):
    await to_name(pilot)
    for text in ("Maja", "Jeg står sent op og ser tv.", "Min kat"):
        await say(pilot, text)
    await say(pilot, "Jeg vil gerne have et arbejde")
    await say(pilot, "Så jeg kan betale min husleje")


async def to_when(pilot):
    await to_motivation(pilot)
    await press(pilot, "7", "enter")
    for text in ("Ringe til jobcentret", "Min søster", "Jeg har et arbejde"):
        await say(pilot, text)


async def to_review(pilot):
    await to_when(pilot)
    await press(pilot, "1", "2", "enter")  # within 3 months, no more dreams, the summary


async def to_end(pilot):
    await to_review(pilot)
    await press(pilot, "3")  # disagree
    await say(pilot, "Jeg vil hellere tage en uddannelse først")
    await press(pilot, "2")  # no: the first step stays as it was, the disagreement is kept
    await say(pilot, "Min kontaktperson skal være med til næste møde.")


def no_blink(pilot):
    for field in pilot.app.screen.query(AnswerText):
        field.cursor_blink = False


@pytest.fixture(autouse=True)
def _frozen(fixed_clock, monkeypatch):
    """Dates in the plan follow the (frozen) clock; the case code is always the same."""
    from store import Store

    monkeypatch.setattr(Store, "new_case_id", lambda self: "kx49pm")


def test_start_screen(snap_compare, store_path):
    async def run_before(pilot):
        await settle(pilot)

    app = make_app(store_path=str(store_path), start_screen=True, lang="da")
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_info_question(snap_compare, store_path):
    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=settle)


def test_yesno_question(snap_compare, store_path):
    async def run_before(pilot):
        await settle(pilot)
        await press(pilot, "enter")

    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=run_before)


def test_text_question(snap_compare, store_path):
    async def run_before(pilot):
        await to_name(pilot)
        pilot.app.screen.query_one(AnswerText).load_text("Maja [bold]M[/bold]")
        no_blink(pilot)
        await pilot.pause()

    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=run_before)


def test_scale_question(snap_compare, store_path):
    async def run_before(pilot):
        await to_motivation(pilot)
        await press(pilot, "7")

    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=run_before)


def test_choice_question(snap_compare, store_path):
    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=to_when)


def test_goal_review(snap_compare, store_path):
    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=to_review)


def test_final_plan(snap_compare, store_path):
    async def run_before(pilot):
        await to_end(pilot)  # the plan opens at its top by itself
        await settle(pilot)

    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=run_before)


def test_help(snap_compare, store_path):
    async def run_before(pilot):
        await settle(pilot)
        await press(pilot, "f1")

    assert snap_compare(chat_app(store_path), terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("size", [(60, 20), (40, 20)], ids=["60x20", "40x20"])
def test_yesno_question_narrow(snap_compare, store_path, size):
    async def run_before(pilot):
        await settle(pilot)
        await press(pilot, "enter")

    assert snap_compare(chat_app(store_path), terminal_size=size, run_before=run_before)


def test_start_screen_narrow(snap_compare, store_path):
    app = make_app(store_path=str(store_path), start_screen=True, lang="da")
    assert snap_compare(app, terminal_size=(40, 20), run_before=settle)
