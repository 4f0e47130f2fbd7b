"""Exports: JSON by the schema, Markdown that reads back, HTML that is inert and printable."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import jsonschema
import pytest
from tests.support.helpers import converse, finalise, run_cli
from tests.support.personas import ANNA_DA, CARLA_DA

from assistant.services.casework import Casework
from assistant.render.export import export_plan
from assistant.domain.lix import lix
from assistant.render.views import plain_text

HOSTILE = {
    **CARLA_DA,
    "name": ['<script>alert("navn")</script>'],
    "dream": ['<img src=x onerror=alert(1)> [klik](javascript:alert(2)) **fed** \x1b[31m'],
    "review_comment": ["<iframe src=https://evil.example></iframe> <https://evil.example> &lt;b&gt;"],
    "remarks": ['"><svg onload=alert(3)>'],
}


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.attrs = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attrs.extend(name for name, _ in attrs)


@pytest.mark.parametrize("view", ["citizen", "case"])
def test_html_from_hostile_input_has_no_live_markup(store, view):
    case = converse(store, HOSTILE)
    with Casework(store, case) as work:
        work.set_goal_field("g1", "reasoning", "Fordi <script>alert(4)</script> er vores faglige vurdering")
    html = export_plan(store, case, fmt="html", view=view)
    parser = _Tags()
    parser.feed(html)
    assert set(parser.tags) <= {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p",
                                "ul", "ol", "li", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "code", "br"}
    assert not [a for a in parser.attrs if a.startswith("on") or a in ("href", "src")]
    assert "<script" not in html.lower().replace("&lt;script", "")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # shown, as text
    assert "Content-Security-Policy" in html and "@page" in html and "A4" in html


def test_markdown_round_trip_keeps_the_citizens_words(store):
    case = converse(store, HOSTILE)
    markdown = export_plan(store, case, fmt="md", view="citizen")
    text = plain_text(markdown)
    assert "[klik](javascript:alert(2)) **fed**" in text  # literal, not a link or bold
    assert HOSTILE["review_comment"][0] in text
    assert HOSTILE["remarks"][0] in text


def test_citizen_view_reads_easily_after_casework(store):
    case = converse(store, ANNA_DA)
    with Casework(store, case) as work:
        work.set_plan_field("measures", ["Bostøtte", "Gå-klub"])
        work.set_goal_field("g1", "text", "Anna går med i gå-klubben hver torsdag.")
    markdown = export_plan(store, case, fmt="md", view="citizen")
    assert lix(plain_text(markdown)) <= 30
    assert "Min sagsbehandler har skrevet" in markdown and "Bostøtte" in markdown
    for dream in ANNA_DA["dream"]:
        assert dream in markdown


def test_case_view_has_everything(store):
    case = converse(store, CARLA_DA, area="psychiatry")
    with Casework(store, case) as work:
        work.set_goal_field("g1", "indicator", {"name": "Søvn", "status": 3, "target": 1})
        work.set_goal_field("g1", "reasoning", "Lægen anbefaler at starte tidligt.")
    md = export_plan(store, case, fmt="md", view="case")
    for needle in ("Psykiatri", "Søvn: nu 3, mål 1", "Lægen anbefaler at starte tidligt", "Faglig begrundelse", "Uenig",
                   CARLA_DA["review_comment"][0], "Audit", "§ 141", "Samtalen", "Inddragelse",
                   "fysisk (forslag)"):
        assert needle in md, needle


def test_case_json_carries_the_audit_and_follows_the_schema(store, plan_schema):
    case = converse(store, ANNA_DA)
    data = json.loads(export_plan(store, case, fmt="json", view="case"))
    jsonschema.validate(data, plan_schema, format_checker=jsonschema.FormatChecker())
    assert len(data["audit"]["ratings"]) == 9


def test_export_to_a_private_file_and_in_english(store, tmp_path):
    case = converse(store, ANNA_DA)
    out = tmp_path / "plan.html"
    run_cli("export", case, "--format", "html", "--view", "citizen", "--lang", "en", "--store", str(store.root), "-o", str(out))
    assert out.stat().st_mode & 0o777 == 0o600
    html = out.read_text("utf-8")
    assert "<title>My plan</title>" in html
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4}\b", html)
    assert "My purpose" in html and 'lang="en"' in html


@pytest.mark.parametrize("where", ["missing-folder/plan.html", "."])
def test_export_to_a_path_that_cannot_be_written_says_so(store, tmp_path, where):
    case = converse(store, ANNA_DA)
    target = tmp_path / where
    proc = run_cli("export", case, "--store", str(store.root), "-o", str(target), check=False)
    assert proc.returncode == 3 and "kan ikke gemmes" in proc.stderr and "Traceback" not in proc.stderr
    assert not list(tmp_path.glob("**/.*.tmp"))


def test_the_terminal_gets_no_control_codes_even_from_old_data(store):
    case = converse(store, ANNA_DA)
    with store.open_case(case) as handle:
        handle.update_meta(name="Eva\x1b]0;hacked\x07\x1b[2J")  # as a version without cleaning stored it
    listing = run_cli("cases", "--store", str(store.root))
    assert "\x1b" not in listing.stdout and "\x07" not in listing.stdout and "Eva" in listing.stdout


def test_help_is_in_danish_by_default_and_in_english_on_request():
    assert "vis denne hjælp" in run_cli("--help").stdout
    english = run_cli("export", "--help", "--lang", "en").stdout
    assert "show this help" in english and "usage: borgerrejse export" in english


def test_export_names_a_missing_plan(store):
    from assistant.services.conversation import Conversation

    conv = Conversation.start(store)
    conv.close()
    proc = run_cli("export", conv.case_id, "--store", str(store.root), check=False)
    assert proc.returncode == 3 and "ikke en plan endnu" in proc.stderr


def test_case_view_transcript_shows_chosen_labels_not_typed_numbers(store):
    case = converse(store, ANNA_DA)
    md = export_plan(store, case, fmt="md", view="case")
    conversation = md.split("## Samtalen")[1]
    assert "→ Inden for 3 måneder" in conversation and "→ Inden for et år" in conversation
    assert "→ Ja" in conversation and "→ Enig" in conversation
    assert "→ »At få en ven, jeg kan gå ture med«" in conversation  # the priority the citizen chose
    assert "→ »1«" not in conversation


def test_final_plan_tells_the_citizen_it_is_agreed(store):
    case = converse(store, ANNA_DA)
    with Casework(store, case) as work:
        finalise(work)
    markdown = export_plan(store, case, fmt="md", view="citizen")
    assert "Planen er aftalt (version 1)." in markdown
    assert "følger planen sammen" in markdown and "læser planen" not in markdown
    assert lix(plain_text(markdown)) <= 30


def test_what_the_caseworker_agrees_is_no_longer_an_open_point(store):
    case = converse(store, {**ANNA_DA, "sign": [""] * 3})  # the citizen skipped every success criterion
    before = export_plan(store, case, fmt="md", view="citizen")
    assert "## Ikke aftalt endnu" in before and "Hvordan vi ser, at det er lykkedes" in before
    with Casework(store, case) as work:
        for goal in work.plan()["goals"]:
            work.set_goal_field(goal["id"], "success_criterion", "Hun går tur to gange om ugen")
    after = export_plan(store, case, fmt="md", view="citizen")
    assert "Ikke aftalt endnu" not in after


def test_a_final_plan_with_a_disagreement_does_not_claim_agreement(store):
    case = converse(store, CARLA_DA)  # Carla disagrees with goal 1
    with Casework(store, case) as work:
        work.set_goal_field("g1", "reasoning", "Lægen råder til at starte tidligt.")
        finalise(work)
    markdown = export_plan(store, case, fmt="md", view="citizen")
    assert "Planen er endelig (version 1). Jeg er ikke enig i det hele." in markdown
    assert "Planen er aftalt" not in markdown
    assert lix(plain_text(markdown)) <= 30


def test_what_would_raise_a_low_motivation_is_in_both_views(store):
    case = converse(store, {**ANNA_DA, "motivation": ["3", "6"], "motivation_up": ["Hvis nogen tog med første gang"]})
    citizen = export_plan(store, case, fmt="md", view="citizen")
    assert "Det kan gøre min lyst lidt større: »Hvis nogen tog med første gang«" in citizen
    assert lix(plain_text(citizen)) <= 30
    assert "Det kan øge motivationen: »Hvis nogen tog med første gang«" in export_plan(store, case, fmt="md", view="case")
