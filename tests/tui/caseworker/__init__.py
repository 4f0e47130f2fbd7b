"""Tests of the caseworker's workspace (assistant/tui/caseworker) through Textual's pilot and snapshots."""
