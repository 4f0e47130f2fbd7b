"""Tests of assistant/render: the exports (JSON, Markdown, HTML) and the views they are built from."""
