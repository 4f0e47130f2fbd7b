"""'My cases' by next follow-up, overdue first; "today" set with $BORGERREJSE_TODAY."""

from __future__ import annotations

import json

from tests.support.helpers import converse, press, run_cli, settle
from tests.support.personas import ANNA_DA, CARLA_DA

from assistant.services.casework import Casework
from assistant.tui.caseworker import make_caseworker_app
from assistant.services.case_rows import my_rows
from assistant.tui.caseworker.widgets.case_table import CaseTable


def _cases(store, store_path, monkeypatch):
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-01-10")
    monkeypatch.setenv("BORGERREJSE_USER", "sb1")
    registered = run_cli("new-case", "--store", str(store_path), "--name-from", "-", stdin="Ida\n").stdout.strip()
    soon = converse(store, ANNA_DA)
    later = converse(store, CARLA_DA)
    others = converse(store, ANNA_DA)
    with Casework(store, soon, user="sb1") as work:
        work.set_plan_field("follow_up", "2026-02-01")
    with Casework(store, later, user="sb1") as work:
        work.set_plan_field("follow_up", "2026-09-01")
    with Casework(store, others, user="sb2") as work:
        work.set_plan_field("follow_up", "2026-01-20")
    return registered, soon, later, others


def test_my_cases_lists_mine_by_next_follow_up_with_overdue_first(store, store_path, monkeypatch):
    registered, soon, later, others = _cases(store, store_path, monkeypatch)
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-03-01")  # "today" for the demonstration: soon is overdue
    out = json.loads(run_cli("my-cases", "--store", str(store_path), "--json").stdout)
    assert [(r["case"], r["overdue"]) for r in out] == [(soon, True), (later, False), (registered, False)]
    assert others not in [r["case"] for r in out]
    other = json.loads(run_cli("my-cases", "--store", str(store_path), "--json", "--user", "sb2").stdout)
    assert [r["case"] for r in other] == [others]
    text = run_cli("my-cases", "--store", str(store_path)).stdout.splitlines()
    assert text[0].startswith("! 1. februar 2026 (overskredet)") and soon in text[0]
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-01-15")  # before the date, nothing is overdue
    assert [r.overdue for r in my_rows(store, "sb1")] == [False, False, False]


async def test_my_cases_in_the_workspace(store, store_path, monkeypatch):
    registered, soon, later, others = _cases(store, store_path, monkeypatch)
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-03-01")
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", CaseTable)
        assert table.row_count == 4
        await press(pilot, "m")
        assert table.keys == [soon, later, registered]
        assert "My cases" in str(app.screen.query_one("#count").render())
        await press(pilot, "m")
        assert table.row_count == 4
