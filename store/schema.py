"""What a case file must look like, checked when it is opened or listed.

A file that is valid JSON but not a case as borgerrejse writes it (an event with
no type, a document id ``abc``, a time that is not a time, an unknown status …)
is damage: it is reported by name and never overwritten, instead of failing
somewhere deep in the code with a traceback.

Only the shape is checked here; whether the answers fit the dialogue is checked
when the conversation is replayed (:func:`assistant.services.conversation.replay`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

CASE_STATUSES = ("new", "in_progress", "paused", "complete", "declined")
PLAN_STATUSES = ("draft", "reviewed", "final")
LANGUAGES = ("da", "en")
AREAS = ("disability", "psychiatry", "homelessness_addiction", "children_young")
CASE_ID = re.compile(r"^[a-z0-9]{4,32}$")  # what a case folder is named
_DOC_ID = re.compile(r"^[1-9][0-9]{0,8}$")
_EVENT_TYPE = re.compile(r"^[a-z][a-z_]{0,31}$")
# Event types a newer version may add are allowed; these are checked field by field.
_ANSWER_TYPES = ("answer", "skip", "invalid")


class Damaged(ValueError):
    """The file is not a case as borgerrejse writes it (``str(exc)`` says where, for developers)."""


def check_case_data(data: dict[str, dict[str, Any]]) -> None:
    """Raise :class:`Damaged` if ``data`` (TinyDB's tables) is not a well-formed case."""
    for table, docs in data.items():
        for doc_id in docs:
            _require(isinstance(doc_id, str) and _DOC_ID.match(doc_id), f"{table}: document id {doc_id!r}")
    case = data.get("case") or {}
    meta = case.get("1")
    _require(meta is not None or not any(data.values()), "case: no case record")
    if meta is not None:
        _check_meta(meta)
    events = list((data.get("events") or {}).values())
    for event in events:
        _check_event(event)
    if not events and (data.get("plan") or data.get("casework") or data.get("versions")):
        # A plan without the conversation it was drafted from: something removed the history.
        _require(False, "events: a plan but no conversation")
    for doc in (data.get("casework") or {}).values():
        _check_casework(doc)
    for doc in (data.get("trail") or {}).values():
        _require(_is_time(doc.get("at")) and isinstance(doc.get("what"), str) and isinstance(doc.get("who"), str),
                 "trail entry")
    for doc in (data.get("versions") or {}).values():
        _require(_is_int(doc.get("version"), 1) and _is_time(doc.get("finalised")) and isinstance(doc.get("plan"), dict),
                 "version")
    for doc in (data.get("plan") or {}).values():
        _require(isinstance(doc.get("goals", []), list), "plan: goals")


def _check_meta(meta: dict[str, Any]) -> None:
    _require(isinstance(meta.get("id"), str), "case: id")
    for key in ("created", "updated"):
        _require(_is_time(meta.get(key)), f"case: {key}")
    _require("status" not in meta or meta["status"] in CASE_STATUSES, "case: status")
    _require("lang" not in meta or meta["lang"] in LANGUAGES, "case: lang")
    _require(isinstance(meta.get("journey", ""), str), "case: journey")
    for key in ("name", "registered_name"):
        _require(meta.get(key) is None or isinstance(meta.get(key), str), f"case: {key}")
    _require(meta.get("area") is None or meta.get("area") in AREAS, "case: area")
    _require(isinstance(meta.get("new_costly_complex", False), bool), "case: new_costly_complex")


def _check_event(event: dict[str, Any]) -> None:
    kind = event.get("type")
    _require(isinstance(kind, str) and _EVENT_TYPE.match(kind), "event: type")
    _require(_is_time(event.get("at")), f"{kind} event: at")
    if kind in _ANSWER_TYPES:
        _require(isinstance(event.get("state"), str), f"{kind} event: state")
        _require(event.get("item") is None or _is_int(event.get("item"), 1), f"{kind} event: item")
        if kind != "skip":
            _require(isinstance(event.get("text"), str), f"{kind} event: text")
    if kind in ("start", "lang"):
        _require(event.get("lang") in LANGUAGES, f"{kind} event: lang")


def _check_casework(doc: dict[str, Any]) -> None:
    _require(doc.get("status") in PLAN_STATUSES, "casework: status")
    _require(_is_int(doc.get("version"), 1), "casework: version")
    _require(isinstance(doc.get("plan", {}), dict), "casework: plan")
    measures = (doc.get("plan") or {}).get("measures", [])
    _require(isinstance(measures, list) and all(isinstance(m, (str, dict)) for m in measures), "casework: measures")
    goals = doc.get("goals", {})
    _require(isinstance(goals, dict) and all(isinstance(g, dict) for g in goals.values()), "casework: goals")


def _is_time(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    try:
        dt.datetime.fromisoformat(value)
    except ValueError:
        return False
    return True


def _is_int(value: Any, low: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value < 10**9


def _require(condition: Any, where: str) -> None:
    if not condition:
        raise Damaged(where)
