"""The management report in the workspace: the same figures as ``borgerrejse report``.

Counts on the frame of the plans only (:mod:`assistant.services.report`), read from the index
in a worker thread. Each section is a table of figures; plans per area and goals by
WHO dimension also get a bar chart (textual-plotext) beside the numbers. A figure on
fewer than 5 plans reads "< 5" and its bar is drawn at zero. The tables' ids are
``report-<section>`` and their rows' keys the report's row keys, the same as the CSV's.
"""

from __future__ import annotations

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Select, Static

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, translator
from assistant.services.report import Report, label, report_for, shown
from assistant.tui.shared.lang import translate_bindings
from store.schema import AREAS

ALL_AREAS = N_("All areas")
LOADING = N_("Counting…")
CHARTED = {"plans": "plans_n", "dimensions": None, "youth_areas": None}


class ReportScreen(Screen):
    """Management information; Escape goes back to the list."""

    BINDINGS = [
        Binding("escape", "back", N_("Back"), id="cw.report.back"),
        Binding("f5", "reload", N_("Refresh"), id="cw.report.reload"),
        # The figures are read by scrolling, whatever has the focus (the area choice has it first).
        Binding("pagedown", "scroll_report('page_down')", show=False),
        Binding("pageup", "scroll_report('page_up')", show=False),
        Binding("ctrl+end", "scroll_report('end')", show=False),
        Binding("ctrl+home", "scroll_report('home')", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.report: Report | None = None

    @property
    def t(self):
        return translator(self.app.lang)

    def compose(self) -> ComposeResult:
        t = self.t
        yield Header()
        options = [(t.gettext(ALL_AREAS), "all")] + [(label(a, t), a) for a in AREAS]
        yield Select(options, value="all", allow_blank=False, id="report-area")
        yield VerticalScroll(Static(Text(t.gettext(LOADING)), id="report-intro"), id="report-body")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, self.t.gettext)
        self.action_reload()

    def action_scroll_report(self, how: str) -> None:
        getattr(self.query_one("#report-body", VerticalScroll), f"scroll_{how}")(animate=False)

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_reload(self) -> None:
        area = self.query_one("#report-area", Select).value
        self._load(None if area == "all" else area)

    @on(Select.Changed, "#report-area")
    def _area_changed(self) -> None:
        self.action_reload()

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def _load(self, area: str | None) -> None:
        try:
            report = report_for(self.app.store, area=area)
        except BorgerrejseError as exc:
            self.app.call_from_thread(self.notify, exc.translated(self.t.gettext), severity="error")
            return
        self.app.call_from_thread(self._show, report)

    async def _show(self, report: Report) -> None:
        from assistant.services.report import text_table

        self.report = report
        t = self.t
        body = self.query_one("#report-body", VerticalScroll)
        # The intro line stays and is updated in place; only an earlier report's tables and charts
        # go (removed before the new ones, with the same ids, arrive). Removing a widget that still
        # has messages to handle would leave whoever waits for them waiting.
        old = [child for child in body.children if child.id != "report-intro"]
        if old:
            await body.remove_children(old)
        intro = text_table(report, t).splitlines()[0]
        if report.unreadable:
            intro += "\n" + text_table(report, t).splitlines()[1]
        body.query_one("#report-intro", Static).update(Text(intro))
        widgets = []
        for table in report.tables:
            widgets.append(Static(Text(label(table.key, t), style="bold"), classes="report-title"))
            grid = DataTable(id=f"report-{table.key}", cursor_type="row", zebra_stripes=True, show_cursor=False)
            widgets.append(grid)
            if table.key in CHARTED:
                widgets.append(_chart(table, CHARTED[table.key], t))
        await body.mount_all(widgets)
        for table in report.tables:
            grid = body.query_one(f"#report-{table.key}", DataTable)
            grid.add_column("")
            for column in table.columns:
                grid.add_column(label(column, t))
            for row, cells in table.rows:
                grid.add_row(Text(label(row, t)), *(Text(shown(c), justify="right") for c in cells), key=row)
            grid.styles.height = len(table.rows) + 2  # the header, and room for a horizontal scrollbar


def _chart(table, row_key: str | None, t):
    """A bar chart of one row across areas, or (``row_key`` None) of the total column down the rows."""
    from textual_plotext import PlotextPlot

    if row_key is None:
        names = [label(row, t) for row, _cells in table.rows]
        cells = [cells[-1] for _row, cells in table.rows]
    else:
        cells = next(cells for row, cells in table.rows if row == row_key)[:-1]
        names = [label(c, t) for c in table.columns[:-1]]
    values = [0 if c.suppressed else c.value for c in cells]
    plot = PlotextPlot(classes="report-chart")
    plt = plot.plt
    plt.bar(names, values, orientation="horizontal", width=0.3)
    plt.title(label(row_key or table.key, t))
    plot.styles.height = max(6, 3 * len(values) + 3)
    return plot
