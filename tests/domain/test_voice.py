"""The citizen's own voice (issue 10, points 3 and 4).

Long answers are quoted short on the cards and kept whole in the plan; a dream with
several wishes is taken one wish at a time if the citizen wants to; drafted sentences
say a word once and a card speaks in one person; the citizen's strengths come first in
every view; and disagreeing with a goal can change it.
"""

from __future__ import annotations

import re

import pytest
from tests.support.helpers import converse, drive, last_plan, run_jsonl, answer_until
from tests.support.personas import ANNA_DA, CARLA_DA, CARLA_EN

from assistant.services.casework import Casework
from assistant.render.caseview import case_markdown
from assistant.services.conversation import Conversation
from assistant.render.export import export_plan
from assistant.domain.voice import alternative, excerpt, split_wishes, without_echo
from assistant.render.views import citizen_markdown, plain_text
from assistant.services.resume import resume_case

LONG = (
    "Jeg vil gerne have et arbejde, hvor jeg kan være sammen med andre mennesker og lære noget nyt hver eneste dag "
    "i ugen. Det har jeg drømt om, lige siden jeg var barn og boede hos min mormor på landet, hvor der altid var "
    "noget at lave, dyr at passe og folk, der kom forbi. Nu sidder jeg mest alene i lejligheden, og dagene ligner "
    "hinanden. Jeg tror, at et arbejde ville give mig en grund til at stå op om morgenen, nogen at snakke med i "
    "pausen og en følelse af, at jeg kan bidrage med noget. Det behøver ikke være mange timer i starten."
)
assert len(LONG) > 450


def _to(conv: Conversation, state: str, answers: dict[str, str] | None = None) -> None:
    """Answer with sensible defaults until ``state`` is asked."""
    answer_until(conv, state, {"consent": "ja", "motivation": "7", "when": "1", "another_dream": "nej", "priority": "1",
               "dream_pick": "all"}, answers)


def _outside_quotes(text: str) -> str:
    return re.sub(r"»[^«]*«|“[^”]*”", "", text)


@pytest.fixture
def conv(store):
    c = Conversation.start(store)
    yield c
    c.close()


# -- the pieces ------------------------------------------------------------------------
def test_a_long_answer_is_quoted_by_its_first_sentence_or_first_words():
    assert excerpt("At få en hund") == "At få en hund"
    assert excerpt("Jeg står op kl. 10. Jeg ser tv.") == "Jeg står op kl. 10. Jeg ser tv."  # short: whole
    first = excerpt(LONG)
    assert first.endswith("…") and LONG.startswith(first[:-1])
    assert len(first.split()) <= 15
    two = excerpt("Jeg vil have et arbejde. " + LONG)
    assert two == "Jeg vil have et arbejde…"
    # "kl. 8" does not end the first sentence
    assert excerpt("Kl. 8 er for tidligt for mig. " + LONG).startswith("Kl. 8 er for tidligt for mig…")


@pytest.mark.parametrize("told,wishes", [
    ("Et job, en kæreste og en lejlighed", ["Et job", "en kæreste", "en lejlighed"]),
    ("Jeg vil have et job og en kæreste", ["Jeg vil have et job", "en kæreste"]),
    ("- Et job\n- En kæreste\n- Min egen lejlighed", ["Et job", "En kæreste", "Min egen lejlighed"]),
    ("A job, a girlfriend and a flat", ["A job", "a girlfriend", "a flat"]),
    ("At få en ven, jeg kan gå ture med", ["At få en ven, jeg kan gå ture med"]),  # a clause, not a list
    ("Min mor og jeg skal være venner igen", ["Min mor og jeg skal være venner igen"]),  # one subject
    ("Jeg står op kl. 10. Jeg ser tv og går en tur.", ["Jeg står op kl. 10. Jeg ser tv og går en tur."]),
    ("Sove bedre om natten", ["Sove bedre om natten"]),
])
def test_several_wishes_are_found_only_where_they_clearly_are(told, wishes):
    assert split_wishes(told) == wishes


@pytest.mark.parametrize("text,kind,left", [
    ("fordi jeg er ensom", "because", "jeg er ensom"),
    ("Because I am lonely", "because", "I am lonely"),
    ("because of my kids", "because", "because of my kids"),  # "of my kids" alone says nothing
    ("Når jeg har gået med tre gange", "when", "jeg har gået med tre gange"),
    ("Mit første skridt er at ringe til Lise", "first_step", "at ringe til Lise"),
    ("min drøm er at få et job", "dream", "at få et job"),
    ("fordi", "because", "fordi"),  # nothing would be left: kept whole
])
def test_the_words_a_sentence_already_says_are_not_said_twice(text, kind, left):
    assert without_echo(text, kind) == left


@pytest.mark.parametrize("comment,offered", [
    ("jeg vil hellere starte med at åbne posten sammen med Bente", "åbne posten sammen med Bente"),
    ("Kl. 8 er for tidligt. Jeg vil starte med kl. 10.", "starte med kl. 10"),
    ("Nej, jeg vil hellere gå en tur først", "gå en tur"),
    ("I would rather open the post with Bente.", "open the post with Bente"),
    ("8 is too early. I want to start with 10.", "start with 10"),
    ("Ringe til min søster", "Ringe til min søster"),
    ("Jeg kunne godt tænke mig at ringe til Lise", "ringe til Lise"),
    ("Jeg skal nok selv ringe", "Jeg skal nok selv ringe"),  # no "rather": the whole sentence, as said
    ("Jeg vil starte med at rydde op i køkkenet", "rydde op i køkkenet"),
])
def test_what_the_citizen_would_rather_do_is_found_in_their_comment(comment, offered):
    assert alternative(comment) == offered


# -- 3. long answers -----------------------------------------------------------------
def test_a_long_dream_is_quoted_short_on_the_cards_and_kept_whole_in_the_plan(conv):
    _to(conv, "why", {"dream": LONG})
    why = conv.prompt().text
    assert LONG not in why and excerpt(LONG) in why and len(why) < 200
    _to(conv, "review", {"sign": LONG})
    card = conv.prompt().text
    assert LONG not in card and card.count(excerpt(LONG)) == 2  # the dream and the sign, both short
    plan = conv.plan()
    assert plan.goals[0].dream == LONG and plan.goals[0].success_criterion == LONG
    assert LONG in plain_text(citizen_markdown(plan))


def test_a_long_answer_over_json_lines_is_quoted_short_and_kept_whole(store_path):
    answers = ["", "ja", "Anna", LONG, "Min hund", LONG, "Så er jeg glad", "8", LONG, "Lise", "Jeg har et job",
               "1", "nej", "", "enig", "", "nej"]
    events = run_jsonl(store_path, answers)
    prompts = [e for e in events if e["event"] == "prompt"]
    assert [p["state"] for p in prompts][-1] == "end"
    for p in prompts:
        assert LONG not in p["text"], p["state"]
        assert len(p["text"]) < 400
    review = next(p for p in prompts if p["state"] == "review")
    assert excerpt(LONG) in review["text"]
    goal = last_plan(events)["goals"][0]
    assert goal["dream"] == LONG and goal["first_step"] == LONG
    assert last_plan(events)["everyday"] == LONG


# -- 3. several wishes in one dream ------------------------------------------------------
def test_several_wishes_are_offered_one_at_a_time(conv):
    _to(conv, "dream")
    conv.respond("Et job, en kæreste og en lejlighed")
    prompt = conv.prompt()
    assert prompt.state == "dreampick" and prompt.kind == "choice"
    assert [c.label for c in prompt.choices] == ["Et job", "en kæreste", "en lejlighed", "Det hele er én drøm"]
    conv.respond("2")
    assert conv.prompt().state == "why" and "»en kæreste«" in conv.prompt().text
    _to(conv, "another")
    offer = conv.prompt()
    assert offer.text.startswith("Du skrev også: »Et job«.") and offer.kind == "yesno"
    conv.respond("ja")
    assert conv.prompt().state == "why" and "»Et job«" in conv.prompt().text  # not asked to say it again
    _to(conv, "another")
    assert "»en lejlighed«" in conv.prompt().text
    conv.respond("nej")
    assert conv.prompt().text == "Har du en drøm mere, som du vil have med?"  # a dream not told yet is welcome
    conv.respond("nej")
    _to(conv, "summary")
    plan = conv.plan()
    assert sorted(g.dream for g in plan.goals) == ["Et job", "en kæreste"]
    # The whole answer as told stays in the history.
    told = [e for e in conv.events if e.get("state") == "dream"]
    assert told[-1]["text"] == "Et job, en kæreste og en lejlighed"


def test_no_to_one_told_wish_offers_the_next(conv):
    _to(conv, "dream")
    conv.respond("Et job\nEn kæreste\nEn lejlighed")
    conv.respond("1")
    _to(conv, "another")
    assert "»En kæreste«" in conv.prompt().text
    conv.respond("nej")
    assert conv.prompt().state == "another" and "»En lejlighed«" in conv.prompt().text
    conv.respond("ja")
    _to(conv, "summary")
    assert sorted(g.dream for g in conv.plan().goals) == ["En lejlighed", "Et job"]


@pytest.mark.parametrize("answer", ["Det hele er én drøm", "4", "/skip"])
def test_several_wishes_are_never_split_without_asking(conv, answer):
    told = "Et job, en kæreste og en lejlighed"
    _to(conv, "dream")
    conv.respond(told)
    assert conv.prompt().state == "dreampick"  # asked, not split
    conv.respond(answer)
    assert conv.prompt().state == "why" and f"»{told}«" in conv.prompt().text
    _to(conv, "another")
    assert conv.prompt().text == "Har du en drøm mere, som du vil have med?"  # nothing offered
    _to(conv, "summary")
    assert [g.dream for g in conv.plan().goals] == [told]


def test_going_back_over_a_chosen_wish_forgets_the_split(conv):
    _to(conv, "dream")
    conv.respond("Et job og en kæreste")
    conv.respond("1")
    conv.back()
    assert conv.prompt().state == "dreampick"
    conv.respond("Det hele er én drøm")
    _to(conv, "another")
    assert "Du skrev også" not in conv.prompt().text


def test_wishes_over_json_lines_work_as_on_screen(store_path):
    script = {**ANNA_DA, "dream": ["Et job, en kæreste og en lejlighed"], "dream_pick": ["en kæreste"],
              "another_dream": ["ja", "nej", "nej"], "why": ["Jeg er ensom", "Så har jeg penge"]}
    events, code = drive(store_path, script)
    assert code == 0
    pick = next(e for e in events if e["event"] == "prompt" and e["state"] == "dreampick")
    assert [c["label"] for c in pick["choices"]] == ["Et job", "en kæreste", "en lejlighed", "Det hele er én drøm"]
    assert pick["kind"] == "choice" and pick["item"] == 1
    offers = [e["text"] for e in events if e["event"] == "prompt" and e["state"] == "another"]
    assert offers[0].startswith("Du skrev også: »Et job«") and offers[1].startswith("Du skrev også: »en lejlighed«")
    assert sorted(g["dream"] for g in last_plan(events)["goals"]) == ["Et job", "en kæreste"]


def test_plain_mode_offers_the_wishes_as_numbered_choices(store_path):
    from tests.support.helpers import run_cli

    answers = ["", "ja", "Bo", "/spring", "/spring", "Et job og en kæreste", "2"]
    out = run_cli("run", "--store", str(store_path), stdin="".join(a + "\n" for a in answers)).stdout
    assert "1) Et job   2) en kæreste   3) Det hele er én drøm" in out
    assert "Du sagde: »en kæreste«." in out


# -- 3. one voice, no doubled words ------------------------------------------------------------
def test_drafted_sentences_say_each_word_once(conv):
    _to(conv, "summary", {"dream": "Min drøm er at få et job", "why": "fordi jeg vil have noget at stå op til",
                          "first_step": "Mit første skridt er at ringe til jobcentret",
                          "sign": "når jeg har været der en måned"})
    plan = conv.plan()
    assert plan.purpose == ("Det arbejder jeg hen imod: »at få et job«. "
                            "Det betyder noget for mig, fordi: »jeg vil have noget at stå op til«.")
    assert plan.goals[0].text == "Mit første skridt er: »at ringe til jobcentret«."
    text = plain_text(citizen_markdown(plan))
    assert "når: »jeg har været der en måned«" in text and "»når" not in text
    assert "fordi: »fordi" not in text and "Min drøm: »at få et job«" in text
    # The citizen's own words are kept whole in the plan's fields.
    assert plan.goals[0].why == "fordi jeg vil have noget at stå op til"
    assert plan.goals[0].first_step == "Mit første skridt er at ringe til jobcentret"


@pytest.mark.parametrize("lang,first_person", [("da", r"\b(mit|min|mine|jeg)\b"), ("en", r"\b(my|I|me)\b")])
@pytest.mark.parametrize("first_step", ["Ringe til Lise", "/skip"])
def test_the_goal_card_speaks_to_the_citizen_in_one_person(store, lang, first_person, first_step):
    conv = Conversation.start(store, lang=lang)
    yes = "ja" if lang == "da" else "yes"
    _to(conv, "review", {"consent": yes, "another_dream": "nej" if lang == "da" else "no",
                         "first_step": first_step, "sign": "/skip"})
    card = conv.prompt().text
    assert not re.search(first_person, _outside_quotes(card), re.IGNORECASE), card
    assert ("Dit første skridt" if lang == "da" else "Your first step") in card
    conv.close()


# -- 3. strengths first ------------------------------------------------------------------
def _before(text: str, first: str, then: str) -> bool:
    return first in text and then in text and text.index(first) < text.index(then)


def test_the_citizens_strengths_come_first_in_every_view(store):
    case = converse(store, ANNA_DA)
    everyday, good = ANNA_DA["everyday"][0], ANNA_DA["good_now"][0]
    citizen = export_plan(store, case, fmt="md", view="citizen")
    assert _before(citizen, "## Mit liv nu", "## Mit formål")
    assert f"Sådan er en dag for mig: »{everyday}«" in citizen and f"Det går godt: »{good}«" in citizen
    html = export_plan(store, case, fmt="html", view="citizen")
    assert _before(html, "Mit liv nu", "Mit formål") and good in html
    case_md = export_plan(store, case, fmt="md", view="case")
    assert _before(case_md, "## Borgerens hverdag og styrker", "## Formål")
    assert f"En almindelig dag: »{everyday}«" in case_md
    english = export_plan(store, case, fmt="md", view="citizen", lang="en")
    assert _before(english, "## My life now", "## My purpose")


def test_the_plan_printed_at_the_end_of_plain_mode_starts_with_the_strengths(store_path):
    from tests.support.helpers import run_cli

    answers = ["", "ja", "Bo", "Jeg går tur med hunden", "Min søster", "/skip", "nej", "", "/skip"]
    out = run_cli("run", "--store", str(store_path), stdin="".join(a + "\n" for a in answers)).stdout
    assert _before(out, "Mit liv nu", "Mit formål") and "Jeg går tur med hunden" in out


def test_strengths_not_told_leave_no_empty_heading(conv):
    _to(conv, "summary", {"everyday": "/skip", "good_now": "/skip"})
    assert "Mit liv nu" not in citizen_markdown(conv.plan())


# -- 4. disagreeing changes the plan --------------------------------------------------------
def test_what_the_citizen_would_rather_do_becomes_the_first_step_and_is_reviewed_again(conv):
    _to(conv, "review", {"first_step": "Åbne posten hver dag"})
    conv.respond("uenig")
    conv.respond("jeg vil hellere starte med at åbne posten sammen med Bente")
    offer = conv.prompt()
    assert (offer.state, offer.kind) == ("reviewoffer", "yesno")
    assert offer.text == "Skal dit første skridt så være: »åbne posten sammen med Bente«?"
    conv.respond("ja")
    again = conv.prompt()
    assert again.state == "review" and again.item == 1
    assert again.text.startswith("Jeg har rettet mål 1 af 1. Dit første skridt er: »åbne posten sammen med Bente«.")
    assert again.text.endswith("Er du enig i målet nu?")
    conv.respond("enig")
    goal = conv.plan().goals[0]
    assert goal.first_step == "åbne posten sammen med Bente"
    assert goal.text == "Mit første skridt er: »åbne posten sammen med Bente«."
    assert goal.citizen_response == "agree"
    (first,) = goal.earlier
    assert first == {
        "text": "Mit første skridt er: »Åbne posten hver dag«.",
        "first_step": "Åbne posten hver dag",
        "citizen_response": "disagree",
        "citizen_comment": "jeg vil hellere starte med at åbne posten sammen med Bente",
    }
    # Every answer stays in the history: both reviews, the comment and the yes.
    said = [(e["state"], e["value"]) for e in conv.events if e["type"] == "answer" and e["state"].startswith("review")]
    assert said[:4] == [("review", "disagree"), ("reviewcomment", first["citizen_comment"]),
                        ("reviewoffer", True), ("review", "agree")]


def test_the_case_view_shows_the_first_draft_and_the_disagreement(store):
    script = {**CARLA_DA, "review": ["uenig", "enig"], "review_offer": ["ja"], "review_comment": [
        "Kl. 8 er for tidligt. Jeg vil starte med kl. 10.", ""]}
    case = converse(store, script)
    md = export_plan(store, case, fmt="md", view="case")
    assert "Tidligere udkast, ændret af borgeren ved gennemgangen: Mit første skridt er: »Stå op kl. 8 hver dag«." in md
    assert "Borgeren sagde til det: Uenig: »Kl. 8 er for tidligt. Jeg vil starte med kl. 10.«" in md
    assert "Mit første skridt er: »starte med kl. 10«." in md
    assert "Skal dit første skridt så være: »starte med kl. 10«? → Ja" in md  # and in the conversation
    citizen = export_plan(store, case, fmt="md", view="citizen")
    assert "Før var mit første skridt: »Stå op kl. 8 hver dag«. Det har jeg ændret." in citizen
    with Casework(store, case) as work:  # agreed in the end: no reasoning is missing
        assert not any("ikke helt enig" in p for p in work.problems())


def test_saying_no_to_the_offer_keeps_the_goal_and_the_comment(conv):
    _to(conv, "review", {"first_step": "Åbne posten hver dag"})
    conv.respond("uenig")
    conv.respond("jeg vil hellere starte med at åbne posten sammen med Bente")
    conv.respond("nej")
    assert conv.prompt().state == "remarks"
    goal = conv.plan().goals[0]
    assert goal.first_step == "Åbne posten hver dag" and goal.earlier == []
    assert (goal.citizen_response, goal.citizen_comment) == (
        "disagree", "jeg vil hellere starte med at åbne posten sammen med Bente")


def test_partly_asks_what_to_change_and_offers_it(conv):
    _to(conv, "review", {"first_step": "Åbne posten hver dag"})
    conv.respond("delvist")
    assert conv.prompt().text.startswith("Hvad vil du gerne ændre?")
    conv.respond("Hellere en gang om ugen")
    assert conv.prompt().text == "Skal dit første skridt så være: »en gang om ugen«?"


@pytest.mark.parametrize("review,comment", [("uenig", "Intet"), ("uenig", "/skip"), ("delvist", "nej"),
                                            ("enig", "Jeg vil hellere gå en tur")])
def test_nothing_to_offer_goes_straight_on(conv, review, comment):
    _to(conv, "review")
    conv.respond(review)
    conv.respond(comment)
    assert conv.prompt().state == "remarks"


def test_going_back_over_an_accepted_offer_restores_the_first_draft(conv):
    _to(conv, "review", {"first_step": "Åbne posten hver dag"})
    conv.respond("uenig")
    conv.respond("Jeg vil hellere ringe til Bente")
    conv.respond("ja")
    assert conv.plan().goals[0].first_step == "ringe til Bente"
    conv.back()
    assert conv.prompt().state == "reviewoffer"
    assert conv.plan().goals[0].first_step == "Åbne posten hver dag"


@pytest.mark.parametrize("script,lang", [(CARLA_DA, "da"), (CARLA_EN, "en")])
def test_the_disagreement_loop_over_json_lines(store_path, plan_schema, script, lang):
    import jsonschema

    script = {**script, "review": [script["review"][0], "enig" if lang == "da" else "agree"],
              "review_offer": ["ja" if lang == "da" else "yes"]}
    events, code = drive(store_path, script, "--lang", lang)
    assert code == 0
    states = [e["state"] for e in events if e["event"] == "prompt"]
    assert states.count("review") == 2 and "reviewoffer" in states
    offer = next(e for e in events if e["event"] == "prompt" and e["state"] == "reviewoffer")
    assert offer["text"] == ("Skal dit første skridt så være: »starte med kl. 10«?" if lang == "da"
                             else "Shall your first step be this instead: “start with 10”?")
    plan = last_plan(events)
    jsonschema.validate(plan, plan_schema)
    (goal,) = plan["goals"]
    assert goal["citizen_response"] == "agree" and goal["earlier"][0]["citizen_response"] == "disagree"
    assert goal["earlier"][0]["citizen_comment"] == script["review_comment"][0]
    assert case_markdown(plan).count(script["review_comment"][0]) >= 2  # the earlier draft and the conversation


@pytest.mark.parametrize("view", ["citizen", "case"])
def test_an_earlier_draft_from_hostile_words_stays_inert(store, view):
    hostile = "<img src=x onerror=alert(1)> [klik](javascript:alert(2))"
    script = {**CARLA_DA, "first_step": [hostile], "review": ["uenig", "enig"], "review_offer": ["ja"],
              "review_comment": ["Jeg vil hellere **ringe** <b>til</b> Bente", ""]}
    case = converse(store, script)
    html = export_plan(store, case, fmt="html", view=view)
    assert "<img" not in html and "<b>til</b>" not in html and "<strong>ringe" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "**ringe** &lt;b&gt;til&lt;/b&gt; Bente" in html


def test_new_danish_wording_reads_easily():
    """The sentences added for these points stay plain (LIX well under 30)."""
    from assistant.common.i18n import translator
    from assistant.domain.journey import load_journey
    from assistant.domain.lix import lix

    t = translator("da")
    steps = load_journey("adult").steps
    texts = [steps["dreampick"].prompt, steps["another"].variants["wish"], steps["reviewoffer"].prompt,
             steps["reviewcomment"].variants["partly"], steps["review"].variants["changed"],
             "Before, my first step was: {step}. I changed it.", "A day for me: {text}", "This goes well: {text}"]
    for text in texts:
        danish = t.gettext(text)
        assert danish != text
        assert lix(danish) < 30, (danish, lix(danish))


def test_a_told_wish_and_an_offered_step_are_still_offered_after_a_pause(store):
    conv = Conversation.start(store)
    _to(conv, "dream")
    conv.respond("Et job og en kæreste")
    conv.respond("2")
    _to(conv, "another")
    case = conv.case_id
    conv.pause()
    again = resume_case(store, case)
    assert again.prompt().text.startswith("Du skrev også: »Et job«.")
    again.respond("nej")
    _to(again, "review", {"first_step": "Gå til dans"})
    again.respond("uenig")
    again.respond("Jeg vil hellere gå til fodbold")
    again.pause()
    third = resume_case(store, case)
    assert third.prompt().text == "Skal dit første skridt så være: »gå til fodbold«?"
    third.close()
