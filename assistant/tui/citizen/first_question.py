"""The first question of a new conversation, shown while the conversation is being opened.

A new conversation always begins with the same question for a journey and a language
(the welcome). Opening the conversation (the core's modules, the safety lists, a new
case on disk) takes a good part of the start-up, and nobody can answer a question
before they have read it. So the chat shows the welcome as it was last shown, kept in
the private cache beside the compiled catalogs, and opens the conversation just after
the question is on screen. When the opening is done its own first question is compared
with the one on screen: the same (the usual case) changes nothing; different (a new
version of the dialogue, say) replaces it and the kept copy. An answer given meanwhile
waits for the opening (see :class:`assistant.tui.citizen.session.Session`).

The kept copy holds no personal data: a new conversation's first question has none, and
the case number is left out. It is named by the SHA-256 of what the question is made
from (the dialogue file, the language's catalog, this program's files) and carries the
SHA-256 of its own bytes: a damaged copy is never shown.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os

from assistant.domain.question import Choice, Prompt

PREFIX = "first"


def _source_key(journey: str, lang: str) -> str | None:
    """What the first question is made from, hashed; None if a source cannot be read."""
    import assistant
    from assistant.common.i18n import DOMAIN, package_file

    digest = hashlib.sha256()
    try:
        for part in (package_file("dialogues", f"{journey}.toml"),
                     package_file("locales", lang, "LC_MESSAGES", f"{DOMAIN}.po")):
            data = part.read_bytes()
            digest.update(len(data).to_bytes(8, "big") + data)
        package = os.path.dirname(assistant.__file__)
        # what makes the first question: the common and domain layers, and this module
        for root in (os.path.join(package, "common"), os.path.join(package, "domain"), os.path.dirname(__file__)):
            with os.scandir(root) as entries:
                for entry in sorted(entries, key=lambda e: e.name):
                    if entry.name.endswith(".py"):
                        stat = entry.stat()
                        digest.update(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns};".encode())
    except OSError:
        return None
    return digest.hexdigest()


def _path(journey: str, lang: str):
    from assistant.common.i18n import cache_dir

    if not (journey.replace("-", "").isalnum() and lang.isalpha()):
        return None
    key = _source_key(journey, lang)
    return None if key is None else cache_dir() / f"{PREFIX}-{journey}-{lang}-{key}.json"


def cached(journey: str, lang: str) -> Prompt | None:
    """The first question kept for ``journey`` in ``lang``, if a sound copy is there."""
    from assistant.common.i18n import read_kept

    path = _path(journey, lang)
    body = read_kept(path) if path is not None else None
    if body is None:
        return None
    try:
        return _from_dict(json.loads(body))
    except (ValueError, TypeError, KeyError):
        return None


def keep(journey: str, lang: str, prompt: Prompt) -> None:
    """Keep ``prompt`` (without its case number) as the first question of ``journey`` in ``lang``.
    Best effort: a cache that cannot be written only means opening first next time."""
    from assistant.common.i18n import keep as keep_private

    path = _path(journey, lang)
    if path is not None:  # the copy made from an earlier dialogue, catalog or program goes
        body = json.dumps(_to_dict(prompt), ensure_ascii=False, sort_keys=True).encode()
        keep_private(path, body, f"{PREFIX}-{journey}-{lang}-*.json")


def same(shown: Prompt, opened: Prompt | None) -> bool:
    """Is ``opened`` (the conversation's first question) the question ``shown``?"""
    return opened is not None and dataclasses.replace(opened, case="") == shown


def _to_dict(prompt: Prompt) -> dict:
    data = dataclasses.asdict(dataclasses.replace(prompt, case=""))
    data["choices"] = [dataclasses.asdict(c) for c in prompt.choices]
    return data


def _from_dict(data: dict) -> Prompt:
    data = dict(data)
    data["choices"] = [Choice(**c) for c in data.get("choices") or []]
    for name in ("scale", "part"):
        if data.get(name) is not None:
            data[name] = tuple(data[name])
    return Prompt(**data)
