"""Every fault gets a sentence, and nothing that holds anyone's words is ever deleted.

Faults are injected where the store writes (``store.files.atomic_write``) and
into the case file itself; the CLI runs in-process (``assistant.cli.commands.main``) so a
write can fail at exactly the k-th write of a whole conversation.
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.support.helpers import converse, run_cli
from tests.support.personas import ANNA_DA, CARLA_DA, answer_for

from assistant.cli import commands as cli
from store import Store
from store import files as store_files
from store import storage as store_storage
from assistant.services.resume import resume_case

DAMAGED = "kan ikke læses"


# -- the fault-injection layer ------------------------------------------------------------
class Disk:
    """Makes the store's ``fail_at``-th write from now on (and every later one) fail with ``code``."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.writes = 0
        self.fail_at: int | None = None
        self.code = errno.ENOSPC
        real = store_files.atomic_write

        def write(path, data):
            self.writes += 1
            if self.fail_at is not None and self.writes >= self.fail_at:
                raise OSError(self.code, os.strerror(self.code), str(path))
            return real(path, data)

        for module in (store_files, store_storage):
            monkeypatch.setattr(module, "atomic_write", write)

    def fail(self, at: int, code: int = errno.ENOSPC) -> None:
        self.writes, self.fail_at, self.code = 0, at, code

    def heal(self) -> None:
        self.fail_at = None


@pytest.fixture
def disk(monkeypatch) -> Disk:
    return Disk(monkeypatch)


def main(args: list[str], stdin: str = "", capsys=None, monkeypatch=None) -> tuple[int, str, str]:
    """``borgerrejse ARGS`` in this process, with ``stdin`` as its input."""
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode("utf-8")), encoding="utf-8"))
    code = cli.main(args)
    out, err = capsys.readouterr()
    return code, out, err


def _conversation_lines(script: dict) -> list[str]:
    """A whole conversation's answers in order (as the persona gives them)."""
    from assistant.services.conversation import Conversation

    store = Store(Path(os.environ["BORGERREJSE_STORE"]) / "scratch")
    conv = Conversation.start(store)
    counters: dict = {}
    lines = []
    for _ in range(200):
        prompt = conv.prompt()
        if prompt.final:
            break
        line = answer_for(script, prompt.slot, counters)
        lines.append(line)
        conv.respond(line)
    conv.close()
    return lines


def _answers_on_file(store: Store) -> dict[str, list[tuple[str, str]]]:
    out = {}
    for case_id in store.case_ids():
        with store.open_case(case_id, write=False) as handle:  # opens: readable, well formed
            out[case_id] = [(e["state"], e.get("text", "")) for e in handle.events() if e["type"] in ("answer", "skip")]
    return out


# -- 4 and the proof: a failed write at every moment of a whole conversation -----------------
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS, errno.EACCES])
def test_a_failed_write_at_every_moment_of_a_conversation_is_one_sentence_and_loses_nothing(
    tmp_path, disk, capsys, monkeypatch, code
):
    lines = _conversation_lines(ANNA_DA)
    disk.fail(10**9)
    main(["run", "--jsonl", "--store", str(tmp_path / "count")], "\n".join(lines) + "\n", capsys, monkeypatch)
    total = disk.writes
    assert total > 20, total
    reason = {errno.ENOSPC: "ikke mere plads på disken", errno.EROFS: "kun læses", errno.EACCES: "ikke lov"}[code]
    step = 1 if code == errno.ENOSPC else 4
    for k in range(1, total + 1, step):
        store_path = tmp_path / f"s{code}-{k}"
        disk.fail(k, code)
        exit_code, out, err = main(["run", "--jsonl", "--store", str(store_path)], "\n".join(lines) + "\n",
                                   capsys, monkeypatch)
        disk.heal()
        events = [json.loads(line) for line in out.splitlines()]
        assert exit_code == 3, (k, err)
        assert "Traceback" not in err and err.count("\n") == 1, err
        assert reason in err and str(store_path) in err, err
        assert events[-1]["event"] == "error" and events[-1]["message"] == err.strip()
        # Every answer the program acknowledged (a next prompt came for it) is on file.
        acknowledged = sum(1 for e in events if e["event"] in ("prompt", "invalid")) - 1
        on_file = _answers_on_file(Store(store_path))
        assert len(on_file) <= 1
        kept = next(iter(on_file.values()), [])
        assert len(kept) >= acknowledged, (k, acknowledged, kept)
        assert [text for _state, text in kept] == lines[: len(kept)]
        # Nothing is left locked: the case opens for writing at once.
        for case_id in on_file:
            Store(store_path).open_case(case_id).close()


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_a_failed_write_in_casework_is_one_sentence_and_changes_nothing(store_path, disk, capsys, monkeypatch, code):
    case = converse(Store(store_path), CARLA_DA)
    before = (Store(store_path).cases_dir / case / "case.json").read_bytes()
    for args in (["--set", "purpose=Carla får en fast døgnrytme."], ["--status", "reviewed"],
                 ["--set", "g1.reasoning=Det er vigtigt for børnene, at der er ro om morgenen."]):
        disk.fail(1, code)
        exit_code, out, err = main(["casework", case, "--store", str(store_path), *args], "", capsys, monkeypatch)
        disk.heal()
        assert exit_code == 3 and "Traceback" not in err and str(store_path) in err, err
        assert (Store(store_path).cases_dir / case / "case.json").read_bytes() == before


def test_new_case_on_a_full_disk_leaves_no_half_made_case(store_path, disk, capsys, monkeypatch):
    Store(store_path)
    disk.fail(1)
    exit_code, _out, err = main(["new-case", "--name", "Bo", "--store", str(store_path)], "", capsys, monkeypatch)
    assert exit_code == 3 and "ikke mere plads" in err
    assert list((store_path / "cases").iterdir()) == []
    disk.fail(1)
    exit_code, out, err = main(["run", "--jsonl", "--store", str(store_path)], "", capsys, monkeypatch)
    assert exit_code == 3 and json.loads(out.splitlines()[-1])["event"] == "error"
    assert list((store_path / "cases").iterdir()) == [] and Store(store_path).list_cases() == []


# -- 1: a case that looks wrong is damage, never removed ---------------------------------------
def _tamper(store: Store, case: str, change) -> bytes:
    path = store.cases_dir / case / "case.json"
    data = json.loads(path.read_text("utf-8"))
    change(data)
    path.write_text(json.dumps(data), "utf-8")
    return path.read_bytes()


@pytest.mark.parametrize("how", ["empty", "missing"])
def test_a_case_whose_history_is_gone_is_reported_not_deleted(store_path, how):
    store = Store(store_path)
    case = converse(store, CARLA_DA)
    from assistant.services.casework import Casework

    with Casework(store, case, user="sb") as work:
        work.set_plan_field("purpose", "Carla får en fast døgnrytme.")

    def wipe(data):
        if how == "empty":
            data["events"] = {}
        else:
            del data["events"]

    damaged = _tamper(store, case, wipe)
    for stdin in ("", "/pause\n"):
        proc = run_cli("run", "--jsonl", "--case", case, "--store", str(store_path), stdin=stdin, check=False)
        assert proc.returncode == 3 and DAMAGED in proc.stderr and "case.json" in proc.stderr, proc.stderr
        assert json.loads(proc.stdout.splitlines()[-1])["event"] == "error"
        assert (store.cases_dir / case / "case.json").read_bytes() == damaged  # kept, unchanged


def test_only_a_case_made_in_this_run_that_holds_nothing_is_removed(store_path):
    from assistant.services.conversation import Conversation

    store = Store(store_path)
    conv = Conversation.start(store)
    case = conv.case_id
    conv.close()
    # Opened again later and left at once: it came from disk, so it stays.
    again = resume_case(store, case)
    assert not again.pause().discarded
    assert store.exists(case)
    fresh = Conversation.start(store)
    assert fresh.pause().discarded and not store.exists(fresh.case_id)


def test_discard_refuses_a_case_that_holds_anything(store):
    from assistant.services.conversation import Conversation

    conv = Conversation.start(store)
    conv.respond("ja")
    with pytest.raises(RuntimeError):
        conv.handle.discard()
    conv.close()
    assert store.exists(conv.case_id)


# -- 2: a refused long answer is not stored whole ----------------------------------------------
def test_a_huge_paste_is_refused_before_it_is_stored(store_path):
    huge = "x" * 10_000_000
    first = run_cli("run", "--jsonl", "--store", str(store_path), stdin="ja\n" + huge + "\n").stdout
    case = json.loads(first.splitlines()[0])["case"]
    for _retry in range(2):  # a client that retries
        again = run_cli("run", "--jsonl", "--store", str(store_path), "--case", case, stdin=huge + "\n").stdout
        assert any(json.loads(line)["event"] == "invalid" for line in again.splitlines())
    size = (Store(store_path).cases_dir / case / "case.json").stat().st_size
    assert size < 50_000, size
    with Store(store_path).open_case(case, write=False) as handle:
        invalid = [e for e in handle.events() if e["type"] == "invalid"]
    assert len(invalid) == 3 and all(e["length"] == 10_000_000 and len(e["text"]) == 500 for e in invalid)


# -- 3: half-made cases are invisible and swept away -----------------------------------------
def test_half_made_cases_are_invisible_and_swept(store):
    old_style = store.cases_dir / "abcd2345"  # an older version killed after mkdir: only a lock
    old_style.mkdir(mode=0o700)
    (old_style / "lock").write_bytes(b"")
    staging = store.cases_dir / ".new-efgh6789"  # killed while making a case
    staging.mkdir(mode=0o700)
    (staging / "lock").write_bytes(b"")
    (staging / "case.json").write_text('{"case": {"1": {"id": "efgh6789"}}}')
    assert store.list_cases() == [] and list(store.case_ids()) == []
    with store.create_case(journey="adult", lang="da", status="in_progress") as handle:
        made = handle.id
    assert sorted(p.name for p in store.cases_dir.iterdir()) == [made]


def test_a_kill_during_start_up_never_leaves_a_nameless_case(store_path):
    """SIGKILL at every moment of making a case: what is left is a whole case or nothing."""
    import signal

    for _ in range(15):
        proc = subprocess.Popen([sys.executable, "-m", "assistant", "run", "--jsonl", "--store", str(store_path)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        proc.stdout.readline()  # the first prompt: the case exists
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdin.close()
        proc.stdout.close()
    store = Store(store_path)
    for summary in store.list_cases():
        assert summary.error is None and summary.status == "in_progress"
        with store.open_case(summary.id) as handle:
            assert [e["type"] for e in handle.events()] == ["start"]


# -- 5 and 13: valid JSON with odd content is damage, named --------------------------------------
ODD = {
    "event without a type": lambda d: d["events"]["1"].pop("type"),
    "document id abc": lambda d: d["events"].__setitem__("abc", d["events"].pop("1")),
    "a bad time": lambda d: d["events"]["1"].__setitem__("at", "yesterday"),
    "unknown casework status": lambda d: d.__setitem__("casework", {"1": {"status": "done", "version": 1}}),
    "updated not a string": lambda d: d["case"]["1"].__setitem__("updated", 5),
    "an answer that is not a choice": lambda d: next(
        e for e in d["events"].values() if e.get("state") == "consent").__setitem__("value", "maybe"),
}


@pytest.mark.parametrize("what", list(ODD))
def test_odd_content_is_reported_as_damaged_by_name_everywhere(store_path, what):
    store = Store(store_path)
    case = converse(store, CARLA_DA)
    good = converse(store, ANNA_DA)
    damaged = _tamper(store, case, ODD[what])
    path = str(store.cases_dir / case / "case.json")
    for args in (["run", "--jsonl", "--case", case], ["export", case], ["export", case, "--view", "case"],
                 ["audit", case], ["casework", case], ["casework", case, "--trail"]):
        proc = run_cli(*args, "--store", str(store_path), check=False)
        assert proc.returncode == 3, (args, proc.stderr)
        assert "Traceback" not in proc.stderr and DAMAGED in proc.stderr and path in proc.stderr, (args, proc.stderr)
        assert "Dialogen" not in proc.stderr
    listed = run_cli("cases", "--store", str(store_path)).stdout
    assert good in listed and case in listed  # the others still listed
    assert (store.cases_dir / case / "case.json").read_bytes() == damaged


def test_a_dangling_case_file_link_is_damage_not_no_conversation(store_path):
    store = Store(store_path)
    case = converse(store, CARLA_DA)
    path = store.cases_dir / case / "case.json"
    path.unlink()
    path.symlink_to(store_path / "nowhere.json")
    proc = run_cli("export", case, "--store", str(store_path), check=False)
    assert proc.returncode == 3 and DAMAGED in proc.stderr and str(path) in proc.stderr


def test_a_lock_that_is_a_folder_is_one_sentence(store_path):
    store = Store(store_path)
    case = converse(store, CARLA_DA)
    lock = store.cases_dir / case / "lock"
    lock.unlink()
    lock.mkdir()
    for args in (["run", "--jsonl", "--case", case], ["casework", case, "--status", "reviewed"]):
        proc = run_cli(*args, "--store", str(store_path), check=False)
        assert proc.returncode == 3 and "Traceback" not in proc.stderr and str(lock) in proc.stderr, proc.stderr


def test_a_finished_case_on_a_read_only_disk_still_shows_its_plan(store_path, monkeypatch):
    """The lock file cannot be opened for writing (read-only mount): the plan is still shown."""
    store = Store(store_path)
    case = converse(store, ANNA_DA)
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        if str(path).endswith("lock") and flags & (os.O_RDWR | os.O_WRONLY):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    from assistant.cli.jsonl import run

    out = io.StringIO()
    assert run(Store(store_path), io.StringIO(""), out, case=case) == 0
    assert '"event": "end"' in out.getvalue()


def test_a_disk_full_export_is_not_blamed_on_permissions(store_path, disk, capsys, monkeypatch):
    store = Store(store_path)
    case = converse(store, ANNA_DA)
    disk.fail(1)
    code, _out, err = main(["export", case, "--store", str(store_path), "-o", str(store_path / "plan.json")], "",
                           capsys, monkeypatch)
    assert code == 3 and "ikke mere plads på disken" in err and "tilladelse" not in err


# -- 6: every field validated ---------------------------------------------------------------
@pytest.mark.parametrize("assignment", [
    "g1.text=", "expected_duration_months=²", "g1.priority=²", "g1.indicator=Søvn;²;3",
    "g1.indicator=Søvn;" + "9" * 5000 + ";3", "expected_duration_months=" + "9" * 30,
    "expected_duration_months=121", "expected_duration_months=0", "g1.priority=9", "purpose=" + "x" * 6000,
])
def test_bad_casework_values_get_a_sentence(store_path, assignment):
    store = Store(store_path)
    case = converse(store, CARLA_DA)
    before = (store.cases_dir / case / "case.json").read_bytes()
    proc = run_cli("casework", case, "--store", str(store_path), "--set", assignment, check=False)
    assert proc.returncode == 3 and "Traceback" not in proc.stderr and proc.stderr.strip(), proc.stderr
    assert (store.cases_dir / case / "case.json").read_bytes() == before
    assert run_cli("export", case, "--view", "case", "--store", str(store_path)).returncode == 0


# -- 7: empty arguments are usage errors ---------------------------------------------------------
@pytest.mark.parametrize("args", [["run", "--case", ""], ["run", "--store", ""], ["chat", "--case", ""],
                                  ["export", ""], ["new-case", "--name", ""], ["cases", "--store", " "]])
def test_an_empty_argument_is_a_usage_error(args, tmp_path):
    proc = run_cli(*args, check=False, stdin="")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert not (tmp_path / "default-store" / "cases").exists() or not any((tmp_path / "default-store" / "cases").iterdir())


# -- 11: personal text need not be an argument -----------------------------------------------------
def test_set_from_a_file_and_from_stdin(store_path, tmp_path):
    store = Store(store_path)
    case = converse(store, CARLA_DA)
    lines = tmp_path / "changes.txt"
    lines.write_text("# Carla\npurpose=Carla får en fast døgnrytme.\ng1.reasoning=Ro om morgenen hjælper børnene.\n")
    run_cli("casework", case, "--store", str(store_path), "--set-from", str(lines))
    long_reason = "Fordi " + "det er vigtigt " * 70_000  # ~1 MB: too long for an argument list
    run_cli("casework", case, "--store", str(store_path), "--set-from", "-",
            stdin=json.dumps({"expected_duration_months": 6, "measures": ["Bostøtte § 85"],
                              "g1.provider": long_reason[:4000]}))
    from assistant.services.plans import load_full_plan

    plan = load_full_plan(store, case)
    assert plan["purpose"] == "Carla får en fast døgnrytme."
    assert plan["expected_duration_months"] == 6 and [m["title"] for m in plan["measures"]] == ["Bostøtte § 85"]
    assert plan["goals"][0]["reasoning"] == "Ro om morgenen hjælper børnene."
    bad = run_cli("casework", case, "--store", str(store_path), "--set-from", str(tmp_path / "missing.txt"), check=False)
    assert bad.returncode == 3 and "missing.txt" in bad.stderr
    help_text = run_cli("casework", "--help").stdout
    assert "--set-from" in help_text


def test_new_case_reads_the_name_from_stdin(store_path):
    case = run_cli("new-case", "--name-from", "-", "--store", str(store_path), stdin="Bo Hansen\n").stdout.strip()
    with Store(store_path).open_case(case, write=False) as handle:
        assert handle.meta["name"] == "Bo Hansen"


# -- 12: modes never depend on the umask --------------------------------------------------------------
@pytest.mark.parametrize("umask", [0o777, 0o000])
def test_modes_do_not_depend_on_the_umask(tmp_path, umask):
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k != "BORGERREJSE_STORE"} | {"HOME": str(home)}
    env.pop("XDG_DATA_HOME", None)
    proc = subprocess.run([sys.executable, "-m", "assistant", "new-case", "--name-from", "-"], input="Bo\n",
                          capture_output=True, text=True, env=env, preexec_fn=lambda: os.umask(umask), timeout=120)
    assert proc.returncode == 0, proc.stderr
    share = home / ".local" / "share"
    for folder in (home / ".local", share, share / "borgerrejse", share / "borgerrejse" / "store"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder
    for path in (share / "borgerrejse").rglob("*"):
        assert path.stat().st_mode & 0o777 == (0o700 if path.is_dir() else 0o600), path


def test_a_reader_that_goes_away_is_no_traceback(store_path):
    """`borgerrejse run --jsonl | head -1`: the pipe closes after the first line."""
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "run", "--jsonl", "--journey", "youth",
                             "--store", str(store_path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.readline()  # the first prompt
    proc.stdout.close()  # the reader goes away
    _out, err = proc.communicate(b"\n\n\n", timeout=120)
    assert b"Traceback" not in err, err.decode()
