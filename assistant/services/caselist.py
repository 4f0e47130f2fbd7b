"""A case as a list shows it: checked, or marked damaged by its file's name.

The store's summary index keeps what a list shows (:mod:`assistant.domain.frame`, which
checks each case file's values when it is read — an odd one makes the entry a
damaged case naming its file — and cleans its texts of control characters); what
comes out of the index is checked again here, so one odd value marks that one case
as damaged instead of breaking the whole list (the caseworker's list, ``cases``).
What a face prints it cleans once more on the way out.
"""

from __future__ import annotations

from typing import Any

from assistant.common.text import clean
from store import CaseSummary, Store, no_gc
from assistant.domain.vocabulary import AREAS, PLAN_STATUSES



def case_file(store: Store, case_id: str) -> str:
    """The path of a case's file, as a message names it."""
    return str(store.case_file(case_id))


def shown_summaries(store: Store) -> list[CaseSummary]:
    """Every case of the store (see :meth:`Store.list_cases`), each checked by :func:`shown_summary`."""
    with no_gc():  # some 100,000 objects for 10,000 cases: see store.no_gc
        return [shown_summary(store, summary) for summary in store.list_cases()]


def shown_summary(store: Store, summary: CaseSummary) -> CaseSummary:
    """``summary`` as it is (its texts were cleaned when the index was made), or with ``error``
    naming its file if a value is odd."""
    if summary.error:
        return summary
    try:
        _check(summary)
    except (TypeError, ValueError):
        return CaseSummary(id=summary.id, error=case_file(store, summary.id))
    return summary


def _check(summary: CaseSummary) -> None:
    for value in (summary.name, summary.status, summary.journey, summary.lang, summary.created, summary.updated,
                  summary.follow_up):  # inline: this runs for every case of a list of thousands
        if value is not None and not isinstance(value, str):
            raise TypeError("text")
    meta = _dict(summary.meta, "meta")
    area = meta.get("area")
    if area is not None and area not in AREAS:
        raise ValueError("area")
    if not isinstance(meta.get("new_costly_complex", False), bool):
        raise ValueError("new_costly_complex")
    overlay = _dict(summary.casework, "casework")
    if overlay:
        if overlay.get("status", "draft") not in PLAN_STATUSES:
            raise ValueError("casework.status")
        version = overlay.get("version", 1)
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            raise ValueError("casework.version")


def _dict(value: Any, name: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise TypeError(name)
    return value


def register_case(store: Store, *, name: str, **fields: Any) -> str:
    """A case a caseworker sets up before the citizen's first conversation (see
    :meth:`Store.register_case`), its name cleaned of control characters first."""
    return store.register_case(name=clean(name), **fields)
