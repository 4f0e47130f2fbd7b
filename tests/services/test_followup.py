"""The follow-up conversation: per goal how it is going, what helped, what got in the way,
keep/change/drop/reached, new dreams; the result is a new version, earlier versions unchanged."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import converse, finalise, last_plan, run_cli, run_jsonl
from tests.support.personas import ANNA_DA, ANNA_EN

from assistant.services.casework import CannotFinalise, Casework
from assistant.services.plans import load_full_plan
from assistant.services.followup import FollowUp, propose_follow_up
from assistant.services.resume import resume_case

# Goal 1 (the walking club): kept, with a new dream added; goal 2 (the bus): reached.
FOLLOW_UP_DA = [
    "",  # welcome
    "7", "At gå sammen med Lise", "Regnvejr", "beholde",
    "9", "Min søster", "Ingenting", "nået",
    "ja", "At lave mad til min søster", "Så kan jeg give noget igen", "8", "Købe ind til en ret",
    "Lise", "Min søster har spist hos mig", "1", "enig",
    "nej", "Tak",
]
FOLLOW_UP_EN = [
    "",
    "7", "Walking with Lise", "Rainy days", "keep",
    "9", "My sister", "Nothing", "reached",
    "yes", "To cook for my sister", "Then I can give something back", "8", "Buy food for one dish",
    "Lise", "My sister has eaten at my place", "1", "agree",
    "no", "Thanks",
]


def _final_case(store, script, lang, **meta) -> str:
    case = converse(store, script, lang, **meta)
    with Casework(store, case, user="sb1") as work:
        work.set_plan_field("expected_duration_months", 12)
        finalise(work)
    return case


def _version_json(store_path, case, version=1) -> str:
    return run_cli("export", case, "--store", str(store_path), "--version", str(version)).stdout


@pytest.mark.parametrize(("script", "answers", "lang"), [(ANNA_DA, FOLLOW_UP_DA, "da"), (ANNA_EN, FOLLOW_UP_EN, "en")])
def test_follow_up_keeps_one_goal_marks_one_reached_and_adds_a_new_dream(
        store, store_path, monkeypatch, script, answers, lang):
    case = _final_case(store, script, lang)
    before = load_full_plan(store, case)
    kept_version = _version_json(store_path, case)
    raw_before = json.loads((store_path / "cases" / case / "case.json").read_text("utf-8"))["versions"]
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-03-01")
    events = run_jsonl(store_path, answers, "--case", case)
    prompts = [e for e in events if e["event"] == "prompt"]
    states = [p["state"] for p in prompts]
    assert states[:6] == ["welcome", "going", "helped", "hindered", "decision", "going"]
    assert "indicator" not in states  # no indicator was set on these goals
    assert prompts[1]["item"] == 1 and prompts[5]["item"] == 2
    goal_word = "Dit første skridt er" if lang == "da" else "Your first step is"
    assert goal_word in prompts[1]["text"] and before["goals"][0]["first_step"] in prompts[1]["text"]
    assert states[-1] == "end" and events[-1]["event"] == "end"
    plan = last_plan(events)
    # A new version, a draft for the caseworker; goals keep their identity.
    assert (plan["version"], plan["status"]) == (2, "draft")
    assert [g["id"] for g in plan["goals"]] == ["g1", "g3"]
    assert plan["goals"][0]["first_step"] == before["goals"][0]["first_step"]
    assert plan["goals"][1]["dream"] == answers[10] and plan["goals"][1]["citizen_response"] == "agree"
    assert [(g["id"], g["closed"], g["closed_on"]) for g in plan["closed_goals"]] == [("g2", "reached", "2027-03-01")]
    assert [{k: v for k, v in f.items() if k != "transcript"} for f in plan["followups"]] == [
        {"round": 1, "date": "2027-03-01", "remarks": answers[-1]}]
    assert [e["text"] for e in plan["followups"][0]["transcript"] if e.get("state") == "helped"] == [answers[2], answers[6]]
    citizen = run_cli("export", case, "--store", str(store_path), "--format", "md").stdout
    assert ("## Mål, jeg har nået" if lang == "da" else "## Goals I have reached") in citizen
    # The earlier final version is byte-for-byte what it was.
    assert _version_json(store_path, case) == kept_version
    raw_after = json.loads((store_path / "cases" / case / "case.json").read_text("utf-8"))["versions"]
    assert json.dumps(raw_after["1"], ensure_ascii=False) == json.dumps(raw_before["1"], ensure_ascii=False)
    # The caseworker makes the new version final; it is kept beside the first.
    monkeypatch.setattr("store.clock.today", lambda: __import__("datetime").date(2027, 3, 1))
    with Casework(store, case, user="sb1") as work:
        assert work.conversation_finished
        work.set_status("reviewed")
        work.set_status("final")
        assert [v["version"] for v in work.versions()] == [1, 2]
        trail = [(e["who"], e["what"]) for e in work.trail()]
        assert ("citizen (follow-up)", "version") in trail
    assert _version_json(store_path, case) == kept_version


def test_a_changed_goal_keeps_its_id_and_its_earlier_wording(store):
    case = _final_case(store, ANNA_DA, "da")
    conv = resume_case(store, case)
    assert isinstance(conv, FollowUp)
    for answer in ["", "3", "", "", "ændre", "Gå med i klubben om lørdagen", "6", "", "", "beholde", "nej", ""]:
        reply = conv.respond(answer)
        assert reply.invalid is None, (answer, reply.invalid)
    assert conv.finished
    conv.close()
    plan = load_full_plan(store, case)
    g1 = plan["goals"][0]
    assert g1["id"] == "g1" and g1["first_step"] == "Gå med i klubben om lørdagen"
    assert g1["earlier"][-1]["first_step"] == ANNA_DA["first_step"][0]
    assert g1["earlier"][-1]["changed_at_follow_up"]


def test_a_follow_up_pauses_and_resumes_at_the_same_question(store):
    case = _final_case(store, ANNA_DA, "da")
    conv = resume_case(store, case)
    conv.respond("")
    conv.respond("5")
    assert conv.prompt().state == "helped"
    conv.pause()
    again = resume_case(store, case)
    assert isinstance(again, FollowUp) and again.prompt().state == "helped"
    again.respond("/back")
    assert again.prompt().state == "going"
    again.close()
    with Casework(store, case, user="sb1") as work:  # the plan cannot be final while the follow-up is under way
        assert not work.conversation_finished
        work.reopen("the citizen wants another plan")
        work.set_status("reviewed")
        with pytest.raises(CannotFinalise) as refused:
            work.set_status("final")
        assert "has not finished the conversation" in str(refused.value.problems)


def test_without_a_final_plan_there_is_no_follow_up(store):
    case = converse(store, ANNA_DA)
    conv = resume_case(store, case)
    assert not isinstance(conv, FollowUp) and conv.finished
    conv.close()


def test_the_next_follow_up_comes_from_the_goals_horizons():
    import datetime as dt

    since = dt.date(2027, 1, 10)
    plan = {"goals": [{"kept": True, "due": "2027-06-01"}, {"kept": True, "due": "2028-01-01"},
                      {"kept": False, "due": "2027-02-01"}]}
    assert propose_follow_up(plan, since, False) == dt.date(2027, 6, 1)  # the earliest kept goal's date
    assert propose_follow_up(plan, since, True) == dt.date(2027, 4, 10)  # at most 3 months after the change
    assert propose_follow_up({"goals": []}, since, False) == dt.date(2028, 1, 10)  # else within a year


def test_a_bad_today_is_a_sentence(store_path, monkeypatch):
    monkeypatch.setenv("BORGERREJSE_TODAY", "i morgen")
    proc = run_cli("run", "--store", str(store_path), "--jsonl", stdin="\n", check=False)
    assert proc.returncode == 3 and "BORGERREJSE_TODAY" in proc.stderr and "Traceback" not in proc.stderr


def test_a_followed_up_plan_follows_the_schema(store, store_path, monkeypatch, plan_schema):
    import jsonschema

    case = _final_case(store, ANNA_DA, "da")
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-03-01")
    run_jsonl(store_path, FOLLOW_UP_DA, "--case", case)
    plan = json.loads(run_cli("export", case, "--store", str(store_path), "--view", "case").stdout)
    assert plan["closed_goals"] and plan["followups"] and plan["progress"]
    jsonschema.validate(plan, plan_schema, format_checker=jsonschema.FormatChecker())
