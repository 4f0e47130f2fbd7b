"""Domain errors: each carries a sentence a person can act on.

They are raised deep in the core and shown once, at the edge (CLI, TUI, runner).
Messages are gettext message ids; the edge translates them with ``str.format``
parameters from :attr:`BorgerrejseError.params`.
"""

from __future__ import annotations

from assistant.common.i18n import N_


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


class JourneyError(BorgerrejseError):
    message = N_("The dialogue {journey} cannot be used: {reason}")


class UnknownJourney(BorgerrejseError):
    message = N_("There is no dialogue called {journey}.")


class InvalidCaseId(BorgerrejseError):
    message = N_("{case} is not a valid conversation number.")


class NoPlanYet(BorgerrejseError):
    message = N_("Conversation {case} has no plan yet. The plan is drafted when the citizen has told about their dreams.")


class NoSuchVersion(BorgerrejseError):
    message = N_("Case {case} has no final version {version}.")


class NameNeeded(BorgerrejseError):
    message = N_("Write the citizen's name.")


class CannotWriteFile(BorgerrejseError):
    message = N_("The file {path} cannot be written. Check that the folder exists and that you may write there.")


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
    import errno

    reason = {
        errno.ENOSPC: DISK_FULL,
        errno.EDQUOT: DISK_FULL,
        errno.EROFS: READ_ONLY,
        errno.EACCES: NOT_ALLOWED,
        errno.EPERM: NOT_ALLOWED,
    }.get(exc.errno, CANNOT_WRITE)
    return SaveFailed(reason=reason, path=str(path))


class CannotReadFile(BorgerrejseError):
    message = N_("The file {path} cannot be read. Check the name and that it is text (UTF-8).")
