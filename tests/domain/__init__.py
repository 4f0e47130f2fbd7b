"""Tests of assistant/domain: the journeys and their engine, drafting, voice, safety, audit, progress."""
