"""Shared fixtures: every test gets its own private store, home folder and a fixed language.

The suite runs in parallel (pytest-xdist, ``-n auto``): each worker is a process of its own
with its own session, so everything set up here for "the whole run" exists once per worker —
``tmp_path_factory`` gives each worker its own base folder — and nothing is shared between
workers but the source tree, which no test writes to.
"""

from __future__ import annotations

import json
import time
from importlib import resources
from pathlib import Path

import pytest

from assistant.services.stores import summaries
from store import Store

pytest_plugins = ["tests.support.ordering"]

# The user's own settings must not steer a test: what the program reads from the environment.
USER_SETTINGS = ("BORGERREJSE_STORE", "BORGERREJSE_CACHE", "BORGERREJSE_LANG", "BORGERREJSE_TODAY", "BORGERREJSE_USER",
                 "BORGERREJSE_DEMO_STORE", "BORGERREJSE_DIALOGUES")
# Where platformdirs finds the user's data, documents and cache folders: under $HOME once these are unset.
USER_FOLDERS = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME", "XDG_DOCUMENTS_DIR")


@pytest.fixture(scope="session", autouse=True)
def _no_user_settings(tmp_path_factory: pytest.TempPathFactory):
    """For the whole run (of this worker): none of the user's own settings, and a home folder that
    is not theirs (module-scoped fixtures run before the per-test one below)."""
    with pytest.MonkeyPatch.context() as mp:
        for name in USER_SETTINGS + USER_FOLDERS:
            mp.delenv(name, raising=False)
        mp.setenv("HOME", str(tmp_path_factory.mktemp("home")))
        yield


@pytest.fixture(scope="session")
def _cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One private cache for the whole run (compiled catalogs, the kept first questions), as one
    person's machine has: not the user's own, and not compiled again for every test. Each xdist
    worker has its own (its own ``tmp_path_factory``): workers never write into one cache."""
    return tmp_path_factory.mktemp("cache")


# The tests open stores by hand (``Store(path)``); the program opens each with its lists
# through assistant.services.stores.open_store, the one place that gives them.
Store.default_summaries = summaries


@pytest.fixture(autouse=True)
def _isolate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _cache_dir: Path) -> None:
    """No test touches the user's real data folder or depends on the machine's locale."""
    monkeypatch.setenv("BORGERREJSE_CACHE", str(_cache_dir))
    monkeypatch.setenv("BORGERREJSE_STORE", str(tmp_path / "default-store"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))  # ~/Documents, ~/.local/share: the test's own
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


def pytest_report_header(config: pytest.Config) -> str:
    import assistant

    return f"borgerrejse from {Path(assistant.__file__).parent}"
