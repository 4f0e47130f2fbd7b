"""Export both views of the plan (citizen and case) as files in a chosen folder."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Select, Static

from assistant.damage import as_borgerrejse_error
from assistant.errors import save_failed
from assistant.export import FORMATS, VIEWS, render
from assistant.i18n import N_, translator
from assistant.tui.caseworker.session import CaseSession
from assistant.tui.caseworker.widgets.form import ErrorLine, Field, compact_when_narrow
from assistant.tui.lang import translate_bindings
from store.files import atomic_write

TITLE = N_("Export the plan")
FOLDER = N_("Folder")
FORMAT = N_("Format")
EXPORT = N_("Export")
WHAT = N_("Two files are written: the citizen's view and the case view.")
NO_FOLDER = N_("The folder {folder} does not exist.")
CANNOT_WRITE = N_("The file {path} cannot be written: {reason}.")
WRITTEN = N_("Written: {paths}")
PARTLY_WRITTEN = N_("Written: {written}. Not written: {missing}.")
NOTHING_WRITTEN = N_("Nothing was written.")
FORMAT_ORDER = ("html", "md", "json")
CLOSE = N_("Close")


class ExportScreen(ModalScreen[list[Path] | None]):
    """Writes ``<case>-citizen.<fmt>`` and ``<case>-case.<fmt>``, private (0600), and says where."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Close"), id="cw.export.cancel"),
        Binding("ctrl+s", "export", N_("Export"), id="cw.export.go"),
    ]

    def __init__(self, session: CaseSession) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        _ = translator(self.app.lang).gettext
        with Vertical(id="export", classes="dialog"):
            yield Static(Content(_(TITLE)), classes="dialog-title")
            yield Static(Content(_(WHAT)))
            yield Field(_(FOLDER), Input(os.getcwd(), id="folder"))
            yield Field(_(FORMAT), Select([(f.upper(), f) for f in FORMAT_ORDER if f in FORMATS], value="html",
                                          allow_blank=False, id="format"))
            yield ErrorLine()
            yield Static(id="written")
            with Horizontal(classes="buttons"):
                yield Button(Content(_(EXPORT)), id="go", variant="primary")
                yield Button(Content(_(CLOSE)), id="cancel")
        yield Footer()

    def on_mount(self) -> None:
        translate_bindings(self, translator(self.app.lang).gettext)
        compact_when_narrow(self)
        self.query_one("#folder", Input).focus()

    @on(Input.Submitted, "#folder")
    @on(Button.Pressed, "#go")
    def action_export(self) -> None:
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        self._export(folder, str(self.query_one("#format", Select).value))

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, folder: Path, fmt: str) -> None:
        """Both views are made first, then written one by one; a failure says what was and was not written."""
        _ = translator(self.app.lang).gettext
        self.app.call_from_thread(self._show, "", "")
        if not folder.is_dir():
            self.app.call_from_thread(self._show, _(NO_FOLDER).format(folder=folder), "")
            return
        try:
            state = self.session.state()
            files = {folder.resolve() / f"{self.session.case_id}-{view}.{fmt}":
                     render(state.plan, fmt=fmt, view=view, lang=self.app.lang, flags=state.flags) for view in VIEWS}
        except Exception as exc:  # nothing is written: the case itself cannot be read
            error = as_borgerrejse_error(exc, self.session.path)
            self.app.call_from_thread(self._show, error.translated(_) + "\n" + _(NOTHING_WRITTEN), "")
            return
        written: list[Path] = []
        for path, text in files.items():
            try:
                atomic_write(path, text.encode("utf-8"))
            except OSError as exc:
                reason = _(save_failed(exc, path).params["reason"])
                missing = [p for p in files if p not in written]
                lines = [_(CANNOT_WRITE).format(path=path, reason=reason)]
                lines.append(_(PARTLY_WRITTEN).format(written=", ".join(map(str, written)), missing=", ".join(map(str, missing)))
                             if written else _(NOTHING_WRITTEN))
                self.app.call_from_thread(self._show, "\n".join(lines), "")
                return
            written.append(path)
        self.app.call_from_thread(self._show, "", _(WRITTEN).format(paths="\n" + "\n".join(map(str, written))))
        self.app.call_from_thread(self.app.notify, _(WRITTEN).format(paths=", ".join(p.name for p in written)))

    def _show(self, error: str, written: str) -> None:
        self.query_one(ErrorLine).update(Content(error))
        self.query_one("#written", Static).update(Content(written))
