"""Checks done before any kernel starts: the notebooks exist, the outputs folder is a folder,
and every run parameter matches the notebook's ``parameters`` cell.

Notebooks are read as JSON and the cell with :mod:`ast` (no kernel, and none of papermill's
heavy imports: the checks run before every batch).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from ntmplan.core.errors import Problem

#: Python type(s) a value must have for each literal type of a declared default.
_TYPES = {"str": str, "bool": bool, "int": int, "float": (int, float)}


def declared_parameters(nb_path: Path) -> dict[str, str]:
    """Return the names and literal types declared in a notebook's ``parameters`` cell.

    Parameters
    ----------
    nb_path : Path
        The notebook.

    Returns
    -------
    dict
        name → type name of its default (``str``, ``bool``, ``int``, ``float``,
        or ``none`` when not a plain literal); empty when there is no such cell.
    """
    nb = json.loads(Path(nb_path).read_text(encoding="utf-8"))
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code" or "parameters" not in cell.get("metadata", {}).get(
            "tags", []
        ):
            continue
        source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
        declared = {}
        for node in ast.parse(source).body:
            if isinstance(node, (ast.Assign, ast.AnnAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                try:
                    value = ast.literal_eval(node.value)
                    kind = type(value).__name__ if value is not None else "none"
                except ValueError:
                    kind = "none"
                for target in targets:
                    if isinstance(target, ast.Name):
                        declared[target.id] = kind
        return declared
    return {}


def _wrong_type(nb_path: Path, name: str, value, declared_type: str) -> Problem | None:
    """Return a problem when ``value`` does not have the type of the declared default."""
    expected = _TYPES.get(declared_type)
    if expected is None:
        return None
    ok = isinstance(value, expected) and not (expected is int and isinstance(value, bool))
    if ok:
        return None
    return Problem(
        str(nb_path),
        None,
        name,
        value,
        f"Sai kiểu tham số: cần {declared_type}",
        f"wrong parameter type: expected {declared_type}, got {type(value).__name__}",
    )


def check_parameters(nb_path: Path, parameters: dict) -> list[Problem]:
    """Check run parameters against the notebook's ``parameters`` cell before a kernel starts.

    Parameters
    ----------
    nb_path : Path
        The notebook.
    parameters : dict
        Values to inject.

    Returns
    -------
    list of Problem
        Unknown names, and values whose type differs from the declared default's.
    """
    declared = declared_parameters(nb_path)
    if not declared:
        return [
            Problem(
                str(nb_path),
                None,
                None,
                None,
                "Sổ tính không có ô 'parameters'",
                "notebook has no 'parameters' cell",
            )
        ]
    problems: list[Problem] = []
    for name, value in parameters.items():
        if name not in declared:
            problems.append(
                Problem(
                    str(nb_path),
                    None,
                    name,
                    value,
                    "Tham số không có trong ô 'parameters' của sổ tính",
                    "unknown notebook parameter",
                )
            )
            continue
        problem = _wrong_type(nb_path, name, value, declared[name])
        if problem is not None:
            problems.append(problem)
    return problems


def check_selection(
    notebooks: Iterable[str], out_root: Path, locate: Callable[[str], Path]
) -> list[Problem]:
    """Check that every selected notebook exists and that the outputs root is not a file.

    Parameters
    ----------
    notebooks : iterable of str
        Notebook ids.
    out_root : Path
        The outputs root.
    locate : callable
        ``f(notebook id) -> Path`` of the notebook file.

    Returns
    -------
    list of Problem
    """
    problems = [
        Problem(
            str(locate(nb)), None, "--notebooks", nb, "Không có sổ tính này", "no such notebook"
        )
        for nb in notebooks
        if not locate(nb).is_file()
    ]
    if out_root.exists() and not out_root.is_dir():
        problems.append(
            Problem(
                str(out_root),
                None,
                "--out",
                None,
                "Thư mục kết quả đang là một tệp, không phải thư mục",
                "the outputs folder is a file, not a folder",
            )
        )
    return problems


def check_tasks(tasks: Iterable) -> list[Problem]:
    """Check the parameters of every task, once per notebook.

    Parameters
    ----------
    tasks : iterable of RunTask

    Returns
    -------
    list of Problem
    """
    checked: dict[str, list[Problem]] = {}
    for t in tasks:
        if t.notebook not in checked:
            checked[t.notebook] = check_parameters(Path(t.notebook_path), t.parameters)
    return [p for found in checked.values() for p in found]


def check_national_inputs(out_root: Path, provincial_runs: int, has_results: bool) -> list[Problem]:
    """Check that a national roll-up has province results to read.

    Parameters
    ----------
    out_root : Path
        The outputs root.
    provincial_runs : int
        Provincial runs in the same batch (they run before the roll-up).
    has_results : bool
        Whether some province folder under ``out_root`` holds a successful run's summary.

    Returns
    -------
    list of Problem
        One problem when the roll-up would have nothing to read.
    """
    if provincial_runs or has_results:
        return []
    return [
        Problem(
            str(out_root),
            None,
            "--notebooks",
            "00",
            "Thư mục kết quả chưa có kết quả của tỉnh nào để tổng hợp toàn quốc; hãy chạy các"
            " sổ tính của tỉnh trước (bỏ --notebooks, hoặc --notebooks 01,02,03,04,05,06,00)",
            "the outputs folder holds no province results for the national roll-up yet; run"
            " the provincial notebooks first (omit --notebooks, or --notebooks"
            " 01,02,03,04,05,06,00)",
        )
    ]
