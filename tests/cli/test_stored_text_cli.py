"""Stored text never reaches a terminal (or an export) with its control codes.

The case file is written by hand with escape sequences in every free-text field
(:mod:`tests.support.hostile_case`); every CLI output and every export must come out clean.
How one text is cleaned is in ``tests/common/test_clean.py``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.support.helpers import run_cli
from tests.support.hostile_case import HOSTILE, MARK, SHOWN, assert_clean, hostile_case

from store import Store


def test_the_fixture_really_holds_the_sequences(store):
    case_id = hostile_case(store)
    raw = (store.cases_dir / case_id / "case.json").read_text(encoding="utf-8")
    data = json.loads(raw)
    assert MARK not in raw
    events = data["events"].values()
    assert any(HOSTILE in (e.get("text") or "") for e in events if e["type"] == "invalid")
    assert HOSTILE in data["case"]["1"]["name"]
    assert all(HOSTILE in entry["who"] for entry in data["trail"].values())
    assert HOSTILE in data["trail"]["1"]["what"]
    assert HOSTILE in str(data["versions"]["1"]["plan"]["purpose"])


@pytest.fixture
def hostile(store) -> str:
    return hostile_case(store)


COMMANDS = [
    ("cases",),
    ("cases", "--json"),
    ("casework", "{case}"),
    ("casework", "{case}", "--trail"),
    ("casework", "{case}", "--trail", "--json"),
    ("audit", "{case}"),
    ("audit", "{case}", "--json"),
    ("export", "{case}", "--format", "md"),
    ("export", "{case}", "--format", "md", "--view", "case"),
    ("export", "{case}", "--format", "html"),
    ("export", "{case}", "--format", "html", "--view", "case"),
    ("export", "{case}", "--format", "json"),
    ("export", "{case}", "--format", "json", "--view", "case"),
    ("run", "--case", "{case}"),
    ("run", "--case", "{case}", "--jsonl"),
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_cli_output_of_a_hostile_case_is_clean(hostile, store_path, command):
    args = [a.format(case=hostile) for a in command]
    proc = run_cli(*args[:1], "--store", str(store_path), *args[1:])
    assert proc.stdout.strip()
    assert_clean(proc.stdout, " ".join(command))
    assert_clean(proc.stderr, " ".join(command))


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("view", ["citizen", "case"])
def test_every_export_file_of_a_hostile_case_is_clean(hostile, store_path, tmp_path, fmt, view):
    out = tmp_path / f"plan.{fmt}"
    run_cli("export", "--store", str(store_path), hostile, "--format", fmt, "--view", view, "-o", str(out))
    text = out.read_text(encoding="utf-8")
    assert_clean(text, f"{view}.{fmt}")
    if fmt == "json":  # JSON escapes C0 controls as \\u001b: no escaped sequence either
        assert "\\u001b" not in text and "\\u0000" not in text


def test_the_hostile_words_are_still_there_without_their_codes(hostile, store_path):
    text = run_cli("export", "--store", str(store_path), hostile, "--format", "md", "--view", "case").stdout
    assert f"Formål {SHOWN}" in text and f"Carla {SHOWN}" in text


def test_a_store_of_only_hostile_cases_lists_clean(store: Store, store_path: Path):
    hostile_case(store)
    hostile_case(store)
    proc = run_cli("cases", "--store", str(store_path))
    assert len(proc.stdout.splitlines()) == 2
    assert_clean(proc.stdout)
