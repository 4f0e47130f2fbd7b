"""Trainer mode: invented personas played through the real conversation, on a demo store.

``borgerrejse trainer`` lets a trainer put the dialogue methods on the projector:
play a persona step by step or at a pace, pause and type another answer to show
the branch, step back, read the method panel and the map of the journey, and end
with the drafted plan beside the conversation. Nothing touches the real cases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from assistant.tui.trainer.app import TrainerApp


def make_trainer_app(
    demo_store: str | None = None,
    *,
    real_store: str | None = None,
    dialogues: str | None = None,
    lang: str | None = None,
) -> "TrainerApp":
    """The one factory for the CLI and the tests (refuses a demo folder that is the real store)."""
    from assistant.services.demo import demo_store as open_demo_store
    from assistant.tui.trainer.app import TrainerApp

    return TrainerApp(open_demo_store(demo_store, real_store), dialogues=dialogues, lang=lang)


def run_trainer(demo_store: str | None = None, *, real_store: str | None = None,
                dialogues: str | None = None, lang: str | None = None) -> int:
    app = make_trainer_app(demo_store, real_store=real_store, dialogues=dialogues, lang=lang)
    try:
        app.run()
    finally:
        app.close_player()
    return app.return_code or 0
