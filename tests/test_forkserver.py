"""Tests for ntmplan.batch.forkserver: kernels forked from a pre-imported server behave like fresh ones."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_notebook

from ntmplan.batch import forkserver, runner

pytestmark = pytest.mark.skipif(not forkserver.available(), reason="needs fork and Unix sockets")


def _notebook(folder: Path, *sources: str) -> Path:
    nb = new_notebook(cells=[new_code_cell(s) for s in sources])
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "probe.ipynb"
    nbformat.write(nb, str(path))
    return path


def _execute(path: Path, out: Path, server: str | None, **kw):
    import papermill

    runner._ensure_kernel_path()
    extra = {}
    if server is not None:
        extra["kernel_manager_class"] = forkserver.kernel_manager_class(
            forkserver.parse_server(server)
        )
    return papermill.execute_notebook(
        str(path), str(out), kernel_name="python3", progress_bar=False, **extra, **kw
    )


def _stdout(nb) -> str:
    return "".join(
        "".join(o.get("text", "")) for c in nb.cells for o in c.get("outputs", []) if "text" in o
    )


PROBE = (
    "import json, os, sys, random\n"
    "print(json.dumps({'pandas_loaded': 'pandas' in sys.modules, 'ppid': os.getppid(),"
    " 'pid': os.getpid(), 'cwd': os.getcwd(), 'mark': os.environ.get('NTMPLAN_TEST_MARK'),"
    " 'r': random.random(), 'pgid': os.getpgid(0), 'sid': os.getsid(0)}))"
)


def _wait_until_serving(socket_path: str, timeout: float = 60) -> None:
    """Wait for the server to finish its first steps (its socket appears then)."""
    deadline = time.monotonic() + timeout
    while not os.path.exists(socket_path) and time.monotonic() < deadline:
        time.sleep(0.05)


def _probe(nb) -> dict:
    return json.loads(_stdout(nb).strip().splitlines()[-1])


class TestParseServer:
    def test_valid_reference(self):
        assert forkserver.parse_server("123:/tmp/x/server.sock") == (123, "/tmp/x/server.sock")

    @pytest.mark.parametrize("value", ["", "abc:/tmp/s", "12", "12:", ":/tmp/s", None])
    def test_malformed_reference_is_none(self, value):
        assert forkserver.parse_server(value) is None


class TestRequestValidation:
    def _req(self, **kw):
        req = {
            "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "/tmp/c.json"],
            "env": {"A": "1"},
            "cwd": "/tmp",
        }
        req.update(kw)
        return req

    def test_kernel_command_of_this_interpreter_is_accepted(self):
        assert forkserver._valid_request(self._req())

    @pytest.mark.parametrize(
        "change",
        [
            {"argv": ["/usr/bin/other-python", "-m", "ipykernel_launcher", "-f", "c.json"]},
            {"argv": [sys.executable, "-m", "something_else"]},
            {"argv": [sys.executable, "-c", "print(1)"]},
            {"argv": [sys.executable]},
            {"env": {"A": 1}},
            {"cwd": None},
            {"argv": "python -m ipykernel_launcher"},
        ],
    )
    def test_anything_else_is_refused(self, change):
        assert not forkserver._valid_request(self._req(**change))


class TestForkedKernelProcess:
    def test_poll_and_wait_follow_a_process_that_is_not_our_child(self):
        import subprocess

        # a grandchild: started by a shell that exits at once, so we cannot waitpid it
        out = subprocess.run(
            ["sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!"],
            capture_output=True,
            text=True,
            check=True,
        )
        proc = forkserver.ForkedKernel(int(out.stdout))
        assert proc.poll() is None
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=0.1)
        proc.kill()
        assert proc.wait(timeout=10) == -1
        proc.kill()  # no error once gone


@pytest.mark.slow
class TestKernelServer:
    def test_forked_kernels_are_separate_preloaded_processes_with_the_callers_env(
        self, tmp_path, monkeypatch
    ):
        nb = _notebook(tmp_path, PROBE)
        monkeypatch.setenv("NTMPLAN_TEST_MARK", "đã-đánh-dấu")
        with forkserver.kernel_server() as server:
            pid, _ = forkserver.parse_server(server)
            first = _probe(_execute(nb, tmp_path / "a.ipynb", server, cwd=str(tmp_path)))
            second = _probe(_execute(nb, tmp_path / "b.ipynb", server, cwd=str(tmp_path)))
        fresh = _probe(_execute(nb, tmp_path / "c.ipynb", None, cwd=str(tmp_path)))
        for probe in (first, second):
            assert probe["pandas_loaded"] is True  # imported by the server, not by the notebook
            assert probe["ppid"] == pid
            assert probe["cwd"] == str(tmp_path)
            assert probe["mark"] == "đã-đánh-dấu"
            assert probe["pgid"] == probe["pid"] == probe["sid"]  # own session, as Popen gives
        assert first["pid"] != second["pid"]
        assert first["r"] != second["r"]  # random state reseeded in each kernel
        assert fresh["pandas_loaded"] is False and fresh["ppid"] != pid
        assert not os.path.exists(forkserver.parse_server(server)[1])  # socket removed

    def test_a_kernel_that_dies_is_reported_not_waited_for(self, tmp_path):
        import papermill

        nb = _notebook(tmp_path, "import os\nos._exit(3)")
        with forkserver.kernel_server() as server:
            start = time.monotonic()
            with pytest.raises((papermill.PapermillExecutionError, RuntimeError)):
                _execute(nb, tmp_path / "out.ipynb", server)
            assert time.monotonic() - start < 60

    def test_timeout_interrupts_a_forked_kernel(self, tmp_path):
        """papermill's execution timeout reaches the forked kernel (signals to its group)."""
        import papermill

        nb = _notebook(tmp_path, "import time\ntime.sleep(120)")
        with forkserver.kernel_server() as server:
            start = time.monotonic()
            with pytest.raises((papermill.PapermillExecutionError, RuntimeError, TimeoutError)):
                _execute(nb, tmp_path / "out.ipynb", server, execution_timeout=2)
            assert time.monotonic() - start < 60

    def test_stopping_the_server_stops_the_kernels_it_still_has(self, tmp_path):
        from jupyter_client.manager import KernelManager

        runner._ensure_kernel_path()
        with forkserver.kernel_server() as server:
            pid, path = forkserver.parse_server(server)
            conn = tmp_path / "kernel.json"
            km = KernelManager(kernel_name="python3", connection_file=str(conn))
            km.write_connection_file()
            argv = km.format_kernel_cmd()
            kernel = forkserver.request_kernel((pid, path), argv, dict(os.environ), str(tmp_path))
            assert kernel is not None and forkserver._pid_alive(kernel)
        proc = forkserver.ForkedKernel(kernel)
        assert proc.wait(timeout=20) == -1

    def test_unreachable_server_falls_back_to_a_usual_kernel(self, tmp_path):
        nb = _notebook(tmp_path, PROBE)
        dead = f"{2**22 + 12345}:{tmp_path / 'no-such.sock'}"  # no such pid, no socket
        start = time.monotonic()
        probe = _probe(_execute(nb, tmp_path / "out.ipynb", dead))
        assert probe["pandas_loaded"] is False
        assert time.monotonic() - start < 30  # did not wait for a server that is not there

    def test_request_for_another_interpreter_is_refused(self, tmp_path):
        with forkserver.kernel_server() as server:
            ref = forkserver.parse_server(server)
            argv = ["/usr/bin/env", "-m", "ipykernel_launcher", "-f", str(tmp_path / "c.json")]
            assert forkserver.request_kernel(ref, argv, {}, str(tmp_path)) is None
            argv[0] = sys.executable
            argv[1] = "-c"
            assert forkserver.request_kernel(ref, argv, {}, str(tmp_path)) is None


ENVIRONMENT_PROBE = (
    "%matplotlib inline\n"
    "import json, os, sys, warnings\n"
    "import pandas as pd, matplotlib\n"
    "import scipy.optimize  # adds two warning filters when imported (preloaded in the server)\n"
    "names = ['display.max_columns', 'display.width', 'display.max_rows', 'display.max_colwidth',"
    " 'display.large_repr', 'display.notebook_repr_html']\n"
    "print(json.dumps({'options': {n: repr(pd.get_option(n)) for n in names},"
    " 'backend': matplotlib.get_backend(), 'path': sys.path,"
    " 'argv0': os.path.basename(sys.argv[0]), 'main_file': hasattr(sys.modules['__main__'], '__file__'),"
    " 'filters': len(warnings.filters), 'recursion': sys.getrecursionlimit(),"
    " 'name': __name__}))"
)


@pytest.mark.slow
def test_a_forked_kernel_sees_the_same_surroundings_as_a_fresh_one(tmp_path):
    """Import-time decisions (pandas display width, matplotlib backend), paths and flags."""
    nb = _notebook(tmp_path, ENVIRONMENT_PROBE)
    with forkserver.kernel_server() as server:
        forked = _probe(_execute(nb, tmp_path / "a.ipynb", server, cwd=str(tmp_path)))
    fresh = _probe(_execute(nb, tmp_path / "b.ipynb", None, cwd=str(tmp_path)))
    assert forked["options"]["display.max_columns"] == "20"  # pandas' in-kernel default
    assert "inline" in forked["backend"]
    assert forked == fresh


@pytest.mark.slow
class TestPreparationSteps:
    def test_later_steps_are_done_while_idle_and_reach_later_kernels(self, tmp_path, monkeypatch):
        (tmp_path / "marker_core.py").write_text("VALUE = 1\n")
        (tmp_path / "marker_later.py").write_text("CALLS = []\ndef warm():\n    CALLS.append(1)\n")
        monkeypatch.setenv("PYTHONPATH", str(tmp_path))
        nb = _notebook(
            tmp_path,
            "import sys\nprint('core' if 'marker_core' in sys.modules else '-',"
            " sys.modules['marker_later'].CALLS if 'marker_later' in sys.modules else '-')",
        )
        with forkserver.kernel_server(
            core=("marker_core",), later=("marker_later", "marker_later:warm")
        ) as server:
            _, path = forkserver.parse_server(server)
            _wait_until_serving(path)
            time.sleep(1.0)  # idle: the two later steps take milliseconds
            out = _execute(nb, tmp_path / "out.ipynb", server)
        assert _stdout(out).split() == ["core", "[1]"]

    def test_a_step_that_starts_a_thread_stops_the_server_and_kernels_start_as_usual(
        self, tmp_path, monkeypatch
    ):
        (tmp_path / "starts_thread.py").write_text(
            "import threading, time\n"
            "def start():\n"
            "    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        )
        monkeypatch.setenv("PYTHONPATH", str(tmp_path))
        nb = _notebook(tmp_path, PROBE)
        with forkserver.kernel_server(core=("starts_thread:start",), later=()) as server:
            pid, _ = forkserver.parse_server(server)
            probe = _probe(_execute(nb, tmp_path / "out.ipynb", server))
        assert probe["ppid"] != pid  # not forked: the server refused and exited


@pytest.mark.slow
def test_a_later_step_that_fails_is_skipped_and_the_server_keeps_forking(tmp_path, monkeypatch):
    (tmp_path / "marker_core.py").write_text("VALUE = 1\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    nb = _notebook(tmp_path, PROBE)
    with forkserver.kernel_server(
        core=("marker_core",), later=("no_such_module_here", "json")
    ) as server:
        pid, path = forkserver.parse_server(server)
        _wait_until_serving(path)
        time.sleep(1.0)
        probe = _probe(_execute(nb, tmp_path / "out.ipynb", server))
    assert probe["ppid"] == pid
