"""Checks a stored workbook must pass (no code under test): used by the stored-notebook tests and
by the JupyterLab save test, so a saved notebook is held to the same rules as the repository."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ntmplan.core import paths


def stored_problems(nb_path: Path) -> list[str]:
    """Return what keeps a notebook file from being a stored workbook (empty list: none).

    A stored workbook has no outputs and no execution counts, and its first cell is a code cell
    tagged ``parameters`` (the only one so tagged).
    """
    nb = json.loads(Path(nb_path).read_text(encoding="utf-8"))
    problems = []
    for cell in nb["cells"]:
        if cell["cell_type"] == "code" and cell.get("outputs"):
            problems.append(f"{cell['id']}: outputs")
        if cell["cell_type"] == "code" and cell.get("execution_count") is not None:
            problems.append(f"{cell['id']}: execution_count")
    tagged = [c for c in nb["cells"] if "parameters" in c.get("metadata", {}).get("tags", [])]
    first = nb["cells"][0] if nb["cells"] else {}
    if len(tagged) != 1 or tagged[0] is not first or first.get("cell_type") != "code":
        problems.append("the first cell must be the only code cell tagged 'parameters'")
    return problems


def ruff(*args: str, notebook: Path | None = None) -> subprocess.CompletedProcess:
    """Run ruff from the project root; with ``notebook``, lint its text as ``notebooks/<name>``.

    Reading the file on stdin under its name in ``notebooks/`` applies the project's ruff
    settings for that folder (per-file ignores included) to a copy saved elsewhere.
    """
    cmd = [sys.executable, "-m", "ruff", *args, "--no-cache"]
    text = None
    if notebook is not None:
        cmd += ["--stdin-filename", f"notebooks/{Path(notebook).name}", "-"]
        text = Path(notebook).read_text(encoding="utf-8")
    return subprocess.run(
        cmd, input=text, capture_output=True, text=True, cwd=paths.ROOT, check=False
    )
