"""Helpers of the kernel server tests: probe notebooks executed with or without the fork server."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from ntmplan.batch import kernel_provisioner
from ntmplan.batch.execute import ensure_kernel_path


def write_notebook(folder: Path, *sources: str) -> Path:
    """Write ``probe.ipynb`` with one code cell per source (kernel ``python3``)."""
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "probe.ipynb"
    nbformat.write(nb, str(path))
    return path


def execute(path: Path, out: Path, server: str | None, **kw):
    """Execute with papermill; forked from ``server`` unless it is None."""
    import papermill

    ensure_kernel_path()
    extra = {}
    if server is not None:
        extra["kernel_manager_class"] = kernel_provisioner.kernel_manager_class(
            kernel_provisioner.parse_server(server)
        )
    return papermill.execute_notebook(
        str(path), str(out), kernel_name="python3", progress_bar=False, **extra, **kw
    )


def stdout_of(nb) -> str:
    """Return the text every cell printed."""
    return "".join(
        "".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []) if "text" in o
    )


PROBE = (
    "import json, os, sys, random\n"
    "print(json.dumps({'pandas_loaded': 'pandas' in sys.modules, 'ppid': os.getppid(),"
    " 'pid': os.getpid(), 'cwd': os.getcwd(), 'mark': os.environ.get('NTMPLAN_TEST_MARK'),"
    " 'r': random.random(), 'pgid': os.getpgid(0), 'sid': os.getsid(0)}))"
)


def wait_until_serving(socket_path: str, timeout: float = 60) -> None:
    """Wait for the server's socket (created first; requests wait there until its first steps are done)."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(socket_path) and time.monotonic() < deadline:
        time.sleep(0.05)


def probe_of(nb) -> dict:
    """Return the JSON object the probe cell printed last."""
    return json.loads(stdout_of(nb).strip().splitlines()[-1])
