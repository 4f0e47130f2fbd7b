"""The repository API: cases, their conversation events and their plan.

Layout on disk (all folders 0700, all files 0600)::

    <root>/cases/<case id>/case.json   TinyDB: tables "case", "events", "plan", …
    <root>/cases/<case id>/lock        held (flock) while a conversation is open

One file per case keeps the cost of an answer independent of how many cases
exist, and a damaged file harms only its own case.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import os
import re
import secrets
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

from tinydb import TinyDB
from tinydb.table import Document

from assistant.errors import (
    CaseLockedError,
    CaseNotFoundError,
    CorruptCaseError,
    InvalidCaseId,
    NameNeeded,
    StoreError,
)
from store.files import FILE_MODE, fsync_dir, private_dir
from store.storage import AtomicJSONStorage

ENV_VAR = "BORGERREJSE_STORE"
_CASE_ID = re.compile(r"^[a-z0-9]{4,32}$")
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def default_store_path() -> Path:
    """``$BORGERREJSE_STORE`` or the user data folder (via platformdirs)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("borgerrejse", appauthor=False) / "store"


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds")


def check_case_id(case_id: str) -> str:
    """A safe case id (lower case letters and digits); people may type it in capitals,
    with the dash of a shown code (``KX4-9PM``) or spaces."""
    from store.codes import normalise_code

    normalised = normalise_code(case_id)
    if not _CASE_ID.match(normalised):
        raise InvalidCaseId(case=str(case_id)[:40])
    return normalised


@dataclass(frozen=True)
class CaseSummary:
    """What a list of cases shows; ``error`` is set when the file cannot be read."""

    id: str
    name: str = ""
    status: str = ""
    journey: str = ""
    lang: str = ""
    created: str = ""
    updated: str = ""
    meta: dict | None = None
    plan: dict | None = None
    casework: dict | None = None  # the caseworker's overlay (status, version, plan fields …)
    error: str | None = None


class CaseHandle:
    """An open case. With ``write=True`` it holds the case's lock until closed."""

    def __init__(self, case_dir: Path, *, write: bool) -> None:
        self.id = case_dir.name
        self.dir = case_dir
        self.path = case_dir / "case.json"
        self._lock_fd: int | None = None
        self.writable = write
        if write:
            self._lock()
            self._remove_leftovers()
        try:
            self._db = TinyDB(self.path, storage=AtomicJSONStorage)
            self._meta = self._db.table("case").get(doc_id=1)
        except BaseException:
            self.close()
            raise
        if self._meta is None and self.path.exists():
            self.close()
            raise CorruptCaseError(path=str(self.path))

    # -- locking --------------------------------------------------------------
    def _lock(self) -> None:
        fd = os.open(self.dir / "lock", os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise CaseLockedError() from None
        self._lock_fd = fd

    def _remove_leftovers(self) -> None:
        """Half-written temporary files of a process that was killed mid-write.

        Only the lock holder writes, so with the lock held no other writer's file is here.
        """
        for leftover in self.dir.glob(".case.json.*.tmp"):
            leftover.unlink(missing_ok=True)

    def discard(self) -> None:
        """Remove this case for good (it holds nothing anyone said) and let it go."""
        self._require_write()
        self._remove_leftovers()
        for path in (self.path, self.dir / "lock"):
            path.unlink(missing_ok=True)
        self.close()
        self.dir.rmdir()
        fsync_dir(self.dir.parent)

    def close(self) -> None:
        if self._lock_fd is not None:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def __enter__(self) -> "CaseHandle":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Several changes (an answer and the name it sets, a change and its trail
        entry) reach the disk together in one fsynced write, or not at all."""
        self._require_write()
        try:
            with self._db.storage.batch():
                yield
        except BaseException:
            # TinyDB's tables remember ids handed out in the abandoned batch; start
            # afresh from what is on disk.
            self._db = TinyDB(self.path, storage=AtomicJSONStorage)
            self._meta = self._db.table("case").get(doc_id=1)
            raise
        self._meta = self._db.table("case").get(doc_id=1)

    def _require_write(self) -> None:
        if not self.writable or self._lock_fd is None:
            raise RuntimeError("case opened read-only")

    # -- meta -----------------------------------------------------------------
    @property
    def meta(self) -> dict[str, Any]:
        return dict(self._meta or {})

    def update_meta(self, **fields: Any) -> None:
        self._require_write()
        fields["updated"] = now()
        table = self._db.table("case")
        if self._meta is None:
            table.insert(fields)
        else:
            table.update(fields, doc_ids=[1])
        self._meta = table.get(doc_id=1)

    def replace_meta(self, meta: dict[str, Any]) -> None:
        """Keep only ``meta`` (fields not named are erased)."""
        self.put_doc("case", {**meta, "updated": now()})
        self._meta = self._db.table("case").get(doc_id=1)

    # -- events ---------------------------------------------------------------
    def events(self) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self._db.table("events").all()]

    def append_event(self, event: dict[str, Any]) -> dict[str, Any]:
        """Store one event durably (fsynced) before returning it with its time."""
        self._require_write()
        event = {"at": now(), **event}
        self._db.table("events").insert(event)
        return event

    # -- documents (plan, versions, trail …) -----------------------------------
    def get_doc(self, table: str) -> dict[str, Any] | None:
        doc = self._db.table(table).get(doc_id=1)
        return dict(doc) if doc is not None else None

    def put_doc(self, table: str, doc: dict[str, Any]) -> None:
        self._require_write()
        t = self._db.table(table)
        if t.get(doc_id=1) is None:
            t.insert(Document(doc, doc_id=1))
        else:
            t.update(lambda current: _replace(current, doc), doc_ids=[1])

    def keep_only_events(self, keep: list[dict[str, Any]]) -> None:
        """Erase every other event for good, in one write (a citizen who says no
        keeps nothing else on file)."""
        self._require_write()
        self._db.table("events").remove(cond=lambda doc: dict(doc) not in keep)

    def remove_doc(self, table: str) -> None:
        self._require_write()
        self._db.drop_table(table)

    def all_docs(self, table: str) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self._db.table(table).all()]

    def add_doc(self, table: str, doc: dict[str, Any]) -> None:
        self._require_write()
        self._db.table(table).insert(doc)

    @property
    def plan(self) -> dict[str, Any] | None:
        return self.get_doc("plan")


def _replace(current: dict, new: dict) -> None:
    current.clear()
    current.update(new)


class Store:
    """All cases under one root folder."""

    def __init__(self, root: str | Path | None = None) -> None:
        self.root = Path(root).expanduser() if root else default_store_path()
        default = not (root or os.environ.get(ENV_VAR))  # the user data folder: ours to make private
        try:
            if default:
                private_dir(self.root.parent)  # the app's own folder in the user data dir
            private_dir(self.root, ours=default)
            self.cases_dir = private_dir(self.root / "cases")
        except OSError as exc:
            raise StoreError(path=str(self.root)) from exc

    def resume_command(self, command: str, case_id: str) -> str:
        """The command that reopens ``case_id`` on this store (``--store`` only when needed)."""
        import shlex

        line = f"borgerrejse {command} --case {case_id}"
        if self.root.resolve() != default_store_path().resolve():
            line += f" --store {shlex.quote(str(self.root.resolve()))}"  # works from any folder
        return line

    def _case_dir(self, case_id: str) -> Path:
        return self.cases_dir / check_case_id(case_id)

    def new_case_id(self) -> str:
        """A short code a citizen can read aloud (``store.codes``), stored without its dash."""
        from store.codes import new_code

        while True:
            case_id = new_code()
            if not (self.cases_dir / case_id).exists():
                return case_id

    def create_case(self, **meta: Any) -> CaseHandle:
        """A new case, open for writing, with ``meta`` stored at once."""
        case_id = self.new_case_id()
        case_dir = self.cases_dir / case_id
        case_dir.mkdir(mode=0o700)
        os.chmod(case_dir, 0o700)
        handle = CaseHandle(case_dir, write=True)
        handle.update_meta(id=case_id, created=now(), **meta)
        return handle

    def register_case(self, *, name: str, lang: str, area: str | None = None,
                      new_costly_complex: bool = False) -> str:
        """A case a caseworker sets up before the citizen's first conversation."""
        from assistant.text import clean

        name = " ".join(clean(name).split())
        if not name:
            raise NameNeeded()
        with self.create_case(journey="adult", lang=lang, status="new", name=name, registered_name=name,
                              area=area, new_costly_complex=new_costly_complex) as handle:
            return handle.id

    def open_case(self, case_id: str, *, write: bool = True) -> CaseHandle:
        case_dir = self._case_dir(case_id)
        case_id = case_dir.name
        if not (case_dir / "case.json").exists():
            raise CaseNotFoundError(case=case_id)
        return CaseHandle(case_dir, write=write)

    def exists(self, case_id: str) -> bool:
        return (self._case_dir(case_id) / "case.json").exists()

    def case_ids(self) -> Iterator[str]:
        for entry in os.scandir(self.cases_dir):
            if entry.is_dir() and _CASE_ID.match(entry.name):
                yield entry.name

    def list_cases(self) -> list[CaseSummary]:
        """Every case, most recently updated first; unreadable ones carry ``error``."""
        summaries = []
        for case_id in self.case_ids():
            path = self.cases_dir / case_id / "case.json"
            try:
                data = AtomicJSONStorage(path).read() or {}
            except CorruptCaseError:
                summaries.append(CaseSummary(id=case_id, error=str(path)))
                continue
            meta = (data.get("case") or {}).get("1") or {}
            plan = (data.get("plan") or {}).get("1")
            casework = (data.get("casework") or {}).get("1")
            summaries.append(
                CaseSummary(
                    id=case_id,
                    name=meta.get("name", ""),
                    status=meta.get("status", ""),
                    journey=meta.get("journey", ""),
                    lang=meta.get("lang", ""),
                    created=meta.get("created", ""),
                    updated=meta.get("updated", ""),
                    meta=meta,
                    plan=plan,
                    casework=casework,
                )
            )
        summaries.sort(key=lambda s: s.updated, reverse=True)
        return summaries
