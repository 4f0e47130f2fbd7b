"""The one clock: today's date, the time stamped on what is kept, and a simulated clock.

``$BORGERREJSE_TODAY`` (``YYYY-MM-DD``) makes borgerrejse behave as if it were that day:
answers and the caseworker's changes are stamped with that date (at the real time of
day), follow-ups are dated by it, and "overdue" is judged against it. Without the
variable, it is the machine's date. A value that is not a date is one sentence
(:class:`~store.errors.BadToday`), never a traceback.

:func:`simulated_clock` runs this thread on invented time (the sample's plans of
different ages): every :func:`now` then moves on a little, as a person takes a while
to answer. Everything in borgerrejse that needs the date or the time asks this module.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
from contextlib import contextmanager
from typing import Iterator

from store.errors import BadToday

ENV_VAR = "BORGERREJSE_TODAY"
_simulated = threading.local()
_STEP = dt.timedelta(seconds=17)  # a person takes a while to answer


def _set_day() -> dt.date | None:
    value = os.environ.get(ENV_VAR, "").strip()
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadToday(value=value[:20]) from None


def today() -> dt.date:
    """Today's date: the simulated clock's, else ``$BORGERREJSE_TODAY``'s, else the machine's."""
    moment = getattr(_simulated, "moment", None)
    if moment is not None:
        return moment.date()
    return _set_day() or dt.date.today()


def now() -> str:
    """The time stamped on what is kept (UTC, ISO 8601 to the millisecond).

    The time now, on the day ``$BORGERREJSE_TODAY`` names if it is set; on a simulated
    clock, its next tick.
    """
    moment = getattr(_simulated, "moment", None)
    if moment is None:
        real = dt.datetime.now(dt.timezone.utc)
        day = _set_day()
        moment = real if day is None else dt.datetime.combine(day, real.timetz())
        return moment.isoformat(timespec="milliseconds")
    _simulated.moment = moment + _STEP
    return moment.isoformat(timespec="milliseconds")


@contextmanager
def simulated_clock(moment: dt.datetime) -> Iterator[None]:
    """In this thread, :func:`now` starts at ``moment`` (synthetic data: plans of different ages)."""
    previous = getattr(_simulated, "moment", None)
    _simulated.moment = moment
    try:
        yield
    finally:
        _simulated.moment = previous
