"""The plan over time (issue 13): the first plan's follow-up proposed from the goals' dates,
and every conversation — the first and each follow-up — in the case view."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from helpers import converse, finalise, run_cli, run_jsonl
from personas import ANNA_DA, ANNA_EN

from assistant.casework import Casework, CaseworkError
from assistant.export import export_plan, load_full_plan
from assistant.plan import add_months

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
    from assistant import casework

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
        monkeypatch.setattr(casework, "today", lambda: later)
        work.reopen("Anna vil gerne lave planen om nu.")
        # A new version: 3 months from the day it began (the case is new, costly or complex now).
        plan = work.plan()
        assert (plan["follow_up"], plan["follow_up_proposed"]) == (add_months(later, 3).isoformat(), True)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_proposal_is_shown_in_the_case_view_and_on_the_command_line(store, store_path, lang):
    case = converse(store, ANNA_LATER)
    made = _created(store, case)
    out = run_cli("casework", case, "--store", str(store_path), "--lang", lang).stdout
    from assistant.i18n import translator

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
