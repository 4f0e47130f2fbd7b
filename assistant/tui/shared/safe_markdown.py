"""A Markdown widget for text that holds a person's words."""

from __future__ import annotations

from textual.widgets import Markdown

from assistant.common.text import clean, markdown_parser


class SafeMarkdown(Markdown):
    """Textual's Markdown with the views' own dialect: a typed web address stays text
    (no linkify), raw HTML stays text, no link is ever opened from the screen, and
    control codes are removed (whatever a case file holds)."""

    def __init__(self, markdown: str | None = None, **kwargs) -> None:
        kwargs.setdefault("open_links", False)
        super().__init__(None if markdown is None else clean(markdown), parser_factory=markdown_parser, **kwargs)

    def update(self, markdown: str):
        """Show ``markdown``; a control code in it never reaches the terminal."""
        return super().update(clean(markdown))
