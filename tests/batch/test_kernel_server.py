"""Tests for ntmplan.batch.kernel_server: kernels forked from a pre-imported server behave like fresh ones."""

from __future__ import annotations

import os
import sys
import time

import pytest

from ntmplan.batch import kernel_provisioner, kernel_server
from ntmplan.batch.execute import ensure_kernel_path
from tests.batch.kernel_helpers import (
    PROBE,
    execute,
    probe_of,
    stdout_of,
    wait_until_serving,
    write_notebook,
)

pytestmark = pytest.mark.skipif(not kernel_server.available(), reason="needs fork and Unix sockets")


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
        assert kernel_server.valid_request(self._req())

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
        assert not kernel_server.valid_request(self._req(**change))


@pytest.mark.slow
class TestKernelServer:
    def test_forked_kernels_are_separate_preloaded_processes_with_the_callers_env(
        self, tmp_path, monkeypatch
    ):
        nb = write_notebook(tmp_path, PROBE)
        monkeypatch.setenv("NTMPLAN_TEST_MARK", "đã-đánh-dấu")
        with kernel_server.kernel_server() as server:
            pid, _ = kernel_provisioner.parse_server(server)
            first = probe_of(execute(nb, tmp_path / "a.ipynb", server, cwd=str(tmp_path)))
            second = probe_of(execute(nb, tmp_path / "b.ipynb", server, cwd=str(tmp_path)))
        fresh = probe_of(execute(nb, tmp_path / "c.ipynb", None, cwd=str(tmp_path)))
        for probe in (first, second):
            assert probe["pandas_loaded"] is True  # imported by the server, not by the notebook
            assert probe["ppid"] == pid
            assert probe["cwd"] == str(tmp_path)
            assert probe["mark"] == "đã-đánh-dấu"
            assert probe["pgid"] == probe["pid"] == probe["sid"]  # own session, as Popen gives
        assert first["pid"] != second["pid"]
        assert first["r"] != second["r"]  # random state reseeded in each kernel
        assert fresh["pandas_loaded"] is False and fresh["ppid"] != pid
        assert not os.path.exists(kernel_provisioner.parse_server(server)[1])  # socket removed

    def test_a_kernel_that_dies_is_reported_not_waited_for(self, tmp_path):
        import papermill

        nb = write_notebook(tmp_path, "import os\nos._exit(3)")
        with kernel_server.kernel_server() as server:
            start = time.monotonic()
            with pytest.raises((papermill.PapermillExecutionError, RuntimeError)):
                execute(nb, tmp_path / "out.ipynb", server)
            assert time.monotonic() - start < 60

    def test_timeout_interrupts_a_forked_kernel(self, tmp_path):
        """papermill's execution timeout reaches the forked kernel (signals to its group)."""
        import papermill

        nb = write_notebook(tmp_path, "import time\ntime.sleep(120)")
        with kernel_server.kernel_server() as server:
            start = time.monotonic()
            with pytest.raises((papermill.PapermillExecutionError, RuntimeError, TimeoutError)):
                execute(nb, tmp_path / "out.ipynb", server, execution_timeout=2)
            assert time.monotonic() - start < 60

    def test_stopping_the_server_stops_the_kernels_it_still_has(self, tmp_path):
        from jupyter_client.manager import KernelManager

        ensure_kernel_path()
        with kernel_server.kernel_server() as server:
            pid, path = kernel_provisioner.parse_server(server)
            conn = tmp_path / "kernel.json"
            km = KernelManager(kernel_name="python3", connection_file=str(conn))
            km.write_connection_file()
            argv = km.format_kernel_cmd()
            kernel = kernel_provisioner.request_kernel(
                (pid, path), argv, dict(os.environ), str(tmp_path)
            )
            assert kernel is not None and kernel_provisioner.pid_alive(kernel)
        proc = kernel_provisioner.ForkedKernel(kernel)
        assert proc.wait(timeout=20) == -1

    def test_request_for_another_interpreter_is_refused(self, tmp_path):
        with kernel_server.kernel_server() as server:
            ref = kernel_provisioner.parse_server(server)
            argv = ["/usr/bin/env", "-m", "ipykernel_launcher", "-f", str(tmp_path / "c.json")]
            assert kernel_provisioner.request_kernel(ref, argv, {}, str(tmp_path)) is None
            argv[0] = sys.executable
            argv[1] = "-c"
            assert kernel_provisioner.request_kernel(ref, argv, {}, str(tmp_path)) is None


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
    nb = write_notebook(tmp_path, ENVIRONMENT_PROBE)
    with kernel_server.kernel_server() as server:
        forked = probe_of(execute(nb, tmp_path / "a.ipynb", server, cwd=str(tmp_path)))
    fresh = probe_of(execute(nb, tmp_path / "b.ipynb", None, cwd=str(tmp_path)))
    assert forked["options"]["display.max_columns"] == "20"  # pandas' in-kernel default
    assert "inline" in forked["backend"]
    assert forked == fresh


@pytest.mark.slow
class TestPreparationSteps:
    def test_later_steps_are_done_while_idle_and_reach_later_kernels(self, tmp_path, monkeypatch):
        (tmp_path / "marker_core.py").write_text("VALUE = 1\n")
        (tmp_path / "marker_later.py").write_text("CALLS = []\ndef warm():\n    CALLS.append(1)\n")
        monkeypatch.setenv("PYTHONPATH", str(tmp_path))
        nb = write_notebook(
            tmp_path,
            "import sys\nprint('core' if 'marker_core' in sys.modules else '-',"
            " sys.modules['marker_later'].CALLS if 'marker_later' in sys.modules else '-')",
        )
        with kernel_server.kernel_server(
            core=("marker_core",), later=("marker_later", "marker_later:warm")
        ) as server:
            _, path = kernel_provisioner.parse_server(server)
            wait_until_serving(path)
            time.sleep(1.0)  # idle: the two later steps take milliseconds
            out = execute(nb, tmp_path / "out.ipynb", server)
        assert stdout_of(out).split() == ["core", "[1]"]

    def test_a_request_made_during_the_core_steps_is_answered_before_any_later_step(
        self, tmp_path, monkeypatch
    ):
        (tmp_path / "slow_core.py").write_text("import time\ndef wait():\n    time.sleep(2)\n")
        (tmp_path / "marker_later.py").write_text(
            "import time\nCALLS = []\ndef warm():\n    time.sleep(2)\n    CALLS.append(1)\n"
        )
        monkeypatch.setenv("PYTHONPATH", str(tmp_path))
        nb = write_notebook(
            tmp_path,
            "import sys\nprint(sys.modules['marker_later'].CALLS if 'marker_later' in sys.modules"
            " else '-')",
        )
        with kernel_server.kernel_server(
            core=("slow_core:wait",), later=("marker_later", "marker_later:warm")
        ) as server:
            pid, path = kernel_provisioner.parse_server(server)
            wait_until_serving(path)  # the socket exists at once: the request waits in it
            out = execute(nb, tmp_path / "out.ipynb", server)
        assert stdout_of(out).split() == ["-"]  # forked before the later steps were done

    def test_a_step_that_starts_a_thread_stops_the_server_and_kernels_start_as_usual(
        self, tmp_path, monkeypatch
    ):
        (tmp_path / "starts_thread.py").write_text(
            "import threading, time\n"
            "def start():\n"
            "    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()\n"
        )
        monkeypatch.setenv("PYTHONPATH", str(tmp_path))
        nb = write_notebook(tmp_path, PROBE)
        with kernel_server.kernel_server(core=("starts_thread:start",), later=()) as server:
            pid, _ = kernel_provisioner.parse_server(server)
            probe = probe_of(execute(nb, tmp_path / "out.ipynb", server))
        assert probe["ppid"] != pid  # not forked: the server refused and exited


@pytest.mark.slow
def test_a_later_step_that_fails_is_skipped_and_the_server_keeps_forking(tmp_path, monkeypatch):
    (tmp_path / "marker_core.py").write_text("VALUE = 1\n")
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    nb = write_notebook(tmp_path, PROBE)
    with kernel_server.kernel_server(
        core=("marker_core",), later=("no_such_module_here", "json")
    ) as server:
        pid, path = kernel_provisioner.parse_server(server)
        wait_until_serving(path)
        time.sleep(1.0)
        probe = probe_of(execute(nb, tmp_path / "out.ipynb", server))
    assert probe["ppid"] == pid
