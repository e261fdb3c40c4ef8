"""Tests for ntmplan.batch.kernel_provisioner: the jupyter_client side of forked kernels."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ntmplan.batch import kernel_provisioner, kernel_server
from tests.batch.kernel_helpers import PROBE, execute, probe_of, write_notebook

pytestmark = pytest.mark.skipif(not kernel_server.available(), reason="needs fork and Unix sockets")


class TestParseServer:
    def test_valid_reference(self):
        assert kernel_provisioner.parse_server("123:/tmp/x/server.sock") == (
            123,
            "/tmp/x/server.sock",
        )

    @pytest.mark.parametrize("value", ["", "abc:/tmp/s", "12", "12:", ":/tmp/s", None])
    def test_malformed_reference_is_none(self, value):
        assert kernel_provisioner.parse_server(value) is None


class TestForkedKernelProcess:
    def test_poll_and_wait_follow_a_process_that_is_not_our_child(self):

        # a grandchild: started by a shell that exits at once, so we cannot waitpid it
        out = subprocess.run(
            ["sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!"],
            capture_output=True,
            text=True,
            check=True,
        )
        proc = kernel_provisioner.ForkedKernel(int(out.stdout))
        assert proc.poll() is None
        with pytest.raises(subprocess.TimeoutExpired):
            proc.wait(timeout=0.1)
        proc.kill()
        assert proc.wait(timeout=10) == -1
        proc.kill()  # no error once gone


@pytest.mark.slow
class TestFallback:
    def test_unreachable_server_falls_back_to_a_usual_kernel(self, tmp_path):
        nb = write_notebook(tmp_path, PROBE)
        dead = f"{2**22 + 12345}:{tmp_path / 'no-such.sock'}"  # no such pid, no socket
        start = time.monotonic()
        probe = probe_of(execute(nb, tmp_path / "out.ipynb", dead))
        assert probe["pandas_loaded"] is False
        assert time.monotonic() - start < 30  # did not wait for a server that is not there


class TestProvisionerSelection:
    def test_the_kernel_spec_names_the_fork_provisioner_with_the_server(self):
        from jupyter_client.provisioning.factory import KernelProvisionerFactory

        km = kernel_provisioner.kernel_manager_class((123, "/tmp/x.sock"))(kernel_name="python3")
        stanza = km.kernel_spec.metadata["kernel_provisioner"]
        assert stanza == {
            "provisioner_name": kernel_provisioner.PROVISIONER_NAME,
            "config": {"server": "123:/tmp/x.sock"},
        }
        provisioner = KernelProvisionerFactory.instance().create_provisioner_instance(
            "k1", km.kernel_spec, parent=km
        )
        assert isinstance(provisioner, kernel_provisioner.ForkProvisioner)
        assert provisioner.server == "123:/tmp/x.sock"

    def test_without_a_server_the_spec_is_the_usual_one(self):
        spec = kernel_provisioner.ForkKernelSpecManager().get_kernel_spec("python3")
        assert "kernel_provisioner" not in spec.metadata

    def test_the_documented_entry_point_is_enough(self, tmp_path):
        """With the entry point in the package metadata, no registration in-process is needed."""
        dist = tmp_path / "ntmplan_entry_point_probe-0.dist-info"
        dist.mkdir()
        (dist / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: ntmplan-entry-point-probe\nVersion: 0\n",
            encoding="utf-8",
        )
        (dist / "entry_points.txt").write_text(
            f"[{kernel_provisioner.ENTRY_POINT_GROUP}]\n"
            f"{kernel_provisioner.PROVISIONER_NAME} = {kernel_provisioner.ENTRY_POINT_VALUE}\n",
            encoding="utf-8",
        )
        code = (
            "from jupyter_client.provisioning.factory import KernelProvisionerFactory as F\n"
            "from ntmplan.batch import kernel_provisioner as kp\n"
            "assert kp.is_registered()\n"
            "ep = F.instance().provisioners[kp.PROVISIONER_NAME]\n"
            "assert ep.load() is kp.ForkProvisioner, ep\n"
            "print('ok')\n"
        )
        env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
        out = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
        )
        assert out.stdout.strip() == "ok", out.stderr

    def test_an_install_without_the_entry_point_is_registered_in_process(self, monkeypatch):
        from jupyter_client.provisioning.factory import KernelProvisionerFactory

        monkeypatch.setattr(kernel_provisioner, "is_registered", lambda: False)
        monkeypatch.setattr(KernelProvisionerFactory, "provisioners", {})
        kernel_provisioner.ensure_registered()
        ep = KernelProvisionerFactory.provisioners[kernel_provisioner.PROVISIONER_NAME]
        assert ep.load() is kernel_provisioner.ForkProvisioner


@pytest.mark.slow
def test_a_forked_kernel_goes_through_the_provisioner(tmp_path):
    nb = write_notebook(tmp_path, PROBE)
    with kernel_server.kernel_server() as server:
        pid, _ = kernel_provisioner.parse_server(server)
        probe = probe_of(execute(nb, tmp_path / "out.ipynb", server, cwd=str(tmp_path)))
    assert probe["ppid"] == pid and probe["pandas_loaded"] is True
    assert Path(probe["cwd"]) == tmp_path
