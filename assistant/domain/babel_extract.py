"""A babel extractor for dialogue files, so ``pybabel extract`` finds their texts.

Registered as the ``borgerrejse_dialogue`` extractor (see pyproject.toml and
babel.cfg). Yields prompts, prompt variants, choice labels, trainer notes and the
journey title, each with the step it belongs to as an extracted comment; and the
safety check's texts from dialogues/safety.toml.
"""

from __future__ import annotations

import tomllib
from typing import IO, Any, Iterator

from assistant.domain.journey import parse_journey
from assistant.domain.safety import messages
from assistant.domain.safety_children import messages as children_messages


def extract_dialogue(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str, str, list[str]]]:
    data = tomllib.loads(fileobj.read().decode("utf-8"))
    if "persona" in data and "journey" not in data:
        return  # a trainer-mode persona (dialogues/personas): invented answers, nothing to translate
    if "safety" in data:  # dialogues/safety.toml: the safety check, help lines, kinds of sign

        found = messages(data) + children_messages(data)
    elif "journey" in data:
        found = parse_journey(data, data["journey"].get("id", "dialogue")).messages()
    else:  # word lists (dialogues/nonanswers.toml): nothing to translate
        found = []
    for lineno, message, note in found:
        yield lineno, "gettext", message, [note]
