"""Case codes a citizen can read aloud and write down: ``KX4-9PM``.

New cases get six characters from an alphabet without look-alikes (no 0/O,
1/I/L, 2/Z, 5/S, 8/B, 6/G, U/V, Q/9); they are stored in lower case without
the dash, so a code typed in any case, with or without the dash or spaces,
names the same case. Older, longer case ids keep working and are shown as
they are.
"""

from __future__ import annotations

import secrets

ALPHABET = "acdefhjkmnprtwxy34679"
LENGTH = 6


def new_code() -> str:
    """A fresh random code as stored (lower case, no dash)."""
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed, as stored: spaces and dashes dropped, lower case."""
    return "".join(typed.split()).replace("-", "").lower() if isinstance(typed, str) else ""


def is_code(case_id: str) -> bool:
    """True for a short code (as opposed to an older case id)."""
    return len(case_id) == LENGTH and all(c in ALPHABET for c in case_id.lower())


def shown_code(case_id: str) -> str:
    """The case id as a person reads it: ``KX4-9PM`` for a code, older ids unchanged."""
    if is_code(case_id):
        upper = case_id.upper()
        return f"{upper[:3]}-{upper[3:]}"
    return case_id
