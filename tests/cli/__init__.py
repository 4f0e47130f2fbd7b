"""Tests of assistant/cli: the command line, the JSON-lines and plain channels, their sentences for every fault."""
