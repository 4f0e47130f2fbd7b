"""The workspace's screens: case list, case, and the edit/export dialogs."""
