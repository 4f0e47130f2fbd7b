"""The suite's own ordering: longest tests first, from figures that only order, never decide."""

from __future__ import annotations

from tests.support.ordering import dealt, known_durations, longest_first


def test_longest_first_and_unknown_tests_count_as_the_mean():
    durations = {"a": 1.0, "b": 10.0, "c": 4.0}  # mean 5
    assert longest_first(["a", "b", "c", "new"], durations) == ["b", "new", "c", "a"]


def test_ties_keep_the_collection_order_so_every_worker_agrees():
    ids = [f"t{i}" for i in range(50)]
    assert longest_first(ids, {}) == ids
    assert longest_first(ids, {"t7": 5.0, "t3": 5.0, "t0": 1.0})[:3] == ["t3", "t7", "t1"]


def test_a_missing_or_damaged_figures_file_orders_nothing(tmp_path):
    assert known_durations(tmp_path / "absent.json") == {}
    broken = tmp_path / "durations.json"
    broken.write_text("{not json", encoding="utf-8")
    assert known_durations(broken) == {}
    broken.write_text("[1, 2]", encoding="utf-8")
    assert known_durations(broken) == {}


def test_dealt_gives_each_workers_part_its_share_of_the_longest():
    ordered = ["l1", "l2", "l3", "l4", "s1", "s2"]
    assert dealt(ordered, 2) == ["l1", "l3", "s1", "l2", "l4", "s2"]
    assert dealt(ordered, 1) == ordered
    assert sorted(dealt(ordered, 4)) == sorted(ordered)  # nothing lost or doubled
