"""The transcript: one widget per message, empty subclasses as CSS hooks."""

from __future__ import annotations

from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from assistant.common.text import clean
from assistant.tui.shared.safe_markdown import SafeMarkdown


class AssistantMessage(SafeMarkdown):
    """The assistant's words, as Markdown in which the citizen's words are escaped."""

    def __init__(self, markdown: str, **kwargs) -> None:
        super().__init__(markdown, open_links=False, **kwargs)


class GoalCard(AssistantMessage):
    """A drafted goal put to the citizen for review (agree / partly / disagree)."""


class PlanMessage(AssistantMessage):
    """The whole drafted plan, shown as the citizen's own plan."""


class CitizenMessage(Static):
    """What the citizen wrote: plain text, never markup, control characters removed."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Content(clean(text)), markup=False, **kwargs)


class CitizenRow(Horizontal):
    """Puts a :class:`CitizenMessage` on the right-hand side of the transcript."""

    def __init__(self, text: str) -> None:
        super().__init__(CitizenMessage(text))


class NoteMessage(Static):
    """A quiet line between messages (skipped, went back, paused …)."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Content(text), markup=False, **kwargs)


class ErrorMessage(NoteMessage):
    """Something went wrong or an answer could not be used: a short, kind sentence."""


class Transcript(VerticalScroll):
    """The conversation so far, anchored to the newest message, scrollable back."""

    can_focus = True

    def on_mount(self) -> None:
        self.anchor()

    async def add(self, *messages, follow: bool = True) -> None:
        """Show ``messages`` at the end; ``follow=False`` leaves the view where the reader is."""
        await self.mount_all(messages)
        if follow:
            self.anchor()

    async def replace(self, *messages) -> None:
        """Show ``messages`` instead of everything shown so far (e.g. in another language)."""
        await self.remove_children()
        await self.add(*messages)
