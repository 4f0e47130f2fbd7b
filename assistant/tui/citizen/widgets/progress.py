"""Where we are: which of the four phases, and roughly how far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from assistant.common.i18n import N_
from assistant.domain.question import PHASES, Prompt

PHASE_OF = N_("Part {n} of {count}: {label}")


class ProgressLine(Horizontal):
    """One line at the top: the phase in words and a bar for the whole journey.

    The words are there in the first frame; the bar (Textual's progress bar: a few widgets
    and their styles) joins in the next, so the first frame carries the question sooner.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._progress = 0  # percent, for the bar

    def compose(self) -> ComposeResult:
        yield Static("", id="phase", markup=False)

    def on_mount(self) -> None:
        self.call_after_refresh(self._add_bar)

    def _add_bar(self) -> None:
        from textual.widgets import ProgressBar

        if self.is_attached and not self.query("ProgressBar"):
            self.mount(ProgressBar(total=100, show_eta=False, id="bar"))
            self._show_progress()

    def show(self, prompt: Prompt, gettext) -> None:
        self.query_one("#phase", Static).update(Content(phase_text(prompt, gettext)))
        self._progress = round(prompt.progress * 100)
        self._show_progress()

    def _show_progress(self) -> None:
        for bar in self.query("ProgressBar"):  # by type: its own inner Bar is "#bar" too
            bar.update(progress=self._progress)


def phase_text(prompt: Prompt, gettext) -> str:
    """"Part 2 of 4: What works", or just the label of a conversation in one part."""
    n = PHASES.index(prompt.phase) + 1 if prompt.phase in PHASES else 1
    n, count = prompt.part or (n, len(PHASES))
    if count == 1:
        return prompt.phase_label
    return gettext(PHASE_OF).format(n=n, count=count, label=prompt.phase_label)
