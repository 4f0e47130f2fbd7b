"""The list of cases as the caseworker sees it: one row per case, read without locks.

No Textual here: :func:`load_rows` runs in a worker thread and returns plain rows;
the screen only paints them. A damaged case (a file that cannot be read, or one odd
value in it) becomes an "unreadable" row naming its file instead of an error, so
one bad file never hides the others.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from assistant.casework import AREA_LABELS
from assistant.errors import BorgerrejseError
from assistant.frame import is_overdue, list_status, parse_date
from assistant.i18n import N_, Translator
from assistant.safety import flags
from assistant.text import clean
from assistant.caselist import case_file, shown_summaries
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
FLAG_MARK = "⚑"
FLAGGED = N_("sign of distress")


def today() -> dt.date:
    """Today's date (a function so tests can fix it; ``$BORGERREJSE_TODAY`` sets it for demonstrations)."""
    from assistant.clock import today as clock_today

    return clock_today()


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
    flags: tuple = ()  # signs of distress in the conversation (assistant.safety), oldest first
    has_plan: bool = False

    @property
    def flags_open(self) -> int:
        """Signs of distress not yet marked handled."""
        return sum(1 for f in self.flags if not f.get("handled"))
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
        name = " ".join(clean(self.name).split()) or t.gettext("(no name given)")
        chosen = " ".join(clean(self.chosen_name).split())
        if chosen and chosen.casefold() != name.casefold():
            name = f"{name} ({chosen})"
        area = t.label(AREA_LABELS, self.area) if self.area in AREA_LABELS else "—"
        status = t.label(STATUS_LABELS, self.status)
        follow = t.date(self.follow_up) if self.follow_up else "—"
        if self.overdue:
            follow = t.gettext("{date} (overdue)").format(date=follow)
        if self.flags_open:
            name = FLAG_MARK + " " + name
            status = t.gettext(FLAGGED) + " · " + status
        return name, area, status, follow

    def matches(self, query: str, t: Translator) -> bool:
        """Every word of ``query`` occurs in the row's shown texts or case number."""
        haystack = " ".join((*self.texts(t), self.id)).casefold()
        return all(word in haystack for word in query.casefold().split())


def load_rows(store: Store) -> list[CaseRow]:
    """Every case in the store as a row: a sign of distress not yet handled first, then
    overdue, then by follow-up date, then name.

    Read from the store's summary index (one small read per changed case, not every file).
    """
    rows = [_row(store, summary) for summary in shown_summaries(store)]
    far = dt.date.max
    return sorted(rows, key=lambda r: (not r.flags_open, not r.overdue, r.follow_up or far, r.name.casefold(), r.id))


def my_rows(store: Store, user: str, rows: list[CaseRow] | None = None) -> list[CaseRow]:
    """"My cases": those ``user`` registered or worked on (in the audit trail), by next follow-up,
    overdue first (the order of :func:`load_rows`)."""
    mine = []
    for row in rows if rows is not None else load_rows(store):
        if row.unreadable:
            continue
        try:
            with store.open_case(row.id, write=False) as handle:
                users = {entry.get("who") for entry in handle.all_docs("trail")} | {handle.meta.get("registered_by")}
        except BorgerrejseError:
            continue
        if user in users:
            mine.append(row)
    return mine


def _row(store: Store, summary: CaseSummary) -> CaseRow:
    if summary.error:
        return CaseRow(id=summary.id, status="unreadable", file=summary.error)
    try:
        return _readable_row(summary)
    except (TypeError, ValueError, KeyError, AttributeError):  # an odd value: this case is damaged, not the list
        return CaseRow(id=summary.id, status="unreadable", file=case_file(store, summary.id))


def _readable_row(summary: CaseSummary) -> CaseRow:
    meta = summary.meta or {}
    status = summary.list_status or list_status(summary.status, None)
    follow_up = parse_date(summary.follow_up)
    return CaseRow(
        id=summary.id,
        # The registered full name for the case ("Mette Jensen"), and beside it the name
        # the citizen chose in the conversation ("Mette"): both are shown and found by the filter.
        name=meta.get("registered_name") or summary.name or meta.get("name") or "",
        chosen_name=summary.name if meta.get("registered_name") else "",
        area=meta.get("area"),
        status=status,
        follow_up=follow_up,
        overdue=is_overdue(follow_up, status, today()),
        flags=tuple(flags(meta)),
        has_plan=summary.has_plan,
    )
