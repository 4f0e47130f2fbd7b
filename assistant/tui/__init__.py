"""The citizen's chat in the terminal: a Textual face on :mod:`assistant.conversation`.

Nothing here decides what is asked or how an answer is understood; that is the
core's job. This package only shows prompts, collects replies and keeps disk
work off the event loop.
"""
