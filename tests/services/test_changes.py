"""The citizen sees and answers what the caseworker changed (issue 11 §2).

A plan with the caseworker's changes to the citizen's words is shown to the citizen in
the chat (before and now, agree / partly / disagree), or read aloud in a meeting;
made final without either, both views say the citizen has not seen that version.
"""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import converse, run_cli, run_jsonl
from tests.support.personas import ANNA_DA, CARLA_DA

from assistant.domain.audit import audit
from assistant.services.casework import CannotFinalise, Casework, UnseenChanges
from assistant.common.errors import CaseworkError
from assistant.services.changes import ChangesReview
from assistant.services.conversation import Conversation
from assistant.render.export import export_plan
from assistant.services.plans import load_full_plan
from assistant.domain.lix import lix
from assistant.services.resume import resume_case

REWORDED = "Carla står op kl. 9 tre dage om ugen."
NOT_SEEN_DA = "Jeg har ikke set denne version af planen endnu."


@pytest.fixture
def carla(store):
    """Carla disagreed with goal 1 at the first review; the caseworker rewords it and keeps it."""
    case = converse(store, CARLA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_goal_field("g1", "text", REWORDED)
        work.set_goal_field("g1", "reasoning", "Kl. 9 er et første skridt mod en fast døgnrytme.")
        work.set_plan_field("measures", ["Bostøtte efter § 85"])
        work.set_plan_field("other_conditions", "Ingen")
        work.set_plan_field("expected_duration_months", 6)
        work.set_status("reviewed")
    return case


def _final_unseen(store, case):
    with Casework(store, case, user="sb1") as work:
        work.set_status("final", unseen_ok=True)


# -- the loophole: "Planen er aftalt" for a version the citizen never saw ------------------------
def test_final_without_the_citizen_seeing_is_confirmed_first(store, carla):
    with Casework(store, carla, user="sb1") as work:
        assert [c["key"] for c in work.unseen_changes()] == ["g1.text"]
        with pytest.raises(UnseenChanges) as info:
            work.set_status("final")
        assert work.status == "reviewed"
        assert "ikke set 1 af dine ændringer i version 1" in info.value.translated(
            __import__("assistant.common.i18n", fromlist=["x"]).translator("da").gettext)
        work.set_status("final", unseen_ok=True)
        assert any(e["what"] == "plan.final_unseen" for e in work.trail())


def test_final_unseen_says_so_in_every_view_and_format(store, carla):
    _final_unseen(store, carla)
    citizen_md = export_plan(store, carla, fmt="md", view="citizen")
    assert NOT_SEEN_DA in citizen_md
    assert "Planen er aftalt" not in citizen_md
    assert "Planen er endelig (version 1)." in citizen_md
    citizen_html = export_plan(store, carla, fmt="html", view="citizen")
    assert NOT_SEEN_DA in citizen_html and "Planen er aftalt" not in citizen_html
    case_md = export_plan(store, carla, fmt="md", view="case")
    assert "nej: borgeren har ikke set version 1 (1 ændring ikke set)" in case_md
    assert "## Ændringer, borgeren ikke har set" in case_md
    assert "nej: borgeren har ikke set version 1" in export_plan(store, carla, fmt="html", view="case")
    for view in ("citizen", "case"):
        data = json.loads(export_plan(store, carla, fmt="json", view=view))
        assert data["seen_by_citizen"] is False
        assert [c["key"] for c in data["unseen_changes"]] == ["g1.text"]
        assert data["unseen_changes"][0]["new"] == REWORDED
    kept = json.loads(export_plan(store, carla, fmt="json", version=1))
    assert kept["seen_by_citizen"] is False  # the kept copy says it too
    assert "Planen er aftalt" not in export_plan(store, carla, fmt="md", version=1)


def test_english_citizen_copy_says_it_too(store, carla):
    _final_unseen(store, carla)
    text = export_plan(store, carla, fmt="md", view="citizen", lang="en")
    assert "I have not seen this version of the plan yet." in text and "The plan is agreed" not in text


def test_an_unchanged_plan_is_agreed_as_before(store):
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_plan_field("measures", ["Bostøtte efter § 85"])
        work.set_plan_field("other_conditions", "Ingen")
        work.set_plan_field("expected_duration_months", 6)
        work.set_status("reviewed")
        assert work.unseen_changes() == []
        work.set_status("final")  # nothing to confirm: no change to the citizen's words
    assert "Planen er aftalt (version 1)." in export_plan(store, case, fmt="md", view="citizen")
    assert load_full_plan(store, case)["seen_by_citizen"] is True


# -- the changes review in the chat ------------------------------------------------------------
def _answers(conv, replies: list[str]) -> list:
    prompts = [conv.prompt()]
    for reply in replies:
        r = conv.respond(reply)
        assert r.invalid is None, r.invalid
        prompts.append(r.prompt)
    return prompts


def test_headless_changes_review_in_danish(store_path, store, carla):
    with Casework(store, carla, user="sb1") as work:
        work.set_plan_field("purpose", "Carla får en fast døgnrytme.")
    events = run_jsonl(store_path, ["", "uenig", "Jeg vil hellere kl. 10", "enig", "nej"], "--case", carla)
    prompts = [e for e in events if e["event"] == "prompt"]
    assert prompts[0]["state"] == "welcome"
    assert prompts[0]["text"].startswith("Din sagsbehandler har ændret lidt i din plan.")
    first, second = prompts[1], prompts[3]
    assert first["kind"] == "review" and first["text"].startswith("Ændring 1 af 2. Din sagsbehandler har ændret formålet")
    assert "Nu: Carla får en fast døgnrytme." in first["text"] and "Før: Det arbejder jeg hen imod" in first["text"]
    assert [c["label"] for c in first["choices"]] == ["Enig", "Delvist", "Uenig"]
    assert prompts[2]["text"].startswith("Hvad vil du hellere?")  # the first review's wording after "uenig"
    assert "Din sagsbehandler har ændret ordene i mål 1." in second["text"]
    assert f"Før: Mit første skridt er: »Stå op kl. 8 hver dag«.\nNu: {REWORDED}" in second["text"]
    assert prompts[-1]["state"] == "end" and events[-1]["event"] == "end"
    plan = load_full_plan(store, carla)
    assert plan["seen_by_citizen"] is True and plan["seen"]["how"] == "chat"
    assert [(a["field"], a["response"], a["comment"]) for a in plan["purpose_change_answers"]] == [
        ("purpose", "disagree", "Jeg vil hellere kl. 10")]
    assert [(a["field"], a["response"]) for a in plan["goals"][0]["change_answers"]] == [("text", "agree")]
    case_md = export_plan(store, carla, fmt="md", view="case")
    assert "ja: borgeren gennemgik ændringerne i samtalen" in case_md
    assert "Borgerens svar på din ændring: Mål 1: målets formulering" in case_md
    # Seen: the next visit is not a new review, and final needs no confirmation.
    with resume_case(store, carla) as again:
        assert not isinstance(again, ChangesReview)
    with Casework(store, carla, user="sb1") as work:
        work.set_status("final")
    text = export_plan(store, carla, fmt="md", view="citizen")
    # Seen, and Carla disagreed with goal 1 at the first review: final, with her words in it.
    assert "Planen er endelig (version 1). Jeg er ikke enig i det hele." in text and NOT_SEEN_DA not in text


def test_headless_changes_review_in_english(store_path, store, carla):
    events = run_jsonl(store_path, ["", "partly", "Only on weekdays", ""], "--case", carla, "--lang", "en")
    prompts = [e for e in events if e["event"] == "prompt"]
    assert prompts[0]["text"].startswith("Your caseworker has changed a little in your plan.")
    assert "Your caseworker has changed the words of goal 1." in prompts[1]["text"]
    assert f"Now: {REWORDED}" in prompts[1]["text"]
    assert prompts[2]["text"].startswith("What would you like to change?")
    assert prompts[-1]["state"] == "end"
    said = load_full_plan(store, carla)["goals"][0]["change_answers"]
    assert [(a["response"], a["comment"]) for a in said] == [("partly", "Only on weekdays")]


def test_every_answer_is_on_disk_and_a_pause_resumes_at_the_same_change(store, carla):
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field("g1", "success_criterion", "Carla er vågen kl. 10")
    conv = resume_case(store, carla)
    assert isinstance(conv, ChangesReview)
    _answers(conv, ["", "enig", ""])
    assert conv.prompt().text.startswith("Ændring 2 af 2.")
    conv.pause()
    with resume_case(store, carla) as again:
        assert isinstance(again, ChangesReview)
        assert again.prompt().text.startswith("Ændring 2 af 2.")
        assert "hvordan du kan se, at mål 1 er nået" in again.prompt().text
        r = again.respond("/tilbage")  # back works as in the other conversations
        assert r.prompt.state == "changecomment"
    assert load_full_plan(store, carla)["seen_by_citizen"] is False  # not seen until the review ends


def test_a_sign_of_distress_in_the_review_stops_it_and_tells_the_caseworker(store, carla):
    with resume_case(store, carla) as conv:
        _answers(conv, ["", "uenig"])
        reply = conv.respond("Jeg har lyst til at tage mit eget liv")
        assert reply.prompt.kind == "safety"
        assert "70 201 201" in reply.prompt.text
        reply = conv.respond("fortsæt")
        assert not conv.finished and reply.prompt.slot == "review_comment"  # asked again (issue 20)
        assert "Her er spørgsmålet igen." in reply.prompt.text
        conv.respond("")
        assert conv.finished  # the comment is open (never the words of distress), and the review ends
    assert load_full_plan(store, carla)["goals"][0]["change_answers"][0]["comment"] is None
    with Casework(store, carla, write=False) as work:
        assert work.meta["flags"]


def test_prompts_are_short_and_plain(store, carla):
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field("g1", "due", "2027-06-30")
        work.add_goal("Carla går til lægen.", success_criterion="Hun har været hos lægen")
        work.set_goal_field("g1", "kept", True)
    with resume_case(store, carla) as conv:
        prompts = _answers(conv, ["", "enig", "", "enig", "", "enig", ""])
    for p in prompts:
        assert lix(p.text) <= 25, (p.text, lix(p.text))
    assert any("Din sagsbehandler har lagt et mål til." in p.text for p in prompts)


# -- the caseworker's own goal is reviewed like the others ---------------------------------------
def test_own_goal_reviewed_in_the_chat_no_longer_blocks_final(store, carla):
    with Casework(store, carla, user="sb1") as work:
        goal = work.add_goal("Carla går til lægen.")
        assert any("ikke gennemgået" in p or "not reviewed it yet" in p for p in work.problems())
    with resume_case(store, carla) as conv:
        _answers(conv, ["", "enig", "", "uenig", "Det har jeg ikke brug for"])
    with Casework(store, carla, user="sb1") as work:
        own = next(g for g in work.plan()["goals"] if g["id"] == goal)
        assert (own["citizen_response"], own["citizen_comment"]) == ("disagree", "Det har jeg ikke brug for")
        problems = work.problems()
        assert not any("not reviewed it yet" in p for p in problems)
        assert any("does not fully agree. Write your professional reasoning for keeping it" in p for p in problems)


def test_a_disagreed_change_needs_reasoning_written_after_the_answer(store, carla):
    with resume_case(store, carla) as conv:
        _answers(conv, ["", "uenig", "Kl. 9 er for tidligt"])
    with Casework(store, carla, user="sb1") as work:
        with pytest.raises(CannotFinalise) as info:
            work.set_status("final")
        assert any("does not fully agree with your change" in m for m, _ in info.value.problems)
        work.set_goal_field("g1", "reasoning", "Vi starter kl. 9 og flytter det, hvis det ikke går.")
        work.set_status("final")
    text = export_plan(store, carla, fmt="md", view="citizen")
    assert "Det sagde jeg til min sagsbehandlers ændring: Uenig" in text
    assert "Jeg er ikke enig i alt" in text or "I do not agree" in text or "ikke enig" in text


# -- read aloud in a meeting ------------------------------------------------------------------------
def test_read_aloud_marks_the_version_seen(store_path, store, carla):
    proc = run_cli("casework", carla, "--store", str(store_path), "--changes-read-aloud",
                   "Læst højt på mødet den 3. marts, Carla var enig.")
    assert "1 ændring er læst højt for borgeren" in proc.stdout
    plan = load_full_plan(store, carla)
    assert plan["seen_by_citizen"] is True and plan["seen"]["how"] == "read_aloud"
    assert plan["goals"][0]["change_answers"][0]["how"] == "read_aloud"
    with Casework(store, carla, user="sb1") as work:
        assert any(e["what"] == "plan.changes_read_aloud" for e in work.trail())
        work.set_status("final")
    assert "ja: ændringerne blev læst højt på et møde" in export_plan(store, carla, fmt="md", view="case")
    text = export_plan(store, carla, fmt="md", view="citizen")
    assert NOT_SEEN_DA not in text and "Planen er endelig (version 1)." in text
    with resume_case(store, carla) as conv:  # nothing left to review: the follow-up comes
        assert not isinstance(conv, ChangesReview)


def test_cli_bad_input_gets_a_sentence(store_path, store, carla):
    short = run_cli("casework", carla, "--store", str(store_path), "--changes-read-aloud", "læst op", check=False)
    assert short.returncode == 3 and "mindst fire ord" in short.stderr and "Traceback" not in short.stderr
    lonely = run_cli("casework", carla, "--store", str(store_path), "--final-unseen", check=False)
    assert lonely.returncode == 3 and "--final-unseen hører sammen med --status final" in lonely.stderr
    unseen = run_cli("casework", carla, "--store", str(store_path), "--status", "final", check=False)
    assert unseen.returncode == 3 and "Borgeren har ikke set 1 af dine ændringer" in unseen.stderr
    status = run_cli("casework", carla, "--store", str(store_path))
    assert "Borgeren har ikke set version 1: 1 ændring er ikke set." in status.stdout
    run_cli("casework", carla, "--store", str(store_path), "--status", "final", "--final-unseen")
    assert load_full_plan(store, carla)["status"] == "final"
    case = converse(store, ANNA_DA)
    nothing = run_cli("casework", case, "--store", str(store_path), "--changes-read-aloud",
                      "Læst højt på mødet i dag.", check=False)
    assert nothing.returncode == 3 and "allerede set alle ændringer" in nothing.stderr


def test_final_but_unseen_plan_starts_the_review_then_counts_as_seen(store, carla):
    _final_unseen(store, carla)
    with resume_case(store, carla) as conv:
        assert isinstance(conv, ChangesReview)
        _answers(conv, ["", "enig", ""])
        assert conv.finished
    text = export_plan(store, carla, fmt="md", view="citizen")
    assert NOT_SEEN_DA not in text and "Planen er endelig (version 1)." in text


# -- audit Q8: involvement ---------------------------------------------------------------------------
def _q8(plan):
    return next(q for q in audit(plan, "en").to_dict()["ratings"] if q["key"] == "involvement")


def test_q8_is_not_high_when_a_rejected_goal_was_reworded_unseen(store, carla):
    plan = load_full_plan(store, carla)
    q8 = _q8(plan)
    assert q8["rating"] not in ("high",)
    assert any("has not been shown to them" in e for e in q8["evidence"])


def test_q8_counts_the_changes_once_the_citizen_has_seen_them(store, carla):
    with resume_case(store, carla) as conv:
        _answers(conv, ["", "enig", ""])
    q8 = _q8(load_full_plan(store, carla))
    assert not any("has not been shown to them" in e for e in q8["evidence"])
    assert any("went through the caseworker's changes" in e for e in q8["evidence"])


def test_q8_is_capped_for_any_unseen_change(store):
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_goal_field("g1", "success_criterion", "Anna har gået tur tre gange")
    q8 = _q8(load_full_plan(store, case))
    assert q8["rating"] != "high"
    assert any("has not seen 1 of the caseworker's changes" in e for e in q8["evidence"])


def test_read_aloud_needs_a_sentence(store, carla):
    with Casework(store, carla, user="sb1") as work:
        with pytest.raises(CaseworkError):
            work.changes_read_aloud("ok")
        assert work.unseen_changes()


def test_plain_run_shows_the_changes_review(store_path, store, carla):
    proc = run_cli("run", "--store", str(store_path), "--case", carla, stdin="\nenig\nnej\n\n")
    assert "Din sagsbehandler har ændret lidt i din plan." in proc.stdout
    assert f"Nu: {REWORDED}" in proc.stdout
    assert "Traceback" not in proc.stderr
    assert load_full_plan(store, carla)["seen_by_citizen"] is True


def test_a_final_plan_seen_later_is_no_longer_said_unseen_to_the_citizen(store, carla):
    _final_unseen(store, carla)
    with resume_case(store, carla) as conv:
        assert conv.agreed_plan()["seen_by_citizen"] is False
        _answers(conv, ["", "enig", ""])
    with resume_case(store, carla) as conv:  # the follow-up starts from the agreed plan, now seen
        assert conv.agreed_plan()["seen_by_citizen"] is True
    kept = json.loads(export_plan(store, carla, fmt="json", version=1))
    assert kept["seen_by_citizen"] is False  # the kept version stays exactly as it was made final


def test_a_dropped_goal_is_shown_with_the_reasons_and_a_date_change_in_words(store, carla):
    with Casework(store, carla, user="sb1") as work:
        own = work.add_goal("Carla går til lægen.")
        work.set_goal_field(own, "due", "2027-03-01")
        work.set_goal_field(own, "not_reviewed", "Carla var syg den dag vi talte om det.")
    with resume_case(store, carla) as conv:
        prompts = _answers(conv, ["", "enig", "", "enig", ""])
    assert "Din sagsbehandler har lagt et mål til." in prompts[3].text and "Hvornår: senest 1. marts 2027" in prompts[3].text
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field(own, "due", "2027-04-01")
        work.set_goal_field("g1", "kept", False)
        changes = {c["key"]: c["kind"] for c in work.unseen_changes()}
        assert changes == {"g1.kept": "dropped", f"{own}.due": "changed"}
    with resume_case(store, carla) as conv:
        prompts = _answers(conv, ["", "uenig", "Jeg vil gerne beholde det", "enig", ""])
    dropped = next(p.text for p in prompts if "ud af din plan" in p.text)
    assert "Din sagsbehandler har taget mål 1 ud af din plan" in dropped
    assert "Din sagsbehandler skriver hvorfor: »Kl. 9 er et første skridt mod en fast døgnrytme.«" in dropped
    moved = next(p.text for p in prompts if "hvornår mål" in p.text)
    assert "Før: 1. marts 2027\nNu: 1. april 2027" in moved
    plan = load_full_plan(store, carla)
    assert plan["seen_by_citizen"] is True
    assert plan["goals"][0]["change_answers"][-1]["response"] == "disagree"


def test_json_with_changes_and_answers_follows_the_schema(store, carla, plan_schema):
    import jsonschema

    with resume_case(store, carla) as conv:
        _answers(conv, ["", "delvis", "Kun på hverdage"])
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field("g1", "success_criterion", "Carla er vågen kl. 10")
    for view in ("citizen", "case"):
        data = json.loads(export_plan(store, carla, fmt="json", view=view))
        jsonschema.validate(data, plan_schema)
        assert data["unseen_changes"][0]["field"] == "success_criterion"
        assert data["goals"][0]["change_answers"][0]["response"] == "partly"


def test_q8_names_the_rewording_only_while_the_rewording_itself_is_unseen(store, carla):
    with resume_case(store, carla) as conv:
        _answers(conv, ["", "enig", ""])
    with Casework(store, carla, user="sb1") as work:
        work.set_goal_field("g1", "due", "2027-02-01")
    q8 = _q8(load_full_plan(store, carla))
    assert not any("has not been shown to them" in e for e in q8["evidence"])
    assert any("has not seen 1 of the caseworker's changes" in e for e in q8["evidence"])
    assert q8["rating"] != "high"


def test_a_version_kept_before_seeing_was_recorded_is_not_said_seen(store, carla):
    from assistant.render.caseview import case_markdown

    plan = load_full_plan(store, carla)
    for key in ("unseen_changes", "seen_by_citizen", "seen"):
        plan.pop(key)
    assert "| Set af borgeren | — |" in case_markdown(plan, "da")


def test_the_trail_says_the_citizen_went_through_the_changes_in_words(store_path, store, carla):
    with resume_case(store, carla) as conv:
        _answers(conv, ["", "delvis", "Kun om morgenen"])
    trail = run_cli("casework", carla, "--store", str(store_path), "--trail").stdout
    assert "borgeren gennemgik dine ændringer" in trail and "Enig: 0, Delvist: 1, Uenig: 0" in trail


def test_the_first_conversations_last_words_never_say_agreed_for_an_unseen_version(store, carla):
    from assistant.domain.journey import load_journey

    _final_unseen(store, carla)
    with Conversation(store.open_case(carla, write=True), load_journey("adult"), "da") as first:
        assert first.finished and first.prompt().variant != "agreed"
        assert "aftalt" not in first.prompt().text
    with resume_case(store, carla) as review:
        _answers(review, ["", "enig", ""])
    with Conversation(store.open_case(carla, write=True), load_journey("adult"), "da") as first:
        assert first.prompt().variant == "agreed"


def test_the_changes_review_has_its_own_header_not_part_3_of_4(store, carla):
    """The header of the changes review names it, in one part (it said "Del 3 af 4: Hvad du synes om
    planen", borrowed from the first conversation, and its bar started at 0 %)."""
    from assistant.common.i18n import translator
    from assistant.tui.citizen.widgets.progress import phase_text

    with Casework(store, carla, user="sb1") as work:
        work.set_plan_field("purpose", "Carla får en fast døgnrytme.")
    with resume_case(store, carla) as review:
        assert isinstance(review, ChangesReview)
        for lang, header in (("da", "Det har din sagsbehandler ændret"), ("en", "What your caseworker changed")):
            review.set_lang(lang)
            assert phase_text(review.prompt(), translator(lang).gettext) == header
    with Conversation.start(store, "adult", "da") as fresh:
        assert phase_text(fresh.prompt(), translator("da").gettext).startswith("Del 1 af 4: ")
