"""Widgets of the caseworker's workspace."""
