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
        n = PHASES.index(prompt.phase) + 1 if prompt.phase in PHASES else 1
        n, count = prompt.part or (n, len(PHASES))
        text = gettext(PHASE_OF).format(n=n, count=count, label=prompt.phase_label)
        self.query_one("#phase", Static).update(Content(text))
        self.query_one("#bar", ProgressBar).update(progress=round(prompt.progress * 100))
