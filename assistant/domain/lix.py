"""LIX, the Scandinavian readability index (Björnsson 1968).

LIX = words / sentences + 100 × long words / words, where a long word has more
than six letters. Under 30 reads as very easy (children's books); 30–40 easy
(fiction, popular press); above 40 is where public-sector prose usually sits.
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
# A sentence ends at . : ! ? or at a line break (headings and list items count).
_SENTENCE_END = re.compile(r"[.:!?]+(?=\s|$|[»«“”\"')])|\n+")


def lix(text: str) -> float:
    words = _WORD.findall(text)
    if not words:
        return 0.0
    chunks = [c for c in _SENTENCE_END.split(text) if _WORD.search(c)]
    sentences = max(1, len(chunks))
    long_words = sum(1 for w in words if len(w) > 6)
    return len(words) / sentences + 100 * long_words / len(words)
