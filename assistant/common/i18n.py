"""Languages: gettext catalogs compiled once and cached, dates through babel.

The ``.po`` files in :mod:`locales` are the source of truth and ship with the
package, so a plain ``pip install .`` needs no build step. Parsing a ``.po`` with
babel takes a noticeable part of a second, so the compiled catalog is kept in a
private cache folder (``$BORGERREJSE_CACHE`` or the user cache folder, 0700, files
0600), named by the SHA-256 of the ``.po`` it was made from and carrying the SHA-256
of its own bytes: an edited ``.po`` gets a new file, a damaged one is never used. If
the cache cannot be read or written the catalog is compiled in memory as before.
"""

from __future__ import annotations

import datetime as dt
import gettext as _gettext
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
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


CACHE_ENV = "BORGERREJSE_CACHE"


def package_file(package: str, *parts: str):
    """A file shipped in one of the data packages (``locales``, ``dialogues``), by its path.
    (The chat's first question needs it before ``importlib.resources`` is worth importing:
    an installed package is a folder.)"""
    from importlib import import_module
    from pathlib import Path

    return Path(import_module(package).__path__[0]).joinpath(*parts)


@lru_cache(maxsize=None)
def translations(lang: str) -> _gettext.NullTranslations:
    """The compiled catalog for ``lang`` (cached per process, and on disk by content hash)."""
    po = package_file("locales", lang, "LC_MESSAGES", f"{DOMAIN}.po").read_bytes()
    mo = _cached_mo(lang, po)
    return _gettext.GNUTranslations(BytesIO(mo))


def cache_dir():
    from pathlib import Path

    env = os.environ.get(CACHE_ENV)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_cache_path

    return user_cache_path("borgerrejse", appauthor=False) / "catalogs"


def _cached_mo(lang: str, po: bytes) -> bytes:
    """The ``.mo`` bytes for ``po``: from the cache if a sound copy is there, else compiled (and kept)."""
    path = cache_dir() / f"{lang}-{hashlib.sha256(po).hexdigest()}.mo"
    mo = read_kept(path)
    if mo is None:
        mo = compile_po(po, lang)
        keep(path, mo, f"{lang}-*.mo")  # the catalog of an earlier .po goes
    return mo


def read_kept(path) -> bytes | None:
    """What :func:`keep` kept at ``path``, if it is there and whole (its SHA-256 matches)."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    checksum, body = raw[:32], raw[32:]
    return body if body and hashlib.sha256(body).digest() == checksum else None


def compile_po(po: bytes, lang: str) -> bytes:
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(po), locale=lang, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def write_private(path, data: bytes) -> None:
    """Write a cache file whole (0600, temporary file and rename). Its own small write, not the
    store's: the cache is no case data, and a store that cannot write is no reason to skip it."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def keep(path, body: bytes, earlier: str) -> None:
    """Keep ``body`` in the private cache at ``path``, after its SHA-256 (see :func:`read_kept`);
    the files of the cache folder matching ``earlier`` (made from older sources) go. Best
    effort: a read-only or full disk only means making it again next time."""
    from store.files import private_dir

    try:
        private_dir(path.parent)
        write_private(path, hashlib.sha256(body).digest() + body)
        for old in path.parent.glob(earlier):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass


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
        return _long_date(self.lang, value)

    def iso_date(self, iso: str | None, missing: str = "") -> str:
        """:meth:`date` of a stored ISO date or time stamp (its day); ``missing`` when there is none."""
        return self.date(dt.date.fromisoformat(iso[:10])) if iso else missing

    def quote(self, text: str) -> str:
        """Quote the citizen's own words the way the language does."""
        return f"»{text}«" if self.lang == "da" else f"“{text}”"


def local_time(stamp: str) -> str:
    """A stored time stamp (UTC) on this machine's clock, to the minute: ``2026-03-01 14:05``."""
    try:
        return dt.datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp[:16]


@lru_cache(maxsize=4096)
def _long_date(lang: str, value: dt.date) -> str:
    """Babel's long date, once per day and language (a list of 10,000 cases shows few distinct days)."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=BABEL_LOCALES[lang])


def translator(lang: str | None) -> Translator:
    return Translator(normalise_lang(lang))
