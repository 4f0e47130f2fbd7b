"""The repository API: cases, their conversation events and their plan.

Layout on disk (all folders 0700, all files 0600)::

    <root>/cases/<case id>/case.json   TinyDB: tables "case", "events", "plan", …
    <root>/cases/<case id>/lock        held (flock) while a conversation is open

One file per case keeps the cost of an answer independent of how many cases
exist, and a damaged file harms only its own case.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from tinydb import TinyDB
from tinydb.table import Document

from store.errors import (
    CaseLockedError,
    CaseNotFoundError,
    CorruptCaseError,
    InvalidCaseId,
    NameNeeded,
    SaveFailed,
    StoreError,
    save_failed,
)
from store import clock, files
from store.files import DIR_MODE, fsync_dir, open_private, private_dir
from store.schema import CASE_ID as _CASE_ID
from store.schema import Damaged, check_case_data
from store.storage import AtomicJSONStorage

if TYPE_CHECKING:
    from store.interface import Summaries
    from store.index import CaseIndex

ENV_VAR = "BORGERREJSE_STORE"
_STAGING = ".new-"  # a case being made: invisible until it is complete (see Store.create_case)
# Events that say nothing of the citizen's: a case holding only these holds nothing.
_EMPTY_EVENTS = ("start", "resume", "pause", "lang")


def default_store_path() -> Path:
    """``$BORGERREJSE_STORE`` or the user data folder (via platformdirs)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_path

    return user_data_path("borgerrejse", appauthor=False) / "store"


def check_case_id(case_id: str) -> str:
    """A safe case id (lower case letters and digits); people may type it in capitals,
    with the dash of a shown code (``KX4-9PM``) or spaces."""
    from store.codes import normalise_code

    normalised = normalise_code(case_id)
    if not _CASE_ID.match(normalised):
        raise InvalidCaseId(case=str(case_id)[:40])
    return normalised


@dataclass(slots=True)  # not frozen: a frozen init costs a setattr per field, 10,000 times per list
class CaseSummary:
    """What a list of cases shows; ``error`` is set when the file cannot be read."""

    id: str
    name: str = ""
    status: str = ""
    journey: str = ""
    lang: str = ""
    created: str = ""
    updated: str = ""
    meta: dict | None = None  # the case record's registration fields (id, name, area, …)
    casework: dict | None = None  # the caseworker's status and version, once there is casework
    list_status: str = ""  # as the caseworker's list shows it (assistant.domain.frame.list_status)
    follow_up: str | None = None  # ISO date of the plan's follow-up
    has_plan: bool = False  # the assistant has drafted a plan
    error: str | None = None


class CaseHandle:
    """An open case. With ``write=True`` it holds the case's lock until closed."""

    def __init__(self, case_dir: Path, *, write: bool, lock_fd: int | None = None) -> None:
        self.id = case_dir.name
        self.dir = case_dir
        self.path = case_dir / "case.json"
        self._lock_fd: int | None = lock_fd
        self.writable = write
        try:
            if write:
                if lock_fd is None:
                    self._lock()
                self._remove_leftovers()
            self._db = TinyDB(self.path, storage=AtomicJSONStorage)
            data = self._db.storage.read()
            if data is None and self.path.exists():
                raise CorruptCaseError(path=str(self.path))
            try:
                check_case_data(data or {})
            except Damaged:
                raise CorruptCaseError(path=str(self.path)) from None
            self._meta = self._db.table("case").get(doc_id=1)
            if self._meta is None and self.path.exists():
                raise CorruptCaseError(path=str(self.path))
        except BaseException:
            self.close()
            raise

    # -- locking --------------------------------------------------------------
    def _lock(self) -> None:
        self._lock_fd = lock_case_dir(self.dir)

    def _remove_leftovers(self) -> None:
        """Half-written temporary files of a process that was killed mid-write.

        Only the lock holder writes, so with the lock held no other writer's file is
        here. Best effort: a folder that cannot be listed (read-only, mode 0300) keeps them.
        """
        try:
            for leftover in self.dir.glob(".case.json.*.tmp"):
                leftover.unlink(missing_ok=True)
        except OSError:
            pass

    def holds_nothing(self) -> bool:
        """True when nothing in this case is anyone's words or work: no answer, no
        plan, no caseworker's changes, no registration by a caseworker."""
        if self.meta.get("registered_name") or self.meta.get("status") == "new":
            return False
        if any(ev.get("type") not in _EMPTY_EVENTS for ev in self.events()):
            return False
        tables = set(self._db.tables()) - {"case", "events"}
        return not any(self._db.table(t).all() for t in tables)

    def discard(self) -> None:
        """Remove this case for good and let it go — only if it holds nothing at all.

        Anything that holds someone's words is never removed here, whatever else is wrong with it.
        """
        self._require_write()
        if not self.holds_nothing():
            raise RuntimeError("a case that holds something is never discarded")
        self._remove_leftovers()
        try:
            for path in (self.path, self.dir / "lock"):
                path.unlink(missing_ok=True)
            self.close()
            self.dir.rmdir()
            fsync_dir(self.dir.parent)
        except OSError as exc:
            raise save_failed(exc, self.dir) from exc

    def close(self) -> None:
        if self._lock_fd is not None:
            try:
                fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            finally:
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
        fields["updated"] = clock.now()
        table = self._db.table("case")
        if self._meta is None:
            table.insert(fields)
        else:
            table.update(fields, doc_ids=[1])
        self._meta = table.get(doc_id=1)

    def replace_meta(self, meta: dict[str, Any]) -> None:
        """Keep only ``meta`` (fields not named are erased)."""
        self.put_doc("case", {**meta, "updated": clock.now()})
        self._meta = self._db.table("case").get(doc_id=1)

    # -- events ---------------------------------------------------------------
    def events(self) -> list[dict[str, Any]]:
        return [dict(doc) for doc in self._db.table("events").all()]

    def append_event(self, event: dict[str, Any]) -> dict[str, Any]:
        """Store one event durably (fsynced) before returning it with its time."""
        self._require_write()
        event = {"at": clock.now(), **event}
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

    def replace_doc_where(self, table: str, key: str, value: Any, doc: dict[str, Any]) -> None:
        """Replace the documents of ``table`` whose ``key`` is ``value`` by ``doc`` (one follow-up round …)."""
        self._require_write()
        self._db.table(table).update(lambda current: _replace(current, doc), cond=lambda d: d.get(key) == value)

    def add_doc(self, table: str, doc: dict[str, Any]) -> None:
        self._require_write()
        self._db.table(table).insert(doc)

    @property
    def plan(self) -> dict[str, Any] | None:
        return self.get_doc("plan")


def lock_case_dir(case_dir: Path) -> int:
    """Take a case folder's lock (``flock`` on its ``lock`` file); the open descriptor holds it.

    On a read-only disk the lock is taken on the file as it is, so a finished case
    can still be read; a lock that is a folder, or cannot be opened, is one sentence.
    """
    path = case_dir / "lock"
    try:
        fd = open_private(path, os.O_RDWR)
    except IsADirectoryError:
        raise CorruptCaseError(path=str(path)) from None
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise save_failed(exc, case_dir) from exc
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            raise save_failed(exc, case_dir) from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(fd)
        raise CaseLockedError() from None
    except OSError as exc:
        os.close(fd)
        raise save_failed(exc, case_dir) from exc
    return fd


def _replace(current: dict, new: dict) -> None:
    current.clear()
    current.update(new)


class Store:
    """All cases under one root folder."""

    default_summaries: "Summaries | None" = None
    """The summaries of a store opened without them: set only by a test run, whose tests open
    stores by hand; the program opens every store with :func:`assistant.services.stores.open_store`."""

    def __init__(self, root: str | Path | None = None, *, summaries: "Summaries | None" = None) -> None:
        """Open (and make, privately) the store at ``root``.

        ``summaries`` says what the summary indexes keep of a case (:class:`store.index.IndexKind`
        per kind, ``cases`` and ``frame``); the store knows nothing of plans, so the assistant
        gives it (:func:`assistant.services.stores.open_store`). Without it, the store keeps
        and reads cases but has no lists.
        """
        self.root = Path(root).expanduser() if root else default_store_path()
        self._summaries = summaries or Store.default_summaries
        default = not (root or os.environ.get(ENV_VAR))  # the user data folder: ours to make private
        try:
            if default:
                private_dir(self.root.parent)  # the app's own folder in the user data dir
            private_dir(self.root, ours=default)
            self.cases_dir = private_dir(self.root / "cases")
        except OSError as exc:
            raise StoreError(path=str(self.root)) from exc
        self._swept = False
        self.written_here: set[str] = set()
        """Cases this process opened for writing through this store: a list drawn from the index
        as last written (:meth:`store.index.CaseIndex.cached`) re-reads these before it is shown."""

    # -- store-wide settings (municipality, contact person, providers) -------------
    def settings(self) -> dict[str, Any]:
        """The store's settings document (``settings.json``), ``{}`` before any is written.

        Not personal data about citizens: the municipality, its contact person and the
        list of providers. A damaged file is reported by name and never overwritten."""
        path = self.root / "settings.json"
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            return {}
        except OSError as exc:
            raise CorruptCaseError(path=str(path)) from exc
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise CorruptCaseError(path=str(path)) from None
        if not isinstance(data, dict):
            raise CorruptCaseError(path=str(path))
        return data

    def update_settings(self, change) -> dict[str, Any]:
        """Read, ``change(settings)`` in place, and write back atomically, under a lock so two
        processes never lose each other's change. Returns the settings as written."""
        fd = open_private(self.root / "settings.lock", os.O_RDWR)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            settings = self.settings()
            change(settings)
            path = self.root / "settings.json"
            try:
                files.atomic_write(path, json.dumps(settings, ensure_ascii=False, indent=1).encode("utf-8"))
            except OSError as exc:
                raise save_failed(exc, path) from exc
            return settings
        finally:
            os.close(fd)

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
        """A new case, open for writing, with ``meta`` stored at once.

        The case is made complete in a hidden folder (``.new-<id>``) and renamed into
        place, so a full disk or a kill during start-up never leaves a half-made case
        in the list; such leftovers are swept away here.
        """
        if not self._swept:  # once per store and process: a look at every folder costs O(cases)
            self.sweep_half_made()
            self._swept = True
        with self._making(sweeping=False):
            return self._create_case(meta)

    @contextmanager
    def _making(self, *, sweeping: bool) -> Iterator[None]:
        """Cases are made under a shared lock (``creating.lock``) and swept under an exclusive
        one, so a sweep never takes a ``.new-`` folder another process or thread has just made
        and not yet locked."""
        try:
            fd = open_private(self.root / "creating.lock", os.O_RDWR)
        except OSError as exc:
            raise save_failed(exc, self.cases_dir) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX if sweeping else fcntl.LOCK_SH)
            yield
        finally:
            os.close(fd)

    def _create_case(self, meta: dict[str, Any]) -> CaseHandle:
        case_id = self.new_case_id()
        staging = self.cases_dir / f"{_STAGING}{case_id}"
        lock_fd = None
        try:
            staging.mkdir(mode=DIR_MODE)
            os.chmod(staging, DIR_MODE)
            lock_fd = lock_case_dir(staging)
            stamp = clock.now()
            record = {"id": case_id, "created": stamp, **meta, "updated": stamp}
            files.atomic_write(staging / "case.json", json.dumps({"case": {"1": record}}, ensure_ascii=False).encode("utf-8"))
            case_dir = self.cases_dir / case_id
            os.rename(staging, case_dir)
            fsync_dir(self.cases_dir)
        except BaseException as exc:
            if lock_fd is not None:
                os.close(lock_fd)
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError):
                raise save_failed(exc, self.cases_dir) from exc
            raise
        self.written_here.add(case_id)
        return CaseHandle(case_dir, write=True, lock_fd=lock_fd)

    def sweep_half_made(self) -> None:
        """Remove what a process killed while making a case left: a hidden ``.new-`` folder,
        or (from older versions) a case folder with a lock and no case file. Only
        folders nobody holds the lock of, and that hold no case file, are removed."""
        try:
            with self._making(sweeping=True):
                self._sweep()
        except (OSError, StoreError, SaveFailed):
            return  # a store we cannot write to has nothing of ours to sweep

    def _sweep(self) -> None:
        try:
            entries = list(os.scandir(self.cases_dir))
        except OSError:
            return
        for entry in entries:
            staging = entry.name.startswith(_STAGING)
            if not entry.is_dir(follow_symlinks=False) or not (staging or _CASE_ID.match(entry.name)):
                continue
            folder = Path(entry.path)
            if not staging and os.path.lexists(folder / "case.json"):
                continue
            try:
                leftovers = {p.name for p in folder.iterdir()}
                if not staging and not leftovers <= {"lock"} | {p for p in leftovers if p.endswith(".tmp")}:
                    continue  # something we did not make: leave it alone
                fd = lock_case_dir(folder)
            except (OSError, CaseLockedError, CorruptCaseError, StoreError):
                continue  # being made right now, or not ours to judge
            try:
                shutil.rmtree(folder)
            except OSError:
                pass
            finally:
                os.close(fd)

    def register_case(self, *, name: str, lang: str, area: str | None = None,
                      new_costly_complex: bool = False, journey: str = "adult", plan_kind: str | None = None,
                      registered_by: str | None = None) -> str:
        """A case a caseworker sets up before the citizen's first conversation."""
        name = " ".join(name.split())  # the assistant has cleaned it (assistant.services.caselist.register_case)
        if not name:
            raise NameNeeded()
        extra = {"plan_kind": plan_kind} if plan_kind else {}  # a young person's plan: barnets plan or ungeplan
        if registered_by:
            extra["registered_by"] = registered_by  # the caseworker: the case is in their "my cases"
        with self.create_case(journey=journey, lang=lang, status="new", name=name, registered_name=name,
                              area=area, new_costly_complex=new_costly_complex, **extra) as handle:
            return handle.id

    def open_case(self, case_id: str, *, write: bool = True) -> CaseHandle:
        case_dir = self._case_dir(case_id)
        case_id = case_dir.name
        if not os.path.lexists(case_dir / "case.json"):  # a dangling link is damage, not "no case"
            raise CaseNotFoundError(case=case_id)
        if write:
            self.written_here.add(case_id)
        return CaseHandle(case_dir, write=write)

    def exists(self, case_id: str) -> bool:
        return os.path.lexists(self._case_dir(case_id) / "case.json")

    def case_ids(self) -> Iterator[str]:
        """The cases in the store; a folder being made, or left half-made, is not one."""
        for entry in os.scandir(self.cases_dir):
            if entry.is_dir() and _CASE_ID.match(entry.name) and os.path.lexists(os.path.join(entry.path, "case.json")):
                yield entry.name

    def case_file(self, case_id: str | None) -> Path:
        """Where a case is kept (the folder of all cases for None), as a message names it."""
        return self.cases_dir if case_id is None else self.cases_dir / case_id / "case.json"

    def index(self, kind: str = "cases") -> "CaseIndex":
        """A summary index of this store (derived data; see :mod:`store.index`).

        ``cases``: what a case list shows; ``frame``: what the management report counts
        (two files, so a list never parses the report's figures).
        """
        from store.index import CaseIndex

        if self._summaries is None:
            raise TypeError("This store was opened without summaries (see Store.__init__): it has no lists.")
        what = self._summaries()[kind]
        return CaseIndex(self.root, self.cases_dir, what.summarise, what.version, name=kind, head=what.head)

    def frames(self) -> dict[str, dict | None]:
        """Every case's frame (:mod:`assistant.domain.frame`) by case id; None for a damaged case."""
        return {case_id: entry.get("summary") for case_id, entry in self.index("frame").entries().items()}

    def summaries(self, loaded: Any = None) -> dict[str, dict[str, Any]]:
        """Every case's list summary by case id, in no order: ``{"summary": {...}}`` (what
        :func:`assistant.domain.frame.summarise` keeps, texts already cleaned) or ``{"error": path}``
        for a case that cannot be read. Straight from the summary index, for lists of thousands;
        ``loaded``: what :meth:`summaries_as_written` returned first, checked here (not read twice)."""
        return self.index().entries(loaded=loaded)

    def summaries_as_written(self) -> tuple[Any, dict[str, dict[str, Any]]]:
        """The summary index as last written, not checked against the case files — except the
        cases this process wrote (:attr:`written_here`), which are read again: ``(loaded, entries)``.
        For a list's first screenful only, checked right after with ``summaries(loaded=loaded)``."""
        index = self.index()
        loaded = index.cached()
        return loaded, (index.cached_cases(loaded, set(self.written_here)) if loaded else {})

    def list_head(self) -> dict[str, Any]:
        """The caseworker's list's top as last saved (:func:`assistant.domain.frame.list_head`), unchecked;
        ``{}`` if there is none, it is damaged, or this process has written a case since it started
        (the head cannot know that write: :meth:`summaries_as_written` does)."""
        return {} if self.written_here else self.index().head()

    def save_list_head(self, head: dict[str, Any]) -> None:
        self.index().save_head(head)

    def list_cases(self) -> list[CaseSummary]:
        """Every case, most recently updated first; unreadable ones carry ``error``.

        Read from the summary index: one ``stat`` per case, and a full read only of
        the case files written since the index last looked.
        """
        summaries = []
        for case_id, entry in self.index().entries().items():
            if "error" in entry:
                summaries.append(CaseSummary(id=case_id, error=entry["error"]))
                continue
            summary = entry["summary"]
            meta = summary["meta"]
            summaries.append(
                CaseSummary(
                    id=case_id,
                    name=meta.get("name") or "",
                    status=meta.get("status", ""),
                    journey=meta.get("journey", ""),
                    lang=meta.get("lang", ""),
                    created=meta.get("created", ""),
                    updated=meta.get("updated", ""),
                    meta=meta,
                    casework=summary.get("casework"),
                    list_status=summary.get("list_status", ""),
                    follow_up=summary.get("follow_up"),
                    has_plan=bool(summary.get("has_plan")),
                )
            )
        summaries.sort(key=lambda s: (s.updated, s.id), reverse=True)
        return summaries
