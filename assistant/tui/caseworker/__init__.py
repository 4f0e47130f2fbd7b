"""The caseworker's workspace: a Textual face on :mod:`assistant.services.casework`.

``borgerrejse caseworker`` lists the cases; opening one shows the conversation as
it happened beside the plan, which the caseworker completes, audits, finalises
and exports. The citizen's words are shown, never edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.tui.caseworker.app import CaseworkerApp


def make_caseworker_app(store_path: str | None = None, lang: str | None = None, user: str | None = None) -> "CaseworkerApp":
    """The one factory for the CLI and the tests (opens the store, raises StoreError)."""
    from assistant.tui.caseworker.app import CaseworkerApp
    from assistant.services.stores import open_store

    return CaseworkerApp(open_store(store_path), lang=lang, user=user)


def run_caseworker(store_path: str | None = None, lang: str | None = None) -> int:
    """Run the workspace in this terminal; the process's exit code."""
    app = make_caseworker_app(store_path, lang)
    try:
        app.run()
    finally:
        app.close_case()
    return app.return_code or 0
