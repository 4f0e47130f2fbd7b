"""The bottom of the chat: the way to answer that fits the current question."""

from __future__ import annotations

from textual.containers import Vertical

from assistant.common.i18n import N_
from assistant.domain.question import Prompt
from assistant.tui.citizen.widgets.answers import CONTINUE, ChoiceBar, ContinueButton
from assistant.tui.citizen.widgets.scale import ScalePicker

CLOSE = N_("Close")
STACK_WHEN_LONGER = 70  # total label width above which choices stand in a column


class AnswerArea(Vertical):
    """Mounts one answer widget per question and gives it the focus."""

    def __init__(self, prompt: Prompt | None = None, gettext=None, **kwargs) -> None:
        super().__init__(**kwargs)
        self._first = (prompt, gettext)
        """The question this area is composed with (a screen built with its first question)."""

    def compose(self):
        prompt, gettext = self._first
        self._first = (None, None)
        if prompt is not None:
            self.set_class(prompt.kind == "review", "-review")
            yield self.widget_for(prompt, gettext)

    async def show(self, prompt: Prompt | None, gettext) -> None:
        await self.remove_children()
        self.disabled = False
        if prompt is None:
            return
        widget = self.widget_for(prompt, gettext)
        self.set_class(prompt.kind == "review", "-review")
        await self.mount(widget)
        self.focus_answer()

    def widget_for(self, prompt: Prompt, gettext):
        """The way to answer ``prompt``."""
        if prompt.kind in ("choice", "yesno", "review", "safety", "safety_check") and prompt.choices:
            widget = ChoiceBar(prompt.choices, stacked=self._stack(prompt.choices) or prompt.slot == "priority")
            widget.always_stacked = prompt.slot == "priority"
            return widget
        if prompt.kind == "scale":
            low, high = prompt.scale or (0, 10)
            return ScalePicker(low, high)
        if prompt.kind in ("info",) or prompt.final:
            return ContinueButton(gettext(CLOSE if prompt.final else CONTINUE))
        from assistant.tui.citizen.widgets.answer_text import AnswerText

        return AnswerText(id="answer-text")

    def _stack(self, choices) -> bool:
        """Buttons stand in a column when their row would not fit (or is long anyway)."""
        width = sum(len(c.label) + 8 for c in choices)
        room = (self.size.width or self.app.size.width) - 2
        return width > min(STACK_WHEN_LONGER, room)

    def on_resize(self) -> None:
        for bar in self.query(ChoiceBar):
            bar.set_class(bar.always_stacked or self._stack(bar.choices), "stacked")

    def focus_answer(self) -> None:
        for child in self.children:
            if isinstance(child, ChoiceBar):
                child.focus_first()
            else:
                child.focus()
            return
