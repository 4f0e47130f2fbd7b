"""The store: private files, one file per case, locks, damaged files."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

import pytest
from tests.support.helpers import run_cli, run_jsonl

from assistant.services.conversation import Conversation
from assistant.common.errors import CaseLockedError, CaseNotFoundError, CorruptCaseError, InvalidCaseId
from store import Store
from assistant.services.resume import resume_case


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_files_are_private_even_with_a_permissive_umask(store_path):
    old = os.umask(0o000)
    try:
        conv = Conversation.start(Store(store_path))
        conv.respond("")
        conv.respond("ja")
        conv.close()
    finally:
        os.umask(old)
    case_dir = store_path / "cases" / conv.case_id
    for d in (store_path, store_path / "cases", case_dir):
        assert _mode(d) == 0o700, d
    for f in case_dir.iterdir():
        assert _mode(f) == 0o600, f


def test_a_chosen_existing_folder_keeps_its_mode_and_the_cases_are_private(tmp_path):
    root = tmp_path / "shared"
    root.mkdir(mode=0o1777)
    os.chmod(root, 0o1777)  # like /tmp: changing it would break other users
    store = Store(root)
    assert root.stat().st_mode & 0o7777 == 0o1777
    assert _mode(store.cases_dir) == 0o700


def test_our_own_cases_folder_is_tightened(tmp_path):
    (tmp_path / "cases").mkdir(mode=0o755)
    os.chmod(tmp_path / "cases", 0o755)
    Store(tmp_path)
    assert _mode(tmp_path / "cases") == 0o700


def test_a_failed_write_leaves_the_old_file_and_no_litter(tmp_path):
    from store.files import atomic_write

    target = tmp_path / "folder"
    target.mkdir()  # a folder is in the way: the rename fails
    with pytest.raises(OSError):
        atomic_write(target, b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder"]


@pytest.mark.parametrize("content", ['{"case": []}', '{"case": {"1": "x"}}', '{"case": {"1": {}}, "events": 3}'])
def test_a_file_of_the_wrong_shape_is_reported_as_damaged(store, content):
    with Conversation.start(store) as conversation:
        case = conversation.case_id
    path = store.cases_dir / case / "case.json"
    path.write_text(content)
    with pytest.raises(CorruptCaseError):
        store.open_case(case)
    assert store.list_cases()[0].error


def test_one_small_file_per_case(store):
    a = Conversation.start(store)
    b = Conversation.start(store)
    a.respond("")
    files = sorted(p.relative_to(store.root).as_posix() for p in store.root.rglob("case.json"))
    assert files == sorted([f"cases/{a.case_id}/case.json", f"cases/{b.case_id}/case.json"])
    a.close(), b.close()


def test_second_open_of_a_conversation_is_refused_and_loses_nothing(store_path):
    store = Store(store_path)
    conv = Conversation.start(store)
    conv.respond("")
    with pytest.raises(CaseLockedError):
        resume_case(store, conv.case_id)
    # Another process is refused too, with a clear message and no traceback.
    proc = run_cli("run", "--jsonl", "--store", str(store_path), "--case", conv.case_id, stdin="ja\n", check=False)
    assert proc.returncode == 3
    assert "Traceback" not in proc.stderr
    assert "åben et andet sted" in proc.stderr
    assert json.loads(proc.stdout.splitlines()[-1])["event"] == "error"
    # The first one goes on and every answer is kept.
    conv.respond("ja")
    conv.respond("Anna")
    conv.close()
    events = Store(store_path).open_case(conv.case_id, write=False).events()
    assert [e.get("value") for e in events if e["type"] == "answer"] == [None, True, "Anna"]
    again = resume_case(store, conv.case_id)  # the lock is free after close
    assert again.prompt().state == "everyday"
    again.close()


def test_lock_is_released_when_the_process_dies(store_path):
    code = (
        "import os,sys; from store import Store; from assistant.services.conversation import Conversation;"
        f"c=Conversation.start(Store({str(store_path)!r})); print(c.case_id, flush=True); os._exit(0)"
    )
    case = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    conv = resume_case(Store(store_path), case)
    assert conv.prompt().state == "welcome"
    conv.close()


def test_damaged_file_names_itself_is_never_overwritten_and_others_still_work(store_path):
    store = Store(store_path)
    good, bad = Conversation.start(store), Conversation.start(store)
    good.respond(""), bad.respond("")
    good.close(), bad.close()
    bad_file = store_path / "cases" / bad.case_id / "case.json"
    damaged = bad_file.read_bytes()[:40]
    bad_file.write_bytes(damaged)
    with pytest.raises(CorruptCaseError) as info:
        resume_case(store, bad.case_id)
    assert str(bad_file) in str(info.value)
    assert bad_file.read_bytes() == damaged
    # The CLI says so without a traceback, and the damaged file is still untouched.
    proc = run_cli("run", "--jsonl", "--store", str(store_path), "--case", bad.case_id, stdin="ja\n", check=False)
    assert proc.returncode == 3 and str(bad_file) in proc.stderr and "Traceback" not in proc.stderr
    assert bad_file.read_bytes() == damaged
    # Other cases are listed and usable; the damaged one is listed as unreadable.
    listed = {s.id: s for s in store.list_cases()}
    assert listed[bad.case_id].error == str(bad_file)
    assert listed[good.case_id].error is None
    conv = resume_case(store, good.case_id)
    assert conv.respond("ja").prompt.state == "name"
    conv.close()


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"case": '])
def test_every_kind_of_damage_is_reported(store, content):
    conv = Conversation.start(store)
    conv.close()
    path = store.root / "cases" / conv.case_id / "case.json"
    path.write_bytes(content)
    with pytest.raises(CorruptCaseError):
        store.open_case(conv.case_id)
    assert path.read_bytes() == content


def test_unknown_and_malicious_case_ids(store):
    with pytest.raises(CaseNotFoundError):
        store.open_case("abcd2345")
    for bad in ("../../etc", "a/b", "", "X" * 100, "ab"):
        with pytest.raises(InvalidCaseId):
            store.open_case(bad)
    proc = run_cli("export", "../x", "--store", str(store.root), check=False)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr


def test_no_half_written_file_is_left_by_a_write(store):
    conv = Conversation.start(store)
    for _ in range(5):
        conv.respond("")
    conv.close()
    leftovers = [p for p in store.root.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_list_cases_shows_names_and_newest_first(store_path):
    first = run_jsonl(store_path, ["", "ja", "Anna"])[0]["case"]
    second = run_jsonl(store_path, ["", "ja", "Bo"])[0]["case"]
    rows = Store(store_path).list_cases()
    assert [(r.id, r.name, r.status) for r in rows] == [(second, "Bo", "paused"), (first, "Anna", "paused")]


def test_case_numbers_may_be_typed_in_capitals(store):
    conv = Conversation.start(store)
    conv.close()
    with store.open_case(conv.case_id.upper(), write=False) as handle:
        assert handle.id == conv.case_id


def test_unknown_dialogue_and_unusable_folder_are_explained(tmp_path):
    proc = run_cli("run", "--journey", "nope", "--store", str(tmp_path / "s"), check=False)
    assert proc.returncode == 3 and "Der er ingen dialog, der hedder nope." in proc.stderr
    assert proc.stdout == ""  # nothing half-started
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = run_cli("run", "--jsonl", "--store", str(blocker), check=False)
    assert proc.returncode == 3 and "kan ikke bruges" in proc.stderr and "Traceback" not in proc.stderr


def test_default_store_is_private_in_the_user_data_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("BORGERREJSE_STORE")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    store = Store()
    assert store.root == tmp_path / "data" / "borgerrejse" / "store"
    assert _mode(store.root) == 0o700 and _mode(store.root.parent) == 0o700


def test_a_failed_batch_writes_nothing_and_later_changes_are_kept(store, monkeypatch):
    from store import storage

    with store.create_case(journey="adult") as handle:
        real = storage.AtomicJSONStorage._write_file

        def full(self, data):
            raise OSError(28, "No space left on device")

        monkeypatch.setattr(storage.AtomicJSONStorage, "_write_file", full)
        with pytest.raises(OSError):
            with handle.batch():
                handle.put_doc("notes", {"purpose": "lost"})
                handle.add_doc("notes_log", {"what": "purpose"})
        monkeypatch.setattr(storage.AtomicJSONStorage, "_write_file", real)
        handle.put_doc("notes", {"purpose": "kept"})
        case = handle.id
    with store.open_case(case, write=False) as again:
        assert again.get_doc("notes") == {"purpose": "kept"}
        assert again.all_docs("notes_log") == []


def test_a_caught_failure_inside_a_batch_abandons_the_whole_batch(store):
    from store.storage import BatchAbandoned

    with store.create_case(journey="adult") as handle:
        with pytest.raises(BatchAbandoned):
            with handle.batch():
                handle.put_doc("notes", {"half": True})
                try:
                    with handle.batch():
                        handle.add_doc("notes_log", {"what": "x"})
                        raise ValueError("inner step failed")
                except ValueError:
                    pass
        assert handle.get_doc("notes") is None and handle.all_docs("notes_log") == []


def test_leftovers_of_a_killed_write_are_removed(store):
    with store.create_case(journey="adult") as handle:
        case_dir = handle.dir
    leftover = case_dir / ".case.json.99999.tmp"
    leftover.write_text("half")
    store.open_case(case_dir.name).close()
    assert not leftover.exists()


def test_a_sweep_never_takes_a_case_being_made(tmp_path, monkeypatch):
    """A case is made in a hidden folder, then locked, then renamed. Between the folder and its
    lock, a sweep (another process starting, or another thread of `sample`) must not be able to
    run: it would take the folder for a leftover and remove it under the maker's feet."""
    import fcntl

    from store import repository

    store = Store(tmp_path / "store")
    store.sweep_half_made()
    store._swept = True
    original = repository.lock_case_dir
    checked = []

    def lock_case_dir(folder):
        if folder.name.startswith(".new-"):  # made, not locked yet: try to become a sweeper now
            fd = os.open(store.root / "creating.lock", os.O_RDWR)
            try:
                with pytest.raises(BlockingIOError):
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            finally:
                os.close(fd)
            checked.append(folder.name)
        return original(folder)

    monkeypatch.setattr(repository, "lock_case_dir", lock_case_dir)
    with store.create_case(name="Anna", lang="da") as handle:
        assert handle.meta["name"] == "Anna"
    assert checked
    store.sweep_half_made()  # afterwards a sweep runs, and leaves the finished case alone
    assert [c.id for c in store.list_cases()] == [handle.meta["id"]]
    assert stat.S_IMODE(os.stat(store.root / "creating.lock").st_mode) == 0o600
