"""Issue 20 (points 1, 4, 6): two tiers of signs in every free-text answer of every conversation.

A clear sign stops the script for the safety step; a possible sign asks a direct question
first (yes / no / I would rather not answer). The answer that raised either is never used
nor quoted back: the interrupted question is asked again. Headless (Conversation, the
follow-up, the changes review) and through ``run --jsonl`` / plain mode.

The interim ``assess`` never says "possible": the tests make it say so with monkeypatch.
"""

from __future__ import annotations

import io
import json
import sys

import pytest
from tests.support.helpers import answer_until, converse, finalise, run_cli
from tests.support.personas import ANNA_DA, CARLA_DA

from assistant.domain import safety
from assistant.domain.journey import load_journey
from assistant.domain.replay import replay
from assistant.render.export import export_plan
from assistant.render.views import citizen_markdown
from assistant.services.casework import Casework
from assistant.services.changes import ChangesReview
from assistant.services.conversation import Conversation
from assistant.services.followup import FollowUp
from assistant.services.plans import load_full_plan
from assistant.services.resume import resume_case
from assistant.common.i18n import translator
from assistant.common.text import md_escape
from store import clock

# What the fake detector calls a possible sign (the real one will have its own rules).
POSSIBLE = {
    "jeg er så træt af det hele": ("suicide",),
    "i am so tired of it all": ("suicide",),
    "der er ballade derhjemme om natten": ("violence",),
    "there is trouble at home at night": ("violence",),
}
TIRED_DA, TIRED_EN = "Jeg er så træt af det hele", "I am so tired of it all"
TROUBLE_DA, TROUBLE_EN = "Der er ballade derhjemme om natten", "There is trouble at home at night"
CLEAR_DA = "jeg vil ikke leve mere"

QUESTION_DA = "Når du skriver sådan, vil jeg gerne spørge dig direkte: Tænker du på at tage dit liv?"
DANGER_DA = "Når du skriver sådan, vil jeg gerne spørge dig direkte: Er du eller et barn hos dig i fare?"
QUESTION_EN = "When you write like that, I would like to ask you directly: Are you thinking about taking your life?"
DANGER_EN = "When you write like that, I would like to ask you directly: Are you, or a child with you, in danger?"
LABELS_DA = ["Ja", "Nej", "Det vil jeg ikke svare på"]
LABELS_EN = ["Yes", "No", "I would rather not answer"]
THANKS_DA, THANKS_EN = "Tak, fordi du svarede. Så går vi videre.", "Thank you for answering. Let's go on."
AGAIN_DA = "Her er spørgsmålet igen."
DREAM_DA = "Forestil dig, at det en morgen er blevet bedre. Hvad er anderledes?"
DEFAULTS = {"consent": "ja", "name": "Kim", "motivation": "7", "when": "1", "another_dream": "nej", "priority": "1"}


@pytest.fixture(autouse=True)
def possible(monkeypatch):
    """``assess`` as the coming detector: some sentences are a possible sign."""
    real = safety.assess

    def assess(text):
        kinds = POSSIBLE.get(" ".join((text or "").casefold().split()).rstrip("."))
        return safety.Assessment("possible", kinds, ("test",)) if kinds else real(text)

    monkeypatch.setattr(safety, "assess", assess)


def _to(conv, state, answers=None, lang="da"):
    defaults = DEFAULTS if lang == "da" else {**DEFAULTS, "consent": "yes", "another_dream": "no"}
    answer_until(conv, state, defaults, answers)


def _events(store, case):
    with store.open_case(case, write=False) as handle:
        return handle.events(), handle.meta


# -- the direct question --------------------------------------------------------------------
def test_a_possible_sign_asks_directly_with_three_answers(store):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        before = conv.prompt().progress
        prompt = conv.respond(TIRED_DA).prompt
        assert (prompt.kind, prompt.state) == ("safety_check", "safety_check")
        assert prompt.text == QUESTION_DA
        assert [c.value for c in prompt.choices] == ["yes", "no", "no_answer"]
        assert [c.label for c in prompt.choices] == LABELS_DA
        assert prompt.answered_by == "choice" and prompt.progress == before
        assert not conv.handle.meta.get("flags")  # a possible sign alone is not a flag
        answer = [e for e in conv.events if e["type"] == "answer"][-1]
        assert answer["possible"] == ["suicide"] and answer["stay"] and answer["value"] is None


@pytest.mark.parametrize(("lang", "said", "question"), [("da", TROUBLE_DA, DANGER_DA), ("en", TROUBLE_EN, DANGER_EN),
                                                        ("en", TIRED_EN, QUESTION_EN)])
def test_the_question_fits_the_kind_of_sign(store, lang, said, question):
    with Conversation.start(store, lang=lang) as conv:
        _to(conv, "everyday", lang=lang)
        prompt = conv.respond(said).prompt
        assert prompt.text == question
        assert [c.label for c in prompt.choices] == (LABELS_DA if lang == "da" else LABELS_EN)


def test_no_thanks_and_asks_the_interrupted_question_again(store):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        conv.respond(TIRED_DA)
        prompt = conv.respond("nej").prompt
        assert prompt.state == "dream" and prompt.kind == "text"
        assert prompt.text == f"{THANKS_DA}\n\n{AGAIN_DA}\n\n{DREAM_DA}"
        assert "Har du en drøm mere" not in prompt.text and TIRED_DA not in prompt.text
        assert not conv.handle.meta.get("flags")  # "no" is not a flag ...
        (asked,) = conv.handle.meta["asked_directly"]  # ... but it is kept for the caseworker
        assert asked["answer"] == "no" and asked["kinds"] == ["suicide"] and asked["state"] == "dream"
        assert [e["answer"] for e in conv.events if e["type"] == "asked"] == ["no"]
        prompt = conv.respond("Få en hund").prompt
        assert prompt.state == "why" and "»Få en hund«" in prompt.text
        assert not prompt.text.startswith(THANKS_DA)  # said once


@pytest.mark.parametrize(("typed", "answer"), [("ja", "yes"), ("1", "yes"), ("Ja, nogle gange", "yes"),
                                               ("det vil jeg ikke svare på", "no_answer"), ("3", "no_answer")])
def test_yes_or_rather_not_answer_leads_to_the_safety_step_and_the_flag(store, typed, answer):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        conv.respond(TIRED_DA)
        prompt = conv.respond(typed).prompt
        assert prompt.kind == "safety" and prompt.state == "safety"
        assert "70 201 201" in prompt.text and [c.value for c in prompt.choices] == ["continue", "pause", "stop"]
        (flag,) = conv.handle.meta["flags"]
        assert flag["kinds"] == ["suicide"] and flag["state"] == "dream" and flag["choice"] is None
        assert conv.handle.meta["asked_directly"][0]["answer"] == answer
        prompt = conv.respond("1").prompt  # go on
        assert prompt.state == "dream" and prompt.text.startswith("Tak. Så fortsætter vi.") and AGAIN_DA in prompt.text
        assert conv.handle.meta["flags"][0]["choice"] == "continue"


def test_english_no_answer_and_skip(store):
    with Conversation.start(store, lang="en") as conv:
        _to(conv, "goodnow", lang="en")
        prompt = conv.respond(TIRED_EN).prompt
        assert prompt.text == QUESTION_EN and [c.label for c in prompt.choices] == LABELS_EN
        prompt = conv.respond("I would rather not answer").prompt
        assert prompt.kind == "safety" and "Livslinien" in prompt.text
        prompt = conv.respond("1").prompt
        assert prompt.state == "goodnow" and "Here is the question again." in prompt.text
        prompt = conv.respond(TROUBLE_EN).prompt
        assert prompt.text == DANGER_EN
        prompt = conv.skip().prompt  # skipping the direct question is "rather not answer"
        assert prompt.kind == "safety" and "1888" in prompt.text  # violence: the line for it
        assert [a["answer"] for a in conv.handle.meta["asked_directly"]] == ["no_answer", "no_answer"]
        assert [f["kinds"] for f in conv.handle.meta["flags"]] == [["suicide"], ["violence"]]
        prompt = conv.respond("no").prompt  # not a choice of the safety step: asked again
        assert prompt.kind == "safety"


def test_words_that_are_no_answer_ask_again_and_a_clear_sign_goes_to_the_safety_step(store):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        conv.respond(TIRED_DA)
        reply = conv.respond("hmm")
        assert reply.invalid and reply.prompt.kind == "safety_check"
        reply = conv.respond("nej, men jeg vil bare dø")
        assert reply.prompt.kind == "safety"
        assert conv.handle.meta["flags"][0]["kinds"] == ["suicide"]


def test_a_clear_sign_at_the_dream_comes_back_to_the_dream_question(store):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        assert conv.respond("jeg vil bare dø").prompt.kind == "safety"
        prompt = conv.respond("1").prompt
        assert prompt.state == "dream" and prompt.text.endswith(DREAM_DA)
        assert "Har du en drøm mere" not in prompt.text and "»jeg vil bare dø«" not in prompt.text


def test_a_later_dream_is_asked_again_in_its_own_words(store):
    with Conversation.start(store) as conv:
        _to(conv, "another", {"dream": "Få en hund"})
        conv.respond("ja")
        assert conv.prompt().variant == "again"
        conv.respond(TIRED_DA)
        prompt = conv.respond("nej").prompt
        assert prompt.state == "dream" and prompt.variant == "again"  # the step's own "again" wording
        assert prompt.text.startswith(THANKS_DA) and prompt.text.endswith("Hvad er din næste drøm? Sig det med dine egne ord.")


def test_a_young_person_is_asked_directly_and_comes_back_to_the_dream(store):
    with Conversation.start(store, "youth") as conv:
        _to(conv, "areagood", {"area_talk": "ja"})
        prompt = conv.respond(TIRED_DA).prompt
        assert prompt.kind == "safety_check" and prompt.text == QUESTION_DA
        assert conv.respond("nej").prompt.state == "areagood"
        _to(conv, "dream", {"area_talk": "nej"})
        first = conv.prompt().text
        conv.respond(TIRED_DA)
        conv.respond("ja")
        prompt = conv.respond("1").prompt
        assert prompt.state == "dream" and prompt.text.endswith(first) and prompt.variant is None
        assert "Har du en drøm mere" not in prompt.text
        assert "116 111" in conv.respond(CLEAR_DA).prompt.text  # Børnetelefonen, the journey's own line


@pytest.mark.parametrize("state", ["name", "everyday", "goodnow", "why", "firststep", "helpers", "sign",
                                   "reviewcomment", "remarks"])
def test_every_free_text_answer_is_read_for_a_possible_sign(store, state):
    with Conversation.start(store) as conv:
        _to(conv, state, {"dream": "Få en hund"})
        assert conv.respond(TIRED_DA).prompt.kind == "safety_check"
        assert conv.respond("nej").prompt.state == state


# -- never quoted back -----------------------------------------------------------------------
def test_nothing_of_a_signed_answer_reaches_the_plan_or_the_citizens_copy(store):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        conv.respond(TIRED_DA)  # possible, at the dream: "no"
        conv.respond("nej")
        conv.respond("Få en hund")
        _to(conv, "firststep")
        conv.respond("Jeg vil ikke leve mere, men ring til kennelen")  # clear, at the first step
        conv.respond("1")
        conv.respond("Ringe til en kennel")
        _to(conv, "remarks")
        conv.respond(TROUBLE_DA)  # possible, at the remarks: yes
        conv.respond("ja")
        conv.respond("1")
        assert conv.prompt().state == "remarks"
        conv.respond("nej")
        assert conv.finished
        case = conv.case_id
    plan = load_full_plan(store, case)
    (goal,) = plan["goals"]
    assert goal["dream"] == "Få en hund" and goal["first_step"] == "Ringe til en kennel" and plan["remarks"] is None
    signed = ("træt af det hele", "leve mere", "ballade")
    drafted = json.dumps({k: v for k, v in plan.items() if k not in ("transcript", "followups")}, ensure_ascii=False)
    for words in signed:
        assert words not in drafted
        assert words not in citizen_markdown(plan)
        for fmt in ("md", "html", "json"):
            assert words not in export_plan(store, case, fmt=fmt, view="citizen"), (fmt, words)
    own = json.loads(export_plan(store, case, fmt="json", view="citizen"))
    assert not any("check" in e or e.get("type") == "asked" for e in own["transcript"])
    case_view = export_plan(store, case, fmt="md", view="case")
    assert "leve mere" in case_view  # the caseworker's view keeps the conversation as it happened


# -- what the caseworker reads -----------------------------------------------------------------
def test_the_case_view_says_asked_directly_answered_no_with_the_date(store, monkeypatch):
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-03-04")
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        conv.respond(TIRED_DA)
        conv.respond("nej")
        _to(conv, "end", {"dream": "Få en hund"})
        case = conv.case_id
    day = translator("da").date(clock.today())
    shown = export_plan(store, case, fmt="md", view="case")
    assert "## Spurgt direkte i samtalen" in shown
    assert f"- {md_escape(day)}: spurgt direkte, svarede nej (muligt tegn: tanker om selvmord eller om ikke at ville leve)." in shown
    assert "2026-03-04" in shown and "— spurgt direkte, svarede nej" in shown  # in the conversation, with its time
    assert "Tegn på krise i samtalen" not in shown  # not a flag
    english = export_plan(store, case, fmt="md", view="case", lang="en")
    assert "asked directly, answered no" in english
    data = json.loads(export_plan(store, case, fmt="json", view="case"))
    assert data["asked_directly"][0]["answer"] == "no" and data["safety_flags"] == []


def test_a_no_to_the_plan_keeps_what_was_asked_directly(store):
    with Conversation.start(store) as conv:
        _to(conv, "everyday")
        conv.respond(TIRED_DA)
        conv.respond("nej")
        while conv.prompt().state != "consent":
            conv.back()
        conv.respond("nej")
        assert conv.declined
        case = conv.case_id
    events, meta = _events(store, case)
    assert meta["asked_directly"][0]["answer"] == "no"
    assert [e["type"] for e in events if e["type"] == "asked"] == ["asked"]
    assert TIRED_DA not in json.dumps(events, ensure_ascii=False)


# -- replay, resume, back ------------------------------------------------------------------------
def test_resume_after_a_crash_in_the_middle_of_the_direct_question(store):
    conv = Conversation.start(store)
    _to(conv, "dream")
    conv.respond(TIRED_DA)
    case = conv.case_id
    conv.close()  # no pause: the process ended here
    with resume_case(store, case) as again:
        assert again.model.check_pending == ["suicide"]
        prompt = again.prompt()
        assert prompt.kind == "safety_check" and prompt.text == QUESTION_DA
        assert again.respond("nej").prompt.state == "dream"
    with resume_case(store, case) as again:
        assert again.prompt().state == "dream" and not again.model.check_pending
        again.respond(TIRED_DA)
        again.respond("ja")  # then a crash before the safety step is answered
    with resume_case(store, case) as again:
        prompt = again.prompt()
        assert prompt.kind == "safety" and again.model.safety_pending == ["suicide"]
        assert again.respond("1").prompt.state == "dream"
    events, meta = _events(store, case)
    model = replay(load_journey("adult"), events)
    assert model.state == "dream" and model.interrupted and not model.check_pending and not model.safety_pending
    assert [a["answer"] for a in meta["asked_directly"]] == ["no", "yes"]


def test_back_from_the_direct_question_or_after_it_goes_to_the_question(store):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        conv.respond(TIRED_DA)
        assert conv.back().prompt.state == "dream" and not conv.model.check_pending
        conv.respond(TIRED_DA)
        conv.respond("nej")
        assert conv.back().prompt.state == "dream"  # back over the direct question, not into it
        assert not conv.model.check_pending
        conv.respond(TIRED_DA)
        conv.respond("ja")
        assert conv.back().prompt.state == "dream"  # from the safety step after a yes
        assert not conv.model.safety_pending and not conv.model.check_pending
        assert conv.back().prompt.state == "goodnow"


def test_after_a_pause_at_the_safety_step_the_return_starts_gently(store):
    with Conversation.start(store) as conv:
        _to(conv, "dream")
        conv.respond(TIRED_DA)
        conv.respond("ja")
        reply = conv.respond("2")  # take a break
        assert reply.paused and reply.help_lines and "70 201 201" in reply.help_lines[0]
        case = conv.case_id
    with resume_case(store, case) as again:
        text = again.prompt().text
        assert text.startswith("Hvordan har du det i dag?\n\nDu kan stadig få hjælp nu:\n- Ring 70 201 201")
        assert text.endswith(f"{AGAIN_DA}\n\n{DREAM_DA}") and again.prompt().state == "dream"
        again.respond("Få en hund")
        assert not again.prompt().text.startswith("Hvordan har du det")  # once


def test_progress_never_jumps_around_the_safety_step(store):
    said = {"everyday": CLEAR_DA, "dream": TIRED_DA, "why": TROUBLE_DA}
    seen: set[str] = set()
    progress = []
    with Conversation.start(store) as conv:
        for _ in range(80):
            prompt = conv.prompt()
            if prompt.final:
                break
            progress.append(prompt.progress)
            if prompt.state in said and prompt.state not in seen:
                seen.add(prompt.state)
                conv.respond(said[prompt.state])
            elif prompt.kind == "safety_check":
                conv.respond("nej" if len(seen) == 2 else "ja")
            elif prompt.kind == "safety":
                conv.respond("1")
            else:
                conv.respond({**DEFAULTS, "dream": "Få en hund"}.get(prompt.slot, "svar" if prompt.kind == "text" else ""))
    assert seen == set(said)
    assert progress == sorted(progress)


# -- the follow-up and the changes review ask it too -----------------------------------------------
def test_the_follow_up_asks_directly_too(store, monkeypatch):
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-12-01")
    case = converse(store, ANNA_DA)
    with Casework(store, case, user="sb1") as work:
        finalise(work)
    monkeypatch.setenv("BORGERREJSE_TODAY", "2027-02-01")
    with resume_case(store, case) as conv:
        assert isinstance(conv, FollowUp)
        for answer in ("", "6"):
            conv.respond(answer)
        question = conv.prompt()
        assert question.state == "helped"
        prompt = conv.respond(TIRED_DA).prompt
        assert prompt.kind == "safety_check" and prompt.text == QUESTION_DA and prompt.part == question.part
        prompt = conv.respond("nej").prompt
        assert prompt.state == "helped" and prompt.text.startswith(THANKS_DA) and AGAIN_DA in prompt.text
        prompt = conv.respond(CLEAR_DA).prompt
        assert prompt.kind == "safety"
        prompt = conv.respond("1").prompt
        assert prompt.state == "helped" and prompt.text.startswith("Tak. Så fortsætter vi.")
        conv.respond("Min søster")
        assert conv.model.answers.reviews[1]["helped"] == "Min søster"
    meta = _events(store, case)[1]
    assert meta["asked_directly"][0]["conversation"] == "followup" and meta["flags"][0]["state"] == "helped"
    assert "spurgt direkte, svarede nej" in export_plan(store, case, fmt="md", view="case")


def test_the_changes_review_asks_directly_too(store):
    case = converse(store, CARLA_DA)
    with Casework(store, case, user="sb1") as work:
        work.set_goal_field("g1", "text", "Carla står op kl. 9 tre dage om ugen.")
    with resume_case(store, case) as conv:
        assert isinstance(conv, ChangesReview)
        conv.respond("")
        conv.respond("uenig")
        assert conv.prompt().slot == "review_comment"
        prompt = conv.respond(TROUBLE_DA).prompt
        assert prompt.kind == "safety_check" and prompt.text == DANGER_DA
        prompt = conv.respond("det vil jeg ikke svare på").prompt
        assert prompt.kind == "safety" and "1888" in prompt.text
        prompt = conv.respond("1").prompt
        assert prompt.slot == "review_comment" and AGAIN_DA in prompt.text
        conv.respond("Kl. 10 er bedre")
        assert conv.finished
    plan = load_full_plan(store, case)
    assert plan["goals"][0]["change_answers"][-1]["comment"] == "Kl. 10 er bedre"
    assert "ballade" not in json.dumps(plan["goals"], ensure_ascii=False)
    meta = _events(store, case)[1]
    assert meta["asked_directly"][0]["answer"] == "no_answer" and meta["flags"][0]["kinds"] == ["violence"]


# -- through run --jsonl and plain mode ----------------------------------------------------------
def _run(store_path, answers, *extra):
    """``borgerrejse run`` in this process (so the fake detector is the one asked)."""
    from assistant.cli.commands import main

    stdin = io.TextIOWrapper(io.BytesIO("".join(a + "\n" for a in answers).encode()), encoding="utf-8")
    out = io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
    old = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = stdin, stdout
    try:
        assert main(["run", "--store", str(store_path), *extra]) == 0
    finally:
        sys.stdin, sys.stdout = old
    return out.getvalue().decode("utf-8")


def _jsonl(store_path, answers, *extra):
    return [json.loads(line) for line in _run(store_path, answers, "--jsonl", *extra).splitlines()]


START = {"da": ["", "ja", "Kim", "Jeg sover længe", "Min kat"], "en": ["", "yes", "Kim", "I sleep late", "My cat"]}


@pytest.mark.parametrize(("lang", "said", "no", "thanks", "question"), [
    ("da", TIRED_DA, "nej", THANKS_DA, QUESTION_DA), ("en", TIRED_EN, "no", THANKS_EN, QUESTION_EN)])
def test_jsonl_no(store_path, lang, said, no, thanks, question):
    events = _jsonl(store_path, [*START[lang], said, no, "Få en hund"], "--lang", lang)
    prompts = [e for e in events if e["event"] == "prompt"]
    check = [p for p in prompts if p["kind"] == "safety_check"]
    assert len(check) == 1 and check[0]["state"] == "safety_check" and check[0]["text"] == question
    assert [c["value"] for c in check[0]["choices"]] == ["yes", "no", "no_answer"]
    after = prompts[prompts.index(check[0]) + 1]
    assert after["state"] == "dream" and after["text"].startswith(thanks)
    assert prompts[-1]["state"] == "why"
    assert not any(p["kind"] == "safety" for p in prompts)


@pytest.mark.parametrize(("lang", "said", "answer", "labels"), [
    ("da", TIRED_DA, "1", LABELS_DA), ("da", TROUBLE_DA, "3", LABELS_DA),
    ("en", TIRED_EN, "yes", LABELS_EN), ("en", TROUBLE_EN, "I would rather not answer", LABELS_EN)])
def test_jsonl_yes_and_no_answer_lead_to_the_safety_step(store_path, lang, said, answer, labels):
    events = _jsonl(store_path, [*START[lang], said, answer, "2"], "--lang", lang)
    prompts = [e for e in events if e["event"] == "prompt"]
    assert [p["kind"] for p in prompts[-2:]] == ["safety_check", "safety"]
    assert [c["label"] for c in prompts[-2]["choices"]] == labels
    assert [c["value"] for c in prompts[-1]["choices"]] == ["continue", "pause", "stop"]
    paused = events[-1]
    assert paused["event"] == "paused" and any("70 201 201" in line for line in paused["help"])
    again = _jsonl(store_path, [], "--case", paused["case"])
    assert again[0]["state"] == "dream" and "70 201 201" in again[0]["text"]
    assert again[0]["text"].startswith("Hvordan har du det i dag?" if lang == "da" else "How are you today?")


def test_plain_mode_says_where_help_is_at_the_pause_and_on_return(store_path):
    out = run_cli("run", "--store", str(store_path), stdin="\nja\nKim\njeg vil ikke leve mere\n2\n").stdout
    after = out.split("Hold en pause", 1)[1]
    assert "Hvis du har brug for hjælp nu:\n- Ring 70 201 201" in after
    code = out.rsplit("Din kode er ", 1)[1].split(".")[0]
    back = run_cli("run", "--store", str(store_path), "--case", code, stdin="").stdout
    assert "Hvordan har du det i dag?" in back and "70 201 201" in back
    assert "Fortæl lidt om din hverdag" in back
