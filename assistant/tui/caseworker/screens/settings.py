"""The store's settings: the municipality and contact person named in the citizen's plan,
and the list of providers measures are chosen from."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Button, Input, TextArea

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_, translator
from assistant.domain.measures import find_provider
from assistant.common.text import clean
from assistant.tui.caseworker.screens.form import FormScreen
from assistant.tui.caseworker.widgets.form import ErrorLine, Field

TITLE = N_("Settings for every case")
MUNICIPALITY = N_("Municipality (named in the citizen's plan)")
CONTACT = N_("Contact person (named in the citizen's plan, e.g. name and phone)")
PROVIDERS = N_("Providers, one per line (measures choose from this list)")
SAVED = N_("The settings are saved.")


class SettingsScreen(FormScreen[bool]):
    """Reads and writes the store's settings in workers; dismisses True when saved."""

    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="cw.settings.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="cw.settings.save"),
    ]
    CANCELLED = False
    FIRST_FOCUS = "#municipality"

    def __init__(self, store) -> None:
        super().__init__()
        self.store = store
        self.providers: list[str] = []

    def compose_form(self) -> ComposeResult:
        _ = self.gettext
        yield self.dialog_title(_(TITLE))
        yield Field(_(MUNICIPALITY), Input(id="municipality"))
        yield Field(_(CONTACT), Input(id="contact"))
        yield Field(_(PROVIDERS), TextArea(id="providers"))
        yield ErrorLine()
        yield self.save_and_cancel()

    def prepare(self) -> None:
        self._read()

    @work(thread=True, group="settings", exit_on_error=False)
    def _read(self) -> None:
        from assistant.services.settings import read_settings

        try:
            settings = read_settings(self.store)
        except BorgerrejseError as exc:
            self.app.call_from_thread(self.show_error, exc)
            return
        self.app.call_from_thread(self._show, settings)

    def _show(self, settings) -> None:
        self.providers = settings.providers
        self.query_one("#municipality", Input).value = settings.municipality or ""
        self.query_one("#contact", Input).value = settings.contact or ""
        self.query_one("#providers", TextArea).load_text("\n".join(settings.providers))

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        lines = [" ".join(clean(line).split()) for line in self.query_one("#providers", TextArea).text.split("\n")]
        wanted = [line for line in lines if line]
        self._save(self.query_one("#municipality", Input).value, self.query_one("#contact", Input).value,
                   [p for p in wanted if find_provider(p, self.providers) is None],
                   [p for p in self.providers if find_provider(p, wanted) is None])

    @work(thread=True, exclusive=True, group="settings-save", exit_on_error=False)
    def _save(self, municipality: str, contact: str, add: list[str], remove: list[str]) -> None:
        from assistant.services.settings import update

        try:
            update(self.store, municipality=municipality, contact=contact, add_providers=add, remove_providers=remove)
        except BorgerrejseError as exc:
            self.app.call_from_thread(self.show_error, exc)
            return
        self.app.call_from_thread(self.app.notify, translator(self.app.lang).gettext(SAVED))
        self.app.call_from_thread(self.dismiss, True)
