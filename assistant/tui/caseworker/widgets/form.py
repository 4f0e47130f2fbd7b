"""Pieces of the edit dialogs: labelled fields, the citizen's words, an error line."""

from __future__ import annotations

from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Label, Static

from assistant.common.i18n import N_

SCALE = (
    N_("0 no problems, can manage without support"),
    N_("1 mild problems, light support"),
    N_("2 moderate problems, some support"),
    N_("3 serious problems, much support"),
    N_("4 complex problem, needs comprehensive support"),
)
SAVE = N_("Save")
CANCEL = N_("Cancel")
NOT_SET = N_("not set")


class Field(Vertical):
    """A label above one input widget (CSS hook: ``Field``)."""

    def __init__(self, label: str, widget: Widget, *, hint: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._label = label
        self._hint = hint
        self._widget = widget

    def compose(self):
        yield Label(Content(self._label), classes="field-label")
        yield self._widget
        if self._hint:
            yield Static(Content(self._hint), classes="field-hint")


class CitizenWords(Static):
    """The citizen's own words, read-only, beside the form (never an input)."""


class ErrorLine(Static):
    """The core's sentence when a change cannot be made (CSS hook)."""


NARROW = 110


def compact_when_narrow(screen) -> None:
    """At 80 columns every row counts: inputs without borders (Textual's compact style)."""
    compact = screen.app.size.width < NARROW
    for widget in screen.query("Input, Select, TextArea"):
        widget.compact = compact
