"""Suggest a WHO quality-of-life dimension for a goal from the citizen's words.

The four WHOQOL-BREF dimensions are physical, psychological, social and
environment. Words are stemmed with the Snowball stemmers (Danish and English),
so "venner", "vennerne" and "ven" all match the stem of "ven". The result is only
a suggestion: the caseworker confirms or changes it.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from assistant.domain.vocabulary import DIMENSIONS
from assistant.common.i18n import LANGUAGES, translator


# WHOQOL-BREF facets, in the words citizens use.
_KEYWORDS: dict[str, dict[str, str]] = {
    "da": {
        "physical": "sund sundhed helbred kræfter krop motion træne træning sove søvn spise mad "
        "madpakke smerte smerter læge medicin ryge rygning drikke alkohol energi træt "
        "cykle cykel svømme sport vægt tandlæge løbe vaske vasketøj "
        "rengøring handle indkøb arbejde arbejdet job arbejdsplads",
        "psychological": "glad gladere glæde angst angstfri bange ro rolig tryg tryghed "
        "selvtillid selvværd humør tanker tænke stress nervøs ked trist depression "
        "håb stolt modig koncentration huske hukommelse",
        "social": "ven venner veninde venskab kammerat familie børn barn søn datter "
        "mor far forældre søster bror kæreste partner nabo naboer fællesskab klub "
        "forening hold sammen besøg snakke ensom ensomhed kontakt",
        "environment": "bolig lejlighed hus hjem værelse flytte penge økonomi gæld "
        "regning regninger budget uddannelse skole kursus lære bus tog transport "
        "kørekort ferie rejse fritid hobby natur",
    },
    "en": {
        "physical": "health healthy body exercise train training sleep eat food meal "
        "pain doctor medicine smoke smoking drink alcohol energy tired bike cycle swim "
        "sport weight dentist run wash laundry cleaning shopping work job",
        "psychological": "happy happier joy anxiety afraid calm safe confidence "
        "self-esteem mood thoughts think stress nervous sad depression hope proud brave "
        "concentrate memory faith",
        "social": "friend friends friendship mate family children child son daughter "
        "mother father parents sister brother girlfriend boyfriend partner neighbour "
        "community club team together visit talk lonely loneliness contact",
        "environment": "home flat apartment house room move money finances debt bill "
        "bills budget education school course learn bus train transport licence "
        "holiday travel leisure hobby garden nature",
    },
}
_STEMMER_NAMES = {"da": "danish", "en": "english"}
# Snowball stemmers keep state while they stem: one thread at a time uses them.
_LOCK = threading.Lock()
_warming: threading.Thread | None = None
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=None)
def _stemmer(lang: str):
    import snowballstemmer

    return snowballstemmer.stemmer(_STEMMER_NAMES[lang])


@lru_cache(maxsize=None)
def _stems(lang: str) -> dict[str, frozenset[str]]:
    stem = _stemmer(lang).stemWord
    return {dim: frozenset(stem(w) for w in words.split()) for dim, words in _KEYWORDS[lang].items()}


def _matches(word_stem: str, keyword_stems: frozenset[str]) -> bool:
    if word_stem in keyword_stems:
        return True
    # Danish compounds: "fodboldklub" ends with "klub", "venskabsbesøg" starts with "venskab".
    return any(
        len(k) >= 4 and (word_stem.endswith(k) or word_stem.startswith(k)) for k in keyword_stems
    )


def warm_up() -> threading.Thread:
    """Load the stemmers, stem the keyword lists and load babel's date data in the
    background, once per process.

    That costs some 100 ms (importing snowballstemmer loads every language it has); the
    conversation starts it at the citizen's first answer, so the answer that drafts the
    plan is as quick as the others instead of paying for it.
    """
    global _warming
    with _LOCK:
        if _warming is None:
            _warming = threading.Thread(target=_warm, name="classify-warm-up", daemon=True)
            _warming.start()
        return _warming


def _warm() -> None:
    with _LOCK:
        for lang in _KEYWORDS:
            _stems(lang)
    import datetime as dt


    for lang in LANGUAGES:  # babel's locale data for the plan's dates: loaded once, here
        translator(lang).date(dt.date.today())


def scores(text: str) -> dict[str, int]:
    """How many words of ``text`` point to each dimension (Danish and English lists)."""
    with _LOCK:
        return _scores(text)


def _scores(text: str) -> dict[str, int]:
    words = [w.casefold() for w in _WORD.findall(text)]
    result = dict.fromkeys(DIMENSIONS, 0)
    for lang in _KEYWORDS:
        for w in words:
            for dim in _dimensions_of(lang, w):
                result[dim] += 1
    return result


@lru_cache(maxsize=4096)
def _dimensions_of(lang: str, word: str) -> tuple[str, ...]:
    """The dimensions one (casefolded) word points to in ``lang``; called with the lock held."""
    s = _stemmer(lang).stemWord(word)
    table = _stems(lang)
    return tuple(dim for dim in DIMENSIONS if _matches(s, table[dim]))


def suggest_dimension(*weighted: tuple[str | None, int]) -> str | None:
    """The dimension the (text, weight) pairs point to most, or None when none points anywhere.

    The dream itself weighs most: the why and the sign often name other parts of life.
    """
    total = dict.fromkeys(DIMENSIONS, 0)
    for text, weight in weighted:
        if text:
            for dim, n in scores(text).items():
                total[dim] += n * weight
    best = max(DIMENSIONS, key=lambda d: total[d])
    return best if total[best] > 0 else None
