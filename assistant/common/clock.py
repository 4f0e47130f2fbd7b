"""Today's date, and a way to set it for demonstrations and tests.

``$BORGERREJSE_TODAY`` (``YYYY-MM-DD``) makes borgerrejse behave as if it were that day:
answers and the caseworker's changes are stamped with that date (at the real time of
day), follow-ups are dated by it, and "overdue" is judged against it. Without the
variable, it is the machine's date. A value that is not a date is one sentence, never
a traceback.
"""

from __future__ import annotations

import datetime as dt
import os

from assistant.common.errors import BorgerrejseError
from assistant.common.i18n import N_

ENV_VAR = "BORGERREJSE_TODAY"


class BadToday(BorgerrejseError):
    message = N_("BORGERREJSE_TODAY must be a date written YYYY-MM-DD, not {value}.")


def today() -> dt.date:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadToday(value=value[:20]) from None


def now() -> dt.datetime:
    """The time now (UTC); on the day ``$BORGERREJSE_TODAY`` names, if it is set."""
    real = dt.datetime.now(dt.timezone.utc)
    if not os.environ.get(ENV_VAR, "").strip():
        return real
    return dt.datetime.combine(today(), real.timetz())
