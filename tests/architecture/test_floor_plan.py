"""The floor plan (docs/ARCHITECTURE.md) holds: the import contracts in pyproject.toml are kept,
no module of the project imports itself round a circle, and every import made inside a
function is one of the deliberate ones listed in ``[tool.borgerrejse.deferred-imports]``.

The graph is built from the packages as Python imports them (the checkout, or site-packages
where the project is installed), with the imports inside functions included: a face imported
inside a core function breaks the layers as surely as one at the top of the file.
"""

from __future__ import annotations

import ast
import fnmatch
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import pytest

import assistant
import store

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = ROOT / "pyproject.toml"
PACKAGES = {"assistant": Path(assistant.__file__).parent, "store": Path(store.__file__).parent}


def _lint(cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    """``lint-imports`` on the pyproject.toml in ``cwd`` (no cache: the graph is built afresh)."""
    code = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"
    return subprocess.run([sys.executable, "-c", code, "--no-cache", "--no-logo"], cwd=cwd, env=env,
                          capture_output=True, text=True)


def test_the_import_contracts_are_kept():
    run = _lint(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "4 kept, 0 broken" in run.stdout


@pytest.fixture
def planted(tmp_path: Path) -> Path:
    """A copy of both packages and the contracts, to plant wrong imports in."""
    for name, folder in PACKAGES.items():
        shutil.copytree(folder, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    return tmp_path


def _plant(path: Path, code: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + "\n\n" + code + "\n", encoding="utf-8")


def test_a_face_imported_inside_a_core_function_breaks_the_contracts(planted: Path):
    _plant(planted / "assistant/domain/audit.py",
           "def _planted():\n    from assistant.tui.caseworker.screens.report import ReportScreen\n    return ReportScreen")
    _plant(planted / "store/files.py", "def _planted():\n    import assistant.domain.plan\n    return assistant")
    _plant(planted / "assistant/tui/trainer/app.py",
           "def _planted():\n    from assistant.tui.citizen import app\n    return app")
    run = _lint(planted, env={**os.environ, "PYTHONPATH": str(planted)})
    assert run.returncode == 1, run.stdout + run.stderr
    for contract in ("Faces (cli, tui) -> render -> services -> domain -> common BROKEN",
                     "The store knows nothing of the assistant BROKEN",
                     "The three terminal faces do not import each other BROKEN",
                     "Textual only in the terminal faces BROKEN"):
        assert contract in run.stdout, run.stdout
    assert "assistant.domain.audit -> assistant.tui.caseworker.screens.report" in run.stdout


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("assistant", "store", cache_dir=None)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in sorted(edges.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                other = stack.pop()
                on_stack.discard(other)
                group.append(other)
                if other == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_circle_through_three_modules():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_round_a_circle():
    graph = _graph()
    edges = {}
    for module in graph.modules:
        if module.split(".")[0] not in PACKAGES:
            continue
        # A module importing its own package (``import assistant`` for its folder) is no circle.
        edges[module] = {m for m in graph.find_modules_directly_imported_by(module)
                         if m.split(".")[0] in PACKAGES and not module.startswith(m + ".")}
    assert cycles(edges) == []


def _deferred_imports() -> set[tuple[str, str]]:
    """(importer, imported module) for every import of the project's own modules inside a function."""
    graph = _graph()
    found = set()
    for name, folder in PACKAGES.items():
        for path in folder.rglob("*.py"):
            parts = path.relative_to(folder.parent).with_suffix("").parts
            module = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for func in ast.walk(tree):
                if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    continue
                for node in ast.walk(func):
                    if isinstance(node, ast.Import):
                        targets = [a.name for a in node.names]
                    elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                        targets = [f"{node.module}.{a.name}" for a in node.names]
                    else:
                        continue
                    for target in targets:
                        if target.split(".")[0] not in PACKAGES:
                            continue
                        while target not in graph.modules:  # a name in a module: the module
                            target = target.rsplit(".", 1)[0]
                        found.add((module, target))
    return found


def _listed() -> dict[str, str]:
    return tomllib.loads(PYPROJECT.read_text("utf-8"))["tool"]["borgerrejse"]["deferred-imports"]


def test_every_import_inside_a_function_is_listed_with_its_reason():
    listed = _listed()
    assert all(isinstance(r, str) and len(r.split()) >= 4 for r in listed.values()), "each entry says why"
    patterns = [tuple(p.strip() for p in key.split("->")) for key in listed]
    deferred = _deferred_imports()
    assert deferred, "the finder finds the chat's deferred imports"
    unlisted = sorted(f"{a} -> {b}" for a, b in deferred
                      if not any(fnmatch.fnmatchcase(a, pa) and fnmatch.fnmatchcase(b, pb) for pa, pb in patterns))
    assert not unlisted, "deferred imports not listed in [tool.borgerrejse.deferred-imports]: " + ", ".join(unlisted)
    unmatched = sorted(f"{pa} -> {pb}" for pa, pb in patterns
                       if not any(fnmatch.fnmatchcase(a, pa) and fnmatch.fnmatchcase(b, pb) for a, b in deferred))
    assert not unmatched, "entries that match no deferred import (remove them): " + ", ".join(unmatched)
