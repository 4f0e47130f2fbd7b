"""The words of DOMAIN.md as types, and the rules that need no store: journeys, questions,
drafting, the voice, safety signs, measures, progress, the audit, LIX."""
