"""A table that paints only the rows on screen: the case list of 10,000 cases and more.

Textual's ``DataTable`` measures and stores every cell as it is added (about 0.3 ms a row
on a busy machine: seconds for a municipality's cases), and ``OptionList`` lays out every
option before it paints. This widget keeps the rows as plain strings and builds the
lines of the rows in view only (Textual's line API, :class:`textual.scroll_view.ScrollView`):
setting 10,000 rows costs a few milliseconds, and so does each keystroke of the filter.

Rows are :class:`TableRow` (their cells' widths are measured when the row is made, off
the screen's thread); a header line stays on top. Keys: up/down, Page up/down, Home/End
(and Ctrl+Home/End) move the cursor, left/right scroll sideways, Enter selects; a click
moves the cursor, a click on the highlighted row selects it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

PADDING = 1  # cells of space on each side of a cell, as DataTable draws them


@lru_cache(maxsize=16384)
def _width(text: str) -> int:
    """Terminal cells of a text with letters beyond ASCII (æøå one cell each, wide ones two)."""
    return cell_len(text)


@dataclass(frozen=True, slots=True)
class TableRow:
    """One row: its key, its cells as plain text (never markup) and each cell's style."""

    key: str
    cells: tuple[str, ...]
    styles: tuple[str, ...] = ()
    widths: tuple[int, ...] = ()

    @classmethod
    def make(cls, key: str, cells: tuple[str, ...], styles: tuple[str, ...] = ()) -> "TableRow":
        """A row with its cells measured (terminal cells, wide characters counted twice)."""
        return cls(key, cells, styles, tuple(len(cell) if cell.isascii() else _width(cell) for cell in cells))


class CaseTable(ScrollView, can_focus=True):
    """Rows of cells with a row cursor; only what is on screen is drawn."""

    COMPONENT_CLASSES = {"case-table--header", "case-table--cursor", "case-table--even-row"}
    DEFAULT_CSS = """
    CaseTable {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .case-table--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
        }
        & > .case-table--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .case-table--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .case-table--even-row {
            background: $surface-lighten-1 50%;
        }
        &:dark > .case-table--even-row {
            background: $surface-darken-1 40%;
        }
        & > .case-table--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """

    BINDINGS = [
        Binding("enter", "select", "Select", show=False),
        Binding("up", "cursor(-1)", "Cursor up", show=False),
        Binding("down", "cursor(1)", "Cursor down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home,ctrl+home", "first", "Top", show=False),
        Binding("end,ctrl+end", "last", "Bottom", show=False),
        Binding("left", "scroll_left", "Scroll left", show=False),
        Binding("right", "scroll_right", "Scroll right", show=False),
    ]

    cursor_row: reactive[int] = reactive(0, always_update=True, init=False)

    class Highlighted(Message):
        """The cursor is on another row (``key`` None when the table is empty)."""

        def __init__(self, table: "CaseTable", key: str | None) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "CaseTable":
            return self.table

    class Selected(Message):
        """Enter, or a click on the highlighted row."""

        def __init__(self, table: "CaseTable", key: str) -> None:
            super().__init__()
            self.table = table
            self.key = key

        @property
        def control(self) -> "CaseTable":
            return self.table

    def __init__(self, columns: tuple[str, ...] = (), *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._labels: tuple[str, ...] = ()
        self._rows: list[TableRow] = []
        self._index: dict[str, int] | None = None  # key -> position, made when first asked for
        self._widths: list[int] = []
        self.set_columns(columns)

    # -- data ----------------------------------------------------------------------
    def set_columns(self, labels: tuple[str, ...]) -> None:
        self._labels = tuple(labels)
        self._measure()

    def set_rows(self, rows: list[TableRow], *, keep: str | None = None) -> None:
        """Show ``rows`` (in this order); the cursor stays on ``keep`` if it is among them, else on the first."""
        self._rows = rows
        self._index = None
        self._measure()
        cursor = self.index_of(keep) if keep is not None else None
        if cursor is None:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor_row = cursor or 0
        # the new size is laid out on the next refresh: only then can the cursor's row be scrolled to
        self.call_after_refresh(lambda: self._scroll_to_cursor(self.cursor_row))
        self.refresh()

    def _measure(self) -> None:
        widths = [cell_len(label) for label in self._labels]
        for column, width in enumerate(zip(*(row.widths for row in self._rows))):
            if column < len(widths):
                widths[column] = max(widths[column], max(width))
        self._widths = widths
        total = sum(w + 2 * PADDING for w in widths)
        self.virtual_size = Size(total, len(self._rows) + 1)  # the header is the first line

    @property
    def row_count(self) -> int:
        return len(self._rows)

    @property
    def keys(self) -> list[str]:
        """The rows' keys, top to bottom."""
        return [row.key for row in self._rows]

    def index_of(self, key: str | None) -> int | None:
        if self._index is None:
            self._index = {row.key: i for i, row in enumerate(self._rows)}
        return self._index.get(key) if key is not None else None

    def get_row(self, key: str) -> tuple[str, ...]:
        """The cells of the row ``key``, as shown."""
        index = self.index_of(key)
        if index is None:
            raise KeyError(key)
        return self._rows[index].cells

    @property
    def highlighted(self) -> str | None:
        """The key of the row under the cursor."""
        if not self._rows:
            return None
        return self._rows[min(self.cursor_row, len(self._rows) - 1)].key

    # -- cursor ----------------------------------------------------------------------
    def move_cursor(self, row: int) -> None:
        self.cursor_row = row

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self._rows) - 1))

    def watch_cursor_row(self, row: int) -> None:
        self._scroll_to_cursor(row)
        self.refresh()
        self.post_message(self.Highlighted(self, self.highlighted))

    def _scroll_to_cursor(self, row: int) -> None:
        shown = max(1, self.scrollable_content_region.height - 1)  # lines under the header
        top = round(self.scroll_y)
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + shown:
            self.scroll_to(y=row - shown + 1, animate=False, immediate=True)

    def on_resize(self) -> None:
        self._scroll_to_cursor(self.cursor_row)

    def action_cursor(self, step: int) -> None:
        self.cursor_row += step

    def action_page(self, step: int) -> None:
        self.cursor_row += step * max(1, self.scrollable_content_region.height - 1)

    def action_first(self) -> None:
        self.cursor_row = 0

    def action_last(self) -> None:
        self.cursor_row = len(self._rows) - 1

    def action_select(self) -> None:
        key = self.highlighted
        if key is not None:
            self.post_message(self.Selected(self, key))

    def on_click(self, event) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y < 1:
            return
        row = round(self.scroll_y) + offset.y - 1
        if row >= len(self._rows):
            return
        event.stop()
        if row == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = row

    # -- painting --------------------------------------------------------------------
    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        scroll_x, scroll_y = round(self.scroll_x), round(self.scroll_y)
        base = self.rich_style
        cursor = False
        if y == 0:
            cells, styles, line_style = self._labels, (), base + self.get_component_rich_style("case-table--header")
        else:
            row = scroll_y + y - 1
            if row >= len(self._rows):
                return Strip.blank(width, base)
            cells, styles = self._rows[row].cells, self._rows[row].styles
            if row == self.cursor_row:
                cursor, line_style = True, base + self.get_component_rich_style("case-table--cursor")
            elif row % 2:
                line_style = base + self.get_component_rich_style("case-table--even-row")
            else:
                line_style = base
        pad = " " * PADDING
        segments = []
        for column, cell_width in enumerate(self._widths):
            text = pad + _fit(cells[column] if column < len(cells) else "", cell_width) + pad
            style = styles[column] if column < len(styles) else ""
            if not style:
                segments.append(Segment(text, line_style))
            elif cursor:  # the cursor's colours win (as in DataTable); "dim" and "bold" stay
                segments.append(Segment(text, base + Style.parse(style) + self.get_component_rich_style("case-table--cursor")))
            else:
                segments.append(Segment(text, line_style + Style.parse(style)))
        strip = Strip(segments, sum(w + 2 * PADDING for w in self._widths))
        return strip.crop_extend(scroll_x, scroll_x + width, line_style)


def _fit(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    length = cell_len(text)
    if length <= width:
        return text + " " * (width - length)
    return set_cell_size(text, width - 1) + "…"
