"""The workbooks in ``notebooks/`` are the only source of the reports: stored without outputs,
with their ``parameters`` cell first, lint-clean with import sorting on, and formatted."""

from __future__ import annotations

import ast
import importlib
import json
import re
import tomllib

import pytest

from ntmplan.core import paths
from ntmplan.notebook import strip
from tests.notebook.notebook_checks import ruff, stored_problems


def missing_library_names(nb_path) -> list[str]:
    """Return the ``ntmplan`` names a notebook imports or reads (``alias.name``) that do not exist.

    Batch runs take only the ``interactive = False`` branches; this also covers the others.
    """
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    tree = ast.parse(re.sub(r"^(\s*)[%!].*$", r"\1pass", code, flags=re.M))  # IPython magics
    modules, missing = {}, []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("ntmplan"):
            for alias in node.names:
                try:
                    found = importlib.import_module(f"{node.module}.{alias.name}")
                except ModuleNotFoundError:
                    found = importlib.import_module(node.module)
                    if not hasattr(found, alias.name):
                        missing.append(f"{node.module}.{alias.name}")
                    continue
                modules[alias.asname or alias.name] = found
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
            and not hasattr(modules[node.value.id], node.attr)
        ):
            missing.append(f"{modules[node.value.id].__name__}.{node.attr}")
    return missing


NOTEBOOKS = sorted(paths.NOTEBOOKS_DIR.glob(strip.WORKBOOK_GLOB))


def test_the_workbooks_are_there():
    assert [p.stem[:2] for p in NOTEBOOKS] == ["00", "01", "02", "03", "04", "05", "06", "07"]
    assert not (paths.NOTEBOOKS_DIR / "_build").exists()  # no second source of the notebooks


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
class TestStoredWorkbook:
    def test_no_outputs_counts_and_a_parameters_cell_first(self, nb_path):
        assert stored_problems(nb_path) == []

    def test_already_stripped(self, nb_path):
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        assert strip.is_stripped(nb)  # saving it in JupyterLab changes nothing

    def test_every_library_name_it_uses_exists(self, nb_path):
        assert missing_library_names(nb_path) == []

    def test_every_cell_has_its_own_id(self, nb_path):
        # the ids are stored (the reports' HTML carries them), so they never change on a run
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        ids = [c.get("id") for c in nb["cells"]]
        assert all(ids) and len(set(ids)) == len(ids)


def test_import_sorting_is_not_switched_off_for_the_notebooks():
    config = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    ignores = config["tool"]["ruff"]["lint"].get("per-file-ignores", {})
    assert not any("notebooks" in pattern for pattern in ignores)


def test_ruff_check_passes():
    proc = ruff("check", str(paths.NOTEBOOKS_DIR))
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_ruff_format_check_passes():
    proc = ruff("format", "--check", str(paths.NOTEBOOKS_DIR))
    assert proc.returncode == 0, proc.stdout + proc.stderr
