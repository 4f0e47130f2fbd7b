"""The list of cases as the caseworker sees it: one row per case, read without locks.

No Textual here: :func:`load_rows` runs in a worker thread and returns plain rows;
the screen only paints them. A damaged case (a file that cannot be read, or one odd
value in it) becomes an "unreadable" row naming its file instead of an error, so
one bad file never hides the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from assistant.domain.vocabulary import AREA_LABELS
from assistant.services.caselist import case_file
from assistant.domain.frame import in_order, is_overdue, list_status, parse_date, worked_on
from assistant.common.i18n import N_, Translator
from assistant.domain.safety import about_child, flags, kinds_text
from assistant.common.text import clean
from store import clock
from store import Store, no_gc
from assistant.domain.vocabulary import LIST_STATUS_LABELS as STATUS_LABELS

FLAG_MARK = "⚑"
FLAGGED = N_("sign of distress")
FLAGGED_CHILD = N_("a child may be in danger")  # an open sign about a child, or a young person's (issue 20)


@dataclass(frozen=True)
class CaseRow:
    """One case in the list."""

    id: str
    name: str = ""
    chosen_name: str = ""  # what the citizen asked to be called in the conversation, if not the registered name
    area: str | None = None
    status: str = "not_started"
    follow_up: dt.date | None = None
    overdue: bool = False
    flags: tuple = ()  # signs of distress in the conversation (assistant.domain.safety), oldest first
    has_plan: bool = False
    workers: frozenset = frozenset()  # who registered or changed the case: "my cases" (assistant.domain.frame.workers)

    @cached_property  # asked for several times per row when thousands are sorted and worded
    def flags_open(self) -> int:
        """Signs of distress not yet marked handled."""
        return sum(1 for f in self.flags if not f.get("handled"))

    @cached_property
    def flags_child(self) -> bool:
        """Whether a sign not yet handled says that a child may be in danger."""
        return any(about_child(f.get("kinds") or ()) for f in self.flags if not f.get("handled"))
    file: str | None = None
    """The case's file, for a damaged case."""

    @property
    def unreadable(self) -> bool:
        return self.status == "unreadable"

    @property
    def shown_file(self) -> str:
        """The damaged file, short enough for a column: …/cases/<id>/case.json."""
        parts = Path(self.file or "").parts
        return "…/" + "/".join(parts[-3:]) if len(parts) > 3 else (self.file or "")

    def texts(self, t: Translator) -> tuple[str, str, str, str]:
        """Name, area, status and follow-up as shown (for the table and the filter)."""
        if self.unreadable:
            return self.shown_file, "—", t.label(STATUS_LABELS, self.status), "—"
        flagged = bool(self.flags_open)
        return (self.name_text(t, flagged), area_text(t, self.area),
                status_text(t, self.status, flagged, flagged and self.flags_child),
                follow_text(t, self.follow_up, self.overdue))

    def name_text(self, t: Translator, flagged: bool) -> str:
        name = " ".join(clean(self.name).split()) or t.gettext("(no name given)")
        chosen = " ".join(clean(self.chosen_name).split())
        if chosen and chosen.casefold() != name.casefold():
            name = f"{name} ({chosen})"
        return FLAG_MARK + " " + name if flagged else name

    def matches(self, query: str, t: Translator) -> bool:
        """Every word of ``query`` occurs in the row's shown texts or case number."""
        haystack = " ".join((*self.texts(t), self.id)).casefold()
        return all(word in haystack for word in query.casefold().split())


# The columns other than the name take few values: each is worded once per list (10,000 rows).
@lru_cache(maxsize=64)
def area_text(t: Translator, area: str | None) -> str:
    return t.label(AREA_LABELS, area) if area in AREA_LABELS else "—"


@lru_cache(maxsize=64)
def status_text(t: Translator, status: str, flagged: bool, child: bool = False) -> str:
    text = t.label(STATUS_LABELS, status)
    return t.gettext(FLAGGED_CHILD if child else FLAGGED) + " · " + text if flagged else text


@lru_cache(maxsize=4096)
def follow_text(t: Translator, follow_up: dt.date | None, overdue: bool) -> str:
    text = t.date(follow_up) if follow_up else "—"
    return t.gettext("{date} (overdue)").format(date=text) if overdue else text


def load_rows(store: Store) -> list[CaseRow]:
    """Every case in the store as a row, in the list's order (:func:`assistant.domain.frame.list_order`:
    a sign of distress not yet handled first, then overdue, then by follow-up date, then name).

    Read from the store's summary index (one small read per changed case, not every file).
    """
    day = clock.today()
    with no_gc():
        return rows_of(store, in_order(store.summaries(), day), day)


def rows_of(store: Store, ordered: list[tuple[tuple, str, dict]], day: dt.date) -> list[CaseRow]:
    """The rows of entries put :func:`in_order`."""
    return [_row(store, case_id, entry, day) for _, case_id, entry in ordered]


def my_rows(store: Store, user: str, rows: list[CaseRow] | None = None) -> list[CaseRow]:
    """"My cases": those ``user`` registered or worked on (:func:`assistant.domain.frame.worked_on`,
    from the index), by next follow-up, overdue first (the order of :func:`load_rows`)."""
    return [row for row in (rows if rows is not None else load_rows(store)) if worked_on(row.workers, user)]


def _row(store: Store, case_id: str, entry: dict[str, Any], day: dt.date) -> CaseRow:
    summary = entry.get("summary")
    if summary is None:
        return CaseRow(id=case_id, status="unreadable", file=entry.get("error") or case_file(store, case_id))
    try:
        return _readable_row(case_id, summary, day)
    except (TypeError, ValueError, KeyError, AttributeError):  # an odd value: this case is damaged, not the list
        return CaseRow(id=case_id, status="unreadable", file=case_file(store, case_id))


def _readable_row(case_id: str, summary: dict[str, Any], day: dt.date) -> CaseRow:
    # The index holds what assistant.domain.frame.summarise checked; what the row uses is checked again
    # (a hand-edited index): an odd value marks this case, never breaks the list.
    meta = summary["meta"]
    name = meta.get("name") or ""
    registered = meta.get("registered_name") or ""
    if not isinstance(name, str) or not isinstance(registered, str):
        raise TypeError("name")
    area = meta.get("area")
    if area is not None and area not in AREA_LABELS:
        raise ValueError("area")
    status = summary.get("list_status") or list_status(meta.get("status", ""), None)
    if status not in STATUS_LABELS or status == "unreadable":
        raise ValueError("list_status")
    follow_up = parse_date(summary.get("follow_up"))
    case_workers = summary.get("workers", [])
    if case_workers.__class__ is not list:
        raise TypeError("workers")
    return CaseRow(
        id=case_id,
        # The registered full name for the case ("Mette Jensen"), and beside it the name
        # the citizen chose in the conversation ("Mette"): both are shown and found by the filter.
        name=registered or name,
        chosen_name=name if registered else "",
        area=area,
        status=status,
        follow_up=follow_up,
        overdue=is_overdue(follow_up, status, day),
        flags=tuple(flags(meta)),
        has_plan=bool(summary.get("has_plan")),
        workers=frozenset(case_workers),
    )


def open_flags_of(flags_: list[dict[str, Any]] | tuple, day: dt.date) -> list[dict[str, Any]]:
    """The signs of distress not yet marked handled, each with how many days it has been open and
    whether a child may be in danger (for ``cases --json`` and ``my-cases --json``: kinds and dates,
    never the citizen's words)."""
    out = []
    for flag in flags_:
        if flag.get("handled"):
            continue
        try:
            raised = dt.date.fromisoformat(str(flag.get("at", ""))[:10])
        except ValueError:
            raised = None
        kinds = [k for k in flag.get("kinds") or [] if isinstance(k, str)]
        out.append({"kinds": kinds,
                    "at": flag.get("at") if isinstance(flag.get("at"), str) else None,
                    "open_days": max(0, (day - raised).days) if raised else None,
                    "child": about_child(kinds)})  # "a child may be in danger" (issue 20)
    return out


def open_flags_text(flags_: list[dict[str, Any]] | tuple, day: dt.date, t: Translator, *, mark: bool = True) -> str:
    """``⚑ vold eller trusler, åben i 12 dage`` for a case's unhandled signs (empty: none)."""
    open_ = open_flags_of(flags_, day)
    if not open_:
        return ""
    kinds = sorted({k for f in open_ for k in f["kinds"]})
    days = max((f["open_days"] for f in open_ if f["open_days"] is not None), default=None)
    text = f"{FLAG_MARK} {kinds_text(kinds, t)}" if mark else kinds_text(kinds, t)
    if days is not None:
        text += ", " + t.ngettext("open for {n} day", "open for {n} days", days).format(n=days)
    return text
