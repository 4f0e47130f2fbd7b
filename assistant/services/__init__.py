"""What a person does with a case: the conversations (first, follow-up, changes review),
casework, flags, settings, the report, the sample, the demo store and authoring."""
