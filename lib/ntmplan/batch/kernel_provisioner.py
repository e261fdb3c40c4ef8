"""Kernels forked from the batch's fork server, through jupyter_client's provisioner mechanism.

jupyter_client picks the provisioner that starts a kernel from the kernel spec's metadata
(``kernel_provisioner: {provisioner_name, config}``) and finds it through the entry-point
group ``jupyter_client.kernel_provisioners``. Here:

* :class:`ForkProvisioner` is a ``LocalProvisioner`` that asks the server
  (:mod:`ntmplan.batch.kernel_server`) for the kernel process; when the server cannot be
  reached it starts the kernel the usual way. Registered as :data:`PROVISIONER_NAME`.
* :class:`ForkKernelSpecManager` adds that provisioner, with the server's address as its
  config, to the ``python3`` kernel spec it returns.
* :func:`kernel_manager_class` gives papermill a kernel manager using that spec manager.

When the installed package metadata predates the entry point (an editable install not
reinstalled since), :func:`ensure_registered` adds it to jupyter_client's table of
provisioners in this process.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from queue import Empty

from jupyter_client.asynchronous.client import AsyncKernelClient
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from jupyter_client.provisioning import LocalProvisioner
from traitlets import DottedObjectName, Type, Unicode, default

from ntmplan.batch.kernel_server import LAUNCHER, READY_TIMEOUT, read_json_line

#: Name of the provisioner in the entry-point group and in kernel-spec metadata.
PROVISIONER_NAME = "ntmplan-fork"
#: The entry-point group jupyter_client reads provisioners from.
ENTRY_POINT_GROUP = "jupyter_client.kernel_provisioners"
#: The entry point's value (``pyproject.toml``: ``[project.entry-points.<group>]``).
ENTRY_POINT_VALUE = "ntmplan.batch.kernel_provisioner:ForkProvisioner"


def pid_alive(pid: int) -> bool:
    """Tell whether ``pid`` runs (a zombie waiting to be reaped counts as exited).

    Parameters
    ----------
    pid : int

    Returns
    -------
    bool
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def parse_server(value: str) -> tuple[int, str] | None:
    """Parse a server reference ``"<pid>:<socket path>"`` (as the server's context yields).

    Parameters
    ----------
    value : str

    Returns
    -------
    (int, str) or None
        None for an empty or malformed value.
    """
    pid, _, path = (value or "").partition(":")
    if not pid.isdigit() or not path:
        return None
    return int(pid), path


def request_kernel(
    server: tuple[int, str], argv: list[str], env: dict, cwd: str, timeout: float = READY_TIMEOUT
) -> int | None:
    """Ask the server to fork a kernel; return its pid, or None to start one the usual way.

    Parameters
    ----------
    server : (int, str)
        Server pid and socket path.
    argv : list of str
        The kernel command (``python -m ipykernel_launcher -f <connection file> …``).
    env : dict
        The kernel's environment.
    cwd : str
        The kernel's working folder.
    timeout : float
        Seconds to wait for a server still importing.

    Returns
    -------
    int or None
    """
    pid, path = server
    if tuple(argv[1:3]) != LAUNCHER:
        return None
    request = json.dumps({"argv": list(argv), "env": dict(env), "cwd": str(cwd)}).encode() + b"\n"
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
                # the server takes requests into its backlog at once and answers them when
                # its imports are done: wait for the reply as long as for the server
                conn.settimeout(max(1.0, deadline - time.monotonic()))
                conn.connect(path)
                conn.sendall(request)
                reply = read_json_line(conn)
            return int(reply["pid"]) if "pid" in reply else None
        except (FileNotFoundError, ConnectionRefusedError):
            if not pid_alive(pid) or time.monotonic() > deadline:
                return None
            time.sleep(0.05)
        except (OSError, ValueError, KeyError, TypeError):
            return None


class ForkedKernel:
    """The :class:`subprocess.Popen` surface jupyter_client uses, for a kernel the server forked."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid  # noqa: D107
        self.returncode: int | None = None

    def poll(self) -> int | None:
        """Return None while running, else an exit code (-1: not our child, code unknown)."""
        if self.returncode is None and not pid_alive(self.pid):
            self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the kernel to exit.

        Parameters
        ----------
        timeout : float, optional
            Seconds; default wait for ever.

        Returns
        -------
        int

        Raises
        ------
        subprocess.TimeoutExpired
        """
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        """Signal the kernel (no-op once it has exited)."""
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        """Send SIGTERM."""
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        """Send SIGKILL."""
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """LocalProvisioner that asks the batch's fork server for the kernel process."""

    server = Unicode(
        "", config=True, help="The fork server, '<pid>:<socket path>'; empty: start as usual."
    )

    async def launch_kernel(self, cmd, **kwargs):
        """Fork the kernel from the server, or launch it the usual way if that fails.

        Parameters
        ----------
        cmd : list of str
            The kernel command.
        **kwargs
            ``env`` and ``cwd`` of the kernel, and what ``LocalProvisioner`` takes.

        Returns
        -------
        dict
            The connection info.
        """
        server = parse_server(self.server)
        env = kwargs.get("env") or dict(os.environ)
        cwd = kwargs.get("cwd") or os.getcwd()
        pid = request_kernel(server, cmd, env, cwd) if server else None
        if pid is None:
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(pid)
        self.pid = pid
        self.pgid = pid
        self.cwd = cwd
        return self.connection_info


class ForkKernelSpecManager(KernelSpecManager):
    """Kernel specs whose ipykernel kernels are started by :class:`ForkProvisioner`."""

    kernel_server = Unicode("", config=True, help="The fork server, '<pid>:<socket path>'.")

    def get_kernel_spec(self, kernel_name):
        """Return the kernel spec, naming the fork provisioner for a Python ipykernel.

        Parameters
        ----------
        kernel_name : str

        Returns
        -------
        jupyter_client.kernelspec.KernelSpec
        """
        spec = super().get_kernel_spec(kernel_name)
        if (
            self.kernel_server
            and tuple(spec.argv[1:3]) == LAUNCHER
            and "kernel_provisioner" not in spec.metadata
        ):
            stanza = {
                "provisioner_name": PROVISIONER_NAME,
                "config": {"server": self.kernel_server},
            }
            spec.metadata = {**spec.metadata, "kernel_provisioner": stanza}
        return spec


#: Seconds the client waits for one more start-up message on IOPub once the kernel answered
#: (jupyter_client waits 0,2 s after the last one, ≈ 0,2 s of every run; the messages are
#: already there on a local kernel, and later ones are not the first cell's: nbclient keeps
#: only the replies to its own requests).
IOPUB_DRAIN_S = 0.01


class QuickReadyClient(AsyncKernelClient):
    """A kernel client that does not idle once its kernel has shown it is ready.

    Ready means what jupyter_client checks: a ``kernel_info_reply`` on the shell channel
    and a message on IOPub (its subscription is live, so no output of the first cell can
    be lost); the start-up messages left on IOPub are then dropped without waiting
    :data:`IOPUB_DRAIN_S` more than it takes for them to arrive.
    """

    async def _async_wait_for_ready(self, timeout: float | None = None) -> None:
        deadline = time.time() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            reply = await self._next(self.shell_channel, 1.0)
            if reply is not None and reply["msg_type"] == "kernel_info_reply":
                if await self._next(self.iopub_channel, 0.2) is not None:
                    self._handle_kernel_info_reply(reply)
                    break  # IOPub is live
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.time() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
        while await self._next(self.iopub_channel, IOPUB_DRAIN_S) is not None:
            pass

    wait_for_ready = _async_wait_for_ready

    @staticmethod
    async def _next(channel, timeout: float):
        """The channel's next message, or None when none comes within ``timeout`` seconds."""
        try:
            return await channel.get_msg(timeout=timeout)
        except Empty:
            return None


class ForkKernelManager(AsyncKernelManager):
    """Kernel manager whose kernels are forked from the server named by ``kernel_server``.

    Its clients are :class:`QuickReadyClient` s.
    """

    kernel_server = Unicode("", config=True, help="The fork server, '<pid>:<socket path>'.")
    client_class = DottedObjectName("ntmplan.batch.kernel_provisioner.QuickReadyClient")
    client_factory = Type(QuickReadyClient, klass=AsyncKernelClient)

    @default("kernel_spec_manager")
    def _fork_kernel_spec_manager(self):
        return ForkKernelSpecManager(data_dir=self.data_dir, kernel_server=self.kernel_server)


def is_registered() -> bool:
    """Tell whether the installed package metadata declares the provisioner's entry point.

    Returns
    -------
    bool
    """
    from importlib.metadata import entry_points

    return bool(entry_points(group=ENTRY_POINT_GROUP, name=PROVISIONER_NAME))


def ensure_registered() -> None:
    """Make jupyter_client find :class:`ForkProvisioner` in this process.

    Through the entry point when the installed metadata has it; otherwise (an install that
    predates it) by adding the same entry point to jupyter_client's table of provisioners.
    """
    from importlib.metadata import EntryPoint

    from jupyter_client.provisioning.factory import KernelProvisionerFactory

    if PROVISIONER_NAME in KernelProvisionerFactory.provisioners or is_registered():
        return
    KernelProvisionerFactory.provisioners[PROVISIONER_NAME] = EntryPoint(
        PROVISIONER_NAME, ENTRY_POINT_VALUE, ENTRY_POINT_GROUP
    )


def kernel_manager_class(server: tuple[int, str]):
    """The kernel manager class for papermill: kernels are forked from ``server``.

    Parameters
    ----------
    server : (int, str)
        From :func:`parse_server`. When the server cannot be reached the kernel
        starts the usual way.

    Returns
    -------
    type
        A subclass of ``jupyter_client.AsyncKernelManager``.
    """
    ensure_registered()
    reference = f"{server[0]}:{server[1]}"

    class BoundForkKernelManager(ForkKernelManager):
        kernel_server = Unicode(reference, config=True)

    return BoundForkKernelManager
