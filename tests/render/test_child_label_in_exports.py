"""Issue 20, points 5 and 7: the case view's exports say "et barn kan være i fare" for a child's
sign and list the direct questions asked; the citizen's own copy says neither."""

from __future__ import annotations

import json

import pytest
from tests.support.helpers import child_flagged_case

from assistant.common.i18n import translator
from assistant.render.caseview import asked_lines
from assistant.render.export import export_plan

CHILD_DA, CHILD_EN = "et barn kan være i fare", "a child may be in danger"


@pytest.fixture
def flagged(store) -> str:
    """Anna's finished plan with a sign about a child and a direct question answered no."""
    return child_flagged_case(store)


def test_the_case_view_says_a_child_may_be_in_danger_and_lists_the_direct_question(store, flagged):
    markdown = export_plan(store, flagged, fmt="md", view="case")
    assert f": {CHILD_DA}, vold eller trusler." in markdown
    assert "Spurgt direkte" in markdown or "spurgt direkte" in markdown
    assert "spurgt direkte, svarede nej" in markdown
    html = export_plan(store, flagged, fmt="html", view="case")
    assert CHILD_DA in html
    english = export_plan(store, flagged, fmt="md", view="case", lang="en")
    assert CHILD_EN in english
    data = json.loads(export_plan(store, flagged, fmt="json", view="case"))
    assert "child_at_risk" in data["safety_flags"][0]["kinds"]


def test_the_citizens_copy_never_shows_the_label(store, flagged):
    for fmt in ("md", "html", "json"):
        told = export_plan(store, flagged, fmt=fmt, view="citizen")
        assert CHILD_DA not in told and "child_at_risk" not in told and "spurgt direkte" not in told


def test_asked_lines_is_a_block_under_a_heading_or_nothing():
    t = translator("da")
    assert asked_lines([], t) == []
    entry = {"at": "2027-03-01T10:00:00+00:00", "kinds": ["violence", "child_at_risk"], "answer": "no"}
    lines = asked_lines([entry], t, "###")
    assert lines[0].startswith("### ") and lines[-1] == ""
    assert "spurgt direkte, svarede nej" in lines[2] and CHILD_DA in lines[2]
