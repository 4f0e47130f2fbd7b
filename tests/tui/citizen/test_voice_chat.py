"""The citizen's voice in the chat: wishes one at a time, short quotes, a disagreement that changes the goal."""

from __future__ import annotations

from assistant.tui.citizen.app import make_app
from assistant.tui.citizen.widgets.answers import ChoiceButton
from assistant.tui.citizen.widgets.messages import AssistantMessage, GoalCard, PlanMessage
from store import Store

from tests.support.tui_driving import press, say, settle, state

LONG = ("Jeg vil gerne kunne gå en tur hver dag uden at være bange for at møde nogen, jeg kender fra før, "
        "og jeg vil gerne have det godt med mig selv igen, sådan som jeg havde det, før jeg blev syg og "
        "mistede mit arbejde og min lejlighed og de fleste af mine venner. Det er det, jeg drømmer om.")


def last_question(app) -> str:
    return app.screen.query(AssistantMessage).last().source


async def test_wishes_are_offered_as_buttons_and_a_disagreement_redrafts_the_goal(store_path):
    app = make_app(store_path=str(store_path), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        for text in ("Bo", "Jeg sover længe og ser tv.", "Min hund"):
            await say(pilot, text)
        await say(pilot, "Et job, en kæreste og en lejlighed")
        assert state(pilot) == "dreampick"
        labels = [b.choice.label for b in app.screen.query(ChoiceButton)]
        assert labels == ["Et job", "en kæreste", "en lejlighed", "Det hele er én drøm"]
        await press(pilot, "2")  # "en kæreste"
        assert state(pilot) == "why" and "»en kæreste«" in last_question(app)
        await say(pilot, "Jeg er ensom")
        await press(pilot, "8", "enter")
        for text in ("Gå til dans", "Min søster", "Jeg har en kæreste"):
            await say(pilot, text)
        await press(pilot, "1")  # within 3 months
        assert state(pilot) == "another" and "Du skrev også: »Et job«" in last_question(app)
        await press(pilot, "1")  # yes: "Et job" is the next dream, without writing it again
        assert state(pilot) == "why" and "»Et job«" in last_question(app)
        await say(pilot, "Så har jeg penge")
        await press(pilot, "7", "enter")
        for text in ("Ringe til jobcentret", "Lise", "Jeg har et job"):
            await say(pilot, text)
        await press(pilot, "2")  # within a year
        assert state(pilot) == "another" and "»en lejlighed«" in last_question(app)
        await press(pilot, "2")  # no
        assert state(pilot) == "another" and "Du skrev også" not in last_question(app)  # any other dream?
        await press(pilot, "2")  # no
        assert [b.choice.label for b in app.screen.query(ChoiceButton)] == ["en kæreste", "Et job"]
        await press(pilot, "1", "enter")  # priority: "en kæreste", the summary
        assert state(pilot) == "review"
        await press(pilot, "3")  # disagree
        await say(pilot, "Jeg vil hellere starte med at åbne posten sammen med Bente")
        assert state(pilot) == "reviewoffer"
        assert last_question(app) == "Skal dit første skridt så være: »åbne posten sammen med Bente«?"
        await press(pilot, "1")  # yes: the goal is redrafted and put to the citizen again
        assert state(pilot) == "review" and app.screen.view.prompt.item == 1
        card = app.screen.query(GoalCard).last().source
        assert card.startswith("Jeg har rettet mål 1 af 2. Dit første skridt er: »åbne posten sammen med Bente«.")
        await press(pilot, "1")  # agree
        await say(pilot, "Fint")
        await press(pilot, "1")  # the second goal: agree
        await say(pilot, "Godt")
        await say(pilot, "Tak")
        assert app.screen.view.finished
        plan_text = app.screen.query(PlanMessage).last().source
        assert plan_text.index("## Mit liv nu") < plan_text.index("## Mit formål")
        assert "Før var mit første skridt: »Gå til dans«. Det har jeg ændret." in plan_text
        case_id = app.screen.view.case_id
    with Store(store_path).open_case(case_id, write=False) as handle:  # the list's index keeps no plan text
        plan = handle.plan
    assert plan["goals"][0]["first_step"] == "åbne posten sammen med Bente"
    assert plan["goals"][0]["earlier"][0]["citizen_response"] == "disagree"
    assert Store(store_path).list_cases()[0].id == case_id


async def test_a_long_answer_is_quoted_short_above_the_next_question(store_path):
    app = make_app(store_path=str(store_path), lang="da")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "1")
        for text in ("Bo", "Jeg sover længe.", "Min hund"):
            await say(pilot, text)
        await say(pilot, LONG)
        assert state(pilot) == "why"
        question = last_question(app)
        assert LONG not in question and "»Jeg vil gerne kunne gå en tur hver dag uden at være bange" in question
        assert "…«" in question and len(question) < 160
        # The citizen's own words stay whole in the transcript and on file.
        assert LONG in [m.content.plain for m in app.screen.query("CitizenMessage")]
        case_id = app.screen.view.case_id
    events = Store(store_path).open_case(case_id, write=False).events()
    assert next(e for e in events if e.get("state") == "dream")["value"] == LONG
