"""Helpers for driving the chat through Textual's pilot.

Every reply is written in a worker thread; ``settle`` waits for those workers
and for the screen to catch up, so tests never sleep or time anything.
"""

from __future__ import annotations

from textual.pilot import Pilot

from tests.support.helpers import FIXED_NOW, press, settle  # noqa: F401 - shared with the workspace tests

from assistant.tui.citizen.widgets.answer_text import AnswerText


async def say(pilot: Pilot, text: str) -> None:
    """Type ``text`` into the answer field (as a paste would) and press Enter."""
    field = pilot.app.screen.query_one(AnswerText)
    field.load_text(text)
    await pilot.press("enter")
    await settle(pilot)


def state(pilot: Pilot) -> str:
    return pilot.app.screen.view.prompt.state
