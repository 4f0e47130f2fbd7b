"""What the index keeps of a case: the case list's fields and the plan's *frame*.

The frame is what management information may count (DOMAIN.md, "Management
information"): areas, statuses, dates, WHO dimensions, yes/no facts about
involvement and the audit's ratings — never anything anyone wrote. Only enums,
dates, whole numbers and yes/no go into it; the report (:mod:`assistant.services.report`)
reads nothing else.

The list logic (a case's status as the caseworker sees it, its follow-up date,
overdue or not, the list's order, and whose case it is for "my cases") lives here
too, so the workspace, ``borgerrejse cases``, ``my-cases`` and the report agree.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from assistant.common.text import clean_all
from assistant.domain.safety import about_child, flags
from assistant.domain.vocabulary import AREAS, DIMENSIONS, PLAN_STATUSES, RESPONSES
from assistant.domain.plan import PLAN_KINDS
from assistant.domain.plan_state import apply_followups
from assistant.domain.vocabulary import YOUTH_AREAS
from assistant.domain.plan_state import merge
from assistant.domain.audit import audit
from store.clock import today
from store.interface import IndexKind

# Bump when the summary's shape or meaning changes: every index is then rebuilt.
FRAME_VERSION = "6"  # 6: names in Danish alphabetical order (name_key)
CONVERSATION_STATUS = {"complete": "draft", "declined": "declined", "new": "not_started"}
META_FIELDS = ("id", "name", "registered_name", "status", "journey", "lang", "created", "updated", "area",
               "new_costly_complex", "flags", "plan_kind", "registered_by")
RATINGS = ("high", "some", "small", "none", "na")


def summarise(case_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """The index entry of one (well-formed) case file's tables."""
    meta = dict((data.get("case") or {}).get("1") or {})
    overlay = (data.get("casework") or {}).get("1") or {}
    plan_doc = (data.get("plan") or {}).get("1")
    check_listed(meta, plan_doc, overlay)
    follow_up = (overlay.get("plan") or {}).get("follow_up") or (plan_doc or {}).get("follow_up")
    listed_name = meta.get("registered_name") or meta.get("name") or ""
    # Texts are cleaned of control characters here, once per change of the case, so a list
    # of thousands reads them as they are (the faces clean what they print once more).
    return clean_all({
        "meta": {k: meta[k] for k in META_FIELDS if k in meta},
        "has_plan": plan_doc is not None,
        "casework": {"status": overlay.get("status", "draft"), "version": overlay.get("version", 1)} if overlay else None,
        "list_status": list_status(meta.get("status", ""), overlay.get("status") if overlay else None),
        "follow_up": _iso_date(follow_up),
        "workers": workers(meta, (data.get("trail") or {}).values()),
        # what the list's order needs beyond follow_up and list_status (see list_order), worked out
        # once per change of the case: signs of distress not handled yet, and the name as sorted
        "order": [sum(1 for flag in flags(meta) if not flag.get("handled")), name_key(clean_all(listed_name))],
    })


def workers(meta: dict[str, Any], trail: Any) -> list[str]:
    """Who registered the case or changed it (the audit trail's "who"), sorted: whose case it is."""
    names = {entry.get("who") for entry in trail if isinstance(entry, dict)} | {meta.get("registered_by")}
    return sorted(name for name in names if isinstance(name, str) and name)


def worked_on(case_workers: Any, user: str) -> bool:
    """"My cases": ``user`` registered the case or worked on it (see :func:`workers`)."""
    return bool(user) and user in (case_workers or ())


def list_order(flags_open: int, overdue: bool, follow_up: dt.date | None, name: str, case_id: str) -> tuple:
    """Where a case stands in the caseworker's list: a sign of distress not yet handled first,
    then overdue, then by follow-up date (none last), then by name (:func:`name_key`)."""
    return (not flags_open, not overdue, follow_up or dt.date.max, name_key(name), case_id)


# Danish alphabetical order: Æ, Ø, Å come after Z (and Ä, Ö with Æ, Ø, as a Danish list has them).
_DANISH_LETTERS = str.maketrans({"æ": "z\uffff1", "ä": "z\uffff1", "ø": "z\uffff2", "ö": "z\uffff2",
                                 "å": "z\uffff3"})


def name_key(name: str) -> str:
    """A name as the list sorts it: in Danish alphabetical order (… Z, Æ, Ø, Å), case and
    accents aside ("Élise" with "Elise")."""
    import unicodedata

    folded = name.casefold().translate(_DANISH_LETTERS)
    return "".join(c for c in unicodedata.normalize("NFKD", folded) if not unicodedata.combining(c))


def in_order(entries: dict[str, dict[str, Any]], day: dt.date, user: str | None = None) -> list[tuple[tuple, str, dict]]:
    """The summary index's entries as ``(key, case id, entry)`` in the list's order (:func:`list_order`),
    without making a row of each (a list of 10,000 makes only the rows it shows first);
    with ``user``, only their cases (:func:`worked_on`)."""
    key = _key_maker(day.isoformat())
    if user is not None:
        return sorted(key(case_id, entry) for case_id, entry in entries.items()
                      if worked_on((entry.get("summary") or _NONE).get("workers"), user))
    return sorted(key(case_id, entry) for case_id, entry in entries.items())


_NONE: dict[str, Any] = {}


def _key_maker(day: str):
    """The sort key of an index entry: :func:`list_order` of the row it makes, from what
    :func:`summarise` worked out ahead (``order``). A damaged entry, or one with an odd value,
    sorts as an unreadable row does: last, by case number."""

    def key(case_id: str, entry: dict[str, Any]) -> tuple[tuple, str, dict]:
        summary = entry.get("summary")
        try:
            flags_open, name = summary["order"]
            follow_up = summary.get("follow_up")
            if follow_up is None:
                follow_up = "~"  # after every date, as date.max
            elif follow_up.__class__ is not str or name.__class__ is not str or flags_open.__class__ is not int:
                raise TypeError("order")
            overdue = follow_up < day and summary.get("list_status") != "declined"
            return (not flags_open, not overdue, follow_up, name, case_id), case_id, entry
        except (TypeError, ValueError, KeyError, AttributeError):
            return (True, True, "~", "", case_id), case_id, entry

    return key


def flagged_count(ordered: list[tuple[tuple, str, dict]]) -> int:
    """Cases with a sign of distress not handled yet, among entries put :func:`in_order`."""
    return sum(1 for key, _, _ in ordered if not key[0])


# How many rows of the list the index's head keeps: a few screens, even at 200 lines.
HEAD_ROWS = 300


def list_head(ordered: list[tuple[tuple, str, dict]], day: dt.date) -> dict[str, Any]:
    """The top of the whole list (entries put :func:`in_order` on ``day``) and its counts: what
    the caseworker's list shows first while it reads and checks the whole index
    (:meth:`store.index.CaseIndex.head`)."""
    return {"day": day.isoformat(), "total": len(ordered), "flagged": flagged_count(ordered),
            "cases": [[case_id, entry] for _, case_id, entry in ordered[:HEAD_ROWS]]}


def head_of(entries: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """:func:`list_head` of every entry, today (what the index writes beside itself)."""
    day = today()
    return list_head(in_order(entries, day), day)


# Bump when the report's frame (:func:`frame_summary`) changes: the report's index is then rebuilt.
REPORT_FRAME_VERSION = "6"  # 6: signs not handled yet (since when), signs about a child


def frame_summary(case_id: str, data: dict[str, Any]) -> dict[str, Any]:
    """The frame of one (well-formed) case file's tables: what the report may count."""
    meta = dict((data.get("case") or {}).get("1") or {})
    overlay = (data.get("casework") or {}).get("1") or {}
    plan_doc = (data.get("plan") or {}).get("1")
    events = list((data.get("events") or {}).values())
    rounds = sorted((r for r in (data.get("followups") or {}).values() if isinstance(r, dict)),
                    key=lambda r: r.get("round", 0))
    trail = [e for e in (data.get("trail") or {}).values() if isinstance(e, dict)]
    return _frame(meta, plan_doc, overlay, events, rounds=rounds, trail=trail,
                  provider_status=bool(data.get("provider_status")))


_TEXT_FIELDS = ("name", "registered_name", "status", "journey", "lang", "created", "updated", "plan_kind",
                "registered_by")


def check_listed(meta: dict[str, Any], plan_doc: Any, overlay: Any) -> None:
    """Raise TypeError/ValueError on a value a list cannot show: that case is listed as damaged, by its file."""
    for name in _TEXT_FIELDS:  # inline: this runs for every case of a list of thousands
        value = meta.get(name)
        if value is not None and not isinstance(value, str):
            raise TypeError(name)
    area = meta.get("area")
    if area is not None and area not in AREAS:
        raise ValueError("area")
    if not isinstance(meta.get("new_costly_complex", False), bool):
        raise ValueError("new_costly_complex")
    if not isinstance(meta.get("flags") or [], list):
        raise TypeError("flags")
    plan = _dict(plan_doc, "plan")
    _text(plan.get("follow_up"), "plan.follow_up")
    overlay = _dict(overlay, "casework")
    if overlay:
        if overlay.get("status", "draft") not in PLAN_STATUSES:
            raise ValueError("casework.status")
        version = overlay.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError("casework.version")
        _text(_dict(overlay.get("plan"), "casework.plan").get("follow_up"), "casework.plan.follow_up")


def _text(value: Any, name: str) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(name)


def _dict(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(name)
    return value


def list_status(conversation_status: str, casework_status: str | None) -> str:
    """The status the caseworker sees: the plan's once there is casework, else the conversation's."""
    if casework_status:
        return casework_status
    return CONVERSATION_STATUS.get(conversation_status, "in_progress")


def is_overdue(follow_up: dt.date | None, status: str, today: dt.date) -> bool:
    """A follow-up date in the past, on a case that is not declined."""
    return bool(follow_up and follow_up < today and status != "declined")


def parse_date(iso: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(iso)[:10]) if iso else None
    except ValueError:
        return None


def _iso_date(value: object) -> str | None:
    day = parse_date(value)
    return day.isoformat() if day else None


def _frame(meta: dict[str, Any], plan_doc: dict[str, Any] | None, overlay: dict[str, Any],
           events: list[dict[str, Any]], *, rounds: list[dict[str, Any]] = (), trail: list[dict[str, Any]] = (),
           provider_status: bool = False) -> dict[str, Any]:
    signs = flags(meta)
    frame: dict[str, Any] = {
        "area": meta.get("area") if meta.get("area") in AREAS else None,
        "journey": meta.get("journey") if isinstance(meta.get("journey"), str) else None,
        "conversation": meta.get("status"),
        "created": _iso_date(meta.get("created")),
        "answered": any(ev.get("type") == "answer" for ev in events),
        # what assistant.domain.safety writes: one flag per sign in the case meta, ``handled`` once followed up
        "distress_raised": len(signs),
        "distress_handled": sum(1 for flag in signs if flag.get("handled")),
        # issue 20: a child may be in danger; the day the oldest sign not handled yet was raised
        "distress_child": sum(1 for flag in signs if about_child(flag.get("kinds") or ())),
        "distress_open_since": min(filter(None, (_iso_date(str(flag.get("at") or "")[:10])
                                                 for flag in signs if not flag.get("handled"))), default=None),
        "plan": None,
    }
    if not plan_doc or not isinstance(plan_doc.get("goals"), list):
        return frame

    # The plan as it stands now: every finished follow-up laid over the first draft, then the caseworker's work.
    done = [r for r in rounds if r.get("status") == "complete" and isinstance(r.get("result"), dict)]
    plan = merge(apply_followups(plan_doc, done), overlay, meta)
    involvement = plan.get("involvement") or {}
    goals = []
    for goal in plan["goals"]:
        if not goal.get("kept", True):
            continue
        goals.append({
            "domain": goal.get("domain") if goal.get("domain") in DIMENSIONS else None,
            "area": goal.get("area") if goal.get("area") in YOUTH_AREAS else None,  # a young person's goal
            "due": _iso_date(goal.get("due")),
            "response": goal.get("citizen_response") if goal.get("citizen_response") in RESPONSES else None,
            "reasoning": bool(goal.get("reasoning")),
        })
    result = audit(plan, plan.get("lang"))
    ratings = {r.key: r.rating for r in result.ratings}
    closed = [g.get("closed") for g in plan.get("closed_goals") or []]
    kind = plan.get("plan_kind") if plan.get("plan_kind") in PLAN_KINDS else "handleplan"
    frame["plan"] = {
        "kind": kind,
        "version": plan.get("version", 1) if isinstance(plan.get("version"), int) else 1,
        "followups": len(done),  # follow-up conversations that made a new version
        "reopened": sum(1 for e in trail if e.get("what") == "version" and e.get("reason")),  # by the caseworker
        "provider_status": provider_status,
        "goals_reached": closed.count("reached"),
        "goals_dropped": closed.count("drop"),
        # Barnets lov's elements (a young person's plan) or § 141, stk. 3's: present or not
        "legal": {e.key: bool(e.present) for e in result.legal},
        "status": plan.get("status", "draft"),
        "made": _iso_date(plan.get("created")) or frame["created"],
        "follow_up": _iso_date(plan.get("follow_up")),
        "duration_stated": bool(plan.get("expected_duration_months") or plan.get("expected_duration")),
        "reviewed_by_citizen": bool(involvement.get("reviewed_by_citizen")),
        "remarks": bool(plan.get("remarks")),
        "goals": goals,
        "audit": {k: v for k, v in ratings.items() if v in RATINGS},
    }
    return frame


def summaries() -> dict[str, IndexKind]:
    """What the store's two summary indexes keep (:class:`store.index.IndexKind`): the case
    list's fields and its first screenful, and the report's frame."""
    return {
        "cases": IndexKind(summarise, FRAME_VERSION, head_of),
        "frame": IndexKind(frame_summary, REPORT_FRAME_VERSION),
    }
