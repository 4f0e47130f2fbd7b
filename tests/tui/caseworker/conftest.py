"""Fixtures for the workspace tests (the root conftest isolates the store and locale)."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from tests.support.cw_driving import FIXED_NOW, converse
from tests.support.personas import ANNA_DA, CARLA_DA

from store import Store


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Freeze the store's clock, today's date and case numbers, so pictures never change."""
    import assistant.services.case_rows as cases
    import store.repository

    monkeypatch.setattr(store.repository, "now", lambda: FIXED_NOW)
    import assistant.services.casework as casework

    # The plans are made and completed on the store's day; the list is looked at later.
    monkeypatch.setattr(casework, "today", lambda: dt.date.fromisoformat(FIXED_NOW[:10]))
    monkeypatch.setattr(cases, "today", lambda: dt.date(2026, 3, 1))
    numbers = itertools.count(1)
    monkeypatch.setattr(Store, "new_case_id", lambda self: f"case{next(numbers):04d}")


@pytest.fixture
def carla(store) -> str:
    """Carla disagrees with her one goal and says why (a conversation run with the core)."""
    return converse(store, CARLA_DA)


@pytest.fixture
def anna(store) -> str:
    """Anna agrees with both her goals; her case is new, costly or complex."""
    return converse(store, ANNA_DA, area="disability", new_costly_complex=True)
