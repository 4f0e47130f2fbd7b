"""Tests of the citizen's chat (assistant/tui/citizen) through Textual's pilot, a pty and snapshots."""
