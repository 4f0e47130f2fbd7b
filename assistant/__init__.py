"""borgerrejse: a guided conversation that helps a citizen write their own action plan.

The core (journey engine, drafting, plan model, store) never imports Textual; the
terminal UI in :mod:`assistant.tui` is one face on it, the JSON-lines runner another.
"""

__version__ = "0.1.0"
