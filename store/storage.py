"""A TinyDB storage that never leaves a half-written file.

TinyDB's own ``JSONStorage`` truncates and rewrites the file in place, so a kill
mid-write corrupts it; this one writes a new file and renames it into place
(:func:`store.files.atomic_write`). An unreadable file raises
:class:`~assistant.errors.CorruptCaseError` instead of being treated as empty, so
it is never overwritten.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from assistant.errors import CorruptCaseError
from store.files import atomic_write


class AtomicJSONStorage(Storage):
    def __init__(self, path: str | Path, create: bool = True) -> None:
        self.path = Path(path)
        self._create = create

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise CorruptCaseError(path=str(self.path)) from exc
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise CorruptCaseError(path=str(self.path)) from exc
        if not isinstance(data, dict):
            raise CorruptCaseError(path=str(self.path))
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        atomic_write(self.path, payload)

    def close(self) -> None:  # nothing is held open between calls
        pass
