"""The list of cases as the caseworker sees it: one row per case, read without locks.

No Textual here: :func:`load_rows` runs in a worker thread and returns plain rows;
the screen only paints them. A damaged case becomes an "unreadable" row instead of
an error, so one bad file never hides the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assistant.casework import AREA_LABELS
from assistant.frame import is_overdue, list_status, parse_date
from assistant.i18n import N_, Translator
from assistant.text import clean
from store import CaseSummary, Store

STATUS_LABELS = {
    "not_started": N_("not started"),
    "in_progress": N_("conversation in progress"),
    "declined": N_("declined"),
    "draft": N_("draft"),
    "reviewed": N_("reviewed"),
    "final": N_("final"),
    "unreadable": N_("cannot be read"),
}


def today() -> dt.date:
    """Today's date (a function so tests can fix it)."""
    return dt.date.today()


@dataclass(frozen=True)
class CaseRow:
    """One case in the list."""

    id: str
    name: str = ""
    area: str | None = None
    status: str = "not_started"
    follow_up: dt.date | None = None
    overdue: bool = False

    @property
    def unreadable(self) -> bool:
        return self.status == "unreadable"

    def texts(self, t: Translator) -> tuple[str, str, str, str]:
        """Name, area, status and follow-up as shown (for the table and the filter)."""
        name = " ".join(clean(self.name).split()) or t.gettext("(no name given)")
        area = t.label(AREA_LABELS, self.area) if self.area in AREA_LABELS else "—"
        status = t.label(STATUS_LABELS, self.status)
        follow = t.date(self.follow_up) if self.follow_up else "—"
        if self.overdue:
            follow = t.gettext("{date} (overdue)").format(date=follow)
        return name, area, status, follow

    def matches(self, query: str, t: Translator) -> bool:
        """Every word of ``query`` occurs in the row's shown texts or case number."""
        haystack = " ".join((*self.texts(t), self.id)).casefold()
        return all(word in haystack for word in query.casefold().split())


def load_rows(store: Store) -> list[CaseRow]:
    """Every case in the store as a row: overdue first, then by follow-up date, then name.

    Read from the store's summary index (one small read per changed case, not every file).
    """
    rows = [_row(summary) for summary in store.list_cases()]
    far = dt.date.max
    return sorted(rows, key=lambda r: (not r.overdue, r.follow_up or far, r.name.casefold(), r.id))


def _row(summary: CaseSummary) -> CaseRow:
    if summary.error:
        return CaseRow(id=summary.id, status="unreadable")
    status = summary.list_status or list_status(summary.status, None)
    follow_up = parse_date(summary.follow_up)
    return CaseRow(
        id=summary.id,
        name=summary.name,
        area=(summary.meta or {}).get("area"),
        status=status,
        follow_up=follow_up,
        overdue=is_overdue(follow_up, status, today()),
    )
