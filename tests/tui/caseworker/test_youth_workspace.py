"""The workspace handles a young person's plan: the youth conversation chosen at registration,
barnets plan / ungeplan, the five areas with their 0–4 indicators (status and target)."""

from __future__ import annotations

from tests.support.cw_driving import fill, press, settle
from textual.widgets import Select

from assistant.services.conversation import Conversation
from assistant.services.plans import load_full_plan
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.screens.case_list import CaseListScreen
from assistant.tui.caseworker.widgets.form import ErrorLine
from assistant.tui.caseworker.widgets.panes import PlanPane

SIZE = (120, 40)


def pane_text(screen) -> str:
    return " ".join(str(w.render()) for w in screen.query_one(PlanPane).query("*") if hasattr(w, "render"))
MIA = ["", "ja", "Mia", "ja", "Gode venner", "Sove mere", "nej", "ja", "Dansk", "Matematik", "nej",
       "ja", "Fodbold", "Flere venner", "Følge med i matematik", "3", "Ikke bange for prøver", "7",
       "Spørge læreren", "Min lærer", "Bedre karakterer", "1", "nej", "", "enig", "", ""]


async def test_registering_children_and_young_people_chooses_the_youth_conversation(store, store_path):
    app = make_caseworker_app(str(store_path), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await fill(pilot, "#new-name", "Mia Jensen")
        assert app.screen.query_one("#new-journey", Select).value == "adult"
        app.screen.query_one("#new-area", Select).value = "children_young"
        await settle(pilot)
        assert app.screen.query_one("#new-journey", Select).value == "youth"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseListScreen)
    (case,) = store.list_cases()
    assert case.meta["journey"] == "youth" and case.meta["plan_kind"] == "barnets_plan"


async def test_a_young_persons_plan_shows_the_areas_and_takes_indicators_per_area(store, store_path):
    conv = Conversation.start(store, "youth", "da")
    for answer in MIA:
        conv.respond(answer)
    assert conv.finished
    conv.close()
    async with make_caseworker_app(str(store_path), "en", user="sb1").run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, CaseScreen)
        text = pane_text(screen)
        assert "Child's plan (Barnets lov §§ 91–92)" in text
        assert "School life" in text and "Area (Barnets lov): School life" in text
        await press(pilot, "p")
        dialog = pilot.app.screen
        await fill(pilot, "#area-school-status", "3")
        await fill(pilot, "#area-school-target", "1")
        dialog.query_one("#plan_kind", Select).value = "ungeplan"
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        text = pane_text(screen)
        assert "Young person's plan (Barnets lov §§ 108–109)" in text
        assert "[0–4: now 3, target 1]" in text
        await press(pilot, "p")
        await fill(pilot, "#area-family-status", "9")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is not screen  # refused: the form stays open with the sentence
        assert "0 to 4" in str(pilot.app.screen.query_one(ErrorLine).render())
    plan = load_full_plan(store, conv.case_id)
    assert plan["plan_kind"] == "ungeplan"
    assert plan["area_indicators"] == {"school": {"name": "school", "status": 3, "target": 1}}
