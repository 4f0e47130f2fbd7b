"""Import boundaries: the core and the store import no Textual; only the store knows how cases are kept."""

from __future__ import annotations

import ast
import json
import pkgutil
import subprocess
import sys
from pathlib import Path

import assistant
import store
from store.interface import CaseRecord, CaseStore

ROOT = Path(__file__).resolve().parents[1]
FACES = ("assistant.tui",)  # the terminal UI: the one place Textual belongs


def _modules(package) -> list[str]:
    return sorted(m.name for m in pkgutil.walk_packages(package.__path__, package.__name__ + "."))


def _core_modules() -> list[str]:
    return [m for m in _modules(assistant) + _modules(store) if not m.startswith(FACES) and not m.endswith("__main__")]


def test_core_and_store_import_no_textual():
    modules = _core_modules()
    assert "assistant.report" in modules and "store.index" in modules and "assistant.sample" in modules
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
