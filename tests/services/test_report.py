"""The management report: hand-computed figures, the small-cell rule, no free text ever."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import subprocess
import sys

import pytest

from assistant.common.i18n import translator
from assistant.services.report import SUPPRESSED, build, render, report_for

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
    from assistant.services.report import as_rows

    return {(r["section"], r["row"], r["column"]): (None if r["suppressed"] else r["value"]) for r in as_rows(report)}


@pytest.fixture
def known():
    """Six disability plans, two psychiatry plans, five homelessness plans, one paused conversation,
    one damaged file."""
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
        # five plans in homelessness: the smallest area shown, so it is the one held back where
        # psychiatry's "< 5" could otherwise be worked out as the total minus the others
        *(frame("homelessness_addiction", goals=[("social", "agree", False)]) for _ in range(5)),
    ]
    return frames


def test_hand_computed_figures(known):
    f = figures(build(known, today=TODAY))
    assert f[("plans", "plans_n", "disability")] == 6
    assert f[("plans", "goals_n", "disability")] == 8
    assert f[("plans", "plans_n", "psychiatry")] is None  # 2 plans: "< 5"
    assert f[("plans", "plans_n", "total")] == 13
    assert f[("plans", "plans_n", "homelessness_addiction")] is None  # held back: 13 - 6 - 5 would give 2
    assert f[("plans", "final", "disability")] == 1 and f[("plans", "reviewed", "disability")] == 1
    assert f[("cases", "cases_all", "total")] == 14
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
    assert f[("audit", "question:extent", "rating:none")] == 13
    assert f[("audit", "question:overall", "rating:some")] == 13
    assert f[("distress", "distress_raised", "disability")] is None  # one case in crisis: never shown
    assert f[("distress", "distress_raised", "total")] is None
    report = build(known, today=TODAY)
    assert report.unreadable == 1


def test_period_and_area(known):
    f = figures(build(known, today=TODAY, start=dt.date(2026, 1, 1), area="disability"))
    assert f[("plans", "plans_n", "disability")] == 5  # the plan of 2025 is outside
    assert ("plans", "plans_n", "psychiatry") not in f
    f = figures(build(known, today=TODAY, end=dt.date(2025, 12, 31)))
    assert f[("plans", "plans_n", "total")] is None  # one plan


def test_no_small_cell_can_be_worked_out_from_the_total(known):
    """Secondary suppression: in no row is a single small cell that stands for somebody the only
    hidden one beside a shown total (else total minus the shown areas gives it)."""
    report = build(known, today=TODAY)
    checked = 0
    for table in report.tables:
        if table.columns[-1] != "total":
            continue
        for key, cells in table.rows:
            areas, total = cells[:-1], cells[-1]
            hidden = [c for c in areas if c.suppressed and c.basis > 0]
            if total.suppressed or not hidden:
                continue
            checked += 1
            assert len(hidden) >= 2, (table.key, key)
    assert checked >= 10
    f = figures(report)
    assert f[("plans", "plans_n", "disability")] == 6  # the larger area stays shown
    two_areas = [frame("disability", goals=[("social", "agree", False)]) for _ in range(6)] + [
        frame("psychiatry", goals=[("social", "agree", False)]) for _ in range(2)]
    f = figures(build(two_areas, today=TODAY))
    assert f[("plans", "plans_n", "psychiatry")] is None  # 2 plans
    assert f[("plans", "plans_n", "disability")] is None  # held back, or 8 - 6 gives psychiatry's 2
    assert f[("plans", "plans_n", "total")] == 8


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


def youth_frame(*, areas=("school",), kind="barnets_plan", legal=None, **kw):
    f = frame("children_young", goals=[(None, "agree", False) for _ in areas], **kw)
    for goal, area in zip(f["plan"]["goals"], areas):
        goal["area"] = area
    f["plan"].update(kind=kind, legal=legal or {"goals": True, "with_child": True, "measures": True, "duration": True})
    return f


def renewed(f, *, followups=0, version=1, reopened=0, reached=0, dropped=0, provider=False):
    f["plan"].update(followups=followups, version=version, reopened=reopened, goals_reached=reached,
                     goals_dropped=dropped, provider_status=provider)
    return f


def test_hand_computed_figures_of_young_peoples_plans_follow_ups_and_distress():
    """Youth plans by Barnets lov area and element, renewal, plans past and due, distress held back below 5."""
    frames = [
        youth_frame(areas=("school", "family"), follow_up="2026-05-20"),  # past
        youth_frame(areas=("school",), kind="ungeplan", follow_up="2026-06-15",  # due
                    legal={"goals": True, "with_child": False, "measures": False, "duration": True}),
        youth_frame(areas=("leisure", None), follow_up="2026-12-01", answered=False),  # every question skipped
        youth_frame(areas=("health",), distress=1, handled=1),
        youth_frame(areas=("school",), distress=2, handled=1),  # one of two still open: not handled
        # adults' plans in the same area (the adult journey): WHO dimensions and the Randers form
        renewed(frame("children_young", goals=[("social", "agree", False), ("physical", "agree", False)]),
                followups=1, version=2, reached=1, provider=True),
        renewed(frame("children_young", goals=[("social", "agree", False)], follow_up="2026-06-01"),  # due today
                followups=2, version=4, reopened=1, dropped=2),
        renewed(frame("psychiatry", goals=[("social", "agree", False)], distress=1), version=2, reopened=1),
    ]
    frames += [frame("psychiatry", goals=[("environment", "agree", False)], distress=1, handled=1) for _ in range(4)]
    f = figures(build(frames, today=TODAY))
    cy = "children_young"
    assert f[("plans", "plans_n", cy)] == 7
    assert f[("plans", "kind:barnets_plan", cy)] == 4 and f[("plans", "kind:ungeplan", cy)] == 1
    assert f[("plans", "kind:handleplan", cy)] == 2 and f[("plans", "kind:handleplan", "total")] == 7
    assert f[("involvement", "answered", cy)] == round(6 / 7, 3)
    assert f[("involvement", "answered", "total")] == round(11 / 12, 3)
    # goals by Barnets lov area count only young people's plans (their basis: 5 youth plans in the area)
    assert f[("youth_areas", "youth_area:school", cy)] == 3
    assert f[("youth_areas", "youth_area:family", cy)] == 1
    assert f[("youth_areas", "youth_area:none", cy)] == 1
    assert f[("youth_areas", "youth_area:development", cy)] == 0
    assert f[("youth_areas", "youth_area:school", "psychiatry")] is None  # no young person's plan there
    # WHO dimensions count only adults' action plans: 2 in the area ("< 5"), 7 in all
    assert f[("dimensions", "dimension:social", cy)] is None
    assert f[("dimensions", "dimension:social", "total")] == 3
    assert f[("dimensions", "dimension:none", "total")] == 0  # the youth goals are not "no dimension"
    # Barnets lov: 5 youth plans per element
    assert f[("youth_law", "legal:with_child", "present")] == 4 and f[("youth_law", "legal:with_child", "missing")] == 1
    assert f[("youth_law", "legal:measures", "missing")] == 1 and f[("youth_law", "legal:goals", "present")] == 5
    # the Randers form: the 7 adults' plans only
    assert f[("audit", "question:extent", "rating:none")] == 7
    # follow-up: past, due (today counts as due), later
    assert f[("follow_up", "plans_past", cy)] == 1
    assert f[("follow_up", "plans_due", cy)] == 2
    assert f[("follow_up", "goals_past", cy)] == 2 and f[("follow_up", "goals_due", cy)] == 2
    # renewal
    assert f[("renewal", "plans_followed_up", cy)] == 2
    assert f[("renewal", "plans_new_version", cy)] == 2 and f[("renewal", "plans_new_version", "total")] == 3
    assert f[("renewal", "plans_reopened", "total")] == 2
    assert f[("renewal", "goals_reached", cy)] == 1 and f[("renewal", "goals_dropped", cy)] == 2
    assert f[("renewal", "provider_status", cy)] == 1
    # distress: 2 cases in the youth area (held back, though 7 cases), 5 in psychiatry (held back with
    # it: the total 7 minus psychiatry's 5 would give the youth area's 2), all 7 in total
    assert f[("distress", "distress_raised", cy)] is None
    assert f[("distress", "distress_raised", "psychiatry")] is None
    assert f[("distress", "distress_handled", "psychiatry")] == None  # 4 handled of 5: "< 5"
    assert f[("distress", "distress_raised", "total")] == 7
    assert f[("distress", "distress_handled", "total")] == 5


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    """Five adults' and five young people's cases through every journey, every free text a marker."""
    import os

    from tests.support.planted import planted_store

    old = os.environ.get("BORGERREJSE_TODAY")
    os.environ["BORGERREJSE_TODAY"] = "2026-04-01"  # after the plans were made, reopened and followed up
    try:
        root = tmp_path_factory.mktemp("planted") / "store"
        store, markers, ids = planted_store(root, plans=5)
    finally:
        if old is None:
            os.environ.pop("BORGERREJSE_TODAY")
        else:
            os.environ["BORGERREJSE_TODAY"] = old
    return root, store, markers, ids


def test_a_store_through_every_journey_gives_hand_computed_figures(planted):
    """Each case: one dream (its goal changed at the follow-up), the caseworker's own goal, a new dream at the
    follow-up (partly agreed); made final, followed up, final again and reopened; a provider's status; one sign
    of distress, handled."""
    _root, store, _markers, _ids = planted
    f = figures(report_for(store, today=dt.date(2026, 4, 1)))
    # the one paused case in disability is "< 5"; psychiatry's cases are held back with it, or
    # the total minus the other areas would give it
    assert f[("cases", "cases_all", "disability")] is None and f[("cases", "cases_all", "psychiatry")] is None
    assert f[("cases", "cases_all", "children_young")] == 5 and f[("cases", "cases_all", "total")] == 11
    for area in ("psychiatry", "children_young"):
        assert f[("plans", "plans_n", area)] == 5
        assert f[("plans", "goals_n", area)] == 15
        assert f[("plans", "draft", area)] == 5  # reopened: a draft of version 3
        assert f[("renewal", "plans_followed_up", area)] == 5
        assert f[("renewal", "plans_new_version", area)] == 5
        assert f[("renewal", "plans_reopened", area)] == 5
        assert f[("renewal", "provider_status", area)] == 5
        assert f[("renewal", "goals_reached", area)] == 0
        # the next follow-up, proposed at the follow-up: the first goal's date, 3 months after the plan (in April)
        assert f[("follow_up", "plans_due", area)] == 5 and f[("follow_up", "plans_past", area)] == 0
        # "uenig" at first, "delvis" on the new goal; the adults also answered "delvis" to the caseworker's own
        # goal in the changes review, the young people had the changes read aloud (their own goal: not reviewed)
        assert f[("involvement", "disagreed", area)] == (1.0 if area == "psychiatry" else round(2 / 3, 3))
        assert f[("involvement", "with_reasoning", area)] == 1.0
        assert f[("involvement", "remarks", area)] == 1.0
    # distress is counted on cases: psychiatry's held back beside the one disability case (as above)
    assert f[("distress", "distress_raised", "psychiatry")] is None
    assert f[("distress", "distress_raised", "children_young")] == 5
    assert f[("distress", "distress_handled", "children_young")] == 5
    assert f[("distress", "distress_raised", "total")] == 10
    assert f[("plans", "kind:handleplan", "psychiatry")] == 5
    assert f[("plans", "kind:barnets_plan", "children_young")] == 5
    # the young person's first goal and the dream added at the follow-up are in the area chosen first
    # (development: the follow-up asks a young person's new dream its area too); the caseworker's own goal has none
    assert f[("youth_areas", "youth_area:development", "children_young")] == 10
    assert f[("youth_areas", "youth_area:none", "children_young")] == 5
    assert f[("dimensions", "dimension:none", "psychiatry")] == 15  # marker words suggest no WHO dimension
    # the Randers form counts the 5 adults' plans; Barnets lov's elements the 5 young people's plans
    assert sum(f[("audit", "question:overall", f"rating:{r}")] for r in ("high", "some", "small", "none", "na")) == 5
    # the caseworker's own goal was read aloud to the young person and agreed in a meeting: made with the child
    assert f[("youth_law", "legal:with_child", "present")] == 5
    assert f[("youth_law", "legal:goals", "present")] == 5


def test_no_free_text_name_or_case_number_in_any_output(planted):
    from tests.support.planted import MARKER, marker_places

    root, store, markers, ids = planted
    # the markers are there to be found, in every kind of free text that exists
    places = set().union(*(marker_places(store, case_id) for case_id in ids))
    for place in (".case.name", ".case.registered_name", ".case.registered_by", ".case.flags.handled.note",
                  ".plan.everyday", ".plan.remarks", ".plan.goals.citizen_comment", ".plan.areas.school.wish",
                  ".events.value", ".casework.plan.purpose", ".casework.plan.measures.title",
                  ".casework.plan.measures.provider", ".casework.goals.g1.reasoning", ".casework.own_goals.text",
                  ".casework.goals.g1.indicator.name", ".followups.result.goals.g1.helped",
                  ".followups.result.goals.g1.hindered", ".followups.result.goals.g1.new_step",
                  ".followups.result.new_dreams.dream", ".followups.result.remarks", ".provider_status.note",
                  ".trail.reason", ".trail.who", ".versions.plan.transcript.text", ".casework.goals.g1.measure",
                  ".casework.goals.g1.provider", ".provider_status.provider", ".draft.texts"):
        assert any(p == place or p.startswith(place + ".") for p in places), place
    assert MARKER in (root / "settings.json").read_text()
    names = {w for c in store.list_cases() for w in c.name.split()}
    assert names and all(w.startswith(MARKER) for w in names)
    report = report_for(store)
    assert figures(report)[("plans", "plans_n", "psychiatry")] == 5
    for lang in ("da", "en"):
        for fmt in ("table", "csv", "json"):
            out = render(report, fmt, translator(lang))
            assert MARKER not in out, fmt
            assert not any(case_id in out for case_id in ids)
    index = (root / "index" / "frame.json").read_text()
    assert MARKER not in index  # the report's index holds no words either
    for case_id in ids:
        assert case_id not in index.replace(f'"{case_id}":', "")  # only as the entry's key


def test_report_on_the_command_line(planted):
    root, _store, _markers, _ids = planted
    run = subprocess.run([sys.executable, "-m", "assistant", "report", "--store", str(root),
                          "--format", "csv", "--area", "psychiatry"], capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    rows = list(csv.DictReader(io.StringIO(run.stdout)))
    assert {"section", "row", "column", "value", "kind", "suppressed"} == set(rows[0])
    assert next(r for r in rows if (r["row"], r["column"]) == ("plans_n", "psychiatry"))["value"] == "5"
    bad = subprocess.run([sys.executable, "-m", "assistant", "report", "--store", str(root),
                          "--from", "1. marts"], capture_output=True, text=True)
    assert bad.returncode == 3 and "1. marts" in bad.stderr and "2026-03-01" in bad.stderr and "Traceback" not in bad.stderr
