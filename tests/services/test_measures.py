"""Issue 11 §3 and §5: structured measures, the providers list, part plans, the caseworker's
own goals, reordering, the case view's facts and the citizen copy's municipality and contact."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from tests.support.helpers import converse, finalise, run_cli
from tests.support.personas import ANNA_DA, CARLA_DA

from assistant.domain.audit import audit
from assistant.services.casework import Casework
from assistant.common.errors import CaseworkError
from assistant.render.export import export_plan
from assistant.services.plans import load_full_plan
from assistant.common.i18n import translator
from assistant.domain.measures import MeasureError, UnknownProvider, extent_text, migrate
from assistant.render.partplan import NoSuchProvider
from assistant.services.settings import read_settings, update
from assistant.render.views import plain_text

MARKER = "ZEBRAMARKØR"
WEEKLY = {"amount": 2, "unit": "hours", "per": "week"}


@pytest.fixture
def providers(store):
    update(store, municipality="Aarhus Kommune", contact="Anne Holm, tlf. 87 13 00 00",
           add_providers=["Bostøtten Nord", "Gå-klubben Vest"])
    return store


@pytest.fixture
def anna(providers):
    return converse(providers, ANNA_DA)


def _structured(work: Casework, marker: str = "") -> None:
    g1, g2 = (g["id"] for g in work.plan()["goals"])
    work.set_plan_field("measures", [
        {"title": "Gå-klub", "legal_basis": "SEL § 104", "provider": "gå-klubben  vest", "start": "2026-01-05",
         "review": "2026-07-01", "extent": {"amount": 1, "unit": "times", "per": "week"}, "goals": [g1]},
        {"title": "Bostøtte " + marker, "legal_basis": "SEL § 85", "provider": "Bostøtten Nord", "start": "2026-01-05",
         "end": "2026-12-31", "extent": WEEKLY, "goals": [g2]},
    ])


# -- structured measures, providers ---------------------------------------------------------------
def test_a_measure_is_structured_and_its_provider_comes_from_the_list(store, anna, plan_schema):
    with Casework(store, anna, user="sb1") as work:
        _structured(work)
        plan = work.plan()
        trail = work.trail()
    first, second = plan["measures"]
    assert first["provider"] == "Gå-klubben Vest"  # the list's spelling, not as typed
    assert (second["legal_basis"], second["extent"], second["end"]) == ("SEL § 85", WEEKLY, "2026-12-31")
    assert second["goals"] == [plan["goals"][1]["id"]] and first["id"] != second["id"]
    assert trail[-1]["what"] == "plan.measures" and trail[-1]["who"] == "sb1"
    jsonschema.validate(json.loads(export_plan(store, anna, fmt="json", view="case")), plan_schema)


@pytest.mark.parametrize("bad, error", [
    ({"title": "Bostøtte", "provider": "Ukendt Firma"}, UnknownProvider),
    ({"title": "Bostøtte", "extent": {"amount": 0, "unit": "hours", "per": "week"}}, MeasureError),
    ({"title": "Bostøtte", "extent": {"amount": 2, "unit": "kg", "per": "week"}}, MeasureError),
    ({"title": "Bostøtte", "start": "2026-05-01", "end": "2026-04-01"}, MeasureError),
    ({"title": "Bostøtte", "goals": ["nope"]}, MeasureError),
    ({"title": "Bostøtte", "colour": "red"}, MeasureError),
    ({"legal_basis": "SEL § 85"}, MeasureError),
])
def test_a_bad_measure_is_refused_with_a_sentence(store, anna, bad, error):
    with Casework(store, anna) as work:
        with pytest.raises(error) as caught:
            work.set_plan_field("measures", [bad])
        assert work.plan()["measures"] == []
    assert caught.value.translated(translator("da").gettext)


def test_titles_alone_keep_the_structure_of_a_measure_already_there(store, anna):
    with Casework(store, anna) as work:
        _structured(work)
        work.set_plan_field("measures", ["Gå-klub", "Samtaleforløb"])
        first, second = work.plan()["measures"]
    assert (first["provider"], first["legal_basis"]) == ("Gå-klubben Vest", "SEL § 104")
    assert second["title"] == "Samtaleforløb" and second["provider"] is None


def test_old_plans_with_text_measures_are_read_as_structured(store, anna):
    """A plan saved before measures were structured: texts in the overlay, a goal naming one."""
    with Casework(store, anna) as work:
        goal = work.plan()["goals"][0]["id"]
        overlay = work.handle.get_doc("casework")
        overlay = {**(overlay or {"status": "draft", "version": 1, "goals": {}}), "plan": {
            "measures": ["Bostøtte § 85, 2 timer om ugen", "Gå-klub"], "other_conditions": "Ingen",
            "expected_duration_months": 6}}
        overlay["goals"] = {goal: {"measure": "Gå-klub"}}
        work.handle.put_doc("casework", overlay)
    plan = load_full_plan(store, anna)
    assert [m["title"] for m in plan["measures"]] == ["Bostøtte § 85, 2 timer om ugen", "Gå-klub"]
    assert plan["measures"][1]["goals"] == [goal] and plan["measures"][0]["id"] == "m1"
    result = audit(plan, "da")
    extent = next(r for r in result.ratings if r.key == "extent")
    assert extent.rating == "some"  # one of two states how much help: read from the old text
    assert next(e for e in result.legal if e.key == "measures").present
    assert "Bostøtte § 85, 2 timer om ugen" in export_plan(store, anna, fmt="md", view="case")
    with Casework(store, anna) as work:  # and the next change writes them structured
        work.set_measure_field("m1", "legal_basis", "SEL § 85")
        assert isinstance(work.handle.get_doc("casework")["plan"]["measures"][0], dict)


def test_q4_scores_the_structured_extent(store, anna):
    with Casework(store, anna) as work:
        _structured(work)
        plan = work.plan()
    assert next(r for r in audit(plan, "da").ratings if r.key == "extent").rating == "high"
    plan["measures"][1]["extent"] = None
    plan["measures"][0]["extent"] = None
    rating = next(r for r in audit(plan, "da").ratings if r.key == "extent")
    assert rating.rating == "none" and any("Bostøtte" in e for e in rating.evidence)


def test_section_141_check_and_final_work_with_structured_measures(store, anna):
    with Casework(store, anna) as work:
        work.set_plan_field("expected_duration_months", 6)
        _structured(work)
        work.set_plan_field("other_conditions", "Ingen")
        work.set_status("reviewed")
        work.set_status("final")
        plan = work.plan()
    legal = {e.key: e for e in audit(plan, "da").legal}
    assert legal["measures"].present and "SEL § 85" in legal["measures"].note
    assert "Gå-klubben Vest" in legal["measures"].note


def test_providers_are_kept_in_the_store_once(store, store_path):
    update(store, add_providers=["Bostøtten Nord", "  bostøtten   nord ", "Aktivitetshuset"])
    assert read_settings(store).providers == ["Aktivitetshuset", "Bostøtten Nord"]
    update(store, remove_providers=["aktivitetshuset"])
    assert read_settings(store).providers == ["Bostøtten Nord"]
    with pytest.raises(MeasureError):
        update(store, remove_providers=["Findes ikke"])
    out = run_cli("settings", "--store", str(store_path), "--add-provider", "Gå-klubben Vest", "--json").stdout
    assert json.loads(out)["providers"] == ["Bostøtten Nord", "Gå-klubben Vest"]
    assert (store_path / "settings.json").stat().st_mode & 0o777 == 0o600


def test_a_damaged_settings_file_is_named_not_a_traceback(store, store_path):
    (store_path / "settings.json").write_text("{nope")
    proc = run_cli("settings", "--store", str(store_path), check=False)
    assert proc.returncode == 3 and "settings.json" in proc.stderr and "Traceback" not in proc.stderr


def test_cli_sets_structured_measures_from_json_and_by_field(providers, store_path, anna):
    source = json.dumps({"measures": [
        {"title": "Bostøtte", "legal_basis": "SEL § 85", "provider": "Bostøtten Nord", "start": "2026-01-05",
         "review": "2026-06-30", "extent": "2;timer;uge", "goals": [2]}]})
    run_cli("casework", anna, "--store", str(store_path), "--set-from", "-", stdin=source)
    run_cli("casework", anna, "--store", str(store_path), "--set", "m2.title=Gå-klub",
            "--set", "m2.provider=Gå-klubben Vest", "--set", "m2.extent=1;times;week", "--set", "m2.goals=1",
            "--set", "m1.end=2026-12-31")
    plan = load_full_plan(providers, anna)
    first, second = plan["measures"]
    goal1, goal2 = (g["id"] for g in plan["goals"])
    assert (first["extent"], first["goals"], first["end"]) == (WEEKLY, [goal2], "2026-12-31")
    assert (second["title"], second["provider"], second["goals"]) == ("Gå-klub", "Gå-klubben Vest", [goal1])
    bad = run_cli("casework", anna, "--store", str(store_path), "--set", "m1.provider=Ukendt", check=False)
    assert bad.returncode == 3 and "Ukendt" in bad.stderr and "Traceback" not in bad.stderr
    bad = run_cli("casework", anna, "--store", str(store_path), "--set", "m5.title=X", check=False)
    assert bad.returncode == 3 and "Traceback" not in bad.stderr


# -- part plans --------------------------------------------------------------------------------------
def _marked(store, case: str) -> None:
    """Goal 2 and its measure belong to Bostøtten Nord and carry the marker everywhere a caseworker can write."""
    with Casework(store, case) as work:
        _structured(work, MARKER)
        g2 = work.plan()["goals"][1]["id"]
        work.set_goal_field(g2, "success_criterion", f"Anna tager bussen alene ({MARKER}).")
        work.set_goal_field(g2, "provider_suggestions", f"Øv ruten i små bidder {MARKER}.")
        work.set_goal_field(g2, "text", f"Anna tager bussen til sin søster {MARKER}.")
        work.set_plan_field("other_conditions", f"Særlige forhold {MARKER}")
        work.set_plan_field("expected_duration_months", 6)


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_a_part_plan_holds_nothing_of_another_providers_part(store, anna, fmt):
    _marked(store, anna)
    walk = export_plan(store, anna, fmt=fmt, part_plan="Gå-klubben Vest")
    assert MARKER not in walk
    for private in ("Tak for hjælpen", "Jeg står op kl. 10", "Særlige forhold", ANNA_DA["dream"][1],
                    ANNA_DA["first_step"][1], ANNA_DA["why"][1]):
        assert private not in walk  # the remarks, the everyday, the conditions, the other goal's dream
    for needed in (ANNA_DA["dream"][0], ANNA_DA["sign"][0], "SEL § 104", "Gå-klub"):
        assert needed in walk  # the citizen's words and wishes for this provider's goal, its measure
    support = export_plan(store, anna, fmt=fmt, part_plan="bostøtten nord")
    assert MARKER in support and ANNA_DA["dream"][1] in support
    assert ANNA_DA["first_step"][0] not in support and ANNA_DA["first_step"][1] in support


def test_a_part_plan_says_purpose_criteria_and_follow_up_and_whose_words(store, anna):
    _marked(store, anna)
    md = export_plan(store, anna, fmt="md", part_plan="Bostøtten Nord")
    text = plain_text(md)
    plan = load_full_plan(store, anna)
    assert text.startswith("Delplan for Bostøtten Nord")
    assert "Formål" in text and plan["purpose"] in text
    assert f"Succeskriterium (sagsbehandlerens): Anna tager bussen alene ({MARKER})." in text
    assert "Borgerens succeskriterium: »" + ANNA_DA["sign"][1] + "«" in text
    assert "Mål 2" in text and "Mål 1" not in text  # the overall plan's numbering
    assert "2 timer om ugen" in text and "Opfølgning" in text
    assert "Aarhus Kommune" in text and "Anne Holm" in text
    data = json.loads(export_plan(store, anna, fmt="json", part_plan="Bostøtten Nord"))
    assert data["part_plan_for"] == "Bostøtten Nord" and [g["priority"] for g in data["goals"]] == [2]
    assert set(data) >= {"purpose", "measures", "goals", "follow_up"} and "remarks" not in data


def test_part_plan_for_an_unknown_provider_names_the_plans_providers(store, store_path, anna):
    _marked(store, anna)
    with pytest.raises(NoSuchProvider):
        export_plan(store, anna, fmt="md", part_plan="Nogen Andre")
    proc = run_cli("export", anna, "--store", str(store_path), "--part-plan", "Nogen Andre", check=False)
    assert proc.returncode == 3 and "Bostøtten Nord" in proc.stderr and "Traceback" not in proc.stderr
    out = run_cli("export", anna, "--store", str(store_path), "--part-plan", "Gå-klubben Vest", "--format", "md").stdout
    assert "Delplan for Gå-klubben Vest" in out and MARKER not in out


# -- the caseworker's own goals, dropping, reordering --------------------------------------------------
def test_the_caseworkers_own_goal_is_labelled_and_not_reviewed_until_the_citizen_has(store, anna):
    with Casework(store, anna, user="sb1") as work:
        own = work.add_goal("Anna får hjælp til at søge om boligstøtte.", success_criterion="Ansøgningen er sendt.")
        plan = work.plan()
        assert [g["author"] for g in plan["goals"]] == ["citizen", "citizen", "caseworker"]
        assert plan["goals"][2]["priority"] == 3 and plan["goals"][2]["citizen"] == {}
        problems = " ".join(m.format(**p) for m, p in work.problem_list())
        assert "Goal 3 is your own goal and the citizen has not reviewed it" in problems
        assert [e["what"] for e in work.trail()][:2] == [f"goal.{own}.added", f"goal.{own}.success_criterion"]
        finalise_blocked = pytest.raises(Exception)
        with finalise_blocked:
            finalise(work)
        work.set_goal_field(own, "not_reviewed", "Vi aftalte målet på mødet, men Anna ville tænke over det.")
        work.set_plan_field("expected_duration_months", 6)
        work.set_status("final", unseen_ok=True)  # the citizen has not seen the new goal: confirmed, and said
    citizen = plain_text(export_plan(store, anna, fmt="md", view="citizen"))
    assert "Jeg har ikke set denne version af planen endnu." in citizen
    assert "Mål 3 (min sagsbehandlers mål)" in citizen
    assert "Min sagsbehandler har skrevet: »Anna får hjælp til at søge om boligstøtte.«" in citizen
    # the caseworker's success criterion on their own goal is theirs, never quoted as the citizen's
    assert "Min sagsbehandler skrev, hvordan vi kan se, det er lykkedes: »Ansøgningen er sendt.«" in citizen
    assert "når: »Ansøgningen er sendt" not in citizen
    case = plain_text(export_plan(store, anna, fmt="md", view="case"))
    assert "Mål 3 (sagsbehandlerens mål)" in case


def test_an_own_goal_not_yet_reviewed_says_so_in_both_views(store, anna):
    with Casework(store, anna) as work:
        work.add_goal("Anna får hjælp til at søge om boligstøtte.")
    assert "Jeg har ikke sagt, hvad jeg mener om dette mål endnu." in export_plan(store, anna, fmt="md")
    assert "ikke gennemgået af borgeren endnu" in export_plan(store, anna, fmt="md", view="case")


def test_goals_are_reordered_and_the_trail_says_so(store, store_path, anna):
    with Casework(store, anna) as work:
        first, second = (g["id"] for g in work.plan()["goals"])
    run_cli("casework", anna, "--store", str(store_path), "--set", "goal_order=2,1")
    with Casework(store, anna) as work:
        assert [g["id"] for g in work.plan()["goals"]] == [second, first]
        assert [g["priority"] for g in work.plan()["goals"]] == [1, 2]
        entry = work.trail()[-1]
        assert entry["what"] == "plan.goal_order" and entry["old"][0].startswith("Mit første skridt")
        work.add_goal("Anna får hjælp til at søge om boligstøtte.")
        own = work.plan()["goals"][2]["id"]
        work.set_goal_field(own, "priority", 1)  # a place in the order: the others move down
        assert [g["id"] for g in work.plan()["goals"]] == [own, second, first]
        with pytest.raises(CaseworkError):
            work.reorder_goals([own, first])
    out = run_cli("casework", anna, "--store", str(store_path), "--trail").stdout
    assert "rækkefølgen af målene" in out


def test_add_goal_from_the_cli_reads_a_json_object(store, store_path, anna):
    source = json.dumps({"add_goal": {"text": "Anna søger boligstøtte.", "success_criterion": "Den er sendt."}})
    run_cli("casework", anna, "--store", str(store_path), "--set-from", "-", stdin=source)
    goal = load_full_plan(store, anna)["goals"][2]
    assert (goal["author"], goal["text"], goal["success_criterion"]) == ("caseworker", "Anna søger boligstøtte.", "Den er sendt.")


# -- §5 documents ----------------------------------------------------------------------------------------
def test_the_case_view_states_who_when_versions_trail_measures_and_months(store, providers):
    case = converse(providers, CARLA_DA)
    with Casework(store, case, user="sb7") as work:
        work.set_goal_field(work.plan()["goals"][0]["id"], "reasoning", "Lægen anbefaler at starte med søvnen.")
        work.set_plan_field("expected_duration_months", 1)
        work.set_plan_field("measures", [{"title": "Bostøtte", "legal_basis": "SEL § 85", "provider": "Bostøtten Nord",
                                          "extent": {"amount": 1, "unit": "hours", "per": "week"},
                                          "goals": [work.plan()["goals"][0]["id"]]}])
        work.set_plan_field("other_conditions", "Ingen")
        work.set_status("reviewed")
        work.set_status("final")
    md = export_plan(store, case, fmt="md", view="case")
    text = plain_text(md)
    assert "| Sagsbehandler | sb7 |" in md
    assert "| Gjort endelig |" in md and "af sb7" in md
    assert "| Forventet varighed | 1 måned (ca. 1 måned) |" in md
    assert "- Bostøtte · SEL § 85 · leverandør: Bostøtten Nord · 1 time om ugen · til mål 1" in md
    assert "Version 1: endelig" in text and "ændringer af sb7" in text
    assert "udkast → gennemset" in text and "gennemset → endelig" in text


def test_the_citizens_copy_names_municipality_and_contact_and_starts_with_strengths(store, anna):
    text = plain_text(export_plan(store, anna, fmt="md", view="citizen"))
    with Casework(store, anna) as work:
        work.set_plan_field("measures", [{"title": "Bostøtte", "legal_basis": "SEL § 85", "provider": "Bostøtten Nord",
                                          "start": "2026-01-05", "end": "2026-12-31", "extent": WEEKLY,
                                          "goals": [work.plan()["goals"][1]["id"]]}])
    text = plain_text(export_plan(store, anna, fmt="md", view="citizen"))
    assert ("Bostøtte: 2 timer om ugen, hos Bostøtten Nord, fra 5. januar 2026 til 31. december 2026. "
            "Den hjælper med mål 2. (SEL § 85)") in text
    assert "Kommune: Aarhus Kommune" in text and "Min kontaktperson: Anne Holm, tlf. 87 13 00 00" in text
    assert "Hvis jeg har spørgsmål, kan jeg kontakte Anne Holm" in text
    assert text.index("Mit liv nu") < text.index("Mit formål") < text.index("Mine mål")


def test_settings_from_the_cli_reach_the_citizens_copy(store, store_path):
    case = converse(store, ANNA_DA)
    run_cli("settings", "--store", str(store_path), "--municipality", "Randers Kommune", "--contact", "Bo Berg")
    out = run_cli("export", case, "--store", str(store_path), "--format", "md").stdout
    assert "Randers Kommune" in out and "Bo Berg" in out


@pytest.mark.parametrize("lang, extent, expected", [
    ("da", {"amount": 1, "unit": "hours", "per": "week"}, "1 time om ugen"),
    ("da", {"amount": 2, "unit": "hours", "per": "week"}, "2 timer om ugen"),
    ("da", {"amount": 1.5, "unit": "hours", "per": "day"}, "1,5 timer om dagen"),
    ("da", {"amount": 1, "unit": "times", "per": "month"}, "1 gang om måneden"),
    ("da", {"amount": 3, "unit": "times", "per": "week"}, "3 gange om ugen"),
    ("da", {"amount": 30, "unit": "minutes", "per": "day"}, "30 minutter om dagen"),
    ("en", {"amount": 1, "unit": "times", "per": "week"}, "1 time a week"),
    ("en", {"amount": 2, "unit": "hours", "per": "month"}, "2 hours a month"),
])
def test_extents_use_plural_forms(lang, extent, expected):
    assert extent_text(extent, translator(lang)) == expected


def test_counts_in_the_case_view_use_plural_forms(store, anna):
    with Casework(store, anna) as work:
        work.set_plan_field("expected_duration_months", 6)
    md = export_plan(store, anna, fmt="md", view="case")
    assert "6 måneder (ca. 6 måneder)" in md
    assert re.search(r"Borgeren svarede på \d+ spørgsmål, sprang \d+ over og ændrede \d+ svar\.", md)
    en = export_plan(store, anna, fmt="md", view="case", lang="en")
    assert not re.search(r"\b1 months", en) and "| Expected duration | 6 months (" in en
    assert not re.search(r"\b1 (indsatser|måneder|timer)\b", md)


def test_migrate_keeps_order_and_drops_empty_texts():
    assert [m["title"] for m in migrate(["A", "  ", {"title": "B", "id": "m7"}])] == ["A", "B"]
    assert migrate(None) == []


def test_a_kept_final_copy_is_shown_without_a_record_it_does_not_have(store, providers):
    """The Versions tab renders the copy kept at finalisation: no "not final yet" about a final plan."""
    from assistant.render.caseview import case_markdown

    case = converse(providers, ANNA_DA)
    with Casework(store, case, user="sb7") as work:
        work.set_plan_field("expected_duration_months", 6)
        finalise(work)
        kept = work.versions()[0]["plan"]
    md = case_markdown(kept, "da")
    assert "ikke endelig endnu" not in md and "| Gjort endelig |" not in md
    assert "Bostøtte efter § 85" in md


def test_markup_in_a_provider_or_measure_stays_text_in_the_part_plan(store, anna):
    hostile = '<script>alert(1)</script> [klik](javascript:alert(2)) **fed**\x1b[31m'
    update(store, add_providers=[hostile])
    with Casework(store, anna) as work:
        work.set_plan_field("measures", [{"title": "Bostøtte " + hostile, "provider": hostile,
                                          "goals": [work.plan()["goals"][0]["id"]]}])
    md = export_plan(store, anna, fmt="md", part_plan=hostile.replace("\x1b[31m", ""))
    assert "\x1b" not in md and "\\<script\\>" in md and "\\[klik\\]" in md
    html = export_plan(store, anna, fmt="html", part_plan=hostile.replace("\x1b[31m", ""))
    assert "<script" not in html and 'href="javascript' not in html and "<strong>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; [klik](javascript:alert(2)) **fed**" in html
