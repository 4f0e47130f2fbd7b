"""The command line (one module per command family) and the JSON-lines face."""
