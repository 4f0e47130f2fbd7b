"""The citizen's chat in the terminal."""
