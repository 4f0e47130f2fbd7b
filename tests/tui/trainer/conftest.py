"""Fixtures for trainer mode (the root conftest isolates the real store and the locale)."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.support.helpers import FIXED_NOW


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """Freeze the store's clock so plan dates (and snapshots) do not change with the day."""
    import store.clock

    monkeypatch.setattr(store.clock, "now", lambda: FIXED_NOW)


@pytest.fixture
def dialogues_dir(tmp_path: Path) -> Path:
    """The trainer's own dialogues folder (empty unless a test writes into it)."""
    path = tmp_path / "my-dialogues"
    path.mkdir()
    return path


@pytest.fixture
def trainer(tmp_path: Path, dialogues_dir: Path, monkeypatch: pytest.MonkeyPatch):
    """A factory for the trainer app on a demo folder called ``demo`` (relative: the same in every picture)."""
    from assistant.tui.trainer import make_trainer_app

    monkeypatch.chdir(tmp_path)

    def make(lang: str = "da"):
        return make_trainer_app("demo", dialogues=str(dialogues_dir), lang=lang)

    return make
