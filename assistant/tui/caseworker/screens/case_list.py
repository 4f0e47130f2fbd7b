"""The list of cases: name, area, status, next follow-up (overdue marked), and a filter.

Built for a municipality's thousands of cases: a worker thread reads the summary index
and prepares every row's texts (and what the filter searches); the table
(:class:`CaseTable`) paints only the rows on screen, so the list is there as soon as
the index is read, and each keystroke of the filter only picks rows.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from rich.text import Text
from textual import on, work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Static

from assistant.common.errors import BorgerrejseError, CorruptCaseError, StoreError
from assistant.common.i18n import N_, Translator, translator
from assistant.domain.frame import flagged_count as _flagged
from assistant.domain.frame import in_order, list_head
from assistant.services.case_rows import CaseRow, rows_of
from assistant.tui.caseworker.widgets.case_table import CaseTable, TableRow
from assistant.tui.shared.lang import translate_bindings
from store import clock, no_gc

COLUMNS = (N_("Name"), N_("Area"), N_("Status"), N_("Follow-up"), N_("Case"))
FILTER = N_("Filter: name, area, status or case number")
FLAGS_COUNT = N_("⚑ {n} with a sign of distress not handled yet: press H.")
NO_CASES = N_("No cases yet. Press N to register one.")
CREATED = N_("Case {case} is registered. The citizen starts with: borgerrejse chat --case {case}")


MY_CASES = N_("My cases, next follow-up first: {count}")
ALERT = "bold red"
# Rows worded first, so a long list shows its top at once: a few screens, even at 200 lines.
FIRST_SCREENS = 300


@dataclass(frozen=True, slots=True)
class Listed:
    """A case as the list shows it: its row, its line in the table, and what the filter searches."""

    row: CaseRow
    line: TableRow
    words: str  # the shown texts and the case number, case-folded


def listing(rows: list[CaseRow], t: Translator) -> list[Listed]:
    """Each row's texts, styles and filter words (in the worker thread, in the rows' order)."""
    listed = []
    for row in rows:
        name, area, status, follow = row.texts(t)
        alert = ALERT if row.flags_open else ""
        line = TableRow.make(
            row.id,
            (name, area, status, ("⚠ " if row.overdue else "") + follow, row.id),
            (alert, "", ALERT if row.unreadable or row.flags_open else "", ALERT if row.overdue else "", "dim"),
        )
        listed.append(Listed(row, line, " ".join((name, area, status, follow, row.id)).casefold()))
    return listed


class CaseListScreen(Screen):
    """All cases in the store, read in a worker; Enter opens the highlighted one."""

    BINDINGS = [
        Binding("enter", "open_case", N_("Open"), id="cw.list.open"),
        Binding("n", "new_case", N_("New case"), id="cw.list.new"),
        Binding("slash", "focus_filter", N_("Filter"), id="cw.list.filter"),
        Binding("f5", "reload", N_("Refresh"), id="cw.list.reload"),
        Binding("h", "flags", N_("Sign of distress"), id="cw.list.flags"),
        Binding("s", "settings", N_("Settings"), id="cw.list.settings"),
        Binding("m", "toggle_mine", N_("My cases / all"), id="cw.list.mine"),
        Binding("r", "report", N_("Report"), id="cw.list.report"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.listed: list[Listed] = []
        """Every case, as last read from the store, in the list's order."""
        self.by_id: dict[str, CaseRow] = {}
        self.total = 0  # how many cases (while only the top of a long list is worded: more than listed)
        self.flagged = 0  # cases with a sign of distress not handled yet
        self.mine = False  # "my cases": those I registered or worked on, by next follow-up, overdue first
        self.checked = False  # the list shown was checked against the case files (not only the index)
        self._painted = threading.Event()

    @property
    def t(self):
        return translator(self.app.lang)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(id="filter", placeholder=self.t.gettext(FILTER))
        yield CaseTable(tuple(self.t.gettext(c) for c in COLUMNS), id="cases")
        yield Static(id="count")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.t.gettext)
        self.query_one("#cases", CaseTable).focus()
        # The list is read when the screen is shown (on_screen_resume: at the start, and on coming
        # back from a case); reading it here as well would read 10,000 cases twice at once.

    def action_settings(self) -> None:
        """The municipality, the contact person and the providers, once for every case."""
        from assistant.tui.caseworker.screens.settings import SettingsScreen

        self.app.push_screen(SettingsScreen(self.app.store))

    def on_screen_resume(self) -> None:
        self.action_reload()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_case":
            return self._highlighted() is not None
        if action == "flags":
            row = self._row(self._highlighted())
            return row is not None and bool(row.flags)
        return True

    def action_report(self) -> None:
        """Management information on the frame of all plans (no names, no words)."""
        from assistant.tui.caseworker.screens.report import ReportScreen

        self.app.push_screen(ReportScreen())

    # -- reading (thread) -------------------------------------------------------
    def action_toggle_mine(self) -> None:
        self.mine = not self.mine
        self.action_reload()

    def action_reload(self) -> None:
        self._load()

    @work(thread=True, exclusive=True, group="list", exit_on_error=False)
    def _load(self) -> None:
        """The top of the list as the last check saw it (the index's head: a few hundred rows), or
        from the index as last written, on screen at once; then every case's stamp checked
        (:meth:`store.index.CaseIndex.entries`: cases changed since are read again) and the whole
        list shown as it is now — the top corrected if a case changed behind the index's back.
        This process's own writes are read before the first paint."""
        worker = get_current_worker()
        store, t = self.app.store, self.t
        user = self.app.user if self.mine else None
        try:
            day = clock.today()
            with no_gc():  # some 100,000 objects are made here: see store.no_gc
                head = store.list_head() if user is None else {}
                shown = self._show_head(store, head, day)
                loaded, cached = store.summaries_as_written()
                if cached and not shown:
                    ordered = in_order(cached, day, user)
                    self._show(rows_of(store, ordered[:FIRST_SCREENS], day), len(ordered), _flagged(ordered), False)
                entries = store.summaries(loaded=loaded)
                if worker.is_cancelled:  # a newer reading (F5, m) is on its way
                    return
                ordered = in_order(entries, day, user)
                rows = rows_of(store, ordered, day)
                if not cached and len(rows) > FIRST_SCREENS:  # an index just made: its top first, too
                    self._show(rows[:FIRST_SCREENS], len(ordered), _flagged(ordered), True)
                if user is None:
                    top = list_head(ordered, day)
                    if top != {k: v for k, v in head.items() if k != "version"}:  # out of date, or never written
                        store.save_list_head(top)
                listed = listing(rows, t)
            if worker.is_cancelled:
                return
        except BorgerrejseError as exc:
            self.app.call_from_thread(self.notify, exc.translated(t.gettext), severity="error", timeout=15)
            return
        except OSError:  # the store's folder itself cannot be read
            self.app.call_from_thread(self.notify, StoreError(path=str(store.root)).translated(t.gettext),
                                      severity="error", timeout=15)
            return
        self.app.call_from_thread(self._loaded, listed, len(listed), _flagged(ordered), True)

    def _show_head(self, store, head: dict, day) -> bool:
        """Show the index's head if it was worked out today (overdue is judged by the day)."""
        if not head or head.get("day") != day.isoformat():
            return False
        total, flagged, top = head.get("total"), head.get("flagged"), head.get("cases")
        try:
            if total.__class__ is not int or flagged.__class__ is not int or len(top) > total:
                return False
            ordered = in_order({case_id: entry for case_id, entry in top if entry.__class__ is dict}, day)
        except (TypeError, ValueError, AttributeError):  # a damaged head: the index as written instead
            return False
        self._show(rows_of(store, ordered, day), total, flagged, False)
        return True

    def _show(self, rows: list[CaseRow], total: int, flagged: int, checked: bool) -> None:
        """Post the first rows of the list, with the whole list's counts, and let the screen paint
        them before this thread goes on."""
        painted = self._painted = threading.Event()  # set on leaving too: a closing app never keeps this thread

        def loaded() -> None:
            self._loaded(listing(rows, self.t), total, flagged, checked)
            self.call_after_refresh(painted.set)

        self.app.call_from_thread(loaded)
        painted.wait(timeout=0.5)  # the first screenful is drawn before the check takes its share of the CPU

    def on_unmount(self) -> None:
        self._painted.set()

    def _loaded(self, listed: list[Listed], total: int, flagged: int, checked: bool = True) -> None:
        """Show ``listed``: every case (``total`` of them), or first the top of the list;
        ``checked``: against the case files, not only the index as last written."""
        # On a list not yet checked, a cursor still on the first row stays on the first row: the
        # check may put a case above it (a sign of distress comes first), and that is what to see.
        top = not self.checked and self.query_one("#cases", CaseTable).cursor_row == 0
        self.listed = listed
        self.total = total
        self.by_id = {entry.row.id: entry.row for entry in listed}
        self.flagged = flagged
        self.checked = checked
        self._fill(top=top)

    # -- painting ------------------------------------------------------------------
    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        self._fill()

    def _fill(self, *, top: bool = False) -> None:
        t = self.t
        table = self.query_one("#cases", CaseTable)
        words = self.query_one("#filter", Input).value.casefold().split()
        shown = self.listed
        if words:
            shown = [entry for entry in shown if all(word in entry.words for word in words)]
        table.set_rows([entry.line for entry in shown], keep=None if top else table.highlighted)
        total = self.total
        # the top of a long list, shown before the rest is worded, stands for all of it
        count = t.ngettext("{shown} of {total} case", "{shown} of {total} cases", total).format(
            shown=len(shown) if words else total, total=total)
        if self.flagged:
            count += "  " + t.gettext(FLAGS_COUNT).format(n=self.flagged)
        if self.mine:
            count = t.gettext(MY_CASES).format(count=count)
        self.query_one("#count", Static).update(Text(count if self.listed else t.gettext(NO_CASES)))
        self.refresh_bindings()

    def _highlighted(self) -> str | None:
        return self.query_one("#cases", CaseTable).highlighted

    @on(CaseTable.Highlighted)
    def _row_highlighted(self) -> None:
        self.refresh_bindings()

    # -- actions ---------------------------------------------------------------------
    @on(CaseTable.Selected)
    def _row_selected(self, event: CaseTable.Selected) -> None:
        event.stop()
        self.action_open_case()

    @on(Input.Submitted, "#filter")
    def _filter_done(self) -> None:
        self.query_one("#cases", CaseTable).focus()

    def _row(self, case_id: str | None) -> CaseRow | None:
        return self.by_id.get(case_id) if case_id is not None else None

    def action_flags(self) -> None:
        row = self._row(self._highlighted())
        if row is None or not row.flags:
            return
        from assistant.tui.caseworker.screens.flags import FlagScreen

        self.app.push_screen(FlagScreen(row.id, list(row.flags)), self._flags_done)

    def _flags_done(self, handled: bool | None) -> None:
        if handled:
            self.action_reload()

    def action_open_case(self) -> None:
        case_id = self._highlighted()
        row = self._row(case_id)
        if row is None:
            return
        if row.flags and not row.has_plan:  # no plan yet, but the sign must be seen and handled
            self.action_flags()
            return
        if row.unreadable:
            self.notify(CorruptCaseError(path=row.file).translated(self.t.gettext), severity="error", timeout=15)
            return
        from assistant.tui.caseworker.screens.case import CaseScreen

        self.app.push_screen(CaseScreen(row.id))

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_new_case(self) -> None:
        from assistant.tui.caseworker.screens.new_case import NewCaseScreen

        self.app.push_screen(NewCaseScreen(), self._created)

    def _created(self, case_id: str | None) -> None:
        if case_id:
            self.notify(self.t.gettext(CREATED).format(case=case_id), timeout=15)
            self.action_reload()
