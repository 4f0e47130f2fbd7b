"""Persistence on TinyDB: one small database file per case.

Use :class:`store.repository.Store`; nothing else in the product touches files.
"""

from store.index import no_gc
from store.repository import CaseHandle, CaseSummary, Store, default_store_path

__all__ = ["CaseHandle", "CaseSummary", "Store", "default_store_path", "no_gc"]
