"""Helpers for the workspace tests: citizens' drafts built with the core, and pilot steps.

Every write in the workspace runs in a worker thread; ``settle`` waits for the
workers and the screen, so no test sleeps or times anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: helpers.py, personas.py

from helpers import FIXED_NOW, converse, press, settle  # noqa: E402,F401 - re-exported for the workspace tests


async def fill(pilot: Pilot, selector: str, text: str) -> None:
    """Put ``text`` into an Input or TextArea of the current screen, as a paste would."""
    widget = pilot.app.screen.query_one(selector)
    if hasattr(widget, "load_text"):
        widget.load_text(text)
    else:
        widget.value = text
    await settle(pilot)
