"""The store's sentences: each error carries a sentence a person can act on.

Messages are gettext message ids (marked with :func:`N_` for extraction); the faces
translate them with ``str.format`` parameters from :attr:`BorgerrejseError.params`.
The store knows nothing of the assistant, so the base class of every borgerrejse
error lives here, at the bottom of the house; :mod:`assistant.common.errors` adds
the assistant's own.
"""

from __future__ import annotations

import errno


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (the faces translate it)."""
    return message


class BorgerrejseError(Exception):
    """Base class. ``message`` is a translatable template, ``params`` fill it."""

    message = N_("Something went wrong.")

    def __init__(self, **params: object) -> None:
        self.params = params
        super().__init__(self.message.format(**params))

    def translated(self, gettext) -> str:
        # A "reason" parameter is itself a message id (a fixed sentence), so it is translated too.
        params = {k: gettext(v) if k == "reason" and isinstance(v, str) else v for k, v in self.params.items()}
        return gettext(self.message).format(**params)


class CaseLockedError(BorgerrejseError):
    message = N_(
        "This conversation is open somewhere else. Close it there first, then try again."
    )


class CaseNotFoundError(BorgerrejseError):
    message = N_("There is no conversation with the number {case}.")


class CorruptCaseError(BorgerrejseError):
    message = N_(
        "The file {path} cannot be read. It has not been changed. "
        "Ask your IT support to look at it; the other conversations still work."
    )


class StoreError(BorgerrejseError):
    message = N_("The data folder {path} cannot be used. Choose another folder with --store, or check its permissions.")


class InvalidCaseId(BorgerrejseError):
    message = N_("{case} is not a valid conversation number.")


class NameNeeded(BorgerrejseError):
    message = N_("Write the citizen's name.")


class SaveFailed(BorgerrejseError):
    """A write to the store failed (full disk, read-only, no permission …).

    ``reason`` is one of the fixed sentences below (translated at the edge); nothing
    was changed by the failed write, and what was saved before is still there.
    """

    message = N_("{reason} ({path}). Nothing that was saved before is lost.")


DISK_FULL = N_("There is no more space on the disk")
READ_ONLY = N_("The disk can only be read, not written to")
NOT_ALLOWED = N_("borgerrejse may not write there")
CANNOT_WRITE = N_("The file cannot be written")


def save_failed(exc: OSError, path: object) -> SaveFailed:
    """The sentence for a failed write, by what the system said."""
    reason = {
        errno.ENOSPC: DISK_FULL,
        errno.EDQUOT: DISK_FULL,
        errno.EROFS: READ_ONLY,
        errno.EACCES: NOT_ALLOWED,
        errno.EPERM: NOT_ALLOWED,
    }.get(exc.errno, CANNOT_WRITE)
    return SaveFailed(reason=reason, path=str(path))


class BadToday(BorgerrejseError):
    message = N_("BORGERREJSE_TODAY must be a date written YYYY-MM-DD, not {value}.")
