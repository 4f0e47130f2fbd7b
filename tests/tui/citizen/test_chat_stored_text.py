"""A case file with escape sequences in every free-text field: the chat shows the words, never the codes."""

from __future__ import annotations

from tests.support.hostile_case import MARK, SHOWN, hostile_case, poison
from tests.support.personas import ANNA_DA, answer_for
from tests.support.screen_scan import assert_screen_clean

from assistant.services.conversation import Conversation
from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.screens.chat import ChatScreen
from assistant.tui.citizen.widgets.answers import ChoiceButton
from store import Store

from tests.support.tui_driving import press, say, settle, state

SIZE = (120, 200)  # tall: the whole conversation and the plan are painted


async def test_a_finished_hostile_case_and_its_plan_are_shown_clean(store_path):
    case_id = hostile_case(Store(store_path))
    app = make_app(store_path=str(store_path), case=case_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ChatScreen) and app.screen.view is not None
        # The caseworker's hostile changes were made final unseen: the chat shows them first, clean.
        await press(pilot, "enter")
        text = assert_screen_clean(app, "the caseworker's changes, before and now")
        assert f"Nu: Formål {SHOWN}" in text  # the purpose comes first
        for _ in range(12):  # agree to every change, nothing to add, until the plan is shown
            if app.screen.view.prompt.final:
                break
            if app.screen.view.prompt.kind == "review":
                await press(pilot, "1")  # Enig
            else:
                await say(pilot, "nej")
        text = assert_screen_clean(app, "finished conversation and plan")
        assert f"Lægen {SHOWN} først" in text  # the remarks, in the plan view
        assert f"Sove bedre {SHOWN} om natten" in text
        await press(pilot, "f2")  # the whole conversation again, in English
        assert_screen_clean(app, "in English")


async def test_a_paused_hostile_conversation_is_shown_clean_with_its_question_and_buttons(store_path):
    store = Store(store_path)
    script = {**ANNA_DA, **{k: [f"{a} {MARK}" for a in v] for k, v in ANNA_DA.items()
                            if k in ("name", "everyday", "good_now", "dream", "why", "first_step", "helpers", "sign")}}
    conv = Conversation.start(store, lang="da")
    counters: dict = {}
    while conv.prompt().slot != "priority":  # two dreams: which one first? (the dreams are the buttons)
        conv.respond(answer_for(script, conv.prompt().slot, counters))
    conv.pause()
    poison(store.cases_dir / conv.case_id / "case.json")
    app = make_app(store_path=str(store_path), case=conv.case_id)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert state(pilot) == "priority"
        text = assert_screen_clean(app, "paused conversation")
        labels = [str(b.label) for b in app.screen.query(ChoiceButton)]
        assert len(labels) == 2 and all(SHOWN in label for label in labels), labels
        assert f"Anna {MARK}".replace(MARK, SHOWN) in text


async def test_the_start_screen_lists_no_one_not_even_a_hostile_case(store_path):
    hostile_case(Store(store_path))
    app = make_app(store_path=str(store_path), start_screen=True)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "Carla" not in assert_screen_clean(app, "start screen")  # private: no names at all
