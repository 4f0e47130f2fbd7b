"""Issue 11 §3 and §5 in the workspace: measures with a provider from the list, the providers
list and the municipality in the settings form, the caseworker's own goal, reordering, part plans."""

from __future__ import annotations

import stat

from tests.support.cw_driving import fill, press, settle
from tests.support.personas import ANNA_DA
from textual.widgets import Checkbox, Select

from assistant.services.casework import Casework
from assistant.services.plans import load_full_plan
from assistant.services.settings import read_settings, update
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.screens.case_list import CaseListScreen
from assistant.tui.caseworker.screens.measures import MeasuresScreen
from assistant.tui.caseworker.screens.settings import SettingsScreen

SIZE = (120, 40)


def app_for(store_path):
    return make_caseworker_app(str(store_path), "da", user="sb1")


async def open_case(pilot) -> CaseScreen:
    await settle(pilot)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, CaseScreen)
    return pilot.app.screen


async def test_settings_form_keeps_municipality_contact_and_providers(store, store_path, anna):
    update(store, add_providers=["Gammel Leverandør"])
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "s")
        assert isinstance(pilot.app.screen, SettingsScreen)
        await settle(pilot)
        await fill(pilot, "#municipality", "Aarhus Kommune")
        await fill(pilot, "#contact", "Anne Holm, tlf. 87 13 00 00")
        await fill(pilot, "#providers", "Bostøtten Nord\n\nGå-klubben Vest\n")
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, CaseListScreen)
    settings = read_settings(store)
    assert (settings.municipality, settings.contact) == ("Aarhus Kommune", "Anne Holm, tlf. 87 13 00 00")
    assert settings.providers == ["Bostøtten Nord", "Gå-klubben Vest"]  # the old one taken off


async def test_a_measure_is_made_with_a_provider_chosen_from_the_list(store, store_path, anna):
    update(store, add_providers=["Gå-klubben Vest"])
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_case(pilot)
        await press(pilot, "m")
        dialog = pilot.app.screen
        assert isinstance(dialog, MeasuresScreen)
        await settle(pilot)
        dialog.query_one("#new_provider").focus()
        await fill(pilot, "#new_provider", "Bostøtten Nord")
        await press(pilot, "enter")  # adds it to the store's list and chooses it
        assert dialog.query_one("#provider", Select).value == "Bostøtten Nord"
        await fill(pilot, "#title", "Bostøtte")
        await fill(pilot, "#legal_basis", "SEL § 85")
        await fill(pilot, "#start", "2026-01-05")
        await fill(pilot, "#review", "2026-06-30")
        await fill(pilot, "#amount", "2")
        dialog.query_one("#unit", Select).value = "hours"
        dialog.query_one("#per", Select).value = "week"
        goal2 = load_full_plan(store, anna)["goals"][1]["id"]
        dialog.query_one(f"#goal-{goal2}", Checkbox).value = True
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        summary = str(screen.query_one("#plan-summary").render())
        assert "1. Bostøtte · SEL § 85 · leverandør: Bostøtten Nord · 2 timer om ugen" in summary
    assert "Bostøtten Nord" in read_settings(store).providers
    measure = load_full_plan(store, anna)["measures"][0]
    assert measure["extent"] == {"amount": 2, "unit": "hours", "per": "week"}
    assert (measure["provider"], measure["goals"], measure["review"]) == ("Bostøtten Nord", [goal2], "2026-06-30")


async def test_a_bad_extent_is_explained_in_the_form(store, store_path, anna):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        await open_case(pilot)
        await press(pilot, "m")
        await settle(pilot)
        await fill(pilot, "#title", "Bostøtte")
        await fill(pilot, "#amount", "to")
        await press(pilot, "ctrl+s")
        assert "tal over 0" in str(pilot.app.screen.query_one("ErrorLine").render())
    assert load_full_plan(store, anna)["measures"] == []


async def test_own_goal_is_labelled_and_reorder_is_in_the_trail(store, store_path, anna):
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_case(pilot)
        await press(pilot, "a")
        await fill(pilot, "#text", "Anna søger om boligstøtte.")
        await fill(pilot, "#success_criterion", "Ansøgningen er sendt.")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        card = str(screen.query_one("#goal-cw1").render())
        assert "Mål 3 (sagsbehandlerens mål)" in card and "ikke gennemgået af borgeren endnu" in card
        screen.query_one("#goal-cw1").focus()
        await press(pilot, "e")
        pilot.app.screen.query_one("#priority", Select).value = 1
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        assert "Mål 1 (sagsbehandlerens mål)" in str(screen.query_one("#goal-cw1").render())
    plan = load_full_plan(store, anna)
    assert [g["id"] for g in plan["goals"]][0] == "cw1"
    with Casework(store, anna) as work:
        assert [e["what"] for e in work.trail()] == ["goal.cw1.added", "goal.cw1.success_criterion", "plan.goal_order"]


async def test_part_plan_export_from_the_workspace(store, store_path, tmp_path, anna):
    update(store, add_providers=["Bostøtten Nord", "Gå-klubben Vest"])
    with Casework(store, anna) as work:
        g1, g2 = (g["id"] for g in work.plan()["goals"])
        work.set_plan_field("measures", [{"title": "Gå-klub", "provider": "Gå-klubben Vest", "goals": [g1]},
                                         {"title": "Bostøtte HEMMELIG", "provider": "Bostøtten Nord", "goals": [g2]}])
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        await open_case(pilot)
        await press(pilot, "x")
        await fill(pilot, "#folder", str(tmp_path))
        pilot.app.screen.query_one("#what", Select).value = "Gå-klubben Vest"
        await settle(pilot)
        await press(pilot, "ctrl+s")
        assert "delplan" in str(pilot.app.screen.query_one("#written").render())
    written = tmp_path / f"{anna}-delplan-gå-klubben-vest.html"
    html = written.read_text("utf-8")
    assert "Delplan for Gå-klubben Vest" in html and "HEMMELIG" not in html
    assert ANNA_DA["first_step"][0] in html and ANNA_DA["first_step"][1] not in html
    assert stat.S_IMODE(written.stat().st_mode) == 0o600


async def test_the_plan_form_lists_structured_measures_by_title_and_keeps_their_structure(store, store_path, anna):
    update(store, add_providers=["Bostøtten Nord"])
    with Casework(store, anna) as work:
        work.set_plan_field("measures", [{"title": "Bostøtte", "provider": "Bostøtten Nord", "legal_basis": "SEL § 85"}])
    async with app_for(store_path).run_test(size=SIZE) as pilot:
        screen = await open_case(pilot)
        await press(pilot, "p")
        assert pilot.app.screen.query_one("#measures").text == "Bostøtte"
        await fill(pilot, "#measures", "Bostøtte\nSamtaleforløb")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
    first, second = load_full_plan(store, anna)["measures"]
    assert (first["provider"], first["legal_basis"], second["title"]) == ("Bostøtten Nord", "SEL § 85", "Samtaleforløb")


async def test_f8_removes_the_measure_shown_at_80_columns(store, store_path, anna):
    with Casework(store, anna) as work:
        work.set_plan_field("measures", ["Bostøtte", "Samtaleforløb"])
    async with app_for(store_path).run_test(size=(80, 24)) as pilot:
        screen = await open_case(pilot)
        await press(pilot, "m")
        pilot.app.screen.query_one("#which", Select).value = "m2"
        await settle(pilot)
        assert pilot.app.screen.query_one("#title").value == "Samtaleforløb"
        await press(pilot, "f8")
        assert pilot.app.screen is screen
    assert [m["title"] for m in load_full_plan(store, anna)["measures"]] == ["Bostøtte"]
