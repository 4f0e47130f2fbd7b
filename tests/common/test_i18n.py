"""Every text a person sees goes through gettext, and Danish has them all."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from importlib import resources
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import assistant
from assistant.domain.babel_extract import extract_dialogue
from assistant.common.i18n import translator

PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def _catalog(lang: str):
    po = resources.files("locales") / lang / "LC_MESSAGES" / "borgerrejse.po"
    with po.open("rb") as fh:
        return read_po(fh, locale=lang)


def _source_messages() -> set[str]:
    """What `pybabel extract` finds in the code and the dialogue files, right now."""
    found: set[str] = set()
    roots = {
        Path(assistant.__file__).parent: [("**.py", "python")],
        Path(resources.files("dialogues")): [("**.toml", extract_dialogue)],
    }
    import store

    roots[Path(store.__file__).parent] = [("**.py", "python")]
    for root, method_map in roots.items():
        for _file, _line, message, _comments, _context in extract_from_dir(str(root), method_map):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _translated(message) -> bool:
    """A message has its translation (every plural form of it, where it has them)."""
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return bool(message.id) and all(strings)


def test_every_message_in_the_code_has_a_danish_translation():
    da = _catalog("da")
    missing = sorted(m for m in _source_messages() if not (da.get(m) and _translated(da.get(m))))
    assert not missing, "Run the catalog update in README.md and translate:\n" + "\n".join(missing)


def test_danish_catalog_has_no_fuzzy_or_empty_entries():
    bad = [m.id for m in _catalog("da") if m.id and (not _translated(m) or m.fuzzy)]
    assert not bad


def test_placeholders_survive_translation():
    for m in _catalog("da"):
        if m.id and m.string:
            ids = m.id if isinstance(m.id, tuple) else (m.id,)
            strings = m.string if isinstance(m.string, tuple) else (m.string,)
            for text in strings:
                assert sorted(PLACEHOLDER.findall(ids[-1])) == sorted(PLACEHOLDER.findall(text)), m.id


def test_counts_use_plural_forms():
    da, en = translator("da"), translator("en")
    one = da.ngettext("{done} of {count} measure says how much help is given (hours or how often).",
                      "{done} of {count} measures say how much help is given (hours or how often).", 1)
    assert one.format(done=1, count=1).startswith("1 af 1 indsats siger")
    assert da.ngettext("{shown} of {total} case", "{shown} of {total} cases", 3).format(shown=2, total=3) == "2 af 3 sager"
    assert en.ngettext("{n} month", "{n} months", 1).format(n=1) == "1 month"


def test_english_catalog_knows_every_message():
    en = {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog("en") if m.id}
    assert _source_messages() <= en


def test_dialogue_extractor_finds_prompts_choices_and_notes():
    found = _source_messages()
    assert "What could be a first small step?" in found
    assert "Within 3 months" in found
    assert "A small, concrete first step turns a dream into a goal one can start on." in found


def test_danish_is_the_default_and_dates_are_danish():
    t = translator(None)
    assert t.lang == "da"
    assert t.gettext("Yes") == "Ja"
    assert t.date(dt.date(2026, 11, 23)) == "23. november 2026"
    assert translator("en").date(dt.date(2026, 11, 23)) == "23 November 2026"
    assert translator("en").gettext("Yes") == "Yes"


@pytest.mark.parametrize("lang", ["xx", "EN_us", "da-DK"])
def test_language_codes_are_normalised(lang):
    assert translator(lang).lang in ("da", "en")


# -- compiled catalogs, cached by content hash ------------------------------------------


@pytest.fixture
def catalog_cache(tmp_path, monkeypatch):
    from assistant.common import i18n

    cache = tmp_path / "cache"
    monkeypatch.setenv(i18n.CACHE_ENV, str(cache))
    i18n.translations.cache_clear()
    yield cache
    i18n.translations.cache_clear()


def test_catalog_is_compiled_once_then_read_from_the_private_cache(catalog_cache, monkeypatch):
    from assistant.common import i18n

    assert i18n.translations("da").gettext("Name") == "Navn"
    (kept,) = catalog_cache.iterdir()
    assert kept.name.startswith("da-") and kept.stat().st_mode & 0o777 == 0o600
    assert catalog_cache.stat().st_mode & 0o777 == 0o700
    i18n.translations.cache_clear()

    def no_compiling(*args):
        raise AssertionError("compiled again")

    monkeypatch.setattr(i18n, "compile_po", no_compiling)
    assert i18n.translations("da").gettext("Name") == "Navn"


@pytest.mark.parametrize("damage", ["truncate", "flip"])
def test_a_damaged_cached_catalog_is_never_used(catalog_cache, damage):
    from assistant.common import i18n

    i18n.translations("da")
    (kept,) = catalog_cache.iterdir()
    data = bytearray(kept.read_bytes())
    if damage == "truncate":
        data = data[: len(data) // 2]
    else:
        data[-40] ^= 0x20  # one letter of a translation changes case
    kept.write_bytes(bytes(data))
    i18n.translations.cache_clear()
    assert i18n.translations("da").gettext("Name") == "Navn"
    po = i18n.package_file("locales", "da", "LC_MESSAGES", "borgerrejse.po").read_bytes()
    fresh = i18n._gettext.GNUTranslations(i18n.BytesIO(i18n.compile_po(po, "da")))
    assert i18n.translations("da")._catalog == fresh._catalog
    assert hashlib.sha256(kept.read_bytes()[32:]).digest() == kept.read_bytes()[:32]  # rewritten whole


def test_an_edited_po_gets_a_new_catalog(catalog_cache):
    from assistant.common import i18n

    po = i18n.package_file("locales", "da", "LC_MESSAGES", "borgerrejse.po").read_bytes()
    edited = po.replace(b'msgstr "Navn"', b'msgstr "Fornavn"', 1)
    assert edited != po
    i18n.translations("da")
    assert i18n._cached_mo("da", edited) != i18n._cached_mo("da", po)
    assert len(list(catalog_cache.iterdir())) == 1  # the older catalog of this language was removed


def test_an_unwritable_cache_still_translates(catalog_cache):
    from assistant.common import i18n

    catalog_cache.parent.mkdir(exist_ok=True)
    catalog_cache.write_text("a file where the folder should be")
    assert i18n.translations("da").gettext("Name") == "Navn"
