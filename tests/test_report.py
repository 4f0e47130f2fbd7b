"""The management report: hand-computed figures, the small-cell rule, no free text ever."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from assistant.casework import Casework
from assistant.conversation import Conversation
from assistant.i18n import translator
from assistant.report import SUPPRESSED, build, render, report_for
from store import Store

TODAY = dt.date(2026, 6, 1)
RATINGS = {"purpose": "high", "reachable": "high", "when_met": "some", "extent": "none", "method_room": "high",
           "duration": "high", "coherence": "small", "involvement": "high", "overall": "some"}


def frame(area, *, goals=(), follow_up="2026-09-01", made="2026-05-01", status="draft", remarks=False,
          duration=True, reviewed=True, conversation="complete", answered=True, distress=0, handled=0):
    plan = None
    if conversation == "complete":
        plan = {"status": status, "made": made, "follow_up": follow_up, "duration_stated": duration,
                "reviewed_by_citizen": reviewed, "remarks": remarks, "audit": dict(RATINGS),
                "goals": [{"domain": d, "due": None, "response": r, "reasoning": why} for d, r, why in goals]}
    return {"area": area, "journey": "adult", "conversation": conversation, "created": made, "answered": answered,
            "distress_raised": distress, "distress_handled": handled, "plan": plan}


def figures(report) -> dict[tuple[str, str, str], object]:
    from assistant.report import as_rows

    return {(r["section"], r["row"], r["column"]): (None if r["suppressed"] else r["value"]) for r in as_rows(report)}


@pytest.fixture
def known():
    """Six disability plans, two psychiatry plans, one paused conversation, one damaged file."""
    frames = [
        frame("disability", goals=[("social", "agree", False), ("physical", "disagree", True)], remarks=True, status="final"),
        frame("disability", goals=[("social", "partly", False)], follow_up="2026-05-01"),  # past
        frame("disability", goals=[("environment", "agree", False)], follow_up="2026-06-20"),  # due within 30 days
        frame("disability", goals=[("psychological", "agree", False), ("social", "agree", False)], follow_up=None,
              duration=False),
        frame("disability", goals=[("social", "disagree", False)], status="reviewed", distress=1, handled=1),
        frame("disability", goals=[(None, "agree", False)], made="2025-01-01", reviewed=False),
        frame("psychiatry", goals=[("social", "agree", False)]),
        frame("psychiatry", goals=[("physical", "agree", False)]),
        frame(None, conversation="paused", answered=True),
        None,
    ]
    return frames


def test_hand_computed_figures(known):
    f = figures(build(known, today=TODAY))
    assert f[("plans", "plans_n", "disability")] == 6
    assert f[("plans", "goals_n", "disability")] == 8
    assert f[("plans", "plans_n", "psychiatry")] is None  # 2 plans: "< 5"
    assert f[("plans", "plans_n", "total")] == 8
    assert f[("plans", "final", "disability")] == 1 and f[("plans", "reviewed", "disability")] == 1
    assert f[("cases", "cases_all", "total")] == 9
    assert f[("cases", "in_progress", "total")] == 1
    assert f[("follow_up", "goals_follow_up", "disability")] == 6  # all but the two goals of the plan without one
    assert f[("follow_up", "goals_past", "disability")] == 1
    assert f[("follow_up", "goals_due", "disability")] == 1
    assert f[("follow_up", "plans_no_follow_up", "disability")] == 1
    assert f[("dimensions", "dimension:social", "disability")] == 4
    assert f[("dimensions", "dimension:none", "disability")] == 1
    assert f[("involvement", "remarks", "disability")] == round(1 / 6, 3)
    assert f[("involvement", "reviewed_draft", "disability")] == round(5 / 6, 3)
    assert f[("involvement", "duration", "disability")] == round(5 / 6, 3)
    assert f[("involvement", "disagreed", "disability")] == round(3 / 8, 3)
    assert f[("involvement", "with_reasoning", "disability")] is None  # the disputed goals sit in 3 plans: "< 5"
    assert f[("involvement", "with_reasoning", "total")] is None
    assert f[("audit", "question:extent", "rating:none")] == 8
    assert f[("audit", "question:overall", "rating:some")] == 8
    assert f[("distress", "distress_raised", "disability")] == 1
    report = build(known, today=TODAY)
    assert report.unreadable == 1


def test_period_and_area(known):
    f = figures(build(known, today=TODAY, start=dt.date(2026, 1, 1), area="disability"))
    assert f[("plans", "plans_n", "disability")] == 5  # the plan of 2025 is outside
    assert ("plans", "plans_n", "psychiatry") not in f
    f = figures(build(known, today=TODAY, end=dt.date(2025, 12, 31)))
    assert f[("plans", "plans_n", "total")] is None  # one plan


def test_small_cells_are_shown_as_less_than_five_and_left_out_of_exports(known):
    report = build(known, today=TODAY)
    t = translator("en")
    table = render(report, "table", t)
    psychiatry_row = next(line for line in table.splitlines() if line.startswith("plans "))
    assert SUPPRESSED in psychiatry_row and " 6 " in psychiatry_row
    rows = list(csv.DictReader(io.StringIO(render(report, "csv", t))))
    small = next(r for r in rows if (r["section"], r["row"], r["column"]) == ("plans", "plans_n", "psychiatry"))
    assert small["value"] == "" and small["suppressed"] == "yes"
    data = json.loads(render(report, "json", t))
    small = next(r for r in data["figures"] if (r["section"], r["row"], r["column"]) == ("plans", "plans_n", "psychiatry"))
    assert small["value"] is None and small["suppressed"] is True
    assert "2" not in [r["value"] for r in rows if r["suppressed"] == "yes"]


MARKER = "zqxmark"


def _planted_store(root) -> tuple[Store, list[str], list[str]]:
    """Cases whose every free-text field holds a unique marker word."""
    store = Store(root)
    markers, ids = [], []

    def word() -> str:
        markers.append(f"{MARKER}{len(markers)}")
        return markers[-1]

    for n in range(6):
        conv = Conversation.start(store)
        for _ in range(80):
            prompt = conv.prompt()
            if prompt.final:
                break
            if prompt.slot == "another_dream":
                text = "nej"
            elif prompt.kind == "review":
                text = "uenig"
            elif prompt.kind in ("text",):
                text = f"{word()} {word()}"
            elif prompt.kind == "scale":
                text = "5"
            elif prompt.choices:
                text = "1" if prompt.slot != "consent" else "ja"
            else:
                text = ""
            conv.respond(text)
        ids.append(conv.case_id)
        conv.close()
        with Casework(store, conv.case_id, user=word()) as work:
            work.set_meta(area="psychiatry")
            for field in ("purpose", "other_conditions", "expected_duration"):
                work.set_plan_field(field, f"{word()} {word()} {word()} {word()}")
            work.set_plan_field("measures", [word(), word()])
            for goal in work.plan()["goals"]:
                for field in ("text", "success_criterion", "reasoning", "measure", "provider", "provider_suggestions"):
                    work.set_goal_field(goal["id"], field, f"{word()} {word()} {word()} {word()}")
    store.register_case(name=f"{word()} {word()}", lang="da", area="psychiatry")
    return store, markers, ids


def test_no_free_text_name_or_case_number_in_any_output(tmp_path):
    store, markers, ids = _planted_store(tmp_path / "store")
    with store.open_case(ids[0], write=False) as handle:
        on_file = handle.path.read_text()
    assert sum(m in on_file for m in markers) > 20  # the markers are there to be found
    report = report_for(store)
    assert figures(report)[("plans", "plans_n", "psychiatry")] == 6
    for lang in ("da", "en"):
        for fmt in ("table", "csv", "json"):
            out = render(report, fmt, translator(lang))
            assert MARKER not in out, fmt
            assert not any(case_id in out for case_id in ids)
    index = (tmp_path / "store" / "index" / "frame.json").read_text()
    assert MARKER not in index  # the report's index holds no words either


def test_report_on_the_command_line(tmp_path):
    store, _markers, _ids = _planted_store(tmp_path / "store")
    run = subprocess.run([sys.executable, "-m", "assistant", "report", "--store", str(tmp_path / "store"),
                          "--format", "csv", "--area", "psychiatry"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert {"section", "row", "column", "value", "kind", "suppressed"} == set(rows[0])
    assert next(r for r in rows if (r["row"], r["column"]) == ("plans_n", "psychiatry"))["value"] == "6"
    bad = subprocess.run([sys.executable, "-m", "assistant", "report", "--store", str(tmp_path / "store"),
                          "--from", "1. marts"], capture_output=True, text=True)
    assert bad.returncode == 3 and "1. marts" in bad.stderr and "2026-03-01" in bad.stderr and "Traceback" not in bad.stderr
