"""The citizen's chat in the terminal: a Textual face on :mod:`assistant.services.conversation`.

Nothing here decides what is asked or how an answer is understood; that is the
core's job. This package only shows prompts, collects replies and keeps disk
work off the event loop.
"""

import gc

_gc_paused = False


def pause_gc() -> None:
    """No cycle collection while the program starts (imports, the screen, the first question):
    it finds almost nothing then and took a tenth of the start-up time. :func:`resume_gc`
    turns it back on once the first question is painted (and at the latest when the app ends)."""
    global _gc_paused
    if gc.isenabled():
        gc.disable()
        _gc_paused = True


def resume_gc() -> None:
    """Collection on again; what start-up made is kept out of later collections (``gc.freeze``)."""
    global _gc_paused
    if _gc_paused:
        _gc_paused = False
        gc.freeze()
        gc.enable()
