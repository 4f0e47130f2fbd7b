"""A case file whose every free-text field carries terminal escape sequences.

No input path lets such text in (they clean it), but a file written by an older
version, an import or by hand can hold it. The case is made with the core (a whole
conversation, the caseworker's wording, a final version, a reopened draft) with a
marker in every free text; the marker is then replaced by the hostile sequences in
the raw JSON, as a hand-edited file would have them.

Also: what a terminal must never receive, and where to look for it on a Textual screen.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from tests.support.personas import CARLA_DA

from store import Store

MARK = "§H§"
# Clipboard (OSC 52), clear screen, window title, hyperlink, hidden cursor, DCS, APC (kitty
# graphics), 8-bit CSI/OSC/DCS/APC, BEL, NUL, a lone ESC with a C1 NEL, a right-to-left override.
HOSTILE = (
    "\x1b]52;c;aGVsbG8=\x07"
    "\x1b[2J\x1b[H"
    "\x1b]0;PWNED\x07"
    "\x1b]8;;https://evil.example\x1b\\klik\x1b]8;;\x1b\\"
    "\x1b[?25l"
    "\x1bPqPWNED\x1b\\"
    "\x1b_GPWNED\x1b\\"
    "\x9b31m"
    "\x9d0;PWNED\x9c"
    "\x90PWNED\x9c"
    "\x9fPWNED\x9c"
    "\x07\x00\x1b\x85\u202e"
)
SHOWN = "klik"  # all that is left of HOSTILE once it is cleaned

# What no terminal may receive from stored text: C0 controls but tab and newline, DEL,
# C1 controls, bidirectional overrides.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

CARLA_MARKED: dict[str, Any] = {
    **CARLA_DA,
    "name": [f"Carla {MARK}"],
    "everyday": [f"Jeg sover meget {MARK} om dagen."],
    "good_now": [f"Mine børn {MARK} ringer."],
    "dream": [f"Sove bedre {MARK} om natten"],
    "why": [f"Kræfter {MARK} til mine børn"],
    "motivation": [f"12 {MARK}", "3"],  # refused first: an "invalid" event keeps the typed text
    "motivation_up": [f"Hvis nogen {MARK} ringede"],
    "first_step": [f"Stå op {MARK} kl. 8"],
    "helpers": [f"Min nabo {MARK}"],
    "sign": [f"Jeg er vågen {MARK}"],
    "review_comment": [f"For tidligt {MARK}."],
    "remarks": [f"Lægen {MARK} først."],
}


def assert_clean(text: str, where: str = "") -> None:
    """``text`` holds no control character and nothing of a hostile sequence's payload."""
    found = CONTROL.search(text)
    assert found is None, f"{where}: control character {found.group()!r} in …{text[max(0, found.start() - 40):found.end() + 40]!r}…"
    assert "PWNED" not in text and "evil.example" not in text and "aGVsbG8" not in text, f"{where}: {text!r}"


def poison(path: Path) -> None:
    """Replace every marker in the case file at ``path`` by :data:`HOSTILE` (as raw JSON)."""

    def swap(value: Any) -> Any:
        if isinstance(value, str):
            return value.replace(MARK, HOSTILE)
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        return value

    data = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps(swap(data), ensure_ascii=False), encoding="utf-8")


def hostile_case(store: Store) -> str:
    """A finished conversation, completed, made final and reopened; every free text hostile."""
    from tests.support.helpers import converse

    from assistant.services.casework import Casework

    case_id = converse(store, CARLA_MARKED, area="psychiatry")
    with Casework(store, case_id, user=f"sb {MARK}") as work:
        goal = work.plan()["goals"][0]["id"]
        for field, value in (("purpose", f"Formål {MARK}"), ("expected_duration", f"Et halvt år {MARK}"),
                             ("expected_duration_months", 6), ("measures", [f"Bostøtte {MARK}", "Hjemmehjælp"]),
                             ("other_conditions", f"Ingen {MARK}")):
            work.set_plan_field(field, value)
        for field, value in (("text", f"Mål {MARK}"), ("success_criterion", f"Vågen kl. 10 {MARK}"),
                             ("measure", f"Bostøtte {MARK}"), ("provider", f"Kommunen {MARK}"),
                             ("provider_suggestions", f"Ring først {MARK}"), ("reasoning", f"Fordi det er vigtigt {MARK}"),
                             ("indicator", {"name": f"Søvn {MARK}", "status": 3, "target": 1})):
            work.set_goal_field(goal, field, value)
        work.set_status("reviewed")
        work.set_status("final", unseen_ok=True)  # the citizen never saw these changes: said in both views
        work.reopen(f"Planen genåbnes fordi {MARK}")
        work.set_goal_field(goal, "provider_suggestions", f"Ring altid først {MARK}")
    path = store.cases_dir / case_id / "case.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["trail"]["1"]["what"] = f"plan.purpose{MARK}"  # not even the field names of the trail are trusted
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    poison(path)
    return case_id
