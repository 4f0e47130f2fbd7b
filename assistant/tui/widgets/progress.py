"""Where we are: which of the four phases, and roughly how far."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from assistant.i18n import N_
from assistant.journey import PHASES
from assistant.prompts import Prompt

PHASE_OF = N_("Part {n} of {count}: {label}")


class ProgressLine(Horizontal):
    """One line at the top: the phase in words and a bar for the whole journey."""

    def compose(self) -> ComposeResult:
        yield Static("", id="phase", markup=False)
        yield ProgressBar(total=100, show_eta=False, id="bar")

    def show(self, prompt: Prompt, gettext) -> None:
        self.query_one("#phase", Static).update(Content(phase_text(prompt, gettext)))
        self.query_one("#bar", ProgressBar).update(progress=round(prompt.progress * 100))


def phase_text(prompt: Prompt, gettext) -> str:
    """"Part 2 of 4: What works", or just the label of a conversation in one part."""
    n = PHASES.index(prompt.phase) + 1 if prompt.phase in PHASES else 1
    n, count = prompt.part or (n, len(PHASES))
    if count == 1:
        return prompt.phase_label
    return gettext(PHASE_OF).format(n=n, count=count, label=prompt.phase_label)
