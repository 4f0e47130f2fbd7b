"""The summary index: what a list of cases and the management report need, without
reading every case file.

The case files stay the only truth; the index is derived data kept in
``<root>/index/cases.json``. Each entry carries the *stamp* of the case file it was
made from (inode, size, modification and change time in nanoseconds), taken with
``fstat`` on the very descriptor the file was read through. Every case write
replaces the case file by a new one (:func:`store.files.atomic_write`: a new inode),
so each write changes the stamp, and the next look at the index re-reads exactly
the cases written since. A look therefore costs one read of the index, one
``stat`` per case, and a full read only of the cases that changed.

Why this is never wrong once checked:

- missing, unreadable, damaged or from another version: it is rebuilt from the files;
- a case whose stamp differs, or that is new, is re-read; one that is gone is dropped;
- a file modified so close to the time the index was written that a coarse file-system
  clock could give a later write the same stamp ("racy", as git calls it) is not
  trusted and is re-read the next time;
- the index file is written whole (temporary file, fsync, rename) under a store-level
  ``flock`` (``index/lock``), so a kill -9 leaves the old or the new index, and two
  processes never interleave their writes. A process that finds the lock taken does
  not wait: its own result is correct, and the next look writes it.
"""

from __future__ import annotations

import errno
import fcntl
import gc
import json
import os
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import orjson  # the index's own files: the same JSON, read about 2x and written about 8x faster

from store.errors import CorruptCaseError
from store.interface import Summarise
from store import files
from store.files import open_private, private_dir
from store.schema import CASE_ID as _CASE_ID  # the one rule of what a case folder is
from store.schema import Damaged, check_case_data
from store.storage import _is_tinydb_shape

INDEX_FORMAT = 1
# A file changed less than this before the index was written may share its stamp with a
# later write on a file system with a coarse clock: such entries are read again next time.
RACY_NS = 3_000_000_000



@contextmanager
def no_gc() -> Iterator[None]:
    """The cyclic garbage collector paused: parsing an index of 10,000 cases makes some 100,000
    containers, and the collector would walk all of them again and again (about twice the
    parse itself). Nothing made here holds a cycle; reference counting frees it all the same."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _stamp(st: os.stat_result) -> list[int]:
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def read_case_file(path: Path) -> tuple[dict[str, Any], list[int]]:
    """A case file's tables and the stamp of exactly the bytes read (fstat on the same descriptor).

    Raises :class:`CorruptCaseError` or :class:`Damaged` for a file that is not a case.
    """
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise CorruptCaseError(path=str(path)) from exc
    try:
        stamp = _stamp(os.fstat(fd))
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read()
    except OSError as exc:
        raise CorruptCaseError(path=str(path)) from exc
    finally:
        os.close(fd)
    try:
        data = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CorruptCaseError(path=str(path)) from exc
    if not _is_tinydb_shape(data):
        raise CorruptCaseError(path=str(path))
    check_case_data(data)
    return data, stamp


class CaseIndex:
    """The index of one store's ``cases`` folder."""

    def __init__(self, root: Path, cases_dir: Path, summarise: Summarise, version: str, *, name: str = "cases",
                 head: Callable[[dict[str, dict[str, Any]]], dict[str, Any]] | None = None) -> None:
        self.dir = root / "index"
        self.path = self.dir / f"{name}.json"
        self.head_path = self.dir / f"{name}.head.json"
        self.cases_dir = cases_dir
        self.summarise = summarise
        self.make_head = head  # a list's top, written beside the index each time it is (see head)
        self.version = f"{INDEX_FORMAT}:{version}"
        self.last_reread = 0  # how many case files the last look had to read (for tests and benchmarks)
        self.last_changed: set[str] = set()  # the cases the last look re-read or dropped

    # -- reading --------------------------------------------------------------
    def _load(self) -> dict[str, Any]:
        try:
            raw = self.path.read_bytes()
            with no_gc():
                data = orjson.loads(raw)
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version or not isinstance(data.get("cases"), dict) \
                or not isinstance(data.get("written"), int):
            return {}  # damaged, or from another version: rebuilt from the case files
        return data

    def cached(self) -> dict[str, Any]:
        """The index as it was last written, not checked against the case files: ``{}`` if it
        is missing, damaged or from another version. For a first screenful only; pass it to
        :meth:`entries` (``loaded=``) right after, which checks it and says what changed."""
        return self._load()

    def cached_cases(self, loaded: dict[str, Any], reread: set[str] | frozenset[str] = frozenset()) -> dict[str, dict[str, Any]]:
        """The entries of ``loaded`` (see :meth:`cached`), with the cases ``reread`` read again
        from their files (those this process wrote: it knows they changed) — unchecked otherwise."""
        cases = dict(loaded.get("cases") or {})
        for case_id in reread:
            path = self.cases_dir / case_id / "case.json"
            if os.path.lexists(path):
                cases[case_id] = self._entry(case_id, path)
            else:
                cases.pop(case_id, None)
        return cases

    def entries(self, loaded: dict[str, Any] | None = None) -> dict[str, dict[str, Any]]:
        """Every case's entry, ``{"summary": {...}}`` or ``{"error": path}``, up to date now.

        ``loaded``: what :meth:`cached` returned a moment ago (read once, checked here)."""
        started = time.time_ns()
        old = self._load() if loaded is None else loaded
        written = old.get("written", 0)
        old_cases: dict[str, Any] = old.get("cases", {})
        fresh: dict[str, dict[str, Any]] = {}
        changed = len(old_cases) == 0 and not old
        reread, touched = 0, []
        match, stat, lexists, sep = _CASE_ID.match, os.stat, os.path.lexists, os.sep
        for entry in os.scandir(self.cases_dir):
            case_id = entry.name
            if not match(case_id) or not entry.is_dir():
                continue
            path = entry.path + sep + "case.json"
            try:
                st = stat(path)
                stamp = [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]
            except FileNotFoundError:
                if not lexists(path):
                    continue  # a folder being made or half made: not a case
                stamp = None  # a link to nowhere: damage
            except OSError:
                stamp = None
            known = old_cases.get(case_id)
            if (stamp is not None and known.__class__ is dict and known.get("stamp") == stamp
                    and stamp[2] + RACY_NS < written and ("summary" in known or "error" in known)):
                fresh[case_id] = known
                continue
            reread += 1
            touched.append(case_id)
            changed = True
            fresh[case_id] = self._entry(case_id, Path(path))
        gone = set(old_cases) - set(fresh)
        if gone:
            changed = True
        self.last_reread = reread
        self.last_changed = {*touched, *gone}
        if changed:
            self._save({"version": self.version, "written": started, "cases": fresh})
            if self.make_head is not None:
                self.save_head(self.make_head(fresh))
        return fresh

    def _entry(self, case_id: str, path: Path) -> dict[str, Any]:
        try:
            data, stamp = read_case_file(path)
        except (CorruptCaseError, Damaged):
            try:
                stamp = _stamp(os.stat(path))
            except OSError:
                stamp = None
            return {"stamp": stamp, "error": str(path)}
        try:
            summary = self.summarise(case_id, data)
        except Exception:  # odd content the checks let through: a damaged row, never a traceback
            return {"stamp": stamp, "error": str(path)}
        return {"stamp": stamp, "summary": summary}

    # -- the head: the top of a list, for its first screenful ---------------------
    def head(self) -> dict[str, Any]:
        """What :meth:`save_head` last wrote (``{}`` if missing, damaged or of another version):
        a list's first rows as the last check saw them. Never checked: a face shows it only
        until its own check (:meth:`entries`) is done, and then shows what that found."""
        try:
            data = orjson.loads(self.head_path.read_bytes())
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version or not isinstance(data.get("cases"), list):
            return {}
        return data

    def save_head(self, data: dict[str, Any]) -> None:
        """Keep ``data`` (a list's top, worked out from entries just checked) as :meth:`head`."""
        self._write(self.head_path, {**data, "version": self.version})

    # -- writing --------------------------------------------------------------
    def _save(self, data: dict[str, Any]) -> None:
        self._write(self.path, data)

    def _write(self, path: Path, data: dict[str, Any]) -> None:
        """Write ``path`` whole, under the store's index lock; skipped if another process holds it."""
        try:
            private_dir(self.dir)
            fd = open_private(self.dir / "lock", os.O_RDWR)
        except OSError:
            return  # a read-only store: the index is only a speed-up
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                    return
                raise
            payload = orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS)  # what json.dumps wrote, byte for byte
            try:
                files.atomic_write(path, payload)
            except OSError:
                pass  # a full disk: the next look tries again; the case files are untouched
        finally:
            os.close(fd)
