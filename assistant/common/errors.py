"""Domain errors: each carries a sentence a person can act on.

They are raised deep in the core and shown once, at the edge (CLI, TUI, runner).
Messages are gettext message ids; the edge translates them with ``str.format``
parameters from :attr:`BorgerrejseError.params`.
"""

from __future__ import annotations

from assistant.common.i18n import N_
__all__ = [
    "BorgerrejseError", "CannotReadFile", "CannotWriteFile", "CaseLockedError", "CaseNotFoundError", "CorruptCaseError",
    "InvalidCaseId", "JourneyError", "NameNeeded", "NoPlanYet", "NoSuchVersion", "SaveFailed", "StoreError",
    "UnknownJourney", "save_failed",
]

from store.errors import (  # the base class and the store's sentences, re-exported for the core
    BorgerrejseError,
    CaseLockedError,
    CaseNotFoundError,
    CorruptCaseError,
    InvalidCaseId,
    NameNeeded,
    SaveFailed,
    StoreError,
    save_failed,
)


class JourneyError(BorgerrejseError):
    message = N_("The dialogue {journey} cannot be used: {reason}")


class UnknownJourney(BorgerrejseError):
    message = N_("There is no dialogue called {journey}.")


class NoPlanYet(BorgerrejseError):
    message = N_("Conversation {case} has no plan yet. The plan is drafted when the citizen has told about their dreams.")


class NoSuchVersion(BorgerrejseError):
    message = N_("Case {case} has no final version {version}.")


class CannotWriteFile(BorgerrejseError):
    message = N_("The file {path} cannot be written. Check that the folder exists and that you may write there.")


class CannotReadFile(BorgerrejseError):
    message = N_("The file {path} cannot be read. Check the name and that it is text (UTF-8).")


class CaseworkError(BorgerrejseError):
    message = N_("This change cannot be made: {reason}")
