"""Trainer mode through the pilot: play, auto-play, branch, back, method panel, map, end view, demo store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.support.trainer_driving import log_text, panel_text, press, settle, start, step_until

from assistant.services.demo import DemoStoreIsRealStore
from assistant.tui.trainer.screens import ChooseScreen, EndScreen, PlayScreen, TrainerHelpScreen
from store import Store


async def test_the_chooser_says_demo_and_lists_every_shipped_persona(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ChooseScreen)
        banner = str(app.screen.query_one("#demo-banner").content)
        assert "DEMO" in banner and "rigtige sager" in banner
        assert "DEMO" in app.title
        names = {who.name for journey, who, _ in app.screen.entries if who}
        assert {"Mette", "Jonas", "Lone"} <= names
        assert any(journey and who is None for journey, who, _ in app.screen.entries)  # nobody: the trainer types


async def test_step_by_step_the_persona_answers_one_question_per_key(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        assert isinstance(app.screen, PlayScreen)
        assert app.player.state == "welcome"
        await press(pilot, "n")  # the welcome is read
        assert app.player.state == "consent"
        await press(pilot, "space")
        assert app.player.state == "name"
        await press(pilot, "n")
        assert app.player.state == "everyday"
        log = log_text(pilot)
        assert "Jonas: ja" in log and "Jonas: Jonas" in log
        assert "Nu: Fortæl lidt om din hverdag" in log


async def test_auto_play_at_a_chosen_pace_and_stop(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        screen = app.screen
        await press(pilot, "a")
        assert screen.timer is not None
        status = str(screen.query_one("#play-status").content)
        assert "Afspiller: et svar hvert 3. sekund" in status
        await press(pilot, "plus")
        assert "hvert 2. sekund" in str(screen.query_one("#play-status").content)
        await press(pilot, "minus", "minus")
        assert "hvert 5. sekund" in str(screen.query_one("#play-status").content)
        before = app.player.state
        screen.auto_tick()  # what the timer calls, once
        await settle(pilot)
        assert app.player.state != before
        await press(pilot, "a")
        assert screen.timer is None
        assert "Trin for trin" in str(screen.query_one("#play-status").content)


async def test_typing_a_different_answer_branches_the_path(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        await step_until(pilot, "motivation")
        assert "Jonas svarer: 9" in panel_text(pilot)
        await press(pilot, "a")  # playing by itself …
        await press(pilot, "t")  # … pauses when the trainer types
        assert app.screen.timer is None
        field = app.screen.query_one("#own-answer")
        assert field.display and field.has_focus
        await pilot.press("3", "enter")
        await settle(pilot)
        assert app.player.state == "motivationup"  # low motivation: the motivational-interviewing branch
        turns = app.player.turns()
        assert turns[-1].typed and turns[-1].text == "3"
        assert "Underviser: 3" in log_text(pilot)
        await press(pilot, "n")  # the persona goes on from the branch
        assert app.player.turns()[-1].text == "Hvis jeg vidste, hvor jeg skulle starte"
        assert app.player.state == "firststep"


async def test_escape_while_typing_cancels_the_answer(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        await step_until(pilot, "name")
        await press(pilot, "t")
        await pilot.press("x")
        await press(pilot, "escape")
        assert not app.screen.query_one("#own-answer").display
        assert isinstance(app.screen, PlayScreen) and app.player.state == "name"


async def test_step_back_undoes_the_branch_and_the_persona_answers_again(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        await step_until(pilot, "motivation")
        await press(pilot, "t")
        await pilot.press("2", "enter")
        await settle(pilot)
        assert app.player.state == "motivationup"
        await press(pilot, "b")
        assert app.player.state == "motivation"
        assert not any(t.typed for t in app.player.turns())
        await press(pilot, "n")
        assert app.player.state == "firststep"  # the persona's 9: no branch
        assert app.player.turns()[-1].text == "9"


async def test_method_panel_says_method_note_phase_use_in_the_plan_and_the_ways_on(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        await step_until(pilot, "motivation")
        text = panel_text(pilot)
        assert "Trin: motivation" in text
        assert "Fase: 2. Fælles udarbejdelse" in text
        assert "Metode: skalaspørgsmål" in text
        assert "Et tal fra 0 til 10" in text  # what the method is
        assert "Et skalaspørgsmål gør motivationen synlig" in text  # the step's own trainer note
        assert "motivation → Målets motivation" in text  # slot → part of the draft
        assert "→ motivationup: tallet på motivationsskalaen var 4 eller lavere" in text
        assert "→ firststep: ellers" in text
        await step_until(pilot, "sign")
        assert "sign → Målets succeskriterie." in panel_text(pilot)
        await press(pilot, "f2")  # the panel follows the language
        assert "Method: scaling question" not in panel_text(pilot)
        assert "Method: open question" in panel_text(pilot)
        assert "sign → The goal's success criterion." in panel_text(pilot)


async def test_the_map_groups_states_by_phase_and_highlights_the_current_one(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Mette")
        tree = app.screen.query_one("#journey-map")
        phases = [str(node.label) for node in tree.root.children]
        assert phases == ["1. Fælles forberedelse", "2. Fælles udarbejdelse", "3. Fælles brug", "4. Justering og fornyelse"]
        await step_until(pilot, "motivationup")  # Mette's 3 takes the branch
        node = app.screen.current_map_node()
        assert node.data == "motivationup"
        assert str(node.label).startswith("● motivationup")
        labels = {n.data: str(n.label) for n in app.screen.nodes.values()}
        assert labels["motivation"].startswith("✓ motivation")
        assert not labels["firststep"].startswith("✓")
        motivation = app.screen.nodes["motivation"]
        branches = [str(child.label) for child in motivation.children]
        assert branches == ["→ motivationup: tallet på motivationsskalaen var 4 eller lavere", "→ firststep: ellers"]
        panel, tree = app.screen.query_one("#method-panel"), app.screen.query_one("#journey-map")
        assert panel.styles.display == tree.styles.display == "block"  # 120 columns: both
        await press(pilot, "m")
        assert (panel.styles.display, tree.styles.display) == ("none", "block")  # the map alone
        await press(pilot, "m")
        assert (panel.styles.display, tree.styles.display) == ("block", "none")  # the panel alone


async def test_the_end_shows_the_plan_beside_the_conversation_each_part_pointing_to_its_answer(trainer, fixed_clock):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        for _ in range(60):
            if isinstance(app.screen, EndScreen):
                break
            await press(pilot, "n")
        screen = app.screen
        assert isinstance(screen, EndScreen)
        turns = {t.number: t for t in app.player.turns()}
        headings = [p.heading for p in screen.parts]
        criterion = screen.parts[headings.index("Mål 1: succeskriterie")]
        assert criterion.text == "Jeg har en lejekontrakt"
        options = screen.query_one("#plan-parts")
        while options.highlighted != headings.index("Mål 1: succeskriterie"):
            await press(pilot, "down")
        linked = screen.linked_texts()
        assert any("Jonas: Jeg har en lejekontrakt" in text for text in linked)
        assert any(text.startswith(f"{criterion.answers[0]}. Hvordan kan du se") for text in linked)
        view = screen.parts[headings.index("Mål 1: borgerens syn")]
        assert view.text.startswith("Uenig — Jeg er allerede skrevet op")
        assert [turns[n].slot for n in view.answers] == ["review", "review_comment"]
        for part in screen.parts:  # every link goes to an answer that holds the words quoted
            for n in part.answers:
                assert n in turns
            if part.heading.endswith(("drøm", "succeskriterie", "hvem hjælper")):
                assert turns[part.answers[0]].text == part.text
        await press(pilot, "escape")
        assert isinstance(app.screen, PlayScreen)
        await press(pilot, "e")
        assert isinstance(app.screen, EndScreen)


async def test_demo_never_writes_into_the_real_store(trainer, tmp_path):
    real_root = Path(os.environ["BORGERREJSE_STORE"])
    real = Store(real_root)
    real_case = real.register_case(name="Rigtig Borger", lang="da")
    before = sorted(p.name for p in real.cases_dir.iterdir())
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Mette")
        for _ in range(40):
            if isinstance(app.screen, EndScreen):
                break
            await press(pilot, "n")
        assert isinstance(app.screen, EndScreen)
    assert sorted(p.name for p in real.cases_dir.iterdir()) == before == [real_case]
    demo = Store(tmp_path / "demo")
    assert len(demo.list_cases()) == 1 and demo.list_cases()[0].status == "complete"


def test_a_demo_folder_that_is_the_real_store_is_refused(tmp_path):
    from assistant.tui.trainer import make_trainer_app

    with pytest.raises(DemoStoreIsRealStore):
        make_trainer_app(str(tmp_path / "real"), real_store=str(tmp_path / "real"))
    with pytest.raises(DemoStoreIsRealStore):
        make_trainer_app(os.environ["BORGERREJSE_STORE"])  # the default real store


def test_the_cli_refuses_the_real_store_as_demo_folder_with_a_sentence(tmp_path):
    from tests.support.helpers import run_cli

    proc = run_cli("trainer", "--store", str(tmp_path / "s"), "--demo-store", str(tmp_path / "s"), check=False)
    assert proc.returncode == 3
    assert "er mappen med de rigtige sager" in proc.stderr and "Traceback" not in proc.stderr


USER_JOURNEY = """
[journey]
id = "check-in"
title = { en = "Check-in", da = "Opfølgning" }
initial = "mood"

[[states]]
name = "mood"
slot = "mood"
kind = "scale"
phase = "use"
method = "scaling question"
prompt = { en = "From 0 to 10, how are things?", da = "Fra 0 til 10: Hvordan går det?" }
trainer_note = { en = "A number shows change.", da = "Et tal viser forandring." }

[[states]]
name = "low"
slot = "low"
kind = "text"
phase = "use"
method = "open question"
prompt = { en = "What is hard now?", da = "Hvad er svært nu?" }
trainer_note = { en = "Asks about a low number.", da = "Spørger til et lavt tal." }

[[states]]
name = "bye"
kind = "info"
phase = "renewal"
method = "summary"
final = true
prompt = { en = "Thank you.", da = "Tak for nu." }
trainer_note = { en = "Ends kindly.", da = "Slutter venligt." }

[[transitions]]
source = "mood"
dest = "low"
conditions = ["motivation_low"]

[[transitions]]
source = "mood"
dest = "bye"

[[transitions]]
source = "low"
dest = "bye"
"""


async def test_a_users_own_dialogue_appears_and_is_played_by_typing(trainer, dialogues_dir):
    # motivation_low needs a slot called motivation: rename it so the file is clean
    text = USER_JOURNEY.replace('slot = "mood"', 'slot = "motivation"')
    (dialogues_dir / "check-in.toml").write_text(text, encoding="utf-8")
    (dialogues_dir / "broken.toml").write_text(text.replace('dest = "bye"\n\n[[transitions]]\nsource = "low"',
                                                            'dest = "byee"\n\n[[transitions]]\nsource = "low"'),
                                               encoding="utf-8")
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        abouts = [about for journey, who, about in app.screen.entries if journey is None]
        assert any("broken.toml" in a and "'byee' er ikke en tilstand" in a for a in abouts)
        await start(pilot, None, "check-in")
        assert app.player.prompt.text == "Fra 0 til 10: Hvordan går det?"
        assert "Et tal viser forandring." in panel_text(pilot)
        await press(pilot, "n")  # nobody answers: the trainer types
        assert app.screen.query_one("#own-answer").has_focus
        await pilot.press("2", "enter")
        await settle(pilot)
        assert app.player.state == "low"
        assert "Hvad er svært nu?" in log_text(pilot)


async def test_help_and_language_keys_come_from_the_shared_base(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Lone")
        await press(pilot, "f1")
        assert isinstance(app.screen, TrainerHelpScreen)
        await press(pilot, "escape")
        await press(pilot, "f2")
        assert app.lang == "en"
        assert app.player.prompt.text.startswith("Hello. I will help you")
        await press(pilot, "n", "n", "n", "n")
        assert app.player.turns()[-1].text.startswith("I can't go on.")  # the persona answers in English too


async def test_typed_text_is_shown_as_typed_never_as_markup(trainer):
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Jonas")
        await step_until(pilot, "name")
        await press(pilot, "t")
        app.screen.query_one("#own-answer").value = "[bold red]Kim[/] \x1b[31m"
        await press(pilot, "enter")
        assert "Underviser: [bold red]Kim[/]" in log_text(pilot)
        assert "\x1b" not in log_text(pilot)


async def test_lone_shows_the_safety_check_and_the_panel_explains_it(trainer):
    """The persona with a sign of distress: the real conversation stops its script, and the
    method panel says what the assistant did and why (no crash on the check, which is no state of the map)."""
    app = trainer()
    async with app.run_test(size=(120, 40)) as pilot:
        await start(pilot, "Lone")
        for _ in range(10):  # Lone's everyday answer holds the sign
            if "Trin: safety" in panel_text(pilot):
                break
            await press(pilot, "n")
        text = panel_text(pilot)
        assert "Trin: safety" in text
        assert "stopper manuskriptet" in text or "stops the script" in text
