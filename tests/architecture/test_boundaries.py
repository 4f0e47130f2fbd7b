"""Import boundaries: the core and the store import no Textual; only the store knows how cases are kept."""

from __future__ import annotations

import ast
import os
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import assistant
import store
from store.interface import CLOCK, CaseRecord, CaseStore, is_document

ROOT = Path(__file__).resolve().parents[2]
FACES = ("assistant.tui",)  # the terminal UI: the one place Textual belongs


def _modules(package) -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + "."))


def _core_modules() -> list[str]:
    return [m for m in _modules(assistant) + _modules(store) if not m.startswith(FACES) and not m.endswith("__main__")]


def test_core_and_store_import_no_textual():
    modules = _core_modules()
    assert "assistant.services.report" in modules and "store.index" in modules and "assistant.services.sample" in modules
    code = (f"import sys, json, importlib\nsys.path.insert(0, {str(ROOT)!r})\n"
            f"mods = {modules!r}\n"
            "bad = {}\n"
            "for m in mods:\n"
            "    importlib.import_module(m)\n"
            "print(json.dumps(sorted(k for k in sys.modules if k == 'textual' or k.startswith('textual'))))\n")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert json.loads(out) == []


def _python_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py")]


def test_nothing_outside_the_store_keeps_cases_by_hand():
    """No TinyDB, no file locking and no case-file names outside ``store/``."""
    offenders = []
    for path in _python_files(ROOT / "assistant"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                for name in names:
                    if name.split(".")[0] in ("tinydb", "fcntl") or name in ("store.storage", "store.index"):
                        offenders.append(f"{path.relative_to(ROOT)}: imports {name}")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in ("case.json", "lock", "_default"):
                offenders.append(f"{path.relative_to(ROOT)}: {node.value!r}")
            if isinstance(node, ast.Attribute) and node.attr in ("_db", "cases_dir", "flock", "storage"):
                offenders.append(f"{path.relative_to(ROOT)}: .{node.attr}")
    assert not offenders, offenders


def _protocol_members(protocol) -> set[str]:
    return {name for name in dir(protocol) if not name.startswith("_")} | set(protocol.__annotations__)


def test_the_core_uses_only_the_documented_interface():
    """Every method the core and the faces call on a store or an open case is in store/interface.py."""
    store_members, case_members = _protocol_members(CaseStore), _protocol_members(CaseRecord)
    unknown = []
    for path in _python_files(ROOT / "assistant"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Attribute):
                continue
            owner = node.value
            name = owner.id if isinstance(owner, ast.Name) else owner.attr if isinstance(owner, ast.Attribute) else None
            if name == "store" and node.attr not in store_members and not (isinstance(owner, ast.Name) and _is_module_use(node)):
                unknown.append(f"{path.relative_to(ROOT)}: store.{node.attr}")
            if name == "handle" and node.attr not in case_members:
                unknown.append(f"{path.relative_to(ROOT)}: handle.{node.attr}")
    assert not unknown, unknown


def _is_module_use(node: ast.Attribute) -> bool:
    """``store.files`` / ``store.repository`` … as modules (imports), not a Store object."""
    return node.attr in {m.rsplit(".", 1)[1] for m in _modules(store)}


def test_the_embedded_store_implements_the_interface(tmp_path):
    from store import Store

    embedded = Store(tmp_path / "store")
    assert isinstance(embedded, CaseStore)
    with embedded.create_case(journey="adult", lang="da", status="in_progress") as handle:
        assert isinstance(handle, CaseRecord)


def _allowed(protocol) -> set[str]:
    return _protocol_members(protocol)


def test_the_core_asks_the_store_only_what_the_interface_documents(tmp_path, monkeypatch, capsys):
    """At run time: every attribute the core (assistant/, the faces too) takes from a store or an open case is a
    member of store/interface.py — through every journey (sample: first conversations, follow-ups, casework,
    provider status, distress handled, reopened), the report, the lists, exports, audit and casework commands."""
    from assistant.cli import commands as cli
    from assistant.services.sample import sample
    from store import CaseHandle, Store

    # Where the running core is: the checkout (editable) or site-packages (CI installs the project).
    core = os.path.dirname(assistant.__file__)
    seen: set[tuple[str, str, str]] = set()

    def guard(cls, allowed: set[str]) -> None:
        original = cls.__getattribute__

        def getattribute(self, name):
            if not name.startswith("__") and name not in allowed:
                caller = sys._getframe(1).f_code.co_filename
                if caller.startswith(core):
                    seen.add((cls.__name__, name, caller[len(os.path.dirname(core)) + 1:]))
            return original(self, name)

        monkeypatch.setattr(cls, "__getattribute__", getattribute)

    guard(Store, _allowed(CaseStore))
    guard(CaseHandle, _allowed(CaseRecord))
    kinds: set[str] = set()
    for method in ("get_doc", "put_doc", "add_doc", "all_docs", "replace_doc_where", "remove_doc"):
        def watch(self, kind, *args, _original=getattr(CaseHandle, method), **kw):
            if sys._getframe(1).f_code.co_filename.startswith(core):  # the store's own tables are its business
                kinds.add(kind)
            return _original(self, kind, *args, **kw)

        monkeypatch.setattr(CaseHandle, method, watch)
    monkeypatch.setenv("BORGERREJSE_TODAY", "2026-06-01")
    root = tmp_path / "store"
    sample(Store(root), 40, seed=5)
    store = Store(root)
    ids = [c.id for c in store.list_cases()]
    final = [c.id for c in store.list_cases() if c.list_status == "final"]
    assert final
    from assistant.services.casework import Casework

    with Casework(store, final[0], write=False) as work:
        provider = next(m["provider"] for m in work.plan()["measures"] if m.get("provider"))
    for argv in (["report", "--format", "json"], ["cases", "--json"], ["my-cases", "--user", "kbl", "--json"],
                 ["export", final[0], "--format", "json", "--view", "case"],
                 ["export", final[0], "--format", "html", "--view", "citizen", "-o", str(tmp_path / "plan.html")],
                 ["export", final[0], "--format", "md", "--part-plan", provider],
                 ["export", final[0], "--format", "md", "--version", "1"],
                 ["audit", final[0], "--json"], ["casework", final[0], "--trail"], ["settings", "--json"]):
        assert cli.main([*argv, "--store", str(root)]) == 0, argv
    capsys.readouterr()
    assert len(ids) == 40
    assert not seen, sorted(seen)
    assert {"plan", "casework", "trail", "versions", "followups", "provider_status", "followup1_events",
            "change_reviews", "changes1_events"} <= kinds
    assert all(is_document(kind) for kind in kinds), kinds


def test_the_core_takes_only_the_clock_from_the_embedded_store():
    """``store.repository`` is the embedded store: the core names from it only the clock (and the Store itself)."""
    import store as store_package

    allowed = set(CLOCK) | set(store_package.__all__)
    offenders = []
    for path in _python_files(ROOT / "assistant"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "store.repository":
                offenders += [f"{path.relative_to(ROOT)}: {a.name}" for a in node.names if a.name not in allowed]
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "repository" \
                    and node.attr not in allowed:
                offenders.append(f"{path.relative_to(ROOT)}: repository.{node.attr}")
    assert not offenders, offenders
