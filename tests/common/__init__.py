"""Tests of assistant/common: translations, text cleaning and Markdown escaping."""
