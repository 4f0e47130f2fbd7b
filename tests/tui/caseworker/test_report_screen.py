"""The report screen shows the same figures as the CSV export, and no words or names."""

from __future__ import annotations

import csv
import io

from tests.support.cw_driving import press, settle
from textual.widgets import DataTable, Select

from assistant.common.i18n import translator
from assistant.services.report import label, render, report_for, shown
from assistant.services.sample import sample
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.report import ReportScreen

SIZE = (120, 40)


def screen_figures(app) -> dict[tuple[str, str, str], str]:
    out = {}
    for grid in app.screen.query(DataTable):
        section = grid.id.removeprefix("report-")
        columns = [c.label.plain for c in grid.columns.values()][1:]
        for key in grid.rows:
            for column, cell in zip(columns, grid.get_row(key)[1:]):
                out[(section, key.value, column)] = str(cell)
    return out


def every_section_on_screen(app) -> set[str]:
    return {grid.id.removeprefix("report-") for grid in app.screen.query(DataTable)}


async def test_report_screen_agrees_with_the_csv(store, store_path):
    sample(store, 60, seed=3)
    app = make_caseworker_app(str(store_path), "en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        assert isinstance(app.screen, ReportScreen)
        await settle(pilot)
        on_screen = screen_figures(app)
        t = translator("en")
        rows = list(csv.DictReader(io.StringIO(render(report_for(store), "csv", t))))
        assert len(on_screen) == len(rows) > 100
        assert every_section_on_screen(app) == {r["section"] for r in rows} >= {
            "cases", "plans", "follow_up", "renewal", "dimensions", "youth_areas", "involvement", "audit",
            "youth_law", "distress"}
        for row in rows:
            seen = on_screen[(row["section"], row["row"], label(row["column"], t))]
            if row["suppressed"] == "yes":
                assert seen == "< 5"
            elif row["kind"] == "share":
                assert seen == f"{float(row['value']) * 100:.0f} %"
            else:
                assert seen == row["value"]
        names = {c.name.split()[0] for c in store.list_cases() if c.name}
        text = " ".join(on_screen.values()) + " ".join(k[1] for k in on_screen)
        assert not any(name in text for name in names)
        assert not any(c.id in text for c in store.list_cases())
        # one area: the other areas' columns are gone, the figures follow
        app.screen.query_one("#report-area", Select).value = "psychiatry"
        await settle(pilot)
        figures = screen_figures(app)
        assert ("plans", "plans_n", "Disability") not in figures
        report = report_for(store, area="psychiatry")
        plans = next(cells for row, cells in report.tables[1].rows if row == "plans_n")
        assert figures[("plans", "plans_n", "Psychiatry")] == shown(plans[0])
        # the figures are read by scrolling, though the area choice has the focus
        body = app.screen.query_one("#report-body")
        assert body.scroll_y == 0 and body.max_scroll_y > 0
        await press(pilot, "pagedown")
        assert body.scroll_y > 0
        await press(pilot, "ctrl+end")
        assert body.scroll_y == body.max_scroll_y
        await press(pilot, "pageup")
        assert body.scroll_y < body.max_scroll_y
        await press(pilot, "escape")
        assert not isinstance(app.screen, ReportScreen)


def screen_text(app) -> str:
    """Everything the report screen holds: tables (cells, columns, rows), texts, the area choice, what is drawn."""
    parts = [app.export_screenshot()]
    for widget in app.screen.query("*"):
        if isinstance(widget, DataTable):
            parts += [c.label.plain for c in widget.columns.values()]
            parts += [str(cell) for key in widget.rows for cell in widget.get_row(key)]
        elif isinstance(widget, Select):
            parts += [str(prompt) for prompt, _value in widget._options]
        elif hasattr(widget, "content"):
            parts.append(str(widget.content))
    return "\n".join(parts)


async def test_report_screen_shows_no_words_names_or_case_numbers(tmp_path, monkeypatch):
    """Every free-text field of every journey holds a marker word (tests/support/planted.py); none reaches the screen."""
    from tests.support.planted import MARKER, planted_store

    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-04-01")
    store, markers, ids = planted_store(tmp_path / "planted", plans=2)
    app = make_caseworker_app(str(tmp_path / "planted"), "da")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "r")
        assert isinstance(app.screen, ReportScreen)
        await settle(pilot)
        text = screen_text(app)
        assert "Barnets lov" in text and len(every_section_on_screen(app)) == 10  # the figures are there
        assert MARKER not in text
        assert not any(case_id in text for case_id in ids)
        for area in ("children_young", "psychiatry"):
            app.screen.query_one("#report-area", Select).value = area
            await settle(pilot)
            assert MARKER not in screen_text(app)
