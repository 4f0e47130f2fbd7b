"""A damaged case file in the command line's outputs: reported by name, never a traceback."""

from __future__ import annotations

import pytest
from tests.support.damage import ODD_LIST_VALUES, answer_of, edit_case_file
from tests.support.helpers import converse, run_cli
from tests.support.personas import CARLA_DA

from assistant.services.casework import Casework


@pytest.fixture
def carla(store) -> str:
    case_id = converse(store, CARLA_DA)
    with Casework(store, case_id, user="sb1") as work:
        work.set_plan_field("purpose", "Sove bedre")
    return case_id


@pytest.mark.parametrize("odd", list(ODD_LIST_VALUES), ids=list(ODD_LIST_VALUES))
def test_cases_lists_the_others_and_names_the_damaged_file(store, store_path, carla, odd):
    other = store.register_case(name="Eva", lang="da")
    path = edit_case_file(store, carla, ODD_LIST_VALUES[odd])
    proc = run_cli("cases", "--store", str(store_path), check=False)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = {line.split()[0]: line for line in proc.stdout.splitlines()}
    assert set(lines) == {carla, other}
    assert "kan ikke læses" in lines[carla] and str(path) in lines[carla]
    assert lines[other].endswith("Eva")
    listed = run_cli("cases", "--store", str(store_path), "--json").stdout
    assert str(path) in listed


@pytest.mark.parametrize("view", ["citizen", "case"])
@pytest.mark.parametrize("fmt", ["md", "html", "json"])
@pytest.mark.parametrize("state", ["when", "review"])
def test_an_answer_that_is_none_of_its_choices_is_damage_by_name(store, store_path, carla, view, fmt, state):
    path = edit_case_file(store, carla, lambda d: answer_of(d, state).__setitem__("value", "maybe"))
    proc = run_cli("export", "--store", str(store_path), carla, "--format", fmt, "--view", view, check=False)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert str(path) in proc.stderr and proc.stdout == ""


def test_audit_and_casework_name_the_damaged_file_too(store, store_path, carla):
    path = edit_case_file(store, carla, lambda d: answer_of(d, "review").__setitem__("value", "maybe"))
    for command in (("audit", carla), ("casework", carla), ("casework", carla, "--trail")):
        proc = run_cli(command[0], "--store", str(store_path), *command[1:], check=False)
        assert proc.returncode == 3 and str(path) in proc.stderr, (command, proc.stderr)


@pytest.mark.parametrize("jsonl", [False, True])
@pytest.mark.parametrize("state", ["when", "review"])
def test_run_case_names_a_damaged_file_and_leaves_it_unchanged(store, store_path, carla, state, jsonl):
    path = edit_case_file(store, carla, lambda d: answer_of(d, state).__setitem__("value", "maybe"))
    before = path.read_bytes()
    proc = run_cli("run", "--store", str(store_path), "--case", carla, *(["--jsonl"] if jsonl else []), check=False)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr, proc.stderr
    assert str(path) in proc.stderr
    assert path.read_bytes() == before
