"""Shared helpers for the notebook build scripts ``notebooks/_build/build_NN.py``.

Each build script only declares its cells; this module turns them into a notebook stored
without outputs, with the ``parameters``-tagged first code cell, stable cell ids (so rebuilding
gives identical bytes) and the project's formatter applied.

Run a build script from the project root, e.g.  .venv/bin/python notebooks/_build/build_01.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

NOTEBOOKS_DIR = Path(__file__).resolve().parents[1]

# Parameters cell of the provincial workbooks 01–06 (common brief, docs/ARCHITECTURE.md).
PROVINCE_PARAMETERS = """province = "01"
params_file = ""
data_file = ""
output_dir = ""
interactive = True"""

KERNELSPEC = {"name": "python3", "display_name": "Python 3", "language": "python"}


def build_notebook(
    parameters: str, cells: list[tuple[str, str]], id_prefix: str
) -> nbformat.NotebookNode:
    """Return a notebook without outputs whose first code cell is tagged ``parameters``.

    Parameters
    ----------
    parameters : str
        Source of the first code cell (tagged ``parameters`` for papermill).
    cells : list of (kind, source)
        The following cells in order; ``kind`` is ``"md"`` for Markdown, anything else for code.
    id_prefix : str
        Prefix of the stable cell ids (``"c01"`` gives ``c01-00``, ``c01-01``, …).

    Returns
    -------
    nbformat.NotebookNode
        The notebook (code cells have ``execution_count`` None and no outputs).

    Raises
    ------
    None
    """
    nb = new_notebook()
    nb.metadata["kernelspec"] = dict(KERNELSPEC)
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells.append(new_code_cell(parameters, metadata={"tags": ["parameters"]}))
    for kind, source in cells:
        nb.cells.append(new_markdown_cell(source) if kind == "md" else new_code_cell(source))
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{id_prefix}-{i:02d}"  # stable ids: rebuilding gives identical bytes
    return nb


def write_notebook(nb: nbformat.NotebookNode, target: Path) -> None:
    """Validate ``nb``, write it to ``target`` and apply the project's formatter.

    Parameters
    ----------
    nb : nbformat.NotebookNode
        The notebook, as returned by :func:`build_notebook`.
    target : pathlib.Path
        The ``.ipynb`` file to write (overwritten).

    Returns
    -------
    None

    Raises
    ------
    nbformat.ValidationError
        If the notebook does not match the nbformat schema.
    """
    nbformat.validate(nb)
    nbformat.write(nb, str(target))
    # Apply the project's formatter so the stored notebook passes `ruff format --check`.
    subprocess.run([sys.executable, "-m", "ruff", "format", "--quiet", str(target)], check=False)
    print(f"wrote {target}")
