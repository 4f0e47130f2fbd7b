"""Longest tests first, so the parallel run has no long tail.

With two workers the whole run takes at least (all the tests' time) / 2; it reaches that
only when no long test starts near the end while the other worker has nothing left. So each
worker starts on its share of the longest tests: xdist's ``--dist worksteal`` gives each
worker one contiguous part of the collection and lets a worker that runs out take half of
another's queue, so the collection is dealt like cards — the longest test to worker 1, the
next to worker 2, … — each part longest first. The figures come from ``tests/durations.json``: how long each test took in an earlier run, on
whatever machine. The figures only order the tests, never decide a result, so an old or
missing figure costs speed, not correctness. A test not listed yet counts as average.

Refresh the figures with ``pytest --store-durations`` (a whole run; it writes the file).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DURATIONS_FILE = Path(__file__).resolve().parent.parent / "durations.json"
_measured: dict[str, float] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store-durations",
        action="store_true",
        default=False,
        help=f"write each test's time (setup + call + teardown) to {DURATIONS_FILE.name}, to order later runs",
    )


def known_durations(path: Path = DURATIONS_FILE) -> dict[str, float]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): float(v) for k, v in data.items()} if isinstance(data, dict) else {}


def longest_first(node_ids: list[str], durations: dict[str, float]) -> list[str]:
    """``node_ids`` ordered by their known time, longest first; unknown ones count as the mean.

    Ties keep the collection order (the sort is stable), so every worker computes the same
    order from the same file — xdist requires all workers to collect identically.
    """
    default = sum(durations.values()) / len(durations) if durations else 0.0
    return sorted(node_ids, key=lambda node_id: -durations.get(node_id, default))


def dealt(node_ids: list[str], workers: int) -> list[str]:
    """``node_ids`` dealt to ``workers`` in turn and laid out one worker's part after another:
    worksteal's contiguous parts then each start with their share of the first ones."""
    workers = max(1, workers)
    return [node_id for part in range(workers) for node_id in node_ids[part::workers]]


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    durations = known_durations()
    if not durations:
        return
    by_id = {item.nodeid: item for item in items}
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    items[:] = [by_id[node_id] for node_id in dealt(longest_first(list(by_id), durations), workers)]


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    _measured[report.nodeid] = _measured.get(report.nodeid, 0.0) + report.duration


def pytest_sessionfinish(session: pytest.Session) -> None:
    config = session.config
    if not config.getoption("store_durations") or hasattr(config, "workerinput"):
        return  # only the process that saw every report (the controller, or a run with -n 0) writes
    data = {node_id: round(seconds, 2) for node_id, seconds in sorted(_measured.items())}
    lines = ",\n".join(f"{json.dumps(node_id)}: {round(seconds, 1)}" for node_id, seconds in data.items())
    DURATIONS_FILE.write_text("{\n" + lines + "\n}\n", encoding="utf-8")
