"""Export both views of the plan (citizen and case) as files in a chosen folder."""

from __future__ import annotations

import os
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.widgets import Button, Input, Select, Static

from assistant.services.damage import as_borgerrejse_error
from assistant.common.errors import save_failed
from assistant.render.export import FORMATS, VIEWS, render
from assistant.services.settings import with_settings
from assistant.domain.measures import providers_of
from assistant.common.i18n import N_, translator
from assistant.tui.caseworker.session import CaseSession
from assistant.tui.caseworker.screens.form import FormScreen
from assistant.tui.caseworker.widgets.form import ErrorLine, Field
from store.files import atomic_write

TITLE = N_("Export the plan")
FOLDER = N_("Folder")
FORMAT = N_("Format")
EXPORT = N_("Export")
WHAT = N_("Write the citizen's view and the case view (two files), or one provider's part plan.")
WHICH = N_("What")
BOTH = N_("The citizen's view and the case view")
PART_PLAN = N_("Part plan for {provider}")
NO_FOLDER = N_("The folder {folder} does not exist.")
CANNOT_WRITE = N_("The file {path} cannot be written: {reason}.")
WRITTEN = N_("Written: {paths}")
PARTLY_WRITTEN = N_("Written: {written}. Not written: {missing}.")
NOTHING_WRITTEN = N_("Nothing was written.")
FORMAT_ORDER = ("html", "md", "json")
CLOSE = N_("Close")


class ExportScreen(FormScreen[list[Path] | None]):
    """Writes ``<case>-citizen.<fmt>`` and ``<case>-case.<fmt>``, private (0600), and says where."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Close"), id="cw.export.cancel"),
        Binding("ctrl+s", "export", N_("Export"), id="cw.export.go"),
    ]
    DIALOG_ID = "export"
    FIRST_FOCUS = "#folder"

    def __init__(self, session: CaseSession, plan: dict | None = None) -> None:
        super().__init__()
        self.session = session
        self.part_plans = providers_of(plan) if plan else []
        """The providers the plan's measures name: one part plan each."""

    def compose_form(self) -> ComposeResult:
        _ = self.gettext
        yield self.dialog_title(_(TITLE))
        yield Static(Content(_(WHAT)))
        yield Field(_(FOLDER), Input(os.getcwd(), id="folder"))
        yield Field(_(WHICH), Select([(_(BOTH), "")] + [(_(PART_PLAN).format(provider=p), p) for p in self.part_plans],
                                     value="", allow_blank=False, id="what"))
        yield Field(_(FORMAT), Select([(f.upper(), f) for f in FORMAT_ORDER if f in FORMATS], value="html",
                                      allow_blank=False, id="format"))
        yield ErrorLine()
        yield Static(id="written")
        yield self.save_and_cancel(EXPORT, CLOSE, save_id="go")

    @on(Input.Submitted, "#folder")
    @on(Button.Pressed, "#go")
    def action_export(self) -> None:
        folder = Path(self.query_one("#folder", Input).value.strip() or ".").expanduser()
        self._export(folder, str(self.query_one("#format", Select).value), str(self.query_one("#what", Select).value))

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, folder: Path, fmt: str, part_plan: str = "") -> None:
        """The files are made first, then written one by one; a failure says what was and was not written."""
        _ = translator(self.app.lang).gettext
        self.app.call_from_thread(self._show, "", "")
        if not folder.is_dir():
            self.app.call_from_thread(self._show, _(NO_FOLDER).format(folder=folder), "")
            return
        try:
            state = self.session.state()
            plan = {**with_settings(state.plan, self.session.store),
                    "record": {"trail": state.trail, "versions": state.versions}}
            what = [(f"{self.session.case_id}-{view}.{fmt}", {"view": view, "flags": state.flags}) for view in VIEWS] \
                if not part_plan else [(f"{self.session.case_id}-delplan-{_slug(part_plan)}.{fmt}", {"part_plan": part_plan})]
            files = {folder.resolve() / name: render(plan, fmt=fmt, lang=self.app.lang, **kw) for name, kw in what}
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


def _slug(name: str) -> str:
    """A provider's name as part of a file name: letters and digits, the rest as '-'."""
    import re

    return re.sub(r"[^\w]+", "-", name.casefold(), flags=re.UNICODE).strip("-")[:40] or "provider"
