"""Persistence on TinyDB: one small database file per case.

Use :class:`store.repository.Store`; nothing else in the product touches files. The store
imports nothing of the assistant. Its names are loaded when first used (PEP 562), so the
small modules (:mod:`store.errors`, :mod:`store.clock`, :mod:`store.files`) can be imported
without TinyDB: the chat's first frame needs only those.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from store.index import no_gc
    from store.repository import CaseHandle, CaseSummary, Store, default_store_path

__all__ = ["CaseHandle", "CaseSummary", "Store", "default_store_path", "no_gc"]


def __getattr__(name: str) -> Any:
    if name == "no_gc":
        from store.index import no_gc

        return no_gc
    if name in __all__:
        from store import repository

        return getattr(repository, name)
    raise AttributeError(f"module 'store' has no attribute {name!r}")
