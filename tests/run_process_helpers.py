"""Helpers of the fault tests that stop a real ``ntmplan run`` (Ctrl+C, ``kill -9``).

The run goes in a process of its own (a new session, as a terminal gives a command),
pointed at notebooks written by the test; every process of the run carries a marker in
its environment, so a test can tell whether any of them is still alive.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

ROOT = Path(__file__).resolve().parents[1]

PARAMETERS = (
    'province = "01"\nparams_file = ""\ndata_file = ""\noutput_dir = ""\ninteractive = True'
)

#: The driver: point the runner at the test's notebooks, then run the command line.
DRIVER = """
import sys
from pathlib import Path
from ntmplan import cli
from ntmplan.batch import runner
folder = Path(sys.argv[1])
runner.notebook_path = lambda nb: folder / f"{nb}.ipynb"
sys.exit(cli.main(sys.argv[2:]))
"""


def write_notebook(folder: Path, name: str, body: str) -> Path:
    """Write ``<folder>/<name>.ipynb``: the standard parameters cell, then ``body``.

    Parameters
    ----------
    folder : Path
    name : str
    body : str
        One code cell.

    Returns
    -------
    Path
    """
    nb = new_notebook(
        cells=[new_code_cell(PARAMETERS, metadata={"tags": ["parameters"]}), new_code_cell(body)]
    )
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.ipynb"
    nbformat.write(nb, str(path))
    return path


def slow_body(summary: str, export: str = "", seconds: int = 120) -> str:
    """Return a cell that writes its summary (and an export), then works for a long time."""
    lines = [
        "import json, pathlib, time",
        "out = pathlib.Path(output_dir)",
        f"(out / '{summary}').write_text(json.dumps({{'province': province}}), encoding='utf-8')",
    ]
    if export:
        lines.append(f"(out / '{export}').write_bytes(b'half')")
    lines.append(f"time.sleep({seconds})")
    return "\n".join(lines)


def start_run(notebooks: Path, args: list[str]) -> tuple[subprocess.Popen, str]:
    """Start ``ntmplan run`` on the test's notebooks in a new session; return it and its marker.

    Parameters
    ----------
    notebooks : Path
        Folder of the notebooks the runner is pointed at.
    args : list of str
        Command-line arguments (``["run", ...]``).

    Returns
    -------
    (subprocess.Popen, str)
    """
    mark = uuid.uuid4().hex
    env = dict(os.environ, NTMPLAN_TEST_MARK=mark, PYTHONPATH=str(ROOT / "lib"))
    proc = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(notebooks), *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    return proc, mark


def marked_processes(mark: str) -> list[int]:
    """Return the pids of live processes (not zombies) whose environment carries ``mark``.

    Parameters
    ----------
    mark : str

    Returns
    -------
    list of int
    """
    needle = f"NTMPLAN_TEST_MARK={mark}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def wait_for(predicate, timeout: float) -> bool:
    """Poll ``predicate`` every 0,1 s until it is true or ``timeout`` seconds passed."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return bool(predicate())
