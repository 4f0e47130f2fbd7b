"""The store interface: everything the core, the reports and the faces may ask of a store.

The embedded default is :class:`store.repository.Store` on TinyDB files (one file per
case); a municipality's shared server would implement the same two protocols on a
database. Nothing outside ``store/`` knows how cases are kept: no file names, no
TinyDB tables, no file locking (``tests/test_boundaries.py`` checks this, and that the
core and the store import no Textual).

Words (DOMAIN.md): a *case* is one citizen's conversation and plan; its *events* are
the conversation's history (append-only; what is in force is their replay); its
*documents* are named records kept whole — :data:`DOCUMENTS`, and the events of each
follow-up conversation and changes review (:data:`ROUND_EVENTS`) — and its *meta* is the case record
(registration fields, status, language, name).

The store's clock — :func:`store.clock.now` (the time stamped on what is kept),
:func:`~store.clock.today` and :func:`~store.clock.simulated_clock` (for
invented data) — is the one other thing the core takes from the store (:data:`CLOCK`).
"""

from __future__ import annotations

import re
from contextlib import AbstractContextManager
from pathlib import Path
from dataclasses import dataclass
from typing import Any, Callable, Iterator, Mapping, Protocol, runtime_checkable

# The documents a case holds (a single record each, except the lists).
DOCUMENTS = (
    "plan",  # the citizen's draft, as the conversation made it
    "casework",  # the caseworker's overlay: status, version, plan and goal fields
    "trail",  # list: who changed what, when (the audit trail)
    "versions",  # list: every plan made final, kept whole
    "followups",  # list: one per follow-up conversation (round), with its result (assistant/services/followup.py)
    "provider_status",  # list: a provider's dated status per goal (assistant/domain/progress.py)
    "draft",  # words typed in the chat but not sent, per question (assistant/tui/citizen/session.py)
    "change_reviews",  # list: one per changes review, the citizen going through the caseworker's changes (assistant/services/changes.py)
)
# The events of follow-up round N and of changes review N: lists of documents like "events", one table each.
ROUND_EVENTS = re.compile(r"(followup|changes)[1-9][0-9]*_events")
# What the core may call in store.repository besides the Store and its cases.
CLOCK = ("now", "today", "simulated_clock")


def is_document(kind: str) -> bool:
    """A kind of document the interface knows (anything else is a store's private business)."""
    return kind in DOCUMENTS or bool(ROUND_EVENTS.fullmatch(kind))


@runtime_checkable
class CaseRecord(Protocol):
    """One open case. Opened for writing it holds the case's lock until :meth:`close`."""

    id: str
    path: Path  # named in messages about damage ("the file … cannot be read"); never opened outside the store
    writable: bool

    # meta
    @property
    def meta(self) -> dict[str, Any]: ...
    def update_meta(self, **fields: Any) -> None: ...
    def replace_meta(self, meta: dict[str, Any]) -> None: ...

    # events (append-only, each durable before the call returns)
    def events(self) -> list[dict[str, Any]]: ...
    def append_event(self, event: dict[str, Any]) -> dict[str, Any]: ...
    def keep_only_events(self, keep: list[dict[str, Any]]) -> None: ...

    # documents
    def get_doc(self, kind: str) -> dict[str, Any] | None: ...
    def put_doc(self, kind: str, doc: dict[str, Any]) -> None: ...
    def add_doc(self, kind: str, doc: dict[str, Any]) -> None: ...
    def all_docs(self, kind: str) -> list[dict[str, Any]]: ...
    def replace_doc_where(self, kind: str, key: str, value: Any, doc: dict[str, Any]) -> None: ...  # in a list
    def remove_doc(self, kind: str) -> None: ...
    @property
    def plan(self) -> dict[str, Any] | None: ...

    # together, or not at all
    def batch(self) -> AbstractContextManager[None]: ...

    # lifetime
    def holds_nothing(self) -> bool: ...
    def discard(self) -> None: ...
    def close(self) -> None: ...
    def __enter__(self) -> "CaseRecord": ...
    def __exit__(self, *exc: object) -> None: ...


@runtime_checkable
class CaseStore(Protocol):
    """All cases of one municipality (or one laptop)."""

    root: Path  # shown to people (where the data lives), never walked outside the store

    # cases
    def create_case(self, **meta: Any) -> CaseRecord: ...
    def register_case(self, *, name: str, lang: str, area: str | None = None,
                      new_costly_complex: bool = False) -> str: ...
    def open_case(self, case_id: str, *, write: bool = True) -> CaseRecord: ...
    def exists(self, case_id: str) -> bool: ...
    def case_ids(self) -> Iterator[str]: ...
    def resume_command(self, command: str, case_id: str) -> str: ...
    def case_file(self, case_id: str | None) -> Path: ...  # where a case is kept, for a message naming it

    # store-wide settings: the municipality, its contact person, the providers (no citizen's data)
    def settings(self) -> dict[str, Any]: ...
    def update_settings(self, change: Any) -> dict[str, Any]: ...  # change(settings) in place, under a lock

    # index queries: answered from the summary index, never by reading every case
    def list_cases(self) -> list[Any]: ...  # store.repository.CaseSummary, newest first; damaged ones carry error
    def summaries(self, loaded: Any = None) -> dict[str, dict]: ...  # case id: {"summary": assistant.domain.frame.summarise(…)} or {"error": path}
    # ... and for a list's first screenful, unchecked (a check with summaries(loaded=…) follows at once):
    def summaries_as_written(self) -> tuple[Any, dict[str, dict]]: ...  # (loaded, entries as last written; own writes re-read)
    def list_head(self) -> dict[str, Any]: ...  # assistant.domain.frame.list_head as last saved; {} if none (or own writes since)
    def save_list_head(self, head: dict[str, Any]) -> None: ...
    def frames(self) -> dict[str, dict | None]: ...  # assistant.domain.frame: what the report may count; None = damaged


Summarise = Callable[[str, dict[str, Any]], dict[str, Any]]  # (case id, the case's documents) -> an index entry


@dataclass(frozen=True)
class IndexKind:
    """What one summary index keeps of a case: made by the assistant, which knows what a case means.

    ``summarise`` turns a case file's documents into the entry (checked and cleaned: only
    what a list or the report may show); ``version`` changes when its shape or meaning
    does (every index of that kind is then rebuilt); ``head`` makes the list's first
    screenful from the entries, written beside the index (None: no head).
    """

    summarise: Summarise
    version: str
    head: Callable[[dict[str, dict[str, Any]]], dict[str, Any]] | None = None


Summaries = Callable[[], Mapping[str, IndexKind]]  # called when an index is first needed
