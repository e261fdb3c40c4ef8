"""The library's layout holds: layers import downward only, no cycle, no private name
crosses a module boundary, every module stays small. Read with ``ast``; nothing is imported."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

LIB = Path(__file__).resolve().parents[1] / "lib" / "ntmplan"

#: Layer of each top-level part of the package; a module may import only its own layer or lower.
LAYERS = {"core": 0, "survey": 1, "tasks": 2, "notebook": 3, "batch": 4, "cli": 4, "app": 4}
#: Largest module, in lines.
MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = list(path.relative_to(LIB.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in sorted(LIB.rglob("*.py"))}


def layer(name: str) -> int | None:
    parts = name.split(".")
    if len(parts) < 2:
        return None  # ntmplan/__init__.py
    return LAYERS.get(parts[1], 4 if parts[1] == "__main__" else None)


def task_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[2] if len(parts) > 2 and parts[1] == "tasks" else None


def imports(path: Path, known: dict[str, Path]) -> list[tuple[str, list[str], int]]:
    """Return (imported ntmplan module, names taken from it, line) for every import, lazy ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    this = module_name(path)
    package = this if path.name == "__init__.py" else this.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("ntmplan."):
                    found.append((alias.name, [], node.lineno))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            if not target.startswith("ntmplan"):
                continue
            names = [a.name for a in node.names]
            submodules = [f"{target}.{n}" for n in names if f"{target}.{n}" in known]
            if submodules:
                found.extend((s, [], node.lineno) for s in submodules)
                names = [n for n in names if f"{target}.{n}" not in known]
            if names or not submodules:
                found.append((target, names, node.lineno))
    return found


@pytest.fixture(scope="module")
def graph():
    known = modules()
    return known, {name: imports(path, known) for name, path in known.items()}


def test_every_module_is_small():
    big = {
        str(p.relative_to(LIB)): n
        for p in LIB.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert big == {}


def test_imports_flow_down_the_layers(graph):
    _, edges = graph
    wrong = []
    for src, targets in edges.items():
        for dst, _, line in targets:
            ls, ld = layer(src), layer(dst)
            if ls is not None and ld is not None and ld > ls:
                wrong.append(f"{src}:{line} imports {dst}")
    assert wrong == []


def test_task_packages_do_not_import_each_other(graph):
    _, edges = graph
    wrong = [
        f"{src}:{line} imports {dst}"
        for src, targets in edges.items()
        for dst, _, line in targets
        if task_of(src) and task_of(dst) and task_of(src) != task_of(dst)
    ]
    assert wrong == []


def test_no_import_cycle_between_modules(graph):
    known, edges = graph
    adjacency = {
        src: {dst for dst, _, _ in targets if dst in known and dst != src}
        for src, targets in edges.items()
    }
    # A package's __init__ re-exporting its own submodules is not a cycle of concerns.
    for src in adjacency:
        adjacency[src] = {d for d in adjacency[src] if not d.startswith(src + ".")}
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, stack: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(adjacency.get(node, ())):
            if state.get(nxt) == 1:
                cycle.extend(stack[stack.index(nxt) :] + [nxt])
                return True
            if nxt not in state and visit(nxt, [*stack, nxt]):
                return True
        state[node] = 2
        return False

    for start in sorted(adjacency):
        if start not in state and visit(start, [start]):
            break
    assert cycle == []


def test_no_private_name_used_outside_its_module(graph):
    known, edges = graph
    wrong = [
        f"{src}:{line} takes {name} from {dst}"
        for src, targets in edges.items()
        for dst, names, line in targets
        for name in names
        if name.startswith("_") and not name.startswith("__") and dst != src
    ]
    # attribute access on an imported ntmplan module: ``budget._helper``
    for src, path in known.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ntmplan"):
                for a in node.names:
                    if f"{node.module}.{a.name}" in known:
                        aliases[a.asname or a.name] = f"{node.module}.{a.name}"
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in aliases
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                wrong.append(f"{src}:{node.lineno} uses {node.value.id}.{node.attr}")
    assert wrong == []


def test_the_standard_library_io_is_not_shadowed():
    assert not (LIB / "io.py").exists()
    assert not any(p.name == "io.py" for p in LIB.rglob("*.py"))


class TestTheCheckItself:
    """The graph reader sees what it must (hand-made cases)."""

    def test_reads_lazy_relative_and_submodule_imports(self, tmp_path, monkeypatch):
        pkg = tmp_path / "ntmplan"
        (pkg / "tasks" / "budget").mkdir(parents=True)
        (pkg / "core").mkdir()
        for p in (pkg, pkg / "tasks", pkg / "tasks" / "budget", pkg / "core"):
            (p / "__init__.py").write_text("", encoding="utf-8")
        (pkg / "core" / "fmt.py").write_text("", encoding="utf-8")
        src = pkg / "tasks" / "budget" / "costs.py"
        src.write_text(
            "from ntmplan.core import fmt\n"
            "def f():\n    from ..budget import _x\n    from . import costs\n",
            encoding="utf-8",
        )
        monkeypatch.setattr(sys.modules[__name__], "LIB", pkg)
        known = {module_name(p): p for p in pkg.rglob("*.py")}
        found = imports(src, known)
        assert ("ntmplan.core.fmt", [], 1) in found
        assert ("ntmplan.tasks.budget", ["_x"], 3) in found
        assert ("ntmplan.tasks.budget.costs", [], 4) in found
        assert layer("ntmplan.tasks.budget.costs") == 2 and layer("ntmplan.core.fmt") == 0
