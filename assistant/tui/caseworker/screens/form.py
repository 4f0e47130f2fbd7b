"""The one form screen of the workspace: every dialog in which the caseworker fills something in.

A form is a dialog over the screen below (``.dialog`` in ``caseworker.tcss``) with the keys
in a footer under it. Inside: a title, the fields, a line for errors, and a row of buttons
(Save and Cancel, or the form's own). The rules are the same in every form:

- its key labels are in the workspace's language; at 80 columns its inputs are compact;
- the keyboard starts where the form says (:meth:`FormScreen.focus_first`);
- Escape or Cancel closes it with :attr:`FormScreen.CANCELLED` (an open menu is closed first);
- an error is said inside the form (:meth:`FormScreen.show_error`), what was typed stays.

Only the caseworker's app has forms; the citizen's and the trainer's have none.
"""

from __future__ import annotations

from typing import Any, Callable, ClassVar, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Select, Static

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import translator
from assistant.tui.caseworker.widgets.form import CANCEL, SAVE, compact_when_narrow
from assistant.tui.shared.lang import translate_bindings

ResultType = TypeVar("ResultType")


class FormScreen(ModalScreen[ResultType]):
    """A form in a dialog. Each form composes its inside (:meth:`compose_form`) and keeps its
    own ``BINDINGS`` (Escape: ``cancel``; Ctrl+S: its way to save)."""

    CANCELLED: ClassVar[Any] = None
    """What the form dismisses with when it is cancelled."""
    COMPACT_WHEN_NARROW: ClassVar[bool] = True
    """Inputs without borders at 80 columns (see ``compact_when_narrow``)."""
    FIRST_FOCUS: ClassVar[str | None] = None
    """Where the keyboard starts (a selector); see :meth:`focus_first`."""
    ERROR_LINE: ClassVar[str] = "ErrorLine"
    """Where :meth:`show_error` writes (a selector)."""
    DIALOG_CLASSES: ClassVar[str] = "dialog"
    DIALOG_ID: ClassVar[str | None] = None

    @property
    def gettext(self) -> Callable[[str], str]:
        """gettext in the workspace's current language."""
        return translator(self.app.lang).gettext

    # -- what is on screen ------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id=self.DIALOG_ID, classes=self.DIALOG_CLASSES):
            yield from self.compose_form()
        yield Footer()

    def compose_form(self) -> ComposeResult:
        """The inside of the dialog: title, fields, error line, buttons (each form says)."""
        yield from ()

    def dialog_title(self, text: str) -> Static:
        """The form's title (already translated)."""
        return Static(Content(text), classes="dialog-title")

    def button_row(self, *buttons: Button) -> Horizontal:
        return Horizontal(*buttons, classes="buttons")

    def cancel_button(self, label: str = CANCEL) -> Button:
        """The button that cancels (``#cancel``); ``label`` is a msgid."""
        return Button(Content(self.gettext(label)), id="cancel")

    def save_and_cancel(self, save: str = SAVE, cancel: str = CANCEL, *, save_id: str = "save",
                        save_variant: str = "primary") -> Horizontal:
        """The usual buttons: save (in the primary colour) and cancel; the labels are msgids."""
        return self.button_row(Button(Content(self.gettext(save)), id=save_id, variant=save_variant),  # type: ignore[arg-type]
                               self.cancel_button(cancel))

    # -- opening ------------------------------------------------------------------------------
    def on_mount(self) -> None:
        translate_bindings(self, self.gettext)
        if self.COMPACT_WHEN_NARROW:
            compact_when_narrow(self)
        self.prepare()
        self.take_keys()

    def prepare(self) -> None:
        """Fill the form in or start reading what it shows (each form says); nothing by default."""

    def take_keys(self) -> None:
        """The form is ready for the keyboard: it goes to :meth:`focus_first`."""
        self.focus_first()

    def focus_first(self) -> None:
        """Put the keyboard where the caseworker starts (:attr:`FIRST_FOCUS`, or as the form says)."""
        if self.FIRST_FOCUS is not None:
            self.query_one(self.FIRST_FOCUS).focus()

    # -- errors -------------------------------------------------------------------------------
    def error_text(self, error: BorgerrejseError | str) -> str:
        """A core error, or a message id, as a sentence in the workspace's language."""
        gettext = self.gettext
        return error.translated(gettext) if isinstance(error, BorgerrejseError) else gettext(error)

    def show_error(self, error: BorgerrejseError | str) -> None:
        """A core error (or a message id) shown inside the form; the input stays as typed."""
        self.query_one(self.ERROR_LINE, Static).update(Content(self.error_text(error)))

    # -- closing ------------------------------------------------------------------------------
    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        """Escape or Cancel. An open menu is closed first (Escape there means the menu, not the form)."""
        if self.close_menus():
            return
        self.dismiss(self.CANCELLED)

    def close_menus(self) -> bool:
        """Close every open menu of the form; whether one was open."""
        expanded = [select for select in self.query(Select) if select.expanded]
        for select in expanded:
            select.expanded = False
        return bool(expanded)
