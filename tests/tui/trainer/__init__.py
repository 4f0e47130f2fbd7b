"""Tests of trainer mode (assistant/tui/trainer) through Textual's pilot and snapshots."""
