"""Helpers for the workspace tests: citizens' drafts built with the core, and pilot steps.

Every write in the workspace runs in a worker thread; ``settle`` waits for the
workers and the screen, so no test sleeps or times anything.
"""

from __future__ import annotations

from textual.pilot import Pilot

from tests.support.helpers import FIXED_NOW, converse, press, settle  # noqa: F401 - re-exported for the workspace tests

SIZE = (120, 40)  # the workspace as most tests see it


def app_for(store_path):
    """The workspace in English for caseworker ``sb1``."""
    from assistant.tui.caseworker import make_caseworker_app

    return make_caseworker_app(str(store_path), "en", user="sb1")


async def open_first(pilot):
    """Open the first case of the list; returns its screen."""
    from assistant.tui.caseworker.screens.case import CaseScreen

    await settle(pilot)
    await press(pilot, "enter")
    assert isinstance(pilot.app.screen, CaseScreen)
    return pilot.app.screen


def status_text(screen) -> str:
    return str(screen.query_one("#case-status").render())


async def fill(pilot: Pilot, selector: str, text: str) -> None:
    """Put ``text`` into an Input or TextArea of the current screen, as a paste would."""
    widget = pilot.app.screen.query_one(selector)
    if hasattr(widget, "load_text"):
        widget.load_text(text)
    else:
        widget.value = text
    await settle(pilot)
