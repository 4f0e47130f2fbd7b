"""Opening a store for the assistant: the one place a :class:`store.Store` is made.

The store keeps cases and knows nothing of plans; what its summary indexes keep of a
case (the case list's fields, the report's frame) is the assistant's knowledge
(:mod:`assistant.domain.frame`), handed to the store here.
"""

from __future__ import annotations

from pathlib import Path

from store import Store


def summaries():
    from assistant.domain import frame  # when a list is first needed: the chat's start never needs one

    return frame.summaries()


def open_store(root: str | Path | None = None) -> Store:
    """The store at ``root`` (``$BORGERREJSE_STORE`` or the user data folder when None), with its lists.

    Raises :class:`~store.errors.StoreError` (a sentence) when the folder cannot be used."""
    return Store(root, summaries=summaries)
