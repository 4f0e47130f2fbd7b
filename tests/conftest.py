"""Shared fixtures: every test gets its own private store and a fixed language."""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

import pytest

from assistant.services.stores import summaries
from store import Store


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One private cache for the whole run (compiled catalogs, the kept first questions), as one
    person's machine has: not the user's own, and not compiled again for every test."""
    return tmp_path_factory.mktemp("cache")


# The tests open stores by hand (``Store(path)``); the program opens each with its lists
# through assistant.services.stores.open_store, the one place that gives them.
Store.default_summaries = summaries


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    """No test touches the user's real data folder or depends on the machine's locale."""
    monkeypatch.setenv("BORGERREJSE_CACHE", str(_cache_dir))
    monkeypatch.setenv("BORGERREJSE_STORE", str(tmp_path / "default-store"))
    monkeypatch.delenv("BORGERREJSE_LANG", raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("TZ", "UTC")  # local times in views and snapshots do not depend on the machine
    time.tzset()


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def store(store_path: Path) -> Store:
    return Store(store_path)


@pytest.fixture(scope="session")
def plan_schema() -> dict:
    return json.loads((resources.files("assistant") / "schema" / "plan.schema.json").read_text("utf-8"))
