"""A finalised version of the plan, read-only, as the case view shows it."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer

from assistant.render.caseview import case_markdown
from assistant.services.damage import ODD_CONTENT
from assistant.common.errors import CorruptCaseError
from assistant.common.text import md_escape
from assistant.common.i18n import N_, translator
from assistant.tui.shared.lang import translate_bindings
from assistant.tui.shared.safe_markdown import SafeMarkdown


class VersionScreen(ModalScreen[None]):
    """Shows one entry of ``Casework.versions()``; nothing here can change it."""

    BINDINGS = [Binding("escape", "close", N_("Close"), id="cw.version.close")]

    def __init__(self, version: dict[str, Any]) -> None:
        super().__init__()
        self.version = version

    def compose(self) -> ComposeResult:
        # case_markdown escapes every typed word, so the Markdown widget shows it literally.
        try:
            text = case_markdown(self.version["plan"], self.app.lang)
        except ODD_CONTENT:  # a kept version with odd content: said, by the file's name
            path = self.app.session.path if self.app.session else ""
            text = md_escape(CorruptCaseError(path=str(path)).translated(translator(self.app.lang).gettext))
        with Vertical(classes="dialog wide-dialog"):
            with VerticalScroll():
                yield SafeMarkdown(text, id="version-text")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, translator(self.app.lang).gettext)
        self.query_one(VerticalScroll).focus()

    def action_close(self) -> None:
        self.dismiss(None)
