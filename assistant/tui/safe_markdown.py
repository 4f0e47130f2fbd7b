"""A Markdown widget for text that holds a person's words."""

from __future__ import annotations

from textual.widgets import Markdown

from assistant.text import markdown_parser


class SafeMarkdown(Markdown):
    """Textual's Markdown with the views' own dialect: a typed web address stays text
    (no linkify), raw HTML stays text, and no link is ever opened from the screen."""

    def __init__(self, markdown: str | None = None, **kwargs) -> None:
        kwargs.setdefault("open_links", False)
        super().__init__(markdown, parser_factory=markdown_parser, **kwargs)
