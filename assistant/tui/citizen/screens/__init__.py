"""Screens of the citizen's chat."""
