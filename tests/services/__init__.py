"""Tests of assistant/services: conversations, follow-ups, casework, changes, settings, reports, samples, demos, authoring."""
