"""Pictures of trainer mode at 80×24 and 120×40 (clock fixed; the demo folder is called ``demo``).

Review the SVG report before running with ``--snapshot-update``.
"""

from __future__ import annotations

import pytest
from tests.support.trainer_driving import press, settle, start, step_until

from assistant.tui.trainer.screens import EndScreen

SIZES = pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])


@SIZES
def test_chooser(snap_compare, trainer, fixed_clock, size):
    assert snap_compare(trainer(), terminal_size=size, run_before=settle)


@SIZES
def test_play_at_the_scaling_question(snap_compare, trainer, fixed_clock, size):
    async def to_motivation(pilot):
        await start(pilot, "Jonas")
        await step_until(pilot, "motivation")

    assert snap_compare(trainer(), terminal_size=size, run_before=to_motivation)


@SIZES
def test_end_view(snap_compare, trainer, fixed_clock, size):
    async def to_end(pilot):
        await start(pilot, "Mette")
        for _ in range(40):
            if isinstance(pilot.app.screen, EndScreen):
                break
            await press(pilot, "n")
        await press(pilot, "down", "down", "down")  # the purpose: linked to the dream and why

    assert snap_compare(trainer(), terminal_size=size, run_before=to_end)
