"""The workspace never fails silently: damaged files by name, a full disk in words, half an export said."""

from __future__ import annotations

import errno

import pytest
from tests.support.cw_driving import fill, press, settle
from tests.support.damage import ODD_LIST_VALUES, answer_of, edit_case_file, first

import store.files
import store.storage
from assistant.services.casework import Casework
from assistant.tui.caseworker import make_caseworker_app
from assistant.tui.caseworker.screens.case import CaseScreen
from assistant.tui.caseworker.screens.case_list import CaseListScreen
from assistant.tui.caseworker.screens.export import ExportScreen
from assistant.tui.caseworker.screens.goal_edit import GoalEditScreen
from assistant.tui.caseworker.widgets.form import ErrorLine
from assistant.tui.caseworker.widgets.case_table import CaseTable

SIZE = (120, 40)


def table_rows(app) -> dict[str, list[str]]:
    table = app.screen.query_one("#cases", CaseTable)
    return {key: list(table.get_row(key)) for key in table.keys}


def notifications(app) -> str:
    return "\n".join(n.message for n in app._notifications)


def disk_full(monkeypatch, *, after: int = 0) -> list[int]:
    """Every atomic write after the first ``after`` fails as on a full disk; returns the count of tries."""
    real = store.files.atomic_write
    tries = [0]

    def write(path, data):
        tries[0] += 1
        if tries[0] > after:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)

    for module in (store.files, store.storage):
        monkeypatch.setattr(module, "atomic_write", write)
    import assistant.tui.caseworker.screens.export as export_screen

    monkeypatch.setattr(export_screen, "atomic_write", write)
    return tries


@pytest.mark.parametrize("odd", list(ODD_LIST_VALUES), ids=list(ODD_LIST_VALUES))
async def test_one_odd_value_marks_one_row_and_names_its_file(store, store_path, carla, odd):
    with Casework(store, carla, user="sb1") as work:
        work.set_plan_field("purpose", "Sove bedre")
    eva = store.register_case(name="Eva", lang="da", area="disability")
    path = edit_case_file(store, carla, ODD_LIST_VALUES[odd])
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = table_rows(app)
        assert set(rows) == {carla, eva}
        assert rows[eva][:3] == ["Eva", "Disability", "not started"]
        assert rows[carla][2] == "cannot be read"
        assert rows[carla][0].endswith(f"cases/{carla}/case.json")
        app.screen.query_one("#cases", CaseTable).move_cursor(row=list(rows).index(carla))
        await press(pilot, "enter")
        assert isinstance(app.screen, CaseListScreen)
        assert str(path) in notifications(app)


@pytest.mark.parametrize("damage", ["event without type", "answer none of its choices", "lock is a folder",
                                    "casework status unknown to the case"])
async def test_a_case_that_cannot_be_opened_says_so_and_never_hangs(store, store_path, carla, damage):
    path = store.cases_dir / carla / "case.json"
    if damage == "event without type":
        edit_case_file(store, carla, lambda d: first(d["events"]).pop("type"))
    elif damage == "answer none of its choices":
        edit_case_file(store, carla, lambda d: answer_of(d, "review").__setitem__("value", "maybe"))
    elif damage == "lock is a folder":
        (store.cases_dir / carla / "lock").unlink(missing_ok=True)
        (store.cases_dir / carla / "lock").mkdir()
        path = store.cases_dir / carla / "lock"
    else:  # the list does not read the events; opening the case does
        edit_case_file(store, carla, lambda d: d.__setitem__("casework", {"1": {"status": "final", "version": "x"}}))
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        if damage == "casework status unknown to the case":
            assert table_rows(app)[carla][2] == "cannot be read"
            return
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen), "the case screen must not stay on 'Opening the case …'"
        assert str(path) in notifications(app)
        assert app.session is None  # no lock is held


async def test_ctrl_s_on_a_full_disk_says_so_and_keeps_the_form(store, store_path, carla, monkeypatch):
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "e")
        assert isinstance(app.screen, GoalEditScreen)
        await fill(pilot, "#reasoning", "Kl. 8 er aftalt med lægen")
        tries = disk_full(monkeypatch)
        await press(pilot, "ctrl+s")
        assert tries[0] >= 1
        assert isinstance(app.screen, GoalEditScreen)
        error = str(app.screen.query_one(ErrorLine).render())
        assert "no more space on the disk" in error and f"cases/{carla}/case.json" in error
        assert "Nothing in this form is saved yet" in error
        assert app.screen.query_one("#reasoning").text == "Kl. 8 er aftalt med lægen"
        monkeypatch.undo()  # space is freed: the same Ctrl+S now saves
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, CaseScreen)
        assert app.screen.state.goal("g1")["reasoning"] == "Kl. 8 er aftalt med lægen"
    with Casework(store, carla, write=False) as work:
        assert work.plan()["goals"][0]["reasoning"] == "Kl. 8 er aftalt med lægen"


async def test_a_status_change_on_a_full_disk_says_so(store, store_path, carla, monkeypatch):
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        disk_full(monkeypatch)
        await press(pilot, "r")
        assert "no more space on the disk" in notifications(app)
        assert app.screen.state.status == "draft"


async def test_an_export_that_fails_half_way_says_what_was_and_was_not_written(store_path, tmp_path, carla, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "x")
        assert isinstance(app.screen, ExportScreen)
        await fill(pilot, "#folder", str(out))
        disk_full(monkeypatch, after=1)
        await press(pilot, "ctrl+s")
        error = str(app.screen.query_one(ErrorLine).render())
        citizen, case = out / f"{carla}-citizen.html", out / f"{carla}-case.html"
        assert citizen.exists() and not case.exists()
        assert str(citizen) in error and str(case) in error
        assert "no more space on the disk" in error
        assert str(app.screen.query_one("#written").render()).strip() == ""


async def test_an_export_of_a_goal_with_no_text_writes_both_files(store, store_path, tmp_path, carla):
    out = tmp_path / "out"
    out.mkdir()
    edit_case_file(store, carla, lambda d: d.setdefault("casework", {"1": {"status": "draft", "version": 1, "plan": {},
                                                                              "goals": {}}})["1"]["goals"].__setitem__(
        "g1", {"text": None}))
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "x")
        await fill(pilot, "#folder", str(out))
        await press(pilot, "ctrl+s")
        written = sorted(p.name for p in out.iterdir())
        assert written == [f"{carla}-case.html", f"{carla}-citizen.html"]
        assert str(app.screen.query_one(ErrorLine).render()).strip() == ""


async def test_an_export_of_a_case_that_cannot_be_read_writes_nothing_and_says_so(store, store_path, tmp_path, carla,
                                                                                 monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    import assistant.tui.caseworker.screens.export as export_screen

    def broken(plan, **kwargs):  # the second view meets odd content in the file
        if kwargs.get("view") == "case":
            raise KeyError("maybe")
        return "ok"

    monkeypatch.setattr(export_screen, "render", broken)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter", "x")
        await fill(pilot, "#folder", str(out))
        await press(pilot, "ctrl+s")
        error = str(app.screen.query_one(ErrorLine).render())
        assert list(out.iterdir()) == []
        assert f"cases/{carla}/case.json" in error and "Nothing was written." in error


@pytest.mark.parametrize("damage", ["follow-up date is a number", "indicator is a text", "measures hold a number"])
async def test_odd_content_the_plan_pane_would_paint_is_named_not_a_crash(store, store_path, carla, damage):
    value = {"follow-up date is a number": ("plan", "follow_up", 20260101),
             "indicator is a text": ("goal", "indicator", "Søvn;3;1"),
             "measures hold a number": ("plan", "measures", [5, "Bostøtte"])}[damage]

    def change(d):
        overlay = d.setdefault("casework", {"1": {"status": "draft", "version": 1, "plan": {}, "goals": {}}})["1"]
        if value[0] == "plan":
            overlay["plan"][value[1]] = value[2]
        else:
            overlay["goals"]["g1"] = {value[1]: value[2]}

    path = edit_case_file(store, carla, change)
    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "enter")
        await settle(pilot)
        assert isinstance(app.screen, CaseListScreen)
        assert str(path) in notifications(app)
        assert app.session is None


async def test_registering_a_case_on_a_full_disk_says_so_and_keeps_the_name(store, store_path, monkeypatch):
    from textual.widgets import Select

    from assistant.tui.caseworker.screens.new_case import NewCaseScreen

    app = make_caseworker_app(str(store_path), "en", user="sb1")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        await fill(pilot, "#new-name", "Frida")
        app.screen.query_one("#new-area", Select).value = "psychiatry"
        disk_full(monkeypatch)
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, NewCaseScreen)
        assert "no more space on the disk" in str(app.screen.query_one("#new-error").render())
        assert app.screen.query_one("#new-name").value == "Frida"
