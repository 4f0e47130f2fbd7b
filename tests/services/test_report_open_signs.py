"""Issue 20, point 7: a sign of distress not handled yet (the ⚑ of the case list) shows in the
report's counts, with how long it has been open; and signs about a child are counted."""

from __future__ import annotations

import datetime as dt
import json

from tests.support.helpers import run_cli

from assistant.common.i18n import translator
from assistant.domain.frame import frame_summary
from assistant.services.report import build, render
from store import clock

TODAY = dt.date(2027, 3, 1)


def frame(*, raised=0, handled=0, since=None, child=0, area="psychiatry"):
    return {"area": area, "journey": "adult", "conversation": "paused", "created": "2027-01-01", "answered": True,
            "distress_raised": raised, "distress_handled": handled, "distress_child": child,
            "distress_open_since": since, "plan": None}


def figures(report):
    from assistant.services.report import as_rows

    return {(r["row"], r["column"]): (None if r["suppressed"] else r["value"])
            for r in as_rows(report) if r["section"] == "distress"}


def test_open_signs_are_counted_by_how_long_they_have_been_open():
    frames = [
        frame(raised=1, since="2027-02-27"),  # 2 days
        frame(raised=1, since="2027-02-27"),
        frame(raised=2, handled=1, since="2027-02-20"),  # 9 days: more than a week
        frame(raised=1, since="2027-02-20", child=1),
        frame(raised=1, since="2027-01-15", child=1),  # 45 days: more than a month
        frame(raised=1, handled=1, child=1),  # handled: not open
        *[frame() for _ in range(4)],
    ]
    f = figures(build(frames, today=TODAY))
    assert f[("distress_raised", "total")] == 6
    assert f[("distress_open", "total")] == 5
    assert f[("distress_open_week", "total")] is None  # 3: a handful of people in crisis is held back
    assert f[("distress_open_month", "total")] is None  # 1
    assert f[("distress_child", "total")] is None  # 3

    more = frames + [frame(raised=1, since="2027-01-01", child=1) for _ in range(5)]
    f = figures(build(more, today=TODAY))
    assert f[("distress_open", "total")] == 10
    assert f[("distress_open_week", "total")] == 8
    assert f[("distress_open_month", "total")] == 6
    assert f[("distress_child", "total")] == 8


def test_the_table_names_the_rows_in_danish():
    frames = [frame(raised=1, since="2027-01-01", child=1) for _ in range(6)]
    text = render(build(frames, today=TODAY), "table", translator("da"))
    assert "sager med et tegn på akut krise, der ikke er fulgt op endnu (⚑)" in text
    assert "heraf åbne i mere end 7 dage" in text and "heraf åbne i mere end 30 dage" in text
    assert "sager hvor et barn kan være i fare" in text
    line = next(l for l in text.splitlines() if l.startswith("heraf åbne i mere end 30 dage"))
    assert line.split()[-1] == "6"


def test_the_frame_keeps_the_day_the_oldest_open_sign_was_raised_and_child_signs():
    meta = {"journey": "youth", "status": "paused", "created": "2027-01-01T10:00:00+00:00",
            "flags": [{"id": 1, "kinds": ["violence"], "at": "2027-01-05T10:00:00+00:00",
                       "handled": {"at": "2027-01-06T10:00:00+00:00", "by": "sb", "note": "ok"}},
                      {"id": 2, "kinds": ["suicide"], "at": "2027-02-10T10:00:00+00:00", "handled": None},
                      {"id": 3, "kinds": ["violence"], "at": "2027-02-12T10:00:00+00:00", "handled": None}]}
    got = frame_summary("K1", {"case": {"1": meta}})
    assert got["distress_open_since"] == "2027-02-10"
    assert got["distress_child"] == 3  # a young person's case: every sign is about a child
    adult = frame_summary("K2", {"case": {"1": {**meta, "journey": "adult"}}})
    assert adult["distress_child"] == 0


def test_the_report_command_counts_open_signs_from_the_store(store, store_path, monkeypatch):
    from assistant.domain import safety
    from assistant.services.caselist import register_case

    for n in range(5):
        case = register_case(store, name=f"Bo {n}", lang="da", registered_by="sb1")
        with store.open_case(case) as handle, handle.batch():
            safety.raise_flag(handle, ["child_at_risk"], state="everyday", item=None, at=clock.now())
    later = clock.today() + dt.timedelta(days=12)
    monkeypatch.setenv("BORGERREJSE_TODAY", later.isoformat())
    out = json.loads(run_cli("report", "--format", "json", "--store", str(store_path)).stdout)
    total = {f["row"]: f["value"] for f in out["figures"] if f["section"] == "distress" and f["column"] == "total"}
    assert total["distress_open"] == 5 and total["distress_open_week"] == 5
    assert total["distress_open_month"] == 0 and total["distress_child"] == 5
