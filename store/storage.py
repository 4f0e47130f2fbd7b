"""A TinyDB storage that never leaves a half-written file.

TinyDB's own ``JSONStorage`` truncates and rewrites the file in place, so a kill
mid-write corrupts it; this one writes a new file and renames it into place
(:func:`store.files.atomic_write`). An unreadable file raises
:class:`~assistant.common.errors.CorruptCaseError` instead of being treated as empty, so
it is never overwritten.
"""

from __future__ import annotations

import json
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator

from tinydb.storages import Storage

from store.errors import CorruptCaseError, save_failed
from store.files import atomic_write


class BatchAbandoned(RuntimeError):
    """A nested part of a batch failed and was caught: the batch was not written."""


def _is_tinydb_shape(data: Any) -> bool:
    """Tables of documents: ``{table: {doc id: {field: value}}}`` — anything else is damage."""
    return isinstance(data, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values())
        for table in data.values()
    )


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        self._create = create
        self._depth = 0  # > 0 inside batch(): writes are held and land as one
        self._held: dict[str, dict[str, Any]] | None = None
        self._dirty = False
        self._failed = False

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Let several TinyDB operations land on disk as one atomic write, or not at all.

        A nested batch joins the outer one. If anything inside fails, nothing of the
        whole batch is written, even if an outer caller catches the error and goes on.
        """
        if self._depth:  # nested: join the outer batch, and spoil it on failure
            self._depth += 1
            try:
                yield
            except BaseException:
                self._failed = True
                raise
            finally:
                self._depth -= 1
            return
        self._depth, self._held, self._dirty, self._failed = 1, None, False, False
        try:
            yield
            if self._failed:
                raise BatchAbandoned()
            if self._dirty:
                self._write_file(self._held or {})
        finally:
            self._depth, self._held, self._dirty, self._failed = 0, None, False, False

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._depth:
            if self._held is None:
                self._held = self._read_file()
            return self._held
        return self._read_file()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._depth:
            self._held, self._dirty = data, True
        else:
            self._write_file(data)

    def _read_file(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            if self.path.is_symlink():  # a link to nowhere is damage, not "no case"
                raise CorruptCaseError(path=str(self.path)) from None
            return None
        except OSError as exc:
            raise CorruptCaseError(path=str(self.path)) from exc
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorruptCaseError(path=str(self.path)) from exc
        if not _is_tinydb_shape(data):
            raise CorruptCaseError(path=str(self.path))
        return data

    def _write_file(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            atomic_write(self.path, payload)
        except OSError as exc:  # full disk, read-only, not allowed: one sentence, the old file intact
            raise save_failed(exc, self.path) from exc

    def close(self) -> None:  # nothing is held open between calls
        pass
