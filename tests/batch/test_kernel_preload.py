"""Tests for ntmplan.batch.kernel_preload: every step the server does names something real."""

from __future__ import annotations

import importlib
import importlib.util
import json

import pytest

from ntmplan.batch import kernel_preload
from ntmplan.core import paths

STEPS = kernel_preload.CORE + kernel_preload.LATER


def _notebook_imports() -> set[str]:
    """Modules the workbooks import (``from ntmplan.x import y`` gives ``ntmplan.x``, ``ntmplan.x.y``)."""
    import ast

    found = set()
    for nb in sorted(paths.NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb")):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            source = "\n".join(ln for ln in source.splitlines() if not ln.lstrip().startswith("%"))
            for node in ast.walk(ast.parse(source)):
                if isinstance(node, ast.ImportFrom) and node.module:
                    found.add(node.module)
                    found.update(f"{node.module}.{a.name}" for a in node.names)
                elif isinstance(node, ast.Import):
                    found.update(a.name for a in node.names)
    return found


@pytest.mark.parametrize("step", STEPS)
def test_every_step_can_be_done(step):
    module, _, func = step.partition(":")
    if not module.startswith("ntmplan"):
        assert importlib.util.find_spec(module) is not None, step
        return
    loaded = importlib.import_module(module)
    if func:
        assert callable(getattr(loaded, func)), step


#: Notebook imports the server leaves to the kernels: the bare packages (their
#: ``__init__`` is loaded with any module in them) and the interactive widgets.
NOT_PRELOADED = {
    "ntmplan.core",
    "ntmplan.notebook",
    "ntmplan.survey",
    "ntmplan.tasks",
    "ntmplan.notebook.widgets",
}


def test_every_module_the_notebooks_import_is_preloaded():
    steps = {s.partition(":")[0] for s in STEPS}
    wanted = set()
    for name in _notebook_imports():
        if not name.startswith("ntmplan.") or name in NOT_PRELOADED:
            continue
        try:
            importlib.import_module(name)  # a module, not a function imported from one
        except ImportError:
            continue
        wanted.add(name)
    assert wanted - steps == set()


def test_a_failing_step_is_reported():
    with pytest.raises(ImportError):
        kernel_preload.prepare("no_such_module_anywhere")
    with pytest.raises(AttributeError):
        kernel_preload.prepare("json:no_such_function")
