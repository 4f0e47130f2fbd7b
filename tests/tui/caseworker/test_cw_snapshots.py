"""Pictures of the list and the case at 80×24 and 120×40 (clock, today and case numbers fixed).

Review the SVG report before running with ``--snapshot-update``.
"""

from __future__ import annotations

import pytest
from tests.support.cw_driving import converse, settle
from tests.support.personas import ANNA_DA, CARLA_DA

from assistant.services.casework import Casework
from assistant.tui.caseworker import make_caseworker_app


@pytest.fixture
def cases(store, fixed_clock):
    carla = converse(store, CARLA_DA)
    anna = converse(store, ANNA_DA, area="disability", new_costly_complex=True)
    with Casework(store, anna, user="sb1") as work:
        work.set_plan_field("follow_up", "2026-02-01")
        work.set_status("reviewed")
    with store.create_case(journey="adult", lang="da", status="new", name="Dorte", area="psychiatry"):
        pass
    fixed_clock.move_on()  # the list is looked at later
    return carla, anna


def app(store_path):
    return make_caseworker_app(str(store_path), "da", user="sb1")


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_case_list(snap_compare, store_path, cases, size):
    assert snap_compare(app(store_path), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_case_screen(snap_compare, store_path, cases, size):
    async def open_carla(pilot):
        await settle(pilot)
        table = pilot.app.screen.query_one("#cases")
        table.move_cursor(row=table.index_of(cases[0]))
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app(store_path), terminal_size=size, run_before=open_carla)
