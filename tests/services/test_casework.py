"""The caseworker completes the plan without ever changing the citizen's words."""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from tests.support.helpers import converse, run_cli
from tests.support.personas import ANNA_DA, CARLA_DA

from assistant.services.casework import Casework, CannotFinalise, CitizenWordsReadOnly, PlanIsFinal
from assistant.common.errors import CaseworkError
from assistant.common.errors import CaseLockedError, NoPlanYet
from assistant.services.conversation import Conversation
from assistant.services.plans import load_full_plan
from assistant.services.resume import resume_case


@pytest.fixture
def carla(store):
    return converse(store, CARLA_DA)


def test_caseworker_wording_sits_beside_the_citizens(store, carla):
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field("g1", "text", "Carla står op kl. 9 tre dage om ugen.")
        work.set_plan_field("purpose", "Carla får en fast døgnrytme, så hun har overskud til sine børn.")
        plan = work.plan()
    goal = plan["goals"][0]
    assert goal["text"] == "Carla står op kl. 9 tre dage om ugen."
    assert goal["citizen"]["text"] == "Mit første skridt er: »Stå op kl. 8 hver dag«."
    assert goal["dream"] == "Sove bedre om natten"
    assert plan["purpose_citizen"].startswith("Det arbejder jeg hen imod: »Sove bedre om natten«")
    assert plan["purpose"].startswith("Carla får")


def test_citizens_words_are_never_editable(store, carla):
    with Casework(store, carla) as work:
        for field in ("citizen_comment", "citizen_response", "dream", "why"):
            with pytest.raises(CitizenWordsReadOnly):
                work.set_goal_field("g1", field, "ændret")
        with pytest.raises(CitizenWordsReadOnly):
            work.set_plan_field("remarks", "ændret")
        assert work.plan()["goals"][0]["citizen_comment"] == CARLA_DA["review_comment"][0]


def grant(work: Casework) -> None:
    """What every final plan needs besides the citizen's part (§ 141, stk. 3)."""
    work.set_plan_field("measures", ["Bostøtte efter § 85"])
    work.set_plan_field("other_conditions", "Ingen")


def test_disagreement_blocks_final_until_reasoned(store, carla):
    with Casework(store, carla, user="sb1") as work:
        grant(work)
        work.set_status("reviewed")
        with pytest.raises(CannotFinalise) as info:
            work.set_status("final")
        assert "Mål 1" in info.value.translated(lambda m: __import__("assistant.common.i18n", fromlist=["x"]).translator("da").gettext(m))
        assert work.status == "reviewed"
        work.set_goal_field("g1", "reasoning", "Lægen anbefaler fast døgnrytme; vi starter kl. 9.")
        work.set_status("reviewed")
        work.set_status("final")
        assert work.status == "final"


def test_dropping_a_goal_needs_reasoning_and_a_plan_needs_a_goal(store, carla):
    from assistant.common.i18n import translator

    da = translator("da").gettext
    with Casework(store, carla) as work:
        grant(work)
        work.set_goal_field("g1", "kept", False)
        work.set_status("reviewed")
        with pytest.raises(CannotFinalise) as info:
            work.set_status("final")
        said = info.value.translated(da)
        assert "ingen mål" in said and "begrundelse" in said
        work.set_goal_field("g1", "reasoning", "Carla vil først tale med sin læge om søvnen.")
        with pytest.raises(CannotFinalise) as info:
            work.set_status("final")
        assert "begrundelse" not in info.value.translated(da) and "ingen mål" in info.value.translated(da)
    # The citizen's copy never says "agreed" beside "not agreed yet": it cannot be final at all.
    assert work.status == "reviewed"


def test_new_costly_complex_cases_need_follow_up_within_three_months(store):
    case = converse(store, ANNA_DA, new_costly_complex=True)
    with Casework(store, case) as work:
        grant(work)
        created = work.plan()["created"][:10]
        work.set_plan_field("follow_up", "2099-01-01")
        work.set_status("reviewed")
        assert len(work.problems()) == 1
        with pytest.raises(CannotFinalise) as info:
            work.set_status("final")
        from assistant.common.i18n import translator

        latest = info.value.translated(translator("da").gettext)
        assert "senest" in latest and re.search(r"senest \d{1,2}\. \w+ \d{4}", latest)  # a date as Danes write it
        with pytest.raises(CannotFinalise):
            work.set_status("final")
        work.set_plan_field("follow_up", created)
        work.set_status("reviewed")
        work.set_status("final")


def test_final_plan_is_locked_and_reopens_as_a_new_version(store, carla):
    with Casework(store, carla, user="sb1") as work:
        grant(work)
        work.set_goal_field("g1", "reasoning", "Begrundet efter samtale med lægen.")
        work.set_plan_field("expected_duration", "6 måneder")
        work.set_status("reviewed")
        work.set_status("final")
        with pytest.raises(PlanIsFinal):
            work.set_plan_field("expected_duration", "1 år")
        with pytest.raises(CaseworkError):
            work.reopen()  # a reopened plan says why
        assert work.reopen("Carla er flyttet og har fået en ny bostøtte.") == 2
        assert work.trail()[-1]["reason"] == "Carla er flyttet og har fået en ny bostøtte."
        work.set_plan_field("expected_duration", "1 år")
        versions = work.versions()
    assert [v["version"] for v in versions] == [1]
    assert versions[0]["plan"]["expected_duration"] == "6 måneder"
    # The new version persists for the next caseworker session.
    with Casework(store, carla) as again:
        assert again.version == 2 and again.status == "draft"
        assert again.plan()["expected_duration"] == "1 år"


def test_every_change_is_in_the_audit_trail(store, carla):
    with Casework(store, carla, user="sb1") as work:
        work.set_meta(area="psychiatry")
        work.set_goal_field("g1", "indicator", {"name": "Søvn", "status": 3, "target": 1})
        work.set_goal_field("g1", "domain", "psychological")
        work.set_goal_field("g1", "domain", "psychological")  # no change, no entry
        work.set_goal_field("g1", "reasoning", "Begrundet efter samtale med lægen.")
        grant(work)
        work.set_status("reviewed")
        work.set_status("final")
        trail = work.trail()
    assert [(e["who"], e["what"]) for e in trail] == [
        ("sb1", "case.area"),
        ("sb1", "goal.g1.indicator"),
        ("sb1", "goal.g1.domain"),
        ("sb1", "goal.g1.reasoning"),
        ("sb1", "plan.measures"),
        ("sb1", "plan.other_conditions"),
        ("sb1", "status"),
        ("sb1", "status"),
    ]
    domain = trail[2]
    assert (domain["old"], domain["new"]) == ("physical", "psychological")
    assert all(e["at"] for e in trail)


@pytest.mark.parametrize(
    "field,value",
    [("indicator", {"name": "x", "status": 5, "target": 1}), ("due", "31-12-2026"), ("horizon", "soon"),
     ("domain", "spiritual"), ("priority", 0), ("nonsense", "x")],
)
def test_bad_values_get_a_clear_message(store, carla, field, value):
    with Casework(store, carla) as work:
        with pytest.raises(CaseworkError):
            work.set_goal_field("g1", field, value)


def test_casework_needs_a_draft_and_the_lock(store, carla):
    conv = Conversation.start(store)
    conv.close()
    with pytest.raises(NoPlanYet):
        Casework(store, conv.case_id)
    with Casework(store, carla):
        with pytest.raises(CaseLockedError):
            Casework(store, carla)


def test_completed_plan_json_follows_the_schema(store, carla, plan_schema):
    with Casework(store, carla) as work:
        work.set_plan_field("measures", ["Bostøtte § 85"])
        work.set_goal_field("g1", "measure", "Bostøtte § 85")
        work.set_goal_field("g1", "indicator", {"name": "Søvn", "status": 3, "target": 1})
    plan = load_full_plan(store, carla)
    jsonschema.validate(plan, plan_schema, format_checker=jsonschema.FormatChecker())


def test_casework_from_the_command_line(store, carla):
    root = str(store.root)
    blocked = run_cli("casework", carla, "--store", root, "--status", "final", check=False)
    assert blocked.returncode == 3 and "begrundelse" in blocked.stderr and "Traceback" not in blocked.stderr
    too_soon = run_cli("casework", carla, "--store", root, "--set", "g1.reasoning=Lægen råder til at starte tidligt.",
                       "--set", "measures=Bostøtte efter § 85", "--set", "other_conditions=Ingen", "--status", "final",
                       check=False)
    assert too_soon.returncode == 3 and "gennemset" in too_soon.stderr  # draft → reviewed → final
    run_cli("casework", carla, "--store", root, "--set", "g1.reasoning=Lægen råder til at starte tidligt.",
            "--set", "measures=Bostøtte efter § 85", "--set", "other_conditions=Ingen", "--status", "reviewed")
    ok = run_cli("casework", carla, "--store", root, "--status", "final")
    assert "endelig" in ok.stdout
    bad = run_cli("casework", carla, "--store", root, "--set", "g1.indicator=Søvn;9;1", check=False)
    assert bad.returncode == 3 and "Traceback" not in bad.stderr


def test_confirming_the_suggested_dimension_is_recorded(store, carla):
    with Casework(store, carla, user="sb1") as work:
        suggested = work.plan()["goals"][0]["domain"]
        work.set_goal_field("g1", "domain", suggested)
        goal = work.plan()["goals"][0]
        assert goal["domain"] == suggested and goal["domain_suggested"] is False
        assert [e["what"] for e in work.trail()] == ["goal.g1.domain"]
        work.set_goal_field("g1", "domain", suggested)  # confirming twice records once
        assert len(work.trail()) == 1


def test_the_citizen_reads_the_caseworkers_reasons(store, carla):
    from assistant.render.export import export_plan

    with Casework(store, carla) as work:
        work.set_goal_field("g1", "reasoning", "Lægen anbefaler at starte tidligt.")
    markdown = export_plan(store, carla, fmt="md", view="citizen")
    assert "Min sagsbehandlers begrundelse: »Lægen anbefaler at starte tidligt.«" in markdown


def test_case_list_carries_the_casework_status(store, carla):
    with Casework(store, carla) as work:
        work.set_status("reviewed")
    (summary,) = store.list_cases()
    assert summary.casework["status"] == "reviewed"


def test_trail_entries_read_as_words():
    from assistant.services.casework import describe_change
    from assistant.common.i18n import translator

    da = translator("da")
    assert describe_change("goal.g1.reasoning", da) == "mål g1: faglig begrundelse"
    assert describe_change("plan.follow_up", da) == "opfølgningsdato"
    assert describe_change("case.area", translator("en")) == "area"
    assert describe_change("status", da) == "status"
    assert describe_change("goal.g2.reasoning", da, {"g2": 1}) == "mål 1: faglig begrundelse"


@pytest.mark.parametrize(
    "what,value,words",
    [
        ("status", "final", "endelig"),
        ("plan.measures", [], "—"),
        ("plan.measures", ["Bostøtte § 85", "Samtaleforløb"], "Bostøtte § 85; Samtaleforløb"),
        ("goal.g1.kept", False, "nej"),
        ("goal.g1.horizon", "short", "kort sigt"),
        ("goal.g1.domain", "social", "social"),
        ("case.area", "psychiatry", "Psykiatri"),
        ("goal.g1.indicator", {"name": "Søvn", "status": 3, "target": 1}, "Søvn: nu 3, mål 1"),
        ("goal.g1.reasoning", "Linje 1\nLinje 2\x1b[31m", "Linje 1 Linje 2"),
        ("goal.g1.reasoning", None, "—"),
    ],
)
def test_trail_values_read_as_words(what, value, words):
    from assistant.services.casework import describe_value
    from assistant.common.i18n import translator

    assert describe_value(what, value, translator("da")) == words


def test_the_plan_cannot_be_final_before_the_citizen_has_reviewed_it(store):
    from tests.support.personas import answer_for

    conv = Conversation.start(store)
    counters: dict = {}
    while conv.prompt().slot != "review":
        conv.respond(answer_for(ANNA_DA, conv.prompt().slot, counters))
    conv.close()  # the draft exists, the review does not
    with Casework(store, conv.case_id) as work:
        grant(work)
        with pytest.raises(CannotFinalise) as info:
            work.set_status("final")
        assert "not finished the conversation" in str(info.value)
        assert work.status == "draft"


def test_the_legal_elements_are_needed_for_a_final_plan(store, carla):
    with Casework(store, carla) as work:
        work.set_goal_field("g1", "reasoning", "Begrundet efter samtale med lægen.")
        work.set_plan_field("expected_duration_months", None)
        problems = " ".join(work.problems())
        assert "measures" in problems and "expected duration" in problems
        with pytest.raises(CaseworkError):
            work.set_plan_field("purpose", "   ")
        with pytest.raises(CaseworkError):
            work.set_plan_field("expected_duration", "")


def test_caseworker_text_is_cleaned_of_control_codes(store, carla):
    with Casework(store, carla) as work:
        work.set_plan_field("measures", ["Bostøtte\x1b[2J efter § 85", "\x07", "  "])
        assert [m["title"] for m in work.plan()["measures"]] == ["Bostøtte efter § 85"]
    case = store.register_case(name="Eva\x1b]0;hacked\x07 Hansen", lang="da")
    assert "\x1b" not in store.list_cases()[0].name and "\x07" not in store.list_cases()[0].name
    assert store.exists(case)


def test_a_change_and_its_trail_entry_land_together_or_not_at_all(store, carla, monkeypatch):
    from store import storage

    with Casework(store, carla, user="sb1") as work:
        def broken_disk(self, data):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage.AtomicJSONStorage, "_write_file", broken_disk)
        with pytest.raises(OSError):
            work.set_goal_field("g1", "reasoning", "Begrundet efter samtale med lægen.")
        monkeypatch.undo()
    with Casework(store, carla) as again:
        assert again.trail() == [] and again.plan()["goals"][0]["reasoning"] is None


def test_dates_before_the_plan_and_missing_conditions_block_final(store, carla):
    with Casework(store, carla) as work:
        grant(work)
        work.set_goal_field("g1", "reasoning", "Begrundet efter samtale med lægen.")
        with pytest.raises(CaseworkError, match="passed"):  # a follow-up in the past is refused at once
            work.set_plan_field("follow_up", "1999-01-01")
        work.set_goal_field("g1", "due", "1990-01-01")
        work.set_plan_field("other_conditions", None)
        problems = " ".join(work.problems())
        assert "Goal {n}: the expected date is before" in problems
        assert "other special conditions" in problems
        with pytest.raises(CannotFinalise):
            work.set_status("final")


def test_follow_up_is_counted_from_the_version_and_never_in_the_past(store, monkeypatch):
    import datetime as dt


    case = converse(store, ANNA_DA, new_costly_complex=True)
    with Casework(store, case) as work:
        created = dt.date.fromisoformat(work.plan()["created"][:10])
        grant(work)
        work.set_status("reviewed")
        work.set_status("final")
        # Half a year later the plan is reopened: the 3 months run from the new version.
        later = created + dt.timedelta(days=190)
        monkeypatch.setattr("store.clock.today", lambda: later)
        work.reopen("Anna vil gerne have nye mål nu.")
        with pytest.raises(CaseworkError, match="passed"):
            work.set_plan_field("follow_up", (later - dt.timedelta(days=1)).isoformat())
        work.set_plan_field("follow_up", (later + dt.timedelta(days=80)).isoformat())
        work.set_status("reviewed")
        assert not work.problems()
        work.set_plan_field("follow_up", (later + dt.timedelta(days=100)).isoformat())
        assert any("new, costly or complex" in p for p in work.problems())


def test_unreviewed_goals_need_the_caseworkers_word_and_the_plan_says_so(store):
    from assistant.common.i18n import translator
    from assistant.render.views import citizen_markdown
    from assistant.render.caseview import case_markdown

    script = {**ANNA_DA, "review": ["", "enig"], "review_comment": ["", ""]}  # Enter on an empty line: skipped
    case = converse(store, script)
    with Casework(store, case) as work:
        grant(work)
        work.set_status("reviewed")
        with pytest.raises(CannotFinalise) as info:
            work.set_status("final")
        assert "ikke sagt, hvad" in info.value.translated(translator("da").gettext)
        with pytest.raises(CaseworkError):
            work.set_goal_field(work.goal_id(1), "not_reviewed", "Træt")  # one word is no reason
        work.set_goal_field(work.goal_id(1), "not_reviewed", "Anna var for træt til at læse målet i dag.")
        work.set_status("final")
        plan = work.plan()
    assert "Jeg har ikke sagt, hvad jeg mener om dette mål" in citizen_markdown(plan)
    assert "ikke gennemgået" in case_markdown(plan)


def test_the_caseworkers_success_criterion_is_said_as_theirs(store, carla):
    from assistant.render.views import citizen_markdown

    with Casework(store, carla) as work:
        work.set_goal_field("g1", "success_criterion", "Carla er oppe kl. 9 fire dage om ugen.")
        text = citizen_markdown(work.plan())
    assert "Min sagsbehandler skrev, hvordan vi kan se, det er lykkedes: »Carla er oppe" in text
    assert "Jeg kan se, det er lykkedes, når: »Carla er oppe" not in text


def test_goal_numbers_on_the_command_line_are_the_ones_every_view_shows(store):
    case = converse(store, {**ANNA_DA, "priority": ["2"]})  # dream 2 first: Goal 1 is dream 2
    with Casework(store, case) as work:
        first = work.goal_id(1)
        assert first != "g1"
    run_cli("casework", case, "--store", str(store.root), "--set", "g1.success_criterion=Jeg tager bussen alene.")
    with Casework(store, case) as work:
        changed = [g for g in work.plan()["goals"] if g["success_criterion"] == "Jeg tager bussen alene."]
    assert [g["id"] for g in changed] == [first] and changed[0]["priority"] == 1


def test_the_duration_in_words_follows_the_months_until_the_caseworker_writes_their_own(store, carla):
    with Casework(store, carla) as work:
        work.set_plan_field("expected_duration_months", 6)
        assert work.plan()["expected_duration"] == "ca. 6 måneder"
        work.set_plan_field("expected_duration", "et halvt år")
        work.set_plan_field("expected_duration_months", 7)
        assert work.plan()["expected_duration"] == "et halvt år"


def test_a_casework_command_lands_whole_or_not_at_all(store, carla):
    root = str(store.root)
    bad = run_cli("casework", carla, "--store", root, "--set", "purpose=Nyt formål", "--set", "g1.kept=måske", check=False)
    assert bad.returncode == 3 and "ja eller nej" in bad.stderr
    with Casework(store, carla) as work:
        assert work.trail() == [] and work.plan()["purpose"] != "Nyt formål"
        assert work.plan()["goals"][0]["kept"] is True


def test_a_citizen_who_comes_back_sees_the_agreed_plan(store, carla):
    with Casework(store, carla) as work:
        grant(work)
        work.set_goal_field("g1", "reasoning", "Lægen råder til at starte tidligt.")
        work.set_status("reviewed")
        work.set_status("final")
    events = [json.loads(line) for line in run_cli("run", "--jsonl", "--store", str(store.root), "--case", carla).stdout.splitlines()]
    plan = next(e["plan"] for e in events if e["event"] == "plan")
    assert (plan["status"], plan["version"], [m["title"] for m in plan["measures"]]) == ("final", 1, ["Bostøtte efter § 85"])
    plain = run_cli("run", "--store", str(store.root), "--case", carla).stdout
    assert "Planen er endelig (version 1)" in plain and "Bostøtte efter § 85" in plain


def test_the_trail_reads_in_words_even_while_the_case_is_open_elsewhere(store, carla):
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field("g1", "reasoning", "Lægen råder til at starte tidligt.")
        work.set_plan_field("measures", ["Bostøtte efter § 85"])
        words = run_cli("casework", carla, "--store", str(store.root), "--trail").stdout  # the workspace holds the lock
    assert "sb1  mål 1: faglig begrundelse: — → Lægen råder til at starte tidligt." in words
    assert "bevilgede indsatser: — → Bostøtte efter § 85" in words
    as_json = json.loads(run_cli("casework", carla, "--store", str(store.root), "--trail", "--json").stdout)
    assert [e["what"] for e in as_json] == ["goal.g1.reasoning", "plan.measures"]


def test_coming_back_to_an_agreed_plan_the_closing_words_follow_it(store, carla):
    with Casework(store, carla) as work:
        grant(work)
        work.set_goal_field("g1", "reasoning", "Lægen råder til at starte tidligt.")
        work.set_plan_field("follow_up", "2027-01-10")
        work.set_status("reviewed")
        work.set_status("final")
    with resume_case(store, carla) as again:
        closing = again.prompt()
    # Coming back to a final plan starts the follow-up (issue 13), from the agreed plan and its date.
    assert (again.journey.id, closing.state) == ("followup", "welcome")
    assert "aftalt med din sagsbehandler" in closing.text and "10. januar 2027" in closing.text
    assert "læser den" not in closing.text


def test_what_the_caseworker_wrote_does_not_move_to_a_changed_dream(store):
    from tests.support.personas import answer_for

    conv = Conversation.start(store)
    counters: dict = {}
    while conv.prompt().slot != "review":
        conv.respond(answer_for(CARLA_DA, conv.prompt().slot, counters))
    conv.close()
    with Casework(store, conv.case_id) as work:
        work.set_goal_field("g1", "reasoning", "Om søvnen: lægens råd.")
        work.set_plan_field("measures", ["Bostøtte efter § 85"])
        assert work.plan()["goals"][0]["reasoning"] == "Om søvnen: lægens råd."
    conv = resume_case(store, conv.case_id)
    while conv.prompt().state != "dream":
        conv.back()
    conv.respond("At få et arbejde")  # another dream now
    while conv.prompt().slot != "review":
        conv.respond(answer_for(CARLA_DA, conv.prompt().slot, counters))
    conv.close()
    with Casework(store, conv.case_id) as work:
        plan = work.plan()
    assert plan["goals"][0]["dream"] == "At få et arbejde" and plan["goals"][0]["reasoning"] is None
    assert [m["title"] for m in plan["measures"]] == ["Bostøtte efter § 85"]  # the plan-level work stays
    assert "_for_dream" not in plan["goals"][0]


def test_the_registered_full_name_and_the_chosen_name_are_both_kept(store):
    from assistant.render.caseview import case_markdown
    from assistant.common.i18n import translator
    from assistant.services.case_rows import load_rows

    case = store.register_case(name="Mette Jensen", lang="da")
    conv = resume_case(store, case)
    counters: dict = {}
    from tests.support.personas import answer_for

    script = {**ANNA_DA, "name": ["Mette"]}
    while not conv.prompt().final:
        conv.respond(answer_for(script, conv.prompt().slot, counters))
    conv.close()
    da = translator("da")
    row = next(r for r in load_rows(store) if r.id == case)
    assert row.texts(da)[0] == "Mette Jensen (Mette)"
    assert row.matches("jensen", da) and row.matches("mette", da)
    with Casework(store, case) as work:
        text = case_markdown(work.plan())
    assert "# Handleplan: Mette Jensen" in text and "| Navn i samtalen | Mette |" in text


def test_a_kept_version_names_the_municipality_and_contact_person_of_its_day(store, carla):
    """`export --version N` gives the citizen's copy of a kept version: it names who made the plan
    with them (it did not: the kept plan had no municipality or contact person), and a later change
    of contact person does not rewrite what was kept."""
    from assistant.services import settings
    from assistant.render.export import export_plan

    settings.update(store, municipality="Randers Kommune", contact="Mette, tlf. 89 15 15 15")
    with Casework(store, carla, user="sb1") as work:
        grant(work)
        work.set_goal_field("g1", "reasoning", "Begrundet efter samtale med lægen.")
        work.set_plan_field("expected_duration_months", 6)
        work.set_status("reviewed")
        work.set_status("final")
        work.reopen("Carla er flyttet og har fået en ny bostøtte.")
    settings.update(store, contact="Jens, tlf. 89 15 00 00")
    kept = export_plan(store, carla, fmt="md", view="citizen", version=1, lang="da")
    assert "Randers Kommune" in kept and "Mette, tlf. 89 15 15 15" in kept and "Jens" not in kept
    assert "Jens, tlf. 89 15 00 00" in export_plan(store, carla, fmt="md", view="citizen", lang="da")
