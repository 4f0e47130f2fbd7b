"""Issue 20, point 6 (last bullet): F1 help in the citizen's chat shows the crisis numbers;
for a young person, Børnetelefonen 116 111 first (point 5)."""

from __future__ import annotations

from assistant.tui.citizen.app import make_app
from tests.support.tui_driving import press, settle


async def _help_text(app) -> str:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "f1")
        assert type(app.screen).__name__ == "HelpScreen"
        return app.screen.query_one("Markdown")._markdown


async def test_f1_shows_the_crisis_numbers(store_path):
    text = await _help_text(make_app(store_path=str(store_path), lang="da"))
    assert "Hvis du har brug for hjælp nu" in text
    for number in ("70 201 201", "112", "1888", "116 111"):
        assert number in text
    crisis = text.index("Hvis du har brug for hjælp nu")
    assert crisis < text.index("Taster")  # near the top, before the keys
    assert text.index("70 201 201") < text.index("116 111")  # an adult: Livslinien first


async def test_f1_shows_the_crisis_numbers_in_english(store_path):
    text = await _help_text(make_app(store_path=str(store_path), lang="en"))
    assert "If you need help now" in text and "70 201 201" in text and "112" in text


async def test_a_young_persons_f1_shows_boernetelefonen_first(store_path):
    text = await _help_text(make_app(store_path=str(store_path), lang="da", journey="youth"))
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    assert "116 111" in lines[0] and "Børnetelefonen" in lines[0]
    assert "112" in text
    assert "psykiatrisk akutmodtagelse" not in text
