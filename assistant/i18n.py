"""Languages: gettext catalogs compiled on first use, dates through babel.

The ``.po`` files in :mod:`locales` are the source of truth and ship with the
package; they are compiled in memory the first time a language is used, so a
plain ``pip install .`` needs no build step and writes nothing beside the code.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from io import BytesIO

DOMAIN = "borgerrejse"
DEFAULT_LANG = "da"
LANGUAGES = ("da", "en")
# Babel locales for dates and numbers: British English writes "23 November 2026".
BABEL_LOCALES = {"da": "da_DK", "en": "en_GB"}


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now."""
    return message


def normalise_lang(lang: str | None) -> str:
    if not lang:
        return DEFAULT_LANG
    lang = lang.lower().split("_")[0].split("-")[0]
    return lang if lang in LANGUAGES else DEFAULT_LANG


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog for ``lang`` (cached per process)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    po = resources.files("locales") / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as fh:
        catalog = read_po(fh, locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@dataclass(frozen=True)
class Translator:
    """Translation for one language; ``_`` is the usual gettext call."""

    lang: str

    def _(self, message: str) -> str:
        return translations(self.lang).gettext(message)

    gettext = _

    def label(self, labels: dict[str, str], key: str) -> str:
        """The translated label for ``key`` (keeps dictionary keys out of extraction)."""
        return translations(self.lang).gettext(labels[key])

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return translations(self.lang).ngettext(singular, plural, n)

    def date(self, value: dt.date | None) -> str:
        """A date as people write it: ``23. november 2026`` / ``23 November 2026``."""
        if value is None:
            return ""
        from babel.dates import format_date

        return format_date(value, format="long", locale=BABEL_LOCALES[self.lang])

    def quote(self, text: str) -> str:
        """Quote the citizen's own words the way the language does."""
        return f"»{text}«" if self.lang == "da" else f"“{text}”"


def translator(lang: str | None) -> Translator:
    return Translator(normalise_lang(lang))
