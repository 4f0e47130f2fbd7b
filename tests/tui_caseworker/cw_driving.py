"""Helpers for the workspace tests: citizens' drafts built with the core, and pilot steps.

Every write in the workspace runs in a worker thread; ``settle`` waits for the
workers and the screen, so no test sleeps or times anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

from textual.pilot import Pilot

sys.path.insert(0, str(Path(__file__).parents[1]))  # tests/: personas.py

from personas import answer_for  # noqa: E402

from assistant.conversation import Conversation  # noqa: E402
from store import Store  # noqa: E402

FIXED_NOW = "2026-01-15T10:00:00+00:00"


def converse(store: Store, script: dict, lang: str = "da", **meta) -> str:
    """Run a persona through a whole conversation in-process; returns the case id."""
    conv = Conversation.start(store, lang=lang)
    if meta:
        conv.handle.update_meta(**meta)
    counters: dict = {}
    for _ in range(200):
        prompt = conv.prompt()
        if prompt.final:
            break
        conv.respond(answer_for(script, prompt.slot, counters))
    conv.close()
    return conv.case_id


async def settle(pilot: Pilot) -> None:
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


async def press(pilot: Pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def fill(pilot: Pilot, selector: str, text: str) -> None:
    """Put ``text`` into an Input or TextArea of the current screen, as a paste would."""
    widget = pilot.app.screen.query_one(selector)
    if hasattr(widget, "load_text"):
        widget.load_text(text)
    else:
        widget.value = text
    await settle(pilot)
