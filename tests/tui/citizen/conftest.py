"""Fixtures for the TUI tests (the root conftest already isolates the store and locale)."""

from __future__ import annotations

import pytest
from tests.support.tui_driving import FIXED_NOW


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Freeze the store's clock so plan dates (and snapshots) do not change with the day."""
    import store.clock

    monkeypatch.setattr(store.clock, "now", lambda: FIXED_NOW)
