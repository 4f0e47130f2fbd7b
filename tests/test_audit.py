"""The audit rates plans built to hit each rating, with reasons from the plan itself."""

from __future__ import annotations

import copy

import pytest
from helpers import converse, run_cli
from personas import ANNA_DA, BO_DA, CARLA_DA

from assistant.audit import audit
from assistant.casework import Casework
from assistant.export import load_full_plan


def _ratings(plan, lang="da"):
    result = audit(plan, lang)
    return {r.key: r.rating for r in result.ratings}, result


@pytest.fixture
def complete(store):
    """Anna's plan, completed by a caseworker as the Randers audit would want it."""
    case = converse(store, ANNA_DA)
    with Casework(store, case) as work:
        work.set_plan_field("measures", ["Bostøtte § 85", "Gå-klub"])
        work.set_goal_field("g1", "measure", "Gå-klub")
        work.set_goal_field("g2", "measure", "Bostøtte § 85")
        work.set_goal_field("g2", "provider_suggestions", "Måske træning i at tage bussen i små bidder.")
        work.set_plan_field("other_conditions", "Ingen")
    return load_full_plan(store, case)


def test_a_complete_plan_is_rated_high_on_everything(complete):
    ratings, result = _ratings(complete)
    assert set(ratings.values()) == {"high"}
    assert all(e.present for e in result.legal)
    assert result.fixes == []
    method = next(r for r in result.ratings if r.key == "method_room")
    assert "1 mål har forslag" in method.reason


def test_a_mostly_skipped_plan_is_not_silently_fine(store):
    plan = load_full_plan(store, converse(store, BO_DA))
    ratings, result = _ratings(plan)
    assert ratings["purpose"] == "some"  # a direction, but no why and no success criterion
    assert ratings["when_met"] == "none" and ratings["reachable"] == "none"
    assert ratings["duration"] == "none" and ratings["extent"] == "none"
    assert ratings["coherence"] == "small"
    assert ratings["overall"] == "small"
    missing = {e.key for e in result.legal if not e.present}
    assert missing == {"measures", "duration", "other"}
    assert "Skriv indsatsens forventede varighed." in result.fixes


def test_no_goals_cannot_be_assessed_and_has_no_purpose(store):
    from assistant.conversation import Conversation

    conv = Conversation.start(store)
    for text in ["", "ja", "", "", "", "/skip", "nej"]:  # skips the dream, no second dream
        conv.respond(text)
    conv.close()
    plan = load_full_plan(store, conv.case_id)
    ratings, result = _ratings(plan)
    assert ratings["purpose"] == "none"
    assert ratings["reachable"] == ratings["when_met"] == ratings["method_room"] == "na"
    assert ratings["coherence"] == "none"
    assert not next(e for e in result.legal if e.key == "purpose").present


def test_half_the_goals_dated_is_some_degree(complete):
    plan = copy.deepcopy(complete)
    plan["goals"][1]["due"] = None
    ratings, result = _ratings(plan)
    assert ratings["when_met"] == "some"
    assert "1 af 2 mål" in next(r.reason for r in result.ratings if r.key == "when_met")


def test_goals_that_dictate_method_are_flagged(complete):
    plan = copy.deepcopy(complete)
    plan["goals"][0]["text"] = "Bostøtten skal bruge KRAP-metoden hver uge."
    ratings, result = _ratings(plan)
    assert ratings["method_room"] == "small"
    assert "Mål 1" in next(r.reason for r in result.ratings if r.key == "method_room")
    plan["goals"][1]["text"] = "Using the ABC method every day."
    assert _ratings(plan)[0]["method_room"] == "none"


def test_unanswered_disagreement_lowers_involvement(store):
    plan = load_full_plan(store, converse(store, CARLA_DA))
    ratings, result = _ratings(plan)
    involvement = next(r for r in result.ratings if r.key == "involvement")
    assert involvement.rating == "some" and "Nogle mangler stadig en faglig begrundelse" in involvement.reason
    plan["goals"][0]["reasoning"] = "Lægen råder til at starte tidligt."
    assert _ratings(plan)[0]["involvement"] == "high"


def test_unlinked_goals_weaken_extent_and_coherence(complete):
    plan = copy.deepcopy(complete)
    plan["goals"][1]["measure"] = None
    ratings, _ = _ratings(plan)
    assert ratings["extent"] == "some" and ratings["coherence"] == "some"


def test_audit_command_in_english_and_json(store):
    case = converse(store, BO_DA)
    text = run_cli("audit", case, "--store", str(store.root), "--lang", "en").stdout
    assert "NOT AT ALL" in text and "What to fix" in text
    data = run_cli("audit", case, "--store", str(store.root), "--json").stdout
    assert '"rating": "none"' in data


def test_what_to_fix_says_each_thing_once_and_only_what_applies(store):
    from personas import BO_DA

    plan = load_full_plan(store, converse(store, BO_DA))  # skipped nearly everything, no review
    result = audit(plan, "en")
    assert len(result.fixes) == len(set(result.fixes))
    assert not any("reasoning" in f for f in result.fixes)  # nobody disagreed
    assert any("so they can say what they think" in f for f in result.fixes)
    assert not any(f.startswith("Missing:") for f in result.fixes)  # said once, by the question it belongs to
    assert "Fix the points above." not in result.fixes
