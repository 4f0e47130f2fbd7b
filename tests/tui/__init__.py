"""Tests of assistant/tui, one folder per face."""
