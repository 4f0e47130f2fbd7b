"""A short yes/no question over the screen below, for every app.

The citizen is asked before a question with words in the box is skipped; the caseworker
before typed changes are thrown away or a plan is made final. It is one screen with the
same rules (the safe answer, no, has the focus; Escape means no; it dismisses with True
for yes and False for no) and two faces, each app's own look (see :class:`ConfirmFace`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from assistant.common.i18n import N_
from assistant.tui.shared.lang import gettext_for, translate_bindings
from assistant.tui.shared.textual_compat import relabel_bindings

YES = N_("Yes")
NO = N_("No")


@dataclass(frozen=True)
class ConfirmFace:
    """How the question looks and which keys it has, in one app (the texts come from the caller)."""

    box: dict[str, Any]
    """The dialog's id or classes (the app's stylesheet draws it)."""
    question: dict[str, Any]
    """The question's id or classes."""
    buttons: dict[str, Any]
    """The row of buttons' id or classes."""
    yes_first: bool
    """Yes on the left (else the safe answer, no, is first)."""
    primary: str
    """The button in the primary colour: "yes" or "no"."""
    footer: bool
    """The keys at the bottom (the workspace's dialogs show them)."""
    arrows: bool
    """← and → move between the buttons."""
    escape: str
    """What the Escape key is called (an English msgid)."""


CITIZEN = ConfirmFace(
    box={"id": "confirm-box"}, question={"id": "confirm-question"}, buttons={"id": "confirm-buttons"},
    yes_first=False, primary="no", footer=False, arrows=False, escape=N_("Back"),
)
"""Over the chat: a calm box (``confirm.tcss``), the safe answer first and in the primary colour."""

CASEWORKER = ConfirmFace(
    box={"classes": "dialog"}, question={"classes": "dialog-title"}, buttons={"classes": "buttons"},
    yes_first=True, primary="yes", footer=True, arrows=True, escape=NO,
)
"""In the workspace: its dialog look (``caseworker.tcss``), Yes then No, the keys below, arrows between them."""


class ConfirmScreen(ModalScreen[bool]):
    """``question`` with two buttons, ``yes`` and ``no`` (English msgids, shown translated).

    The safe button (``no``) has the focus, so Enter by habit does nothing that cannot be
    undone; Escape means no. Dismisses with True (yes) or False (no).
    """

    CSS_PATH = "confirm.tcss"  # the citizen's face (loaded when it is first shown)

    BINDINGS = [
        Binding("escape", "no", NO, id="confirm.no"),  # called as the face says (ConfirmFace.escape)
        Binding("left", "step(-1)", show=False, id="confirm.left"),
        Binding("right", "step(1)", show=False, id="confirm.right"),
    ]

    def __init__(self, question: str, yes: str = YES, no: str = NO, *, face: ConfirmFace = CITIZEN) -> None:
        super().__init__()
        self.question, self.yes, self.no = question, yes, no  # English msgids
        self.face = face

    def compose(self) -> ComposeResult:
        _ = gettext_for(self)
        face = self.face
        yes = Button(Content(_(self.yes)), id="confirm-yes", variant="primary" if face.primary == "yes" else "default")
        no = Button(Content(_(self.no)), id="confirm-no", variant="primary" if face.primary == "no" else "default")
        with Vertical(**face.box):
            yield Static(Content(_(self.question)), **face.question)
            with Horizontal(**face.buttons):
                yield from (yes, no) if face.yes_first else (no, yes)
        if face.footer:
            yield Footer()

    def on_mount(self) -> None:
        gettext = gettext_for(self)
        translate_bindings(self, gettext)
        escape = gettext(self.face.escape)
        relabel_bindings(self, lambda _key, b: dataclasses.replace(b, description=escape) if b.action == "no" else b)
        self.query_one("#confirm-no", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "step":
            return self.face.arrows  # without them the arrows are not this screen's keys at all
        return True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "confirm-yes")

    def action_step(self, step: int) -> None:
        """The arrows: to the other button."""
        if step < 0:
            self.focus_previous()
        else:
            self.focus_next()

    def action_no(self) -> None:
        self.dismiss(False)
