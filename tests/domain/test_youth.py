"""The young person's journey (Barnets lov): areas one at a time, dreams tagged by area,
barnets plan / ungeplan in the plan, the audit and the exports."""

from __future__ import annotations

import re

import pytest
from tests.support.helpers import last_plan, run_cli, run_jsonl

from assistant.domain.audit import audit
from assistant.services.casework import Casework
from assistant.services.conversation import Conversation
from assistant.render.export import export_plan
from assistant.services.plans import load_full_plan
from assistant.common.i18n import translator
from assistant.domain.journey import load_journey
from assistant.domain.lix import lix
from assistant.services.resume import resume_case

# Mia talks about three areas (development, school, leisure), says no to family and skips health.
MIA_DA = [
    "",  # welcome
    "ja", "Mia",
    "ja", "Jeg har gode venner", "Jeg vil gerne sove mere",
    "nej",
    "ja", "Jeg kan lide dansk", "Matematik er svært",
    "/skip",
    "ja", "Jeg går til fodbold", "Flere venner i klassen",
    "At jeg kan følge med i matematik", "3", "Så jeg ikke er bange for prøverne", "7",
    "Spørge læreren om hjælp", "Min lærer og min mor", "Jeg får bedre karakterer", "1",
    "nej", "",  # another dream? summary
    "enig", "", "",  # review, comment, remarks
]
MIA_EN = [
    "",
    "yes", "Mia",
    "yes", "I have good friends", "I want to sleep more",
    "no",
    "yes", "I like Danish", "Maths is hard",
    "/skip",
    "yes", "I play football", "More friends in my class",
    "To keep up in maths", "school", "So I am not afraid of tests", "7",
    "Ask the teacher for help", "My teacher and my mum", "I get better marks", "1",
    "no", "",
    "agree", "", "",
]


def _placeholders(text: str) -> str:
    return re.sub(r"\{[a-z_]+\}", "skole", text)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_youth_prompt_reads_easily(lang):
    """Shorter sentences, simpler words than the adult journey: LIX ≤ 25 for every wording."""
    t = translator(lang)
    journey = load_journey("youth")
    for step in journey.steps.values():
        for template in (step.prompt, *step.variants.values()):
            # Each area's name is read inside the area questions: measured with every one of them.
            for area in journey.areas if "{area}" in template else journey.areas[:1]:
                text = _placeholders(t.gettext(template).replace("{area}", t.gettext(area.label)))
                assert lix(text) <= 25, (step.name, lix(text), text)


def test_youth_journey_has_the_childrens_help_line():
    journey = load_journey("youth")
    assert ("Børnetelefonen", "116 111") in [(h.name, h.number) for h in journey.help_lines]
    assert [a.value for a in journey.areas] == ["development", "family", "school", "health", "leisure"]
    assert journey.plan_kind == "barnets_plan"


@pytest.mark.parametrize(("answers", "lang"), [(MIA_DA, "da"), (MIA_EN, "en")])
def test_young_person_fills_three_areas_and_skips_two(store_path, answers, lang):
    events = run_jsonl(store_path, answers, "--journey", "youth", "--lang", lang)
    prompts = [e for e in events if e["event"] == "prompt"]
    asked_areas = [e["item"] for e in prompts if e["state"] == "areaask"]
    assert asked_areas == [1, 2, 3, 4, 5]  # every area is offered, one at a time
    assert [e["state"] for e in prompts].count("areagood") == 3
    assert prompts[-1]["state"] == "end"
    plan = last_plan(events)
    assert plan["journey"] == "youth" and plan["plan_kind"] == "barnets_plan"
    areas = plan["areas"]
    assert areas["development"]["good"] == answers[4] and areas["development"]["wish"] == answers[5]
    assert areas["family"] == {"area_talk": False}
    assert areas["health"] == {"area_talk": None}  # skipped: not talked about
    assert areas["school"]["wish"] == answers[9] and areas["leisure"]["good"] == answers[12]
    (goal,) = plan["goals"]
    assert goal["area"] == "school" and goal["domain"] is None  # tagged by area, not WHO dimension
    assert goal["dream"] == answers[14] and goal["first_step"] == answers[18]
    assert goal["citizen_response"] == "agree"
    # The young person's own plan, first person, names the plan and the law.
    case = plan["case"]
    citizen = export_plan(__import__("store").Store(store_path), case, fmt="md")
    if lang == "da":
        assert "Planen hedder: barnets plan (Barnets lov §§ 91–92)." in citizen
        assert "Det handler om: Skole" in citizen and "Jeg ønsker, det var anderledes: »Matematik er svært«" in citizen
    else:
        assert "The plan is called: child's plan (Barnets lov §§ 91–92)." in citizen
        assert "It is about: School" in citizen


def _youth_case(store, lang="da", **meta) -> str:
    conv = Conversation.start(store, "youth", lang)
    if meta:
        conv.handle.update_meta(**meta)
    for answer in MIA_DA if lang == "da" else MIA_EN:
        if conv.finished:
            break
        conv.respond(answer)
    assert conv.finished
    conv.close()
    return conv.case_id


def test_a_young_persons_plan_is_audited_against_barnets_lov(store, plan_schema):
    case = _youth_case(store)
    with Casework(store, case, user="sb1") as work:
        assert "Write the other special conditions, or that there are none." not in work.problems()  # § 141's
        work.set_plan_field("measures", ["Familiebehandling, 2 timer om ugen"])
        work.set_plan_field("expected_duration_months", 6)
        work.set_area_indicator("school", 3, 1)
        work.set_status("reviewed")
        work.set_status("final")
    plan = load_full_plan(store, case)
    assert plan["area_indicators"]["school"] == {"name": "school", "status": 3, "target": 1}
    result = audit(plan, "da")
    assert result.law == "Barnets lov §§ 91–92"
    assert [e.key for e in result.legal] == ["goals", "with_child", "measures", "duration"]
    assert all(e.present for e in result.legal)
    case_md = export_plan(store, case, fmt="md", view="case")
    assert case_md.startswith("# Barnets plan: Mia")
    assert "### Barnets lov §§ 91–92" in case_md and "§ 141" not in case_md
    assert "- **Skoleforhold**: godt: »Jeg kan lide dansk«; ønsker: »Matematik er svært«" in case_md
    assert "Indikator (0–4): nu 3, mål 1" in case_md
    assert "- **Familieforhold**: ikke talt om" in case_md
    import json

    import jsonschema

    as_json = json.loads(export_plan(store, case, fmt="json", view="case"))
    assert as_json["plan_kind"] == "barnets_plan" and as_json["goals"][0]["area"] == "school"
    jsonschema.validate(as_json, plan_schema, format_checker=jsonschema.FormatChecker())


def test_ungeplan_is_named_with_its_paragraphs(store, store_path):
    case = _youth_case(store, "en")
    run_cli("casework", case, "--store", str(store_path), "--plan-kind", "ungeplan", "--set", "area.family=2;1")
    plan = load_full_plan(store, case)
    assert plan["plan_kind"] == "ungeplan"
    assert plan["area_indicators"]["family"]["status"] == 2
    assert audit(plan, "en").law == "Barnets lov §§ 108–109"
    assert export_plan(store, case, fmt="md", view="case", lang="en").startswith("# Young person's plan: Mia")
    bad = run_cli("casework", case, "--store", str(store_path), "--set", "area.family=7;1", check=False)
    assert bad.returncode == 3 and "0 til 4" in bad.stderr and "Traceback" not in bad.stderr


def test_registering_a_case_for_children_and_young_people_chooses_the_youth_journey(store, store_path):
    young = run_cli("new-case", "--store", str(store_path), "--name-from", "-", "--area", "children_young",
                    stdin="Mia Jensen\n").stdout.strip()
    adult = run_cli("new-case", "--store", str(store_path), "--name-from", "-", "--area", "children_young",
                    "--journey", "adult", stdin="Ole\n").stdout.strip()
    with store.open_case(young, write=False) as handle:
        assert handle.meta["journey"] == "youth" and handle.meta["plan_kind"] == "barnets_plan"
    with store.open_case(adult, write=False) as handle:
        assert handle.meta["journey"] == "adult" and "plan_kind" not in handle.meta
    events = run_jsonl(store_path, [""], "--case", young)
    assert events[0]["state"] == "welcome" and events[1]["state"] == "consent"
    assert events[1]["text"] == "Det er din plan. Vil du lave den med mig?"
    refused = run_cli("new-case", "--store", str(store_path), "--name-from", "-", "--area", "disability",
                      "--plan-kind", "ungeplan", stdin="Bo\n", check=False)
    assert refused.returncode == 3 and "Traceback" not in refused.stderr


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_young_persons_follow_up_reads_easily(lang):
    """The follow-up asks a young person in the youth wordings: LIX ≤ 25 for every one of them."""
    t = translator(lang)
    journey = load_journey("followup")
    youth = load_journey("youth")
    for step in journey.steps.values():
        template = step.variants.get("youth", step.prompt)
        for area in youth.areas:  # the indicator can be an area's name
            text = _placeholders(t.gettext(template).replace("{indicator}", t.gettext(area.label)))
            assert lix(text) <= 25, (step.name, lix(text), text)


def test_a_young_persons_follow_up_in_the_youth_wording(store):
    from assistant.services.followup import FollowUp

    case = _youth_case(store)
    with Casework(store, case, user="sb1") as work:
        work.set_plan_field("measures", ["Familiebehandling, 2 timer om ugen"])
        work.set_plan_field("expected_duration_months", 6)
        work.set_area_indicator("school", 3, 1)
        work.set_status("reviewed")
        work.set_status("final")
    conv = resume_case(store, case)
    assert isinstance(conv, FollowUp)
    assert conv.prompt().text.startswith("Hej igen! Din plan er aftalt.")
    conv.respond("")
    assert conv.prompt().state == "going" and "0 er meget dårligt" in conv.prompt().text
    conv.respond("6")
    indicator = conv.prompt()
    assert indicator.state == "indicator" and ": Skole." in indicator.text  # the area's 0–4 indicator
    assert indicator.scale == (0, 4)
    conv.close()


def test_a_young_persons_sign_of_distress_shows_their_help_line_first(store):
    from assistant.services.conversation import Conversation

    conv = Conversation.start(store, "youth", "da")
    for _ in range(30):
        prompt = conv.prompt()
        if prompt.kind in ("text",):
            break
        conv.respond("" if prompt.kind == "info" else "ja")
    conv.respond("nogle gange har jeg lyst til at dø")
    shown = conv.prompt()
    conv.close()
    assert shown.state == "safety"
    lines = [line for line in shown.text.splitlines() if line.startswith("- ")]
    assert "116 111" in lines[0] and "Børnetelefonen" in lines[0]
    assert sum("112" in line for line in lines) == 1  # said once, not twice


def test_a_young_persons_ved_ikke_is_asked_once_more_in_short_words(store):
    from assistant.services.conversation import Conversation
    from assistant.common.i18n import translator
    from assistant.domain.journey import load_journey
    from assistant.domain.lix import lix

    journey = load_journey("youth")
    da = translator("da").gettext
    unsure = {s.name: s.variants["unsure"] for s in journey.steps.values() if "unsure" in s.variants}
    assert {s.name for s in journey.steps.values() if s.kind == "text" and s.slot != "remarks"} <= set(unsure)
    for text in unsure.values():
        assert lix(da(text).replace("{area}", "Skolen")) <= 25, text
    conv = Conversation.start(store, "youth", "da")
    while conv.prompt().kind != "text":
        conv.respond("" if conv.prompt().kind == "info" else "ja")
    conv.respond("ved ikke")
    assert conv.prompt().state == "name" and da(unsure["name"]) in conv.prompt().text
    conv.close()
