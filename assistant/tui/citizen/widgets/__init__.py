"""Widgets of the citizen's chat."""
