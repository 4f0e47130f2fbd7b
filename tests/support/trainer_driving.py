"""Driving trainer mode through Textual's pilot: keys, then wait for the screen (never for time)."""

from __future__ import annotations

from tests.support.helpers import press, settle  # noqa: F401 - re-exported for the tests


def choose(pilot, persona: str, journey_title: str | None = None) -> int:
    """The index of the chooser's entry for ``persona`` (a name, or None for nobody)."""
    screen = pilot.app.screen
    for i, (journey, who, _about) in enumerate(screen.entries):
        if journey is None:
            continue
        if journey_title and journey.id != journey_title:
            continue
        if (who is None and persona is None) or (who is not None and who.name == persona):
            return i
    raise AssertionError(f"no entry for {persona}")


async def start(pilot, persona: str | None = "Jonas", journey: str | None = "adult") -> None:
    """From the chooser: move to the persona's entry with the arrow keys and press Enter."""
    await settle(pilot)
    index = choose(pilot, persona, journey)
    option_list = pilot.app.screen.query_one("#demos")
    while option_list.highlighted != index:
        await press(pilot, "down" if option_list.highlighted < index else "up")
    await press(pilot, "enter")


async def step_until(pilot, state: str, limit: int = 60) -> None:
    for _ in range(limit):
        if pilot.app.player.state == state:
            return
        await press(pilot, "n")
    raise AssertionError(f"never reached {state}; at {pilot.app.player.state}")


def panel_text(pilot) -> str:
    return str(pilot.app.screen.query_one("#method-panel").content)


def log_text(pilot) -> str:
    return "\n".join(str(w.content) for w in pilot.app.screen.query("#log Turn"))
