"""Damage found while a face reads a case is reported as damage to that file, by name.

A case file can be valid JSON and still hold what no version of borgerrejse
writes: an answer that is none of its question's choices, an event without a
type, a number where a text belongs. The faces (chat, workspace, exports, the
command line) read a case through :func:`reading`, and check the answers with
:func:`check_answers`, so such a file gives :class:`CorruptCaseError` — "the file
… cannot be read" — instead of a ``KeyError`` or a blank screen.
"""

from __future__ import annotations

import errno
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from assistant.common.errors import BorgerrejseError, CorruptCaseError, save_failed
from assistant.domain.journey import Journey
from assistant.domain.journey import load_journey
from assistant.domain.replay import replay

# What odd content makes Python raise while a case is turned into a plan or a screen.
ODD_CONTENT = (KeyError, TypeError, ValueError, AttributeError, IndexError)
# What the system says when a file cannot be written (as opposed to: something is in the way).
_CANNOT_WRITE = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO, errno.EFBIG}


def as_borgerrejse_error(exc: BaseException, path: str | Path) -> BorgerrejseError:
    """The sentence a face shows for ``exc``, raised while it read or wrote the case file at ``path``.

    A sentence of the core stays as it is; a failed write says why (a full disk, a
    read-only disk, no permission) and where; anything else in the way — a folder
    where the lock should be, odd content — is damage to that file, by name.
    """
    if isinstance(exc, BorgerrejseError):
        return exc
    if isinstance(exc, OSError):
        if exc.errno in _CANNOT_WRITE:
            return save_failed(exc, path)
        return CorruptCaseError(path=str(exc.filename or path))
    if isinstance(exc, ODD_CONTENT):
        return CorruptCaseError(path=str(path))
    return BorgerrejseError()  # "Something went wrong." — never a traceback, never a guess


@contextmanager
def reading(path: str | Path) -> Iterator[None]:
    """Inside: an error caused by odd content of the case file at ``path`` names that file."""
    try:
        yield
    except CorruptCaseError:
        raise
    except ODD_CONTENT as exc:
        raise CorruptCaseError(path=str(path)) from exc


def check_answers(journey: Journey, events: list[dict[str, Any]], path: str | Path) -> None:
    """Every event has a type, and every answer fits its question as the conversation itself
    replays it (the same check, so a safety choice, a wish picked or a second angle on a
    "ved ikke" is never mistaken for damage)."""
    for event in events:
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            raise CorruptCaseError(path=str(path))
    replay(journey, events, path)  # a value its question could not have given: damage, by name


def check_case(store, case_id: str) -> Path:
    """Read a case (without its lock) and check its answers, before anything is written to it.

    Returns the case's file; raises :class:`CorruptCaseError` naming it if it is damaged.
    """
    with store.open_case(case_id, write=False) as handle, reading(handle.path):
        check_answers(load_journey(handle.meta.get("journey", "adult")), handle.events(), handle.path)
        return handle.path
