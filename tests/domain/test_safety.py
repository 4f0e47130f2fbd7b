"""Issue 10 §1–2: distress is never ignored, and "ved ikke" is not a dream.

Headless: the word lists, the conversation (Conversation API), ``run --jsonl``
and plain mode, the flag for the caseworker (CLI, export, trail), and what a
non-answer becomes in the plan and the audit.
"""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import run_cli, run_jsonl, answer_until

from assistant.domain import safety
from assistant.domain.audit import audit
from assistant.services.conversation import STATUS_PAUSED, Conversation
from assistant.common.errors import JourneyError
from assistant.render.export import export_plan
from assistant.services.plans import load_full_plan
from assistant.domain.journey import load_journey, parse_journey
from assistant.render.views import citizen_markdown
from assistant.services.resume import resume_case

# -- recognising signs ------------------------------------------------------------

CAUGHT = [
    # Passive wishes not to be here (the trainer's persona Lone says the first one).
    ("Jeg kan ikke mere. Nogle gange tænker jeg, at det hele ville være lettere, hvis jeg ikke var her.", "suicide"),
    ("gid jeg aldrig var født", "suicide"),
    ("Sometimes I think it would be easier if I wasn't here.", "suicide"),
    # (sentence, kind) — realistic answers, Danish and English, with negations and misspellings
    ("jeg orker ikke mere. nogle gange har jeg lyst til at dø", "suicide"),  # the sentence from the issue
    ("jeg vil ikke leve mere", "suicide"),
    ("Jeg vil ikke rigtig leve længere sådan her", "suicide"),
    ("har tænkt på selvmord", "suicide"),
    ("selvmordstanker hele tiden", "suicide"),
    ("tænker på selmord", "suicide"),  # misspelt
    ("jeg vil bare dø", "suicide"),
    ("jeg vil do", "suicide"),  # ø typed as o
    ("JEG VIL IKKE LEVE MERE!!!", "suicide"),
    ("gid jeg var død", "suicide"),
    ("jeg tænker på at tage mit eget liv", "suicide"),
    ("nogle gange vil jeg slå mig selv ihjel", "suicide"),
    ("jeg skar mig selv i går", "self_harm"),
    ("jeg skærer i armene", "self_harm"),
    ("min kæreste slår mig", "violence"),
    ("han slog mig i går", "violence"),
    ("jeg blev voldtaget", "abuse"),
    ("børnene er alene hjemme om natten", "child_at_risk"),
    ("jeg kan ikke passe på børnene", "child_at_risk"),
    ("I want to die", "suicide"),
    ("i dont want to be alive anymore", "suicide"),
    ("I don't want to live", "suicide"),
    ("thinking about suicide", "suicide"),
    ("sometimes I think of killing myself", "suicide"),
    ("I wanna kill my self", "suicide"),
    ("i have been cutting myself", "self_harm"),
    ("my boyfriend hits me", "violence"),
    ("he is going to kill me", "violence"),
    ("I was raped", "abuse"),
    ("he hits the kids when he drinks", "child_at_risk"),
    ("jeg håber at jeg ikke vågner op igen", "suicide"),
    ("I hope I never wake up again", "suicide"),
]

# Issue 20 changed these verdicts on purpose: a negation, a burden, wanting to disappear and
# being afraid to go home are POSSIBLE signs (one direct question, not the safety step), and
# "det slår mig ihjel at vente" is an idiom. signs() gives the kinds of a clear sign only.
POSSIBLE_NOW = [
    ("jeg har ingen selvmordstanker", "suicide"),  # negated: at most possible, never read away
    ("de ville have det bedre uden mig", "suicide"),
    ("jeg tør ikke tage hjem", "violence"),
    ("nogle gange har jeg bare lyst til at forsvinde", "suicide"),
    ("I just want to disappear", "suicide"),
]


@pytest.mark.parametrize("text,kind", POSSIBLE_NOW)
def test_indirect_and_negated_signs_get_the_direct_question(text, kind):
    found = safety.assess(text)
    assert found.tier == "possible" and kind in found.kinds
    assert safety.signs(text) == []


NOT_CAUGHT = [
    "det slår mig ihjel at vente",  # an idiom (issue 20); "de slår mig ihjel" is a threat and stays clear
    "jeg er dødtræt",
    "jeg keder mig ihjel",
    "det slår mig, at jeg har det bedre nu",
    "jeg har et alkoholmisbrug",
    "jeg kan ikke leve af min pension",
    "jeg vil gerne have en hund",
    "I'm dead tired",
    "this traffic is killing me",
    "I want to do more sport",
    "gå en tur med min søster",
    "",
]


@pytest.mark.parametrize("text,kind", CAUGHT)
def test_signs_of_distress_are_recognised(text, kind):
    assert kind in safety.signs(text)


@pytest.mark.parametrize("text", NOT_CAUGHT)
def test_everyday_phrases_do_not_trigger(text):
    assert safety.signs(text) == []


NON_ANSWERS = [("ved ikke", "dont_know"), ("Ved ikke.", "dont_know"), ("øh ved ikke rigtig", "dont_know"),
               ("aner det ikke", "dont_know"), ("ingen anelse", "dont_know"), ("?", "dont_know"),
               ("???", "dont_know"), ("...", "dont_know"), ("idk", "dont_know"), ("Don't know", "dont_know"),
               ("dunno", "dont_know"), ("intet", "nothing"), ("Ingen!", "nothing"), ("ingenting", "nothing"),
               ("nothing", "nothing"), ("no one", "nothing"), ("nobody", "nothing")]


@pytest.mark.parametrize("text,kind", NON_ANSWERS)
def test_non_answers_are_recognised(text, kind):
    assert safety.non_answer(text) == kind


@pytest.mark.parametrize("text", ["ved ikke om jeg tør", "Bente", "ingen kaffe om morgenen", "a job", "nej tak til kaffe"])
def test_real_answers_are_not_non_answers(text):
    assert safety.non_answer(text) is None


def test_a_pattern_that_is_not_words_is_reported_by_name():
    with pytest.raises(JourneyError, match="safety.toml"):
        safety._compile("... selvmord", "[signs.da] suicide")
    with pytest.raises(JourneyError, match="one word"):
        safety._compile("to|two words* at", "x") and safety._compile("ab*c", "x")


def test_the_dialogue_loader_checks_the_new_wordings():
    data = {"journey": {"id": "x", "initial": "a"}, "states": [
        {"name": "a", "kind": "yesno", "slot": "s", "phase": "preparation", "method": "open question",
         "prompt": "p", "trainer_note": "n", "prompt_unsure": "again?"},
        {"name": "b", "kind": "info", "phase": "preparation", "method": "summary", "prompt": "p",
         "trainer_note": "n", "final": True}],
        "transitions": [{"trigger": "next", "source": "a", "dest": "b"}]}
    with pytest.raises(JourneyError, match="prompt_unsure"):
        parse_journey(data, "x")
    data["states"][0].pop("prompt_unsure")
    data["states"][0]["prompt_sometimes"] = "?"
    with pytest.raises(JourneyError, match="unknown wording"):
        parse_journey(data, "x")


def test_every_free_text_step_has_another_angle():
    journey = load_journey("adult")
    for step in journey.steps.values():
        if step.kind == "text" and not step.no_means_nothing:
            assert "unsure" in step.variants, step.name
    assert "unsure" in journey.steps["reviewcomment"].variants  # used after a disagreement


# -- the conversation stops --------------------------------------------------------

def _to(conv: Conversation, state: str, answers: dict[str, str] | None = None) -> None:
    answer_until(conv, state, {"consent": "ja", "name": "Kim", "motivation": "7", "when": "1", "another_dream": "nej",
               "priority": "1"}, answers)


@pytest.fixture
def conv(store):
    c = Conversation.start(store)
    yield c
    c.close()


def test_distress_stops_the_script_and_says_where_help_is(conv, store):
    _to(conv, "everyday")
    said = "jeg orker ikke mere. nogle gange har jeg lyst til at dø"
    reply = conv.respond(said)
    prompt = reply.prompt
    assert prompt.kind == "safety" and prompt.state == "safety"
    assert "Livslinien" in prompt.text and "70 201 201" in prompt.text and "112" in prompt.text
    assert "psykiatrisk akutmodtagelse" in prompt.text
    assert [c.value for c in prompt.choices] == ["continue", "pause", "stop"]
    assert [c.label for c in prompt.choices] == ["Fortsæt samtalen", "Hold en pause", "Stop for i dag"]
    assert "Hvad går godt" not in prompt.text  # the script does not just go on
    # The answer is kept as said, and the case is flagged: kind and time, not the words.
    answer = [e for e in conv.events if e["type"] == "answer" and e["state"] == "everyday"][-1]
    assert answer["text"] == said and answer["signs"] == ["suicide"]
    meta = store.open_case(conv.case_id, write=False).meta
    (flag,) = meta["flags"]
    assert flag["kinds"] == ["suicide"] and flag["at"] == answer["at"] and flag["state"] == "everyday"
    assert flag["handled"] is None and said not in json.dumps(meta)
    assert any(e["type"] == "distress" and e["kinds"] == ["suicide"] for e in conv.events)
    with store.open_case(conv.case_id, write=False) as handle:
        trail = handle.all_docs("trail")
    assert trail[-1]["what"] == safety.TRAIL_RAISED and trail[-1]["new"]["kinds"] == ["suicide"]
    # Going on: the interrupted question again (issue 20), said kindly, and the flag records the choice.
    reply = conv.respond("1")
    assert reply.prompt.state == "everyday" and reply.prompt.text.startswith("Tak. Så fortsætter vi.")
    assert "Her er spørgsmålet igen." in reply.prompt.text
    assert store.open_case(conv.case_id, write=False).meta["flags"][0]["choice"] == "continue"


@pytest.mark.parametrize("state,said,kind", [
    ("name", "jeg vil dø", "suicide"),
    ("goodnow", "ingenting. han slår mig når han er fuld", "violence"),
    ("dream", "at slippe for at skære i mig selv", "self_harm"),
    ("helpers", "ingen, I want to die", "suicide"),
    ("remarks", "jeg har selvmordstanker, bare så I ved det", "suicide"),
])
def test_distress_is_caught_on_every_free_text_step(conv, state, said, kind):
    _to(conv, state, {"dream": "Få en hund"})
    reply = conv.respond(said)
    assert reply.prompt.kind == "safety"
    assert kind in conv.handle.meta["flags"][-1]["kinds"]


def test_the_safety_check_comes_even_at_the_end(conv, store):
    _to(conv, "remarks", {"dream": "Få en hund"})
    reply = conv.respond("tak, men jeg vil ikke leve mere")
    assert reply.prompt.kind == "safety" and not conv.finished and not reply.ended
    reply = conv.respond("fortsæt")
    assert reply.prompt.state == "remarks" and not reply.ended  # asked again (issue 20)
    reply = conv.respond("nej")
    assert reply.ended and reply.prompt.state == "end"


def test_distress_typed_where_a_choice_is_asked_is_not_ignored(conv):
    _to(conv, "when", {"dream": "Få en hund"})
    reply = conv.respond("det er lige meget, jeg vil dø")
    assert reply.invalid is None and reply.prompt.kind == "safety"
    reply = conv.respond("1")
    assert reply.prompt.state == "when"  # the question is asked again afterwards


def test_taking_a_break_at_the_safety_check_pauses_and_resumes_after_it(store, conv):
    _to(conv, "everyday")
    conv.respond("jeg tænker tit på selvmord")
    reply = conv.respond("Hold en pause")
    assert reply.paused and not reply.stopped
    assert store.open_case(conv.case_id, write=False).meta["status"] == STATUS_PAUSED
    with resume_case(store, conv.case_id) as again:
        assert again.prompt().state == "everyday"  # the interrupted question again (issue 20)
        assert again.prompt().text.startswith("Hvordan har du det i dag?")
        assert again.handle.meta["flags"][0]["choice"] == "pause"


def test_stopping_for_today_says_so_and_keeps_the_words(store, conv):
    _to(conv, "everyday")
    conv.respond("I want to die")
    reply = conv.respond("3")
    assert reply.paused and reply.stopped
    with store.open_case(conv.case_id, write=False) as handle:
        assert handle.meta["flags"][0]["choice"] == "stop"
        assert any(e.get("text") == "I want to die" for e in handle.events())


def test_back_from_the_safety_check_and_after_it_returns_to_the_answer(conv):
    _to(conv, "everyday")
    conv.respond("jeg vil ikke leve mere")
    assert conv.back().prompt.state == "everyday"  # from the check itself
    conv.respond("jeg vil ikke leve mere")
    conv.respond("1")
    assert conv.prompt().state == "everyday"  # asked again (issue 20)
    conv.respond("Jeg sover længe")
    assert conv.back().prompt.state == "everyday"
    assert conv.back().prompt.state == "everyday"  # back over the check, not into it
    assert not conv.model.safety_pending
    assert conv.back().prompt.state == "name"
    assert len(conv.handle.meta["flags"]) == 2  # going back takes nothing from the caseworker


def test_skipping_the_safety_check_goes_on(conv):
    _to(conv, "everyday")
    conv.respond("selvmord")
    reply = conv.skip()
    assert reply.prompt.state == "everyday"  # the interrupted question again (issue 20)
    assert conv.handle.meta["flags"][0]["choice"] == "continue"


def test_english_conversation_gets_help_worded_for_denmark(store):
    with Conversation.start(store, lang="en") as conv:
        _to(conv, "everyday", {"consent": "yes", "another_dream": "no"})
        prompt = conv.respond("my partner beats me").prompt
    assert prompt.kind == "safety"
    assert "Livslinien" in prompt.text and "70 201 201" in prompt.text and "Call 112" in prompt.text
    assert "Lev Uden Vold" in prompt.text and "1888" in prompt.text  # violence: the line for it
    assert [c.label for c in prompt.choices] == ["Go on with the conversation", "Take a break", "Stop for today"]


def test_the_flag_survives_a_no_but_the_words_do_not(store, conv):
    _to(conv, "everyday")
    conv.respond("jeg vil dø")
    conv.back()
    conv.back()
    conv.back()  # back to the consent question
    assert conv.prompt().state == "consent"
    conv.respond("nej")
    with store.open_case(conv.case_id, write=False) as handle:
        assert handle.meta["flags"][0]["kinds"] == ["suicide"]
        assert "jeg vil dø" not in json.dumps(handle.events(), ensure_ascii=False)
        assert [e["what"] for e in handle.all_docs("trail")] == [safety.TRAIL_RAISED]


# -- the JSON-lines and plain channels --------------------------------------------------

def test_jsonl_shows_the_safety_check_as_a_prompt_and_pauses(store_path):
    events = run_jsonl(store_path, ["", "ja", "Kim", "nogle gange har jeg lyst til at dø", "2"])
    check = [e for e in events if e.get("kind") == "safety"]
    assert len(check) == 1 and check[0]["event"] == "prompt"
    assert [c["value"] for c in check[0]["choices"]] == ["continue", "pause", "stop"]
    assert "70 201 201" in check[0]["text"]
    assert events[-1]["event"] == "paused" and "stopped" not in events[-1]
    case = events[-1]["case"]
    again = run_jsonl(store_path, [], "--case", case)
    assert again[0]["state"] == "everyday"  # the interrupted question again (issue 20), after a check-in
    assert again[0]["text"].startswith("Hvordan har du det i dag?") and "70 201 201" in again[0]["text"]


def test_jsonl_stop_says_where_help_is(store_path):
    events = run_jsonl(store_path, ["", "ja", "Kim", "I want to die", "stop"])
    assert events[-1]["event"] == "paused" and events[-1]["stopped"] is True
    assert "70 201 201" in events[-1]["message"]


def test_plain_mode_shows_the_check_and_the_stop(store_path):
    proc = run_cli("run", "--store", str(store_path), stdin="\nja\nKim\njeg vil ikke leve mere\n3\n")
    assert "Livslinien" in proc.stdout and "1) Fortsæt samtalen" in proc.stdout
    assert "Vi stopper her." in proc.stdout


# -- the caseworker is told -----------------------------------------------------------

def _flagged_plan(store) -> str:
    with Conversation.start(store) as conv:
        _to(conv, "everyday")
        conv.respond("jeg vil ikke leve mere")
        conv.respond("1")
        _to(conv, "end", {"dream": "Få en hund"})
        return conv.case_id


def test_case_view_shows_the_flag_and_the_citizen_view_never_does(store):
    case = _flagged_plan(store)
    for fmt in ("md", "html"):
        shown = export_plan(store, case, fmt=fmt, view="case")
        assert "Tegn på krise i samtalen" in shown and "tanker om selvmord" in shown
        assert "Ikke håndteret endnu" in shown
    data = json.loads(export_plan(store, case, fmt="json", view="case"))
    assert data["safety_flags"][0]["kinds"] == ["suicide"]
    for fmt in ("md", "html", "json"):
        own = export_plan(store, case, fmt=fmt, view="citizen")
        for word in ("krise", "selvmord", "flag", "distress", "Livslinien"):
            assert word not in own, (fmt, word)
    assert "krise" not in citizen_markdown(load_full_plan(store, case))
    transcript = export_plan(store, case, fmt="md", view="case")
    assert "⚑ tegn på krise: tanker om selvmord" in transcript
    assert "efter tegnet på krise valgte borgeren: Fortsæt samtalen" in transcript


def test_the_caseworker_marks_it_handled_with_a_note(store):
    case = _flagged_plan(store)
    root = str(store.root)
    shown = run_cli("casework", case, "--store", root)
    assert "⚑ Tegn på krise i samtalen: tanker om selvmord" in shown.stdout
    missing = run_cli("casework", case, "--store", root, "--flag-handled", "  ", check=False)
    assert missing.returncode == 3 and "note" in missing.stderr
    done = run_cli("casework", case, "--store", root, "--flag-handled", "Ringet til borgeren, aftalt møde.",
                   "--user", "sb1")
    assert "markeret som håndteret: 1" in done.stdout
    with store.open_case(case, write=False) as handle:
        flag = handle.meta["flags"][0]
        trail = handle.all_docs("trail")
    assert flag["handled"]["note"] == "Ringet til borgeren, aftalt møde." and flag["handled"]["by"] == "sb1"
    assert trail[-1]["what"] == safety.TRAIL_HANDLED and trail[-1]["who"] == "sb1"
    words = run_cli("casework", case, "--store", root, "--trail").stdout
    assert "tegn på krise i samtalen: — → tanker om selvmord" in words
    assert "tegn på krise håndteret: — → Ringet til borgeren, aftalt møde." in words
    assert "⚑" not in run_cli("casework", case, "--store", root).stdout
    again = run_cli("casework", case, "--store", root, "--flag-handled", "igen", check=False)
    assert again.returncode == 3
    assert "Håndteret" in export_plan(store, case, fmt="md", view="case")


def test_the_report_counts_the_flags_safety_writes_raised_then_handled(store):
    """The management figures read the case's flags as assistant.domain.safety keeps them (meta ``flags``)."""
    case = _flagged_plan(store)
    assert store.frames()[case]["distress_raised"] == 1
    assert store.frames()[case]["distress_handled"] == 0
    run_cli("casework", case, "--store", str(store.root), "--flag-handled", "Ringet til borgeren, aftalt møde.")
    frame = store.frames()[case]  # the handled flag is a new write: the index reads the case again
    assert frame["distress_raised"] == 1 and frame["distress_handled"] == 1
    assert "Ringet" not in json.dumps(frame)  # the note is words: never in the frame


def test_a_flag_before_any_plan_can_be_handled(store):
    with Conversation.start(store) as conv:
        _to(conv, "everyday")
        conv.respond("min kæreste slår mig")
        conv.respond("2")  # a break: no plan yet
        case = conv.case_id
    done = run_cli("casework", case, "--store", str(store.root), "--flag-handled", "Talt med borgeren.")
    assert "1" in done.stdout
    assert store.open_case(case, write=False).meta["flags"][0]["handled"]


def test_case_list_puts_flagged_cases_first(store):
    from assistant.services.case_rows import load_rows

    quiet = Conversation.start(store)
    _to(quiet, "summary", {"dream": "Få en hund"})
    quiet.close()
    flagged = _flagged_plan(store)
    rows = load_rows(store)
    assert rows[0].id == flagged and rows[0].flags_open == 1 and rows[0].has_plan
    assert rows[1].flags_open == 0


# -- "ved ikke" is not a dream ---------------------------------------------------------

TEXT_STEPS = ["name", "everyday", "goodnow", "dream", "why", "motivationup", "firststep", "helpers", "sign"]


@pytest.mark.parametrize("state", TEXT_STEPS)
def test_a_non_answer_is_asked_once_more_another_way_then_accepted(conv, state):
    _to(conv, state, {"dream": "Få en hund", "motivation": "2"})
    first = conv.prompt()
    again = conv.respond("ved ikke").prompt
    assert again.state == state and again.variant == "unsure" and again.text != first.text
    after = conv.respond("aner det ikke").prompt
    assert after.state != state
    assert after.text.startswith("Det er helt i orden. Det lader vi stå åbent")
    answers = conv.model.answers
    values = answers.dreams[-1] if first.item else answers.values
    assert values.get(first.slot) is None  # never a dream, a reason, a step or a helper


def test_the_first_step_example_is_built_from_the_citizens_own_words(conv):
    _to(conv, "firststep", {"dream": "Få en hund"})
    assert "»Få en hund«" in conv.respond("idk").prompt.text


def test_a_second_non_answer_to_the_dream_leaves_no_goal_and_no_purpose(conv):
    _to(conv, "dream")
    conv.respond("ved ikke")
    reply = conv.respond("ved ikke")
    assert reply.prompt.state == "another"  # like a skipped dream
    _to(conv, "summary")
    plan = conv.plan().to_dict()
    assert plan["goals"] == [] and "ved ikke" not in json.dumps(plan["purpose"], ensure_ascii=False)
    assert audit(plan).ratings[0].rating == "none"  # the purpose is missing, not "clear"


def test_non_answers_become_open_points_and_honest_sentences(conv):
    unsure = {"why": "ved ikke", "firststep": "?", "helpers": "ingen", "sign": "idk"}
    _to(conv, "why", {"dream": "Få en hund"})
    for _ in range(30):
        prompt = conv.prompt()
        if prompt.state == "summary":
            break
        conv.respond(unsure.get(prompt.state) or {"motivation": "7", "when": "1", "another_dream": "nej"}.get(prompt.slot, ""))
    plan = conv.plan().to_dict()
    goal = plan["goals"][0]
    assert goal["why"] is None and goal["first_step"] is None and goal["helpers"] is None
    assert goal["success_criterion"] is None
    assert goal["text"].endswith("Det første skridt er noget, jeg aftaler med min sagsbehandler.")
    mine = citizen_markdown(plan)
    for said in ("»ved ikke«", "»?«", "»ingen«", "»idk«"):
        assert said not in mine
    assert "Hvem kan hjælpe: Det finder jeg ud af sammen med min sagsbehandler." in mine
    assert any("Hvordan vi ser, at det er lykkedes" in p for p in plan["open_points"])
    assert plan["involvement"]["skipped"] >= 4 and plan["involvement"]["not_known"] == 4  # counted as missing
    result = audit(plan)
    assert result.ratings[0].rating != "high"
    involvement = next(r for r in result.ratings if r.key == "involvement")
    assert "Heraf besvaret med \"ved ikke\" eller \"ingenting\": 4." in involvement.reason
    # Kept as said in the conversation: the case view shows every word.
    assert sum(1 for e in conv.events if e.get("text") == "ingen") == 2


def test_review_comment_non_answers(conv):
    _to(conv, "reviewcomment", {"dream": "Få en hund"})
    assert conv.respond("ved ikke").prompt.state == "remarks"  # nothing to add, no second question
    assert conv.plan().goals[0].citizen_comment is None


def test_after_a_disagreement_a_non_answer_is_asked_again(conv):
    _to(conv, "reviewcomment", {"dream": "Få en hund", "review": "uenig"})
    again = conv.respond("ved ikke").prompt
    assert again.state == "reviewcomment" and again.variant == "unsure"
    assert conv.respond("ved ikke").prompt.state == "remarks"
    assert conv.plan().goals[0].citizen_comment is None


def test_non_answers_in_english(store):
    with Conversation.start(store, lang="en") as conv:
        _to(conv, "dream", {"consent": "yes"})
        prompt = conv.respond("dunno").prompt
        assert prompt.variant == "unsure" and "half a year" in prompt.text
        assert conv.respond("nothing").prompt.text.startswith("That is all right.")


def test_jsonl_non_answer_on_the_dream(store_path):
    events = run_jsonl(store_path, ["", "ja", "Kim", "sover", "kaffe", "ved ikke"])
    prompts = [e for e in events if e["event"] == "prompt"]
    assert prompts[-1]["state"] == "dream"
    assert prompts[-1]["text"] == "Hvis du havde en god dag om et halvt år, hvad ville du så lave?"


def test_words_of_distress_never_become_the_name_on_the_list(conv, store):
    _to(conv, "name")
    conv.respond("jeg vil dø")
    conv.respond("1")
    assert conv.model.answers.values.get("name") is None
    assert store.open_case(conv.case_id, write=False).meta["name"] == ""


def test_the_safety_file_is_checked_and_is_not_a_journey():
    from assistant.domain.journey import journey_ids

    assert journey_ids() == ["adult", "changes", "followup", "youth"]  # the data files are not among them
    good = {"safety": {"prompt": "Help: {help}", "trainer_note": "n", "stopped": "s",
                       "choices": [{"value": v, "label": v} for v in safety.CHOICES]},
            "kinds": {k: k for k in safety.KINDS}, "help": [{"text": "Call 112."}]}
    assert safety.parse_safety(good)[0].kind == "safety"
    for broken in ({**good, "safety": {**good["safety"], "prompt": "no help shown"}},
                   {**good, "help": [{"text": "x", "kinds": ["headache"]}]},
                   {**good, "kinds": {"suicide": "s"}}):
        with pytest.raises(JourneyError, match="safety.toml"):
            safety.parse_safety(broken)


def test_the_citizens_channel_never_carries_the_flag(store_path):
    # After the safety step the interrupted question is asked again (issue 20): skipped here.
    events = run_jsonl(store_path, ["", "ja", "Kim", "jeg vil ikke leve mere", "1", "", "", "Få en hund", "", "7",
                                    "", "", "", "1", "nej", ""])
    plans = [e["plan"] for e in events if e["event"] == "plan"]
    assert plans
    text = json.dumps(plans, ensure_ascii=False)
    assert "distress" not in text and "signs" not in text and "Livslinien" not in text
    assert "Få en hund" in text
    assert "jeg vil ikke leve mere" not in text  # what raised a sign is never given back (issue 20)


def test_words_of_distress_are_kept_as_said_but_never_become_plan_content(conv):
    _to(conv, "dream")
    conv.respond("jeg vil bare dø")
    reply = conv.respond("1")
    assert "»jeg vil bare dø«" not in reply.prompt.text  # never reflected back as a dream
    assert reply.prompt.state == "dream"  # the dream question again, not "another dream?" (issue 20)
    _to(conv, "remarks", {"dream": "Få en hund"})
    conv.respond("nej. jeg vil ikke leve mere")
    conv.respond("1")
    plan = conv.plan().to_dict()
    assert [g["dream"] for g in plan["goals"]] == ["Få en hund"] and plan["remarks"] is None
    assert "dø" not in citizen_markdown(plan) and "leve mere" not in citizen_markdown(plan)
    said = [e["text"] for e in conv.events if e.get("signs")]
    assert said == ["jeg vil bare dø", "nej. jeg vil ikke leve mere"]  # in the history, as said


def test_a_broken_safety_file_is_a_sentence_and_leaves_no_case(store, monkeypatch):
    safety.data.cache_clear()
    monkeypatch.setattr(safety, "SAFETY_FILE", "no-such-file.toml")
    try:
        with pytest.raises(JourneyError, match="no-such-file.toml"):
            Conversation.start(store)
        assert store.list_cases() == []
    finally:
        monkeypatch.undo()
        safety.data.cache_clear()


def test_a_case_with_a_safety_check_a_second_angle_and_a_wish_picked_opens_again(store_path):
    """Found by hand: the damage check on opening mistook these answers for damage."""
    from tests.support.helpers import run_cli

    answers = ["", "ja", "Kim", "jeg orker ikke mere. nogle gange har jeg lyst til at dø", "1",
               "ved ikke", "ved ikke", "dunno", "et job og en kæreste", "1"]
    first = run_cli("run", "--jsonl", "--store", str(store_path), stdin="".join(a + "\n" for a in answers))
    case = json.loads(first.stdout.splitlines()[0])["case"]
    again = run_cli("run", "--jsonl", "--store", str(store_path), "--case", case, stdin="")
    assert json.loads(again.stdout.splitlines()[0])["state"] == "why"
