"""Whole conversations through ``borgerrejse run --jsonl``, as three different citizens."""

from __future__ import annotations

import datetime as dt
import json
import shlex

import jsonschema
import pytest
from tests.support.helpers import drive, last_plan, run_cli
from tests.support.personas import ANNA_DA, ANNA_EN, BO_DA, CARLA_DA, CARLA_EN

from assistant.domain.lix import lix
from assistant.domain.plan import Plan
from assistant.render.views import citizen_markdown, plain_text


def _validate(plan: dict, schema: dict) -> None:
    jsonschema.validate(plan, schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("script,lang", [(ANNA_DA, "da"), (ANNA_EN, "en")])
def test_full_answers_with_two_dreams(store_path, plan_schema, script, lang):
    events, code = drive(store_path, script, "--lang", lang)
    assert code == 0
    assert events[-1]["event"] == "end"
    assert [e["event"] for e in events].count("plan") == 2  # when drafted, and after the review
    plan = last_plan(events)
    _validate(plan, plan_schema)
    assert plan["lang"] == lang and plan["name"] == "Anna"
    # Every dream is in the plan word for word, and the citizen's own priority leads.
    dreams = [g["dream"] for g in plan["goals"]]
    assert dreams == script["dream"]
    assert script["dream"][0] in plan["purpose"] and script["why"][0] in plan["purpose"]
    first, second = plan["goals"]
    assert first["priority"] == 1 and second["priority"] == 2
    assert first["success_criterion"] == script["sign"][0]
    assert first["first_step"] == script["first_step"][0]
    assert first["helpers"] == script["helpers"][0]
    assert first["motivation"] == 8 and second["motivation"] == 6
    created = dt.date.fromisoformat(plan["created"][:10])
    assert first["horizon"] == "short" and first["due"] == _months(created, 3)
    assert second["horizon"] == "long" and second["due"] == _months(created, 12)
    assert first["domain"] == "social"  # "ven", "friend"
    assert [g["citizen_response"] for g in plan["goals"]] == ["agree", "agree"]
    assert second["citizen_comment"] == script["review_comment"][1]
    assert plan["remarks"] == script["remarks"][0]
    assert plan["involvement"]["reviewed_by_citizen"] is True
    assert plan["involvement"]["skipped"] == 1  # no comment on the first goal
    assert dt.date.fromisoformat(plan["follow_up"]) <= _date_months(created, 3)
    assert plan["expected_duration_months"] == 12
    assert plan["open_points"] == []
    assert any(e["type"] == "answer" and e["text"] == script["everyday"][0] for e in plan["transcript"])
    # The case's stored plan is what `export` prints.
    exported = json.loads(run_cli("export", plan["case"], "--format", "json", "--store", str(store_path)).stdout)
    _validate(exported, plan_schema)
    # Exports add the caseworker's fields (empty so far) to the citizen's draft, changing nothing.
    for drafted, out in zip(plan["goals"], exported["goals"], strict=True):
        assert {k: out[k] for k in drafted} == drafted
        assert out["citizen"] == {} and out["reasoning"] is None


def test_skipping_almost_everything_gives_honest_open_points(store_path, plan_schema):
    events, code = drive(store_path, BO_DA)
    assert code == 0 and events[-1]["event"] == "end"
    plan = last_plan(events)
    _validate(plan, plan_schema)
    (goal,) = plan["goals"]
    assert goal["dream"] == "Have min egen lejlighed"
    assert goal["domain"] == "environment"
    # Nothing invented: skipped answers stay empty and become open points.
    for field in ("why", "first_step", "helpers", "success_criterion", "due", "motivation", "citizen_response"):
        assert goal[field] is None, field
    # The plan speaks as the citizen, also where it is still open, and names the dream.
    assert goal["text"] == "Jeg vil gerne nå min drøm: »Have min egen lejlighed«. Det første skridt er noget, jeg aftaler med min sagsbehandler."
    assert len(plan["open_points"]) == 2
    assert all("jeg aftaler med min sagsbehandler" in p for p in plan["open_points"])
    assert plan["expected_duration"] is None  # not said, so not written
    text = plain_text(citizen_markdown(plan))
    assert "Hvor længe planen gælder, er noget, jeg aftaler med min sagsbehandler." in text
    assert "du aftaler" not in text and "Planen gælder noget" not in text
    assert plan["involvement"]["skipped"] > plan["involvement"]["answered"]
    assert plan["involvement"]["reviewed_by_citizen"] is False
    assert plan["name"] is None and plan["remarks"] is None


@pytest.mark.parametrize("script,lang", [(CARLA_DA, "da"), (CARLA_EN, "en")])
def test_disagreement_and_comment_survive_verbatim(store_path, plan_schema, script, lang):
    events, _ = drive(store_path, script, "--lang", lang)
    invalid = [e for e in events if e["event"] == "invalid"]
    assert len(invalid) == 1 and "10" in invalid[0]["message"]  # 12 on a 0–10 scale
    states = [e["state"] for e in events if e["event"] == "prompt"]
    assert "motivationup" in states  # low motivation: what would make it a little higher?
    plan = last_plan(events)
    _validate(plan, plan_schema)
    (goal,) = plan["goals"]
    assert goal["citizen_response"] == "disagree"
    assert goal["citizen_comment"] == script["review_comment"][0]
    assert goal["motivation"] == 3 and goal["motivation_up"] == script["motivation_up"][0]
    assert goal["horizon"] == "short"
    assert goal["domain"] == "physical"
    # After a disagreement the follow-up question asks what the citizen would rather have.
    comment_prompt = next(e for e in events if e["event"] == "prompt" and e["state"] == "reviewcomment")
    assert ("hellere" if lang == "da" else "rather") in comment_prompt["text"]


def test_pause_and_resume_in_a_new_process(store_path, plan_schema):
    events, code = drive(store_path, ANNA_DA, stop_at_state="firststep")
    assert code == 0 and events[-1]["event"] == "paused"
    case = events[-1]["case"]
    # Resuming continues at the same question, in a new process.
    resumed, code = drive(store_path, _after(ANNA_DA, "first_step"), "--case", case)
    first_prompt = resumed[0]
    assert first_prompt["state"] == "firststep" and first_prompt["case"] == case and first_prompt["item"] == 1
    plan = last_plan(resumed)
    _validate(plan, plan_schema)
    assert [g["dream"] for g in plan["goals"]] == ANNA_DA["dream"]
    types = [e["type"] for e in plan["transcript"]]
    assert "pause" in types and "resume" in types


def test_end_of_input_pauses(store_path):
    events, code = drive(store_path, ANNA_DA, stop_at_state="why", stop_with=None)
    case = events[0]["case"]
    assert code == 0 and events[-1]["event"] == "paused" and events[-1]["case"] == case
    # The command it names works as it stands: the store is in it, since it is not the default one.
    command = shlex.split(events[-1]["command"])
    assert command[:4] == ["borgerrejse", "run", "--case", case] and str(store_path) in command
    again = [json.loads(line) for line in run_cli(*command[1:], "--jsonl").stdout.splitlines()]
    assert again[0]["state"] == "why"
    assert ANNA_DA["dream"][0] in again[0]["text"]  # reflection uses the citizen's words


@pytest.mark.parametrize("script", [ANNA_DA, BO_DA, CARLA_DA])
def test_danish_plans_read_easily(store_path, script):
    """Plain language, measured: LIX ≤ 30 for the citizen's view of every persona's plan."""
    events, _ = drive(store_path, script)
    plan = Plan.from_dict(last_plan(events))
    text = plain_text(citizen_markdown(plan))
    assert lix(text) <= 30, (lix(text), text)
    for dream in script["dream"]:
        assert dream in text


def _after(script: dict, slot: str) -> dict:
    """The rest of ``script`` once the answers before ``slot`` in the first dream were given."""
    done = {None: 0, "consent": 1, "name": 1, "everyday": 1, "good_now": 1, "dream": 1, "why": 1, "motivation": 1}
    return {k: (v[done.get(k, 0):] if isinstance(v, list) else v) for k, v in script.items()}


def _months(day: dt.date, months: int) -> str:
    return _date_months(day, months).isoformat()


def _date_months(day: dt.date, months: int) -> dt.date:
    from assistant.domain.plan import add_months

    return add_months(day, months)
