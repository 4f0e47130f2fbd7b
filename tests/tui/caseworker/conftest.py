"""Fixtures for the workspace tests (the root conftest isolates the store and locale)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from tests.support.cw_driving import FIXED_NOW, converse
from tests.support.personas import ANNA_DA, CARLA_DA

from store import Store


LOOKED_AT = dt.date(2026, 3, 1)  # the day the caseworker looks at the list, after the plans were made


class Day:
    """Today's date in a test: the store's day until a test moves it on to :data:`LOOKED_AT`."""

    def __init__(self, value: dt.date) -> None:
        self.value = value

    def move_on(self) -> None:
        self.value = LOOKED_AT


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> Day:
    """Freeze the store's clock, today's date and case numbers, so pictures never change.

    The plans are made and completed on the store's day; a test that then looks at the list
    "later" moves the day on (:meth:`Day.move_on`)."""
    from store import clock

    day = Day(dt.date.fromisoformat(FIXED_NOW[:10]))
    monkeypatch.setattr(clock, "now", lambda: FIXED_NOW)
    monkeypatch.setattr(clock, "today", lambda: day.value)
    numbers = itertools.count(1)
    monkeypatch.setattr(Store, "new_case_id", lambda self: f"case{next(numbers):04d}")
    return day


@pytest.fixture
def carla(store) -> str:
    """Carla disagrees with her one goal and says why (a conversation run with the core)."""
    return converse(store, CARLA_DA)


@pytest.fixture
def anna(store) -> str:
    """Anna agrees with both her goals; her case is new, costly or complex."""
    return converse(store, ANNA_DA, area="disability", new_costly_complex=True)
