"""Everything a Textual screen shows or holds, as text: to check what would reach the terminal.

The painted screen (every segment of every line the compositor would write) and,
for what is scrolled away or not painted yet, each widget's own text: Markdown
sources, Static content, table cells, options, button labels, inputs, notifications.
"""

from __future__ import annotations

from typing import Any

from tests.support.hostile_case import assert_clean


def _plain(visual: Any) -> str:
    if visual is None:
        return ""
    for attribute in ("plain", "markup"):
        if isinstance(getattr(visual, attribute, None), str):
            return getattr(visual, attribute)
    return str(visual)


def shown_texts(app) -> list[tuple[str, str]]:
    """(where, text) for the painted screen and for every widget on it."""
    from textual.widgets import Button, DataTable, Input, Markdown, OptionList, Static, TextArea

    screen = app.screen
    painted = "\n".join(
        "".join(segment.text for segment in strip if not segment.control) for strip in screen._compositor.render_strips()
    )
    found = [("painted screen", painted), ("title", f"{app.title} {app.sub_title} {screen.title} {screen.sub_title}")]
    for notification in app._notifications:
        found.append(("notification", f"{notification.title} {notification.message}"))
    for widget in screen.walk_children(with_self=False):
        where = f"{type(widget).__name__}#{widget.id}"
        if isinstance(widget, Markdown):
            found.append((where, widget.source))
        if isinstance(widget, Static):
            found.append((where, _plain(widget.visual)))
        if isinstance(widget, Button):
            found.append((where, _plain(widget.label)))
        if isinstance(widget, Input):
            found.append((where, widget.value + " " + _plain(widget.placeholder)))
        if isinstance(widget, TextArea):
            found.append((where, widget.text))
        if isinstance(widget, DataTable):
            for row in range(widget.row_count):
                found.append((where, " | ".join(_plain(cell) for cell in widget.get_row_at(row))))
        if hasattr(widget, "keys") and hasattr(widget, "get_row"):  # the case list's table (every row, not only those painted)
            for key in widget.keys:
                found.append((where, " | ".join(widget.get_row(key))))
        if isinstance(widget, OptionList):
            for option in widget.options:
                found.append((where, _plain(option.prompt)))
    return found


def assert_screen_clean(app, step: str = "") -> str:
    """No control code anywhere on the current screen; returns all its text (for further checks)."""
    texts = shown_texts(app)
    for where, text in texts:
        assert_clean(text, f"{step} {where}")
    return "\n".join(text for _, text in texts)
