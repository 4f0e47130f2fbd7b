"""The plan over time (issue 13): the first plan's follow-up proposed from the goals' dates,
and every conversation — the first and each follow-up — in the case view."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from tests.support.helpers import converse, finalise, run_cli, run_jsonl
from tests.support.personas import ANNA_DA, ANNA_EN

from assistant.services.casework import Casework
from assistant.common.errors import CaseworkError
from assistant.render.export import export_plan
from assistant.services.plans import load_full_plan
from assistant.domain.plan import add_months
from assistant.services.resume import resume_case

# Anna's goals are both long-term: in a year (goal 1) and "longer" (goal 2).
ANNA_LATER = {**ANNA_DA, "when": ["2", "3"]}


def _created(store, case) -> dt.date:
    return dt.date.fromisoformat(load_full_plan(store, case)["created"][:10])


def test_the_first_plans_follow_up_is_proposed_from_the_goals_dates(store):
    case = converse(store, ANNA_LATER)
    made = _created(store, case)
    plan = load_full_plan(store, case)
    # Not new, costly or complex: the earliest goal's date (in a year), not a fixed 3 months.
    assert plan["goals"][0]["due"] == add_months(made, 12).isoformat()
    assert plan["follow_up"] == add_months(made, 12).isoformat() and plan["follow_up_proposed"]
    with Casework(store, case, user="sb1") as work:
        # The case is new, costly or complex: the proposal moves to 3 months, and the trail says so.
        work.set_meta(new_costly_complex=True)
        assert work.plan()["follow_up"] == add_months(made, 3).isoformat()
        entry = work.trail()[-1]
        assert (entry["what"], entry["old"], entry["new"]) == (
            "plan.follow_up", add_months(made, 12).isoformat(), add_months(made, 3).isoformat())
        work.set_meta(new_costly_complex=False)
        # The caseworker agrees an earlier date for goal 1: the proposal follows it.
        soon = (made + dt.timedelta(days=40)).isoformat()
        work.set_goal_field("g1", "due", soon)
        assert work.plan()["follow_up"] == soon and work.plan()["follow_up_proposed"]
        # A date the caseworker chooses stays as chosen, whatever changes after.
        chosen = (made + dt.timedelta(days=60)).isoformat()
        work.set_plan_field("follow_up", chosen)
        work.set_meta(new_costly_complex=True)
        plan = work.plan()
        assert (plan["follow_up"], plan["follow_up_proposed"]) == (chosen, False)
        with pytest.raises(CaseworkError, match="passed"):  # the old rules stay: never a past date
            work.set_plan_field("follow_up", (made - dt.timedelta(days=1)).isoformat())


def test_a_new_costly_or_complex_case_is_proposed_3_months_from_the_start(store):
    case = converse(store, ANNA_LATER, new_costly_complex=True)
    made = _created(store, case)
    assert load_full_plan(store, case)["follow_up"] == add_months(made, 3).isoformat()
    with Casework(store, case, user="sb1") as work:
        finalise(work)  # the proposal passes the 3-month rule as it is
        assert work.plan()["follow_up"] == add_months(made, 3).isoformat()
        assert not work.plan()["follow_up_proposed"]  # a final plan's date is agreed


def test_the_proposal_is_agreed_at_final_and_counted_again_from_a_new_version(store, monkeypatch):

    case = converse(store, ANNA_LATER)
    made = _created(store, case)
    with Casework(store, case, user="sb1") as work:
        finalise(work)
        kept = work.versions()[-1]["plan"]
        assert kept["follow_up"] == add_months(made, 12).isoformat()
        # The case's facts change after final: the agreed date does not move by itself.
        work.set_meta(new_costly_complex=True)
        assert work.plan()["follow_up"] == add_months(made, 12).isoformat()
        later = made + dt.timedelta(days=100)
        monkeypatch.setattr("store.clock.today", lambda: later)
        work.reopen("Anna vil gerne lave planen om nu.")
        # A new version: 3 months from the day it began (the case is new, costly or complex now).
        plan = work.plan()
        assert (plan["follow_up"], plan["follow_up_proposed"]) == (add_months(later, 3).isoformat(), True)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_proposal_is_shown_in_the_case_view_and_on_the_command_line(store, store_path, lang):
    case = converse(store, ANNA_LATER)
    made = _created(store, case)
    out = run_cli("casework", case, "--store", str(store_path), "--lang", lang).stdout
    from assistant.common.i18n import translator

    day = translator(lang).date(add_months(made, 12))
    if lang == "da":
        assert f"Opfølgningsdato: {day}, foreslået ud fra målenes datoer" in out
    else:
        assert f"Follow-up date: {day}, proposed from the goals' dates" in out
    md = export_plan(store, case, fmt="md", view="case", lang=lang)
    note = "(foreslået ud fra målenes datoer)" if lang == "da" else "(proposed from the goals' dates)"
    assert f"| {day} {note} |" in md
    chosen = (made + dt.timedelta(days=30)).isoformat()
    out = run_cli("casework", case, "--store", str(store_path), "--lang", lang, "--set", f"follow_up={chosen}").stdout
    assert note.strip("()") not in out and note not in export_plan(store, case, fmt="md", view="case", lang=lang)


# A follow-up of Anna's two goals: both kept, with what helped typed as markup.
TYPED = "<b>Lise</b> *hjalp* [mig](http://x.dk)"
TYPED_EN = "<b>Lise</b> *helped* [me](http://x.dk)"
ROUND_DA = ["", "7", TYPED, "Regn", "beholde", "6", "", "", "beholde", "nej", "Tak for *i dag*"]
ROUND_EN = ["", "7", TYPED_EN, "Rain", "keep", "6", "", "", "keep", "no", "Thanks for *today*"]


def _two_follow_ups(store, store_path, monkeypatch, script, answers) -> str:
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-12-01")
    case = converse(store, script, "da" if answers is ROUND_DA else "en")
    with Casework(store, case, user="sb1") as work:
        finalise(work)
    for day in ("2027-02-01", "2027-04-01"):
        monkeypatch.setenv("BORGERREJSE_TODAY", day)
        events = run_jsonl(store_path, answers, "--case", case)
        assert events[-1]["event"] == "end", events[-3:]
        with Casework(store, case, user="sb1") as work:
            work.set_status("reviewed")
            work.set_status("final")
    return case


@pytest.mark.parametrize(("script", "answers", "lang"), [(ANNA_DA, ROUND_DA, "da"), (ANNA_EN, ROUND_EN, "en")])
def test_the_case_view_shows_every_conversation_dated_and_labelled(store, store_path, monkeypatch, script, answers, lang):
    case = _two_follow_ups(store, store_path, monkeypatch, script, answers)
    md = export_plan(store, case, fmt="md", view="case")
    conversation = md[md.index("## Samtalen" if lang == "da" else "## The conversation"):]
    if lang == "da":
        headings = ["### Den første samtale, 1. december 2026", "### Opfølgningssamtale 1, 1. februar 2027",
                    "### Opfølgningssamtale 2, 1. april 2027"]
    else:
        headings = ["### The first conversation, 1 December 2026", "### Follow-up conversation 1, 1 February 2027",
                    "### Follow-up conversation 2, 1 April 2027"]
    places = [conversation.index(h) for h in headings]
    assert places == sorted(places)
    first, round1, round2 = (conversation[a:b] for a, b in zip(places, [*places[1:], len(conversation)]))
    assert script["dream"][0] in first and script["dream"][0] not in round1
    # The follow-up's questions and answers, each one's own: how it goes, what helped, the decision.
    seven = "→ »7«" if lang == "da" else "→ “7”"
    assert seven in round1 and seven in round2
    assert ("→ Beholde" if lang == "da" else "→ Keep") in round1
    # What the citizen typed is shown as typed, never as markup.
    typed = TYPED if lang == "da" else TYPED_EN
    assert "\\<b\\>Lise\\</b\\>" in round1 and "\\*" in round1 and "\\[" in round1
    # The citizen's remarks at each follow-up, dated, in the case view and in their own plan.
    said = "»Tak for \\*i dag\\*«" if lang == "da" else "“Thanks for \\*today\\*”"
    if lang == "da":
        assert f"- Ved opfølgning 1, 1. februar 2027: {said}" in md and f"- Ved opfølgning 2, 1. april 2027: {said}" in md
        citizen = export_plan(store, case, fmt="md")
        assert f"Ved opfølgningen den 1. april 2027: {said}" in citizen
        assert "Ændret ved opfølgningen den 1. april 2027." in citizen
    else:
        assert f"- At follow-up 1, 1 February 2027: {said}" in md
        assert f"At the follow-up on 1 April 2027: {said}" in export_plan(store, case, fmt="md")
    html = export_plan(store, case, fmt="html", view="case")
    assert "<b>Lise</b>" not in html and "&lt;b&gt;Lise&lt;/b&gt;" in html and 'href="http://x.dk"' not in html
    as_json = json.loads(export_plan(store, case, fmt="json", view="case"))
    rounds = as_json["followups"]
    assert [r["date"] for r in rounds] == ["2027-02-01", "2027-04-01"]
    helped = [e for e in rounds[0]["transcript"] if e.get("type") == "answer" and e.get("state") == "helped"]
    assert [e["text"] for e in helped] == [typed]
    # Each version keeps the conversations it was made from: version 2 the first follow-up only.
    kept = json.loads(run_cli("export", case, "--store", str(store_path), "--version", "2", "--view", "case").stdout)
    assert [r["round"] for r in kept["followups"]] == [1]
    kept_md = run_cli("export", case, "--store", str(store_path), "--version", "2", "--view", "case",
                      "--format", "md").stdout
    assert headings[1] in kept_md and headings[2] not in kept_md


def test_a_sign_of_distress_in_a_follow_up_stays_out_of_the_citizens_copy(store, store_path, monkeypatch):
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-12-01")
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        finalise(work)
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-02-01")
    # After the safety step "what got in the way?" is asked again (issue 20): skipped here.
    answers = ["", "2", "Ingenting", "Jeg har lyst til at dø", "fortsæt", "", "beholde", "6", "", "", "beholde", "nej", ""]
    events = run_jsonl(store_path, answers, "--case", case)
    assert "safety" in [e.get("state") for e in events if e["event"] == "prompt"] and events[-1]["event"] == "end"
    # The plan the citizen's channel gets at the end carries their words, never the flag.
    told = [e["plan"] for e in events if e["event"] == "plan"][-1]
    assert told["followups"][0]["transcript"]
    assert not any(e.get("type") == "distress" or "signs" in e for f in told["followups"] for e in f["transcript"])
    with Casework(store, case, user="sb1") as work:
        assert [f["state"] for f in work.handle.meta["flags"]] == ["hindered"]  # the caseworker is told
    case_md = export_plan(store, case, fmt="md", view="case")
    round1 = case_md[case_md.index("### Opfølgningssamtale 1"):]
    assert "⚑" in round1  # the caseworker sees where the sign came, as in the first conversation
    citizen = json.loads(export_plan(store, case, fmt="json"))
    (kept,) = citizen["followups"]
    assert kept["transcript"] and not any(e.get("type") == "distress" or "safety" in e or "signs" in e
                                          for e in kept["transcript"])


# A young person (Barnets lov): three areas talked about, family said no to, health skipped; two dreams.
YOUNG_DA = ["", "ja", "Mia", "ja", "Jeg har gode venner", "Jeg vil gerne sove mere", "nej",
            "ja", "Jeg kan lide dansk", "Matematik er svært", "/skip", "ja", "Jeg går til fodbold", "Flere venner i klassen",
            "At jeg kan følge med i matematik", "3", "Så jeg ikke er bange for prøverne", "7", "Spørge læreren om hjælp",
            "Min lærer og min mor", "Jeg får bedre karakterer", "1", "ja",
            "At få en ven mere i klassen", "5", "Så er jeg ikke alene i frikvarteret", "6", "Spørge Emma om hun vil spille",
            "Min mor", "Vi leger i frikvarteret", "1", "nej", "1", "", "enig", "", "enig", "", ""]
YOUNG_EN = ["", "yes", "Mia", "yes", "I have good friends", "I want to sleep more", "no",
            "yes", "I like Danish", "Maths is hard", "/skip", "yes", "I play football", "More friends in my class",
            "To keep up in maths", "3", "So I am not afraid of tests", "7", "Ask the teacher for help",
            "My teacher and my mum", "I get better marks", "1", "yes",
            "To have one more friend in class", "5", "Then I am not alone at break", "6", "Ask Emma to play",
            "My mum", "We play at break", "1", "no", "1", "", "agree", "", "agree", "", ""]
# The follow-up: goal 1 (school) kept, rated on the school area's 0–4 indicator; goal 2 reached; a new dream.
YOUNG_FOLLOW_UP_DA = ["", "6", "2", "Læreren", "Larm i klassen", "beholde", "9", "Emma", "", "nået",
                      "ja", "At gå til svømning", "5", "Så bliver jeg stærk", "8", "Spørge mor om jeg må", "Mor",
                      "Jeg har været der to gange", "1", "enig", "nej", "Tak"]
YOUNG_FOLLOW_UP_EN = ["", "6", "2", "The teacher", "Noise in class", "keep", "9", "Emma", "", "reached",
                      "yes", "To go swimming", "5", "Then I get strong", "8", "Ask mum if I can", "Mum",
                      "I have been there twice", "1", "agree", "no", "Thanks"]


@pytest.mark.parametrize(("first", "follow_up", "lang"), [(YOUNG_DA, YOUNG_FOLLOW_UP_DA, "da"),
                                                          (YOUNG_EN, YOUNG_FOLLOW_UP_EN, "en")])
def test_a_young_persons_plan_over_time_headless(store_path, monkeypatch, first, follow_up, lang):
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-12-01")
    events = run_jsonl(store_path, first, "--journey", "youth", "--lang", lang)
    plan = [e["plan"] for e in events if e["event"] == "plan"][-1]
    case = plan["case"]
    assert [g["area"] for g in plan["goals"]] == ["school", "leisure"] and events[-1]["event"] == "end"
    assert plan["areas"]["family"] == {"area_talk": False} and plan["areas"]["health"] == {"area_talk": None}
    store = ["--store", str(store_path)]
    run_cli("casework", case, *store, "--set", "measures=Familiebehandling", "--set", "expected_duration_months=6",
            "--set", "area.school=3;1", "--status", "reviewed")
    run_cli("casework", case, *store, "--status", "final")
    kept = run_cli("export", case, *store, "--version", "1").stdout
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-02-01")
    events = run_jsonl(store_path, follow_up, "--case", case)
    prompts = [e for e in events if e["event"] == "prompt"]
    assert prompts[0]["text"].startswith("Hej igen!" if lang == "da" else "Hi again!")  # the young person's wording
    indicator = next(p for p in prompts if p["state"] == "indicator")
    assert indicator["scale"] == {"min": 0, "max": 4} and indicator["item"] == 1
    assert [p["item"] for p in prompts if p["state"] == "indicator"] == [1]  # goal 2's area has no indicator
    assert "dreamarea" in [p["state"] for p in prompts]  # the new dream is tagged by area, as at first
    dream = next(p for p in prompts if p["state"] == "dream")
    assert ("Skriv den med dine egne ord." if lang == "da" else "Write it in your own words.") in dream["text"]
    assert events[-1]["event"] == "end"
    plan = json.loads(run_cli("export", case, *store, "--view", "case", "--format", "json").stdout)
    assert (plan["version"], plan["status"], plan["plan_kind"]) == (2, "draft", "barnets_plan")
    assert [(g["id"], g["area"]) for g in plan["goals"]] == [("g1", "school"), ("g3", "leisure")]
    assert plan["goals"][1]["dream"] == follow_up[11] and plan["goals"][1]["domain"] is None
    assert [(g["id"], g["closed"]) for g in plan["closed_goals"]] == [("g2", "reached")]
    g1 = next(p for p in plan["progress"] if p["goal"] == "g1")
    assert [(r["date"], r["citizen_going"], r["citizen"]) for r in g1["rows"] if r["citizen_going"] is not None] == [
        ("2027-02-01", 6, 2)]
    # Still audited against Barnets lov, not § 141; the kept version 1 is byte-for-byte as it was.
    assert plan["audit"]["law"] == "Barnets lov §§ 91–92"
    md = run_cli("export", case, *store, "--view", "case", "--format", "md").stdout
    assert "§ 141" not in md and "Barnets lov §§ 91–92" in md
    assert run_cli("export", case, *store, "--version", "1").stdout == kept


def _casework(store_path, case, *args: str) -> str:
    return run_cli("casework", case, "--store", str(store_path), *args).stdout


@pytest.mark.parametrize("lang", ["da", "en"])
def test_progress_across_three_follow_ups_headless(store, store_path, monkeypatch, tmp_path, lang):
    """Three follow-ups on later days over ``run --jsonl``, the caseworker and the provider on the
    command line between them; the progress per goal, and the kept versions byte for byte."""
    keep, reached, no = ("beholde", "nået", "nej") if lang == "da" else ("keep", "reached", "no")
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-12-01")
    case = converse(store, ANNA_DA if lang == "da" else ANNA_EN, lang)
    _casework(store_path, case, "--set", "g1.indicator=Deltagelse;3;1", "--set", "measures=Bostøtte",
              "--set", "other_conditions=Ingen", "--set", "expected_duration_months=12", "--status", "reviewed")
    _casework(store_path, case, "--status", "final")
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-01-15")
    csv_file = tmp_path / "provider.csv"
    csv_file.write_text("goal,date,indicator,note\ng1,2027-01-15,3,Kommer af og til\n", "utf-8")
    _casework(store_path, case, "--provider-status-from", str(csv_file))
    rounds = [("2027-02-01", ["", "4", "3", "Lise", "Regn", keep, "6", "", "", keep, no, ""]),
              ("2027-03-01", ["", "6", "1", "Klubben", "", keep, "7", "", "", keep, no, ""]),
              ("2027-05-01", ["", "8", "1", "Vennerne", "", reached, "8", "", "", keep, no, ""])]
    kept: dict[int, str] = {}
    raw_kept: dict[str, object] = {}
    for number, (day, answers) in enumerate(rounds, 1):
        monkeypatch.setenv("BORGERREJSE_TODAY", day)
        events = run_jsonl(store_path, answers, "--case", case)
        assert events[-1]["event"] == "end" and not [e for e in events if e["event"] == "invalid"]
        if number == 2:  # the provider's status and the caseworker's indicator, the same day
            json_file = tmp_path / "provider.json"
            json_file.write_text(json.dumps([{"goal": "g1", "date": day, "indicator": 3, "note": "Uregelmæssig"}]), "utf-8")
            _casework(store_path, case, "--provider-status-from", str(json_file), "--set", "g1.indicator=Deltagelse;2;1")
        if number < 3:
            _casework(store_path, case, "--status", "reviewed")
            _casework(store_path, case, "--status", "final")
            kept = {v: run_cli("export", case, "--store", str(store_path), "--version", str(v)).stdout
                    for v in range(1, number + 2)}
            raw = json.loads((store_path / "cases" / case / "case.json").read_text("utf-8"))["versions"]
            raw_kept = {k: json.dumps(v, ensure_ascii=False) for k, v in raw.items()}
    plan = json.loads(run_cli("export", case, "--store", str(store_path), "--view", "case").stdout)
    assert plan["version"] == 4 and [f["date"] for f in plan["followups"]] == [d for d, _ in rounds]
    g1 = next(p for p in plan["progress"] if p["goal"] == "g1")
    assert g1["closed"] == "reached"
    rows = {r["date"]: r for r in g1["rows"]}
    assert list(rows) == ["2026-12-01", "2027-01-15", "2027-02-01", "2027-03-01", "2027-05-01"]
    assert [rows[d]["citizen_going"] for d, _ in rounds] == [4, 6, 8]
    assert (rows["2026-12-01"]["caseworker"], rows["2027-01-15"]["provider"]) == (3, 3)
    march = rows["2027-03-01"]  # the citizen 1, the caseworker 2, the provider 3: two apart
    assert (march["citizen"], march["caseworker"], march["provider"], march["talk_about"]) == (1, 2, 3, True)
    g2 = next(p for p in plan["progress"] if p["goal"] == "g2")
    assert [r["citizen_going"] for r in g2["rows"]] == [6, 7, 8]
    md = run_cli("export", case, "--store", str(store_path), "--view", "case", "--format", "md").stdout
    if lang == "da":
        assert "| 1. marts 2027 | 6 | 1 | 2 | 3 | Uregelmæssig | ja, 2 fra hinanden |" in md
    else:
        assert "| 1 March 2027 | 6 | 1 | 2 | 3 | Uregelmæssig | yes, 2 apart |" in md
    # Versions 1–3, made final before the last follow-up, are exactly as they were kept.
    for v, text in kept.items():
        assert run_cli("export", case, "--store", str(store_path), "--version", str(v)).stdout == text
    raw = json.loads((store_path / "cases" / case / "case.json").read_text("utf-8"))["versions"]
    assert {k: json.dumps(v, ensure_ascii=False) for k, v in raw.items()} == raw_kept


def test_a_follow_up_names_its_own_parts_in_order(store):
    """The chat's header: how it is going, new dreams, finishing — never back and forth."""
    from assistant.services.followup import FollowUp

    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        finalise(work)
    conv = resume_case(store, case)
    assert isinstance(conv, FollowUp)
    seen = []
    for answer in ["", "7", "Lise", "", "beholde", "6", "", "", "nået", "ja", "At lave mad", "Det er hyggeligt", "8",
                   "Købe ind", "Lise", "Jeg har lavet mad", "1", "enig", "nej", "Tak"]:
        prompt = conv.prompt()
        seen.append((prompt.part, prompt.phase_label))
        conv.respond(answer)
    seen.append((conv.prompt().part, conv.prompt().phase_label))
    conv.close()
    assert [p for p, _ in seen] == sorted(p for p, _ in seen) and {p for p, _ in seen} == {(1, 3), (2, 3), (3, 3)}
    assert dict(seen) == {(1, 3): "Sådan går det", (2, 3): "Nye drømme", (3, 3): "Vi slutter af"}
