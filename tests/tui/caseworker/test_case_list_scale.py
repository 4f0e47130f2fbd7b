"""The case list for many cases: only what is on screen is painted, and every way through it works.

Keys reach the last case and open it, a click moves the cursor and a second click opens,
the filter keeps the highlighted case, "my cases" and the list's order come from the index.
"""

from __future__ import annotations

import pytest
from tests.support.cw_driving import fill, press, settle
from tests.support.screen_scan import shown_texts

from assistant.tui.caseworker import make_caseworker_app
from assistant.services.case_rows import load_rows
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.screens import case_list
from assistant.tui.caseworker.screens.case_list import CaseListScreen, listing
from assistant.tui.caseworker.widgets.case_table import CaseTable

CASES = 150


def painted(app) -> str:
    return shown_texts(app)[0][1]


def many(store, count: int = CASES) -> list[str]:
    """Registered cases named "Person 000" … in that (the list's) order."""
    return [store.register_case(name=f"Person {i:03d}", lang="da", registered_by="sb1" if i % 3 else "sb2")
            for i in range(count)]


@pytest.mark.parametrize("first", [40, 1000], ids=["top-first", "all-at-once"])
async def test_keys_reach_the_last_case_and_enter_opens_it(store, store_path, fixed_clock, carla, first, monkeypatch):
    monkeypatch.setattr(case_list, "FIRST_SCREENS", first)  # 40: the top is shown first, the rest a moment later
    ids = [carla] + many(store)  # Carla's plan has a follow-up date: she comes first
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", CaseTable)
        assert table.keys == ids == [row.id for row in load_rows(store)]
        assert f"{CASES + 1} of {CASES + 1} cases" in painted(app)
        assert "Person 000" in painted(app) and "Person 149" not in painted(app)
        await press(pilot, "end")
        assert table.highlighted == ids[-1]
        assert "Person 149" in painted(app) and "Person 000" not in painted(app)
        shown = table.scrollable_content_region.height - 1  # rows under the header
        await press(pilot, "pageup")
        assert table.highlighted == ids[-1 - shown]
        await press(pilot, "down", "down")
        assert table.highlighted == ids[-1 - shown + 2]
        await press(pilot, "home")
        assert table.highlighted == ids[0] and "Person 000" in painted(app)
        await press(pilot, "pagedown", "pagedown", "up")
        assert table.highlighted == ids[2 * shown - 1]
        assert f"Person {2 * shown - 2:03d}" in painted(app)
        await press(pilot, "end", "home", "enter")
        assert isinstance(app.screen, CaseScreen) and app.screen.case_id == carla
        await press(pilot, "escape")
        assert isinstance(app.screen, CaseListScreen)
        assert app.screen.query_one("#cases", CaseTable).highlighted == carla  # back where it was


async def test_a_click_moves_the_cursor_and_a_second_click_opens(store, store_path, fixed_clock, carla):
    ids = [carla] + many(store, 30)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", CaseTable)
        await pilot.click("#cases", offset=(3, 4))  # the fourth row
        await settle(pilot)
        assert table.highlighted == ids[3] and isinstance(app.screen, CaseListScreen)
        await pilot.click("#cases", offset=(3, 0))  # the header: nothing happens
        await settle(pilot)
        assert table.highlighted == ids[3] and isinstance(app.screen, CaseListScreen)
        await pilot.click("#cases", offset=(3, 1))  # the first row: Carla
        await settle(pilot)
        assert table.highlighted == carla and isinstance(app.screen, CaseListScreen)
        await pilot.click("#cases", offset=(3, 1))  # again: opened
        await settle(pilot)
        assert isinstance(app.screen, CaseScreen) and app.screen.case_id == carla


async def test_the_filter_finds_among_many_and_keeps_the_highlighted_case(store, store_path, fixed_clock, monkeypatch):
    monkeypatch.setattr(case_list, "FIRST_SCREENS", 40)
    ids = many(store)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        table = app.screen.query_one("#cases", CaseTable)
        table.move_cursor(row=111)
        await settle(pilot)
        await fill(pilot, "#filter", "person 11")
        found = [case for i, case in enumerate(ids) if "11" in f"{i:03d}" or "11" in case]  # names and case numbers
        assert table.keys == found and len(found) < CASES
        assert table.highlighted == ids[111]  # still the same case
        assert f"{len(found)} of {CASES} cases" in painted(app)
        table.move_cursor(row=0)
        await fill(pilot, "#filter", "STARTED 149 person not")  # words in any order and case, status too
        assert table.keys == [ids[148], ids[149]]  # Person 149, and Person 148 in case0149
        await press(pilot, "down")
        await fill(pilot, "#filter", "")
        assert table.keys == ids and table.highlighted == ids[149]
        assert "Person 149" in painted(app)


async def test_my_cases_come_from_the_index_without_opening_a_case(store, store_path, fixed_clock, monkeypatch):
    ids = many(store, 12)
    store.list_cases()  # the index is made

    def no_opening(*args, **kwargs):
        raise AssertionError("a case file was opened for the list")

    monkeypatch.setattr(type(store), "open_case", no_opening)
    app = make_caseworker_app(str(store_path), "en", user="sb2")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await press(pilot, "m")
        table = app.screen.query_one("#cases", CaseTable)
        assert table.keys == [case for i, case in enumerate(ids) if i % 3 == 0]
        assert "My cases" in painted(app)
        await press(pilot, "m")
        assert table.keys == ids


def test_an_odd_value_planted_in_the_index_marks_that_case_only(store, store_path, monkeypatch):
    import json

    import store.index as index_module

    monkeypatch.setattr(index_module, "RACY_NS", 0)  # the planted entries are trusted: their stamps match
    ids = many(store, 4)
    store.list_cases()
    index_file = store_path / "index" / "cases.json"
    data = json.loads(index_file.read_text())
    data["cases"][ids[0]]["summary"]["meta"]["name"] = 7
    data["cases"][ids[1]]["summary"]["meta"]["area"] = ["psychiatry"]
    data["cases"][ids[2]]["summary"]["list_status"] = "lost"
    index_file.write_text(json.dumps(data))
    rows = {row.id: row for row in load_rows(store)}
    assert [rows[case].unreadable for case in ids] == [True, True, True, False]
    assert rows[ids[0]].file == str(store.case_file(ids[0]))
    assert rows[ids[3]].name == "Person 003"


async def test_the_top_of_a_long_list_is_shown_with_the_whole_count(store, store_path, fixed_clock):
    """While the rest of a long list is being worded, its top is there and the count is the whole."""
    ids = many(store, 60)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        rows = load_rows(store)
        screen._loaded(listing(rows[:20], screen.t), len(rows), 0)  # what the worker posts first
        await pilot.pause()
        table = screen.query_one("#cases", CaseTable)
        assert table.keys == ids[:20] and "60 of 60 cases" in painted(app)
        screen._loaded(listing(rows, screen.t), len(rows), 0)  # and then
        await pilot.pause()
        assert table.keys == ids and "60 of 60 cases" in painted(app)


def _first_paint(monkeypatch, app) -> list:
    """What the list showed when its check began: the worker shows the top first (and waits until
    it is drawn), then calls CaseIndex.entries; nothing is timed."""
    import store.index as index_module

    seen: list = []
    check = index_module.CaseIndex.entries

    def entries(self, *args, **kwargs):
        screen = app.screen
        if isinstance(screen, CaseListScreen) and self.path.name == "cases.json":
            seen.append(([(e.row.id, e.row.name, e.row.flags_open) for e in screen.listed], screen.total,
                         screen.checked, app.call_from_thread(painted, app)))
        return check(self, *args, **kwargs)

    monkeypatch.setattr(index_module.CaseIndex, "entries", entries)
    return seen


@pytest.mark.parametrize("top_from", ["head", "index"])
async def test_a_case_changed_behind_the_index_is_corrected_after_the_check(store, store_path, monkeypatch, top_from):
    """The first screenful comes from the index as last written (its head, or the whole index if
    the head is gone); a case another process changed since is right once the check is done."""
    from store import Store

    ids = many(store, 5)
    store.list_cases()  # the index and its head are written
    if top_from == "index":
        (store_path / "index" / "cases.head.json").unlink()
    with Store(store_path).open_case(ids[4]) as handle:  # another process: the index does not know yet
        handle.update_meta(registered_name="Aase Berg", flags=[{"id": 1, "kinds": ["suicide"], "at": "2026-02-01T10:00:00+00:00", "state": "dream", "item": None, "choice": None, "handled": None}])
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    seen = _first_paint(monkeypatch, app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        (first, total, checked, text), = seen
        assert [case for case, _, _ in first] == ids and first[4][1:] == ("Person 004", 0)  # as written
        assert total == 5 and not checked and "5 of 5 cases" in text and "Aase" not in text
        table = app.screen.query_one("#cases", CaseTable)
        assert table.keys == [ids[4]] + ids[:4] and app.screen.checked  # corrected: distress first
        assert "⚑ Aase Berg (Person 004)" in painted(app)  # the registered name, and the one chosen
        assert "1 with a sign of distress" in painted(app)
        await press(pilot, "enter")  # and it is that case which opens: its sign first
        from assistant.tui.caseworker.screens.flags import FlagScreen

        assert isinstance(app.screen, FlagScreen) and app.screen.case_id == ids[4]


async def test_the_workspaces_own_change_is_in_the_first_screenful(store, store_path, monkeypatch):
    ids = many(store, 5)
    store.list_cases()
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    seen = _first_paint(monkeypatch, app)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        with app.store.open_case(ids[3]) as handle:  # as the case screen writes
            handle.update_meta(registered_name="Aase Berg")
        await press(pilot, "f5")
        first = seen[-1][0]
        assert [case for case, _, _ in first] == [ids[3], *ids[:3], ids[4]] and first[0][1] == "Aase Berg"
        assert app.screen.query_one("#cases", CaseTable).keys == [ids[3], *ids[:3], ids[4]]


@pytest.mark.parametrize("head", [b"{not json", b'{"version": "1:5", "day": "2000-01-01", "total": 1, "flagged": 0, "cases": []}'])
async def test_a_damaged_or_old_head_still_gives_the_whole_list(store, store_path, head):
    ids = many(store, 7)
    store.list_cases()
    (store_path / "index" / "cases.head.json").write_bytes(head)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.query_one("#cases", CaseTable).keys == ids and "7 of 7 cases" in painted(app)
    assert [case for case, _ in store.index().head()["cases"]] == ids  # written again by the check
