"""Issue 20, point 5, in `run` (plain lines) and `run --jsonl`: the young person's sentence from
the issue reaches the safety step with Børnetelefonen first and no psychiatric emergency room;
after a break the help lines are said again, and on coming back too; the case is labelled
"et barn kan være i fare"."""

from __future__ import annotations

import json

from tests.support.helpers import run_cli, run_jsonl

STEPFATHER = "min stedfar råber hele tiden og i går slog han min mor"
TO_FAMILY_WISH = ["", "ja", "Sif", "ja", "fodbold", "mere tid", "ja", "min lillesøster"]
PSYCH = "psykiatrisk akutmodtagelse"


def _help(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("- ")]


def test_jsonl_safety_step_and_break_for_a_young_person(store_path):
    events = run_jsonl(store_path, [*TO_FAMILY_WISH, STEPFATHER, "2"], "--journey", "youth")
    safety = next(e for e in events if e["event"] == "prompt" and e["kind"] == "safety")
    lines = _help(safety["text"])
    assert "116 111" in lines[0] and not any(PSYCH in line for line in lines)
    assert STEPFATHER not in safety["text"]
    paused = next(e for e in events if e["event"] == "paused")
    assert "116 111" in paused["help"][0] and not any(PSYCH in line for line in paused["help"])

    # Coming back: the gentle check-in, the help lines again with Børnetelefonen first.
    back = run_jsonl(store_path, [], "--case", paused["case"])
    first = next(e for e in back if e["event"] == "prompt")
    assert "Hvordan har du det i dag?" in first["text"]
    assert "116 111" in _help(first["text"])[0]

    listed = json.loads(run_cli("cases", "--json", "--store", str(store_path)).stdout)
    flag = next(e for e in listed if e["id"] == paused["case"])["flags"][0]
    assert flag["child"] is True


def test_plain_mode_shows_boernetelefonen_first_for_a_young_person(store_path):
    stdin = "".join(a + "\n" for a in [*TO_FAMILY_WISH, STEPFATHER, "3"])
    out = run_cli("run", "--journey", "youth", "--store", str(store_path), stdin=stdin).stdout
    step = out[out.index("Du kan få hjælp nu:"):]
    assert "116 111" in _help(step)[0]
    assert PSYCH not in out
    assert "et barn kan være i fare" in run_cli("cases", "--store", str(store_path)).stdout


def test_an_adult_in_plain_mode_hears_of_the_underretning(store_path):
    stdin = "".join(a + "\n" for a in ["", "ja", "Bo", "min kæreste slår min søn på 4 år", "2"])
    out = run_cli("run", "--store", str(store_path), stdin=stdin).stdout
    step = out[out.index("Du kan få hjælp nu:"):]
    lines = _help(step)
    assert "116 111" in lines[0] and "underretning" in lines[1]
