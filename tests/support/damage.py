"""Damage a case file by hand, as an older version, an import or an editor could."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from store import Store


def edit_case_file(store: Store, case_id: str, change: Callable[[dict[str, Any]], Any]) -> Path:
    """Apply ``change`` to the raw JSON of a case file (valid JSON, odd content)."""
    path = store.cases_dir / case_id / "case.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def first(table: dict[str, Any]) -> dict[str, Any]:
    return table[min(table, key=int)]


def answer_of(data: dict[str, Any], state: str) -> dict[str, Any]:
    return next(e for e in data["events"].values() if e.get("type") == "answer" and e.get("state") == state)


# Odd values a list reads: each must mark only its own case as damaged.
ODD_LIST_VALUES = {
    "name is a list": lambda d: first(d["case"]).__setitem__("name", ["Carla"]),
    "status is a number": lambda d: first(d["case"]).__setitem__("status", 7),
    "area is unknown": lambda d: first(d["case"]).__setitem__("area", {"mars": 1}),
    "casework status is unknown": lambda d: d.setdefault("casework", {"1": {}})["1"].__setitem__("status", "weird"),
    "casework plan is a list": lambda d: d.setdefault("casework", {"1": {}})["1"].__setitem__("plan", []),
    "follow-up is a number": lambda d: first(d["plan"]).__setitem__("follow_up", 20260101),
}
