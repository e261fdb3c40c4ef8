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


class FakeChannel:
    """A channel whose messages arrive in turn; None stands for a wait with nothing."""

    def __init__(self, messages):
        self.messages = list(messages)
        self.waits: list[float] = []

    async def get_msg(self, timeout=None):
        from queue import Empty

        self.waits.append(timeout)
        item = self.messages.pop(0) if self.messages else None
        if item is None:
            raise Empty
        return item


class TestQuickReadyClient:
    def _client(self, shell, iopub):
        class Scripted(kernel_provisioner.QuickReadyClient):
            """The client's waiting logic on scripted channels (no kernel, no sockets)."""

            shell_channel = iopub_channel = None  # plain attributes instead of the sockets
            sent = 0
            handled = None

            def kernel_info(self):
                self.sent += 1

            def _handle_kernel_info_reply(self, msg):
                self.handled = msg

            async def _async_is_alive(self):
                return True

        client = Scripted()
        client.shell_channel, client.iopub_channel = shell, iopub
        return client

    def _run(self, client, timeout=5):
        import asyncio

        asyncio.run(client.wait_for_ready(timeout=timeout))

    def test_ready_when_shell_answers_and_iopub_speaks_then_drains_without_idling(self):
        reply = {"msg_type": "kernel_info_reply"}
        iopub = FakeChannel([{"msg_type": "status"}, {"msg_type": "status"}, None])
        client = self._client(FakeChannel([reply]), iopub)
        self._run(client)
        assert client.sent == 1 and client.handled is reply
        assert iopub.waits == [
            0.2,
            kernel_provisioner.IOPUB_DRAIN_S,
            kernel_provisioner.IOPUB_DRAIN_S,
        ]
        assert not iopub.messages

    def test_silent_iopub_asks_again(self):
        """A reply while IOPub is not yet subscribed is not ready: outputs could be lost."""
        reply = {"msg_type": "kernel_info_reply"}
        iopub = FakeChannel([None, {"msg_type": "status"}, None])
        client = self._client(FakeChannel([reply, reply]), iopub)
        self._run(client)
        assert client.sent == 2

    def test_gives_up_after_the_timeout(self):
        client = self._client(FakeChannel([]), FakeChannel([]))
        with pytest.raises(RuntimeError, match="didn't respond"):
            self._run(client, timeout=0)

    def test_fork_managers_hand_out_this_client(self):
        manager = kernel_provisioner.kernel_manager_class((os.getpid(), "/nowhere"))()
        assert isinstance(manager.client(), kernel_provisioner.QuickReadyClient)
