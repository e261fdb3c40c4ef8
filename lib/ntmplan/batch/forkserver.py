"""Pre-imported kernels for batch runs: a fork server and the kernel manager that uses it.

A fresh Jupyter kernel spends most of a notebook run before the first line of
planning arithmetic: starting Python, importing IPython/ipykernel, then pandas,
matplotlib, scipy and the ``ntmplan`` modules (≈ 4 s of the 6–9 s a notebook
takes on a 2-core machine). For a batch, :func:`kernel_server` starts one
server process that imports all of that once, loads the administrative
reference tables, and then ``fork()``\\ s a child for every kernel the runner
asks for. The child turns into an ordinary ``ipykernel`` (same command-line
arguments, connection file, environment and working folder the kernel
manager would have used), so each notebook still gets a pristine process of
its own: nothing a notebook does can leak into another.

The runner hands the server's address to its workers in each task, and they
pass the kernel manager from :func:`kernel_manager_class` to papermill. When
there is no server (interactive use, runs on a Dask cluster) or it cannot be
reached, kernels start the usual way.

POSIX only (``fork``, Unix sockets); elsewhere :func:`available` is False.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

#: What the server does before it serves the first kernel, in order: ``"module"`` is
#: imported, ``"module:function"`` is imported and called (cached reference tables). This is
#: what every notebook needs in its first cells (kernel, pandas, matplotlib, Excel, units).
CORE = (
    "IPython",
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "ipykernel.debugger",  # debugpy: ≈ 0.4 s of every kernel's start-up
    "jupyter_client.localinterfaces:local_ips",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.pyplot",
    "openpyxl",
    "yaml",
    "ntmplan.survey.reading",
    "ntmplan.survey.loading",
    "ntmplan.core.writers",
    "ntmplan.survey.schema",
    "ntmplan.notebook.context",
    "ntmplan.survey.units",
    "ntmplan.tasks.status",
    "ntmplan.core.charts",
    "ntmplan.tasks.pilots",
    "ntmplan.tasks.pilots.charts",
    "ntmplan.tasks.capacity",
    "ntmplan.tasks.capacity.charts",
    "ntmplan.batch.index_pages",
    "ntmplan.survey.units:current_units",
    "ntmplan.survey.units:provinces",
)

#: Done between requests once serving: what only some notebooks need (03: scipy's MILP;
#: 05: Frictionless; 06: Word). Kernels forked earlier import these themselves if needed.
LATER = (
    "scipy.optimize",
    "ntmplan.tasks.budget",
    "ntmplan.tasks.budget.charts",
    "ntmplan.survey.units:legacy_units",
    "ntmplan.survey.units:legacy_crosswalk",
    "frictionless",
    "ntmplan.tasks.datashare",
    "ntmplan.batch.forkserver:warm_data_package",
    "docx",
    "ntmplan.tasks.plan.docx",
    "ntmplan.tasks.plan",
    "ntmplan.tasks.national",
)


def warm_data_package() -> None:
    """Export and validate a three-row data package once, in a temporary folder.

    Frictionless does ≈ 3.5 s of one-off work (plugins, JSON schemas) on its
    first validation, which notebook 05 would otherwise repeat in every kernel.
    Uses the bundled illustrative survey; does nothing if it is missing.
    """
    import shutil

    from ntmplan.core import paths
    from ntmplan.core.params import default_params
    from ntmplan.survey.loading import load_survey_cached
    from ntmplan.tasks import datashare

    if not paths.SAMPLE_SURVEY.is_file():
        return
    params = default_params()
    rows = load_survey_cached(paths.SAMPLE_SURVEY, scheme=params["programme"]["scheme"]).head(3)
    folder = tempfile.mkdtemp(prefix="ntmplan-warm-")
    try:
        datashare.validate_package(datashare.export_package(rows, folder, "warm", params))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


#: The backend ipykernel sets for a kernel when the environment names none; set before
#: matplotlib is imported in the server so forked kernels start as fresh ones do.
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"

#: The only kernel command the server turns into a kernel: ``python -m ipykernel_launcher …``.
LAUNCHER = ("-m", "ipykernel_launcher")

#: Seconds a client waits for the server to finish its imports before starting kernels
#: the usual way.
READY_TIMEOUT = 120.0


def available() -> bool:
    """True when this platform can fork kernels (POSIX with Unix sockets)."""
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and sys.platform != "win32"


# --------------------------------------------------------------------------- server


class _KernelShell:
    """What import-time checks for "am I in a Jupyter kernel?" look at (``get_ipython()``)."""

    kernel = None
    config = {"IPKernelApp": {}}


def _prepare(step: str) -> None:
    """Do one preparation step (import a module, or import and call ``module:function``).

    Some libraries look at their surroundings once, when imported: pandas sets
    ``display.max_columns`` to 20 inside a kernel but to "fit the terminal"
    outside one. During the step ``get_ipython()`` therefore answers like the
    kernel the children will become.
    """
    import builtins
    import importlib

    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    # debugpy warns on import about frozen stdlib modules (kernels here are never debugged);
    # the server's environment does not reach the kernels (each gets its manager's env).
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    module, _, func = step.partition(":")
    builtins.get_ipython = _KernelShell
    try:
        loaded = importlib.import_module(module)
    finally:
        del builtins.get_ipython
    if func:
        getattr(loaded, func)()


def _kernel_sys_path() -> list[str]:
    """``sys.path`` as ``python -m ipykernel_launcher`` has it (the launcher drops the cwd)."""
    path = list(sys.path)
    if path and (path[0] == "" or Path(path[0]) == Path.cwd()):
        path = path[1:]
    return path


def _read_json_line(conn: socket.socket) -> dict:
    """Read one newline-terminated JSON object (a request, or the server's reply)."""
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return json.loads(data.decode("utf-8"))


def _valid_request(req) -> bool:
    return (
        isinstance(req, dict)
        and isinstance(req.get("argv"), list)
        and all(isinstance(a, str) for a in req["argv"])
        and len(req["argv"]) >= 3
        and os.path.abspath(req["argv"][0]) == sys.executable  # same interpreter as the server
        and tuple(req["argv"][1:3]) == LAUNCHER
        and isinstance(req.get("env"), dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in req["env"].items())
        and isinstance(req.get("cwd"), str)
    )


def _become_kernel(req: dict, kernel_path: list[str]) -> None:
    """In the forked child: turn this process into the kernel ``req`` describes. Never returns."""
    code = 1
    try:
        os.setsid()  # own process group, as jupyter_client gives a kernel (interrupts, kills)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(req["cwd"])
        os.environ.clear()
        os.environ.update(req["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())  # exit if the server goes away
        sys.path[:] = kernel_path
        import random

        random.seed()
        if "numpy" in sys.modules:
            sys.modules["numpy"].random.seed()
        from ipykernel import kernelapp

        # The kernel app read JPY_PARENT_PID when the server imported it (unset then): name
        # the parent explicitly, so the kernel exits if the server dies.
        args = [*req["argv"][3:], f"--IPKernelApp.parent_handle={os.getppid()}"]
        import importlib.util

        sys.argv = [importlib.util.find_spec("ipykernel_launcher").origin, *args]
        kernelapp.launch_new_instance(argv=args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - report, then leave without unwinding into the server
        import traceback

        traceback.print_exc()
    finally:
        import atexit

        with contextlib.suppress(BaseException):
            atexit._run_exitfuncs()
        with contextlib.suppress(BaseException):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def _reap(children: set[int]) -> None:
    for pid in list(children):
        try:
            done, _ = os.waitpid(pid, os.WNOHANG)
        except ChildProcessError:
            done = pid
        if done:
            children.discard(pid)


def serve(address: str, core=CORE, later=LATER) -> None:
    """Run the fork server on a Unix socket until SIGTERM.

    Parameters
    ----------
    address : str
        Path of the Unix socket to create (its folder must exist); created once
        ``core`` is done.
    core : sequence of str
        Steps (see :data:`CORE`) done before serving.
    later : sequence of str
        Steps done one at a time while no kernel is being asked for.

    Raises
    ------
    RuntimeError
        A step started a thread (forking then would be unsafe); the server
        exits and kernels start the usual way.
    """
    import gc
    import threading

    server_pid = os.getpid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the runner, which stops us
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))

    def prepare(step: str) -> None:
        _prepare(step)
        if threading.active_count() != 1:
            raise RuntimeError(f"{step} started a thread; refusing to fork kernels")
        gc.freeze()  # keep the shared pages shared: the children's GC will not touch them

    for step in core:
        prepare(step)
    gc.collect()
    gc.freeze()
    pending = list(later)
    kernel_path = _kernel_sys_path()
    children: set[int] = set()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address)
        listener.listen(16)
        while True:
            _reap(children)
            listener.settimeout(0.0 if pending else 0.2)
            try:
                conn, _ = listener.accept()
            except (TimeoutError, BlockingIOError):
                if pending:
                    step = pending.pop(0)
                    try:
                        prepare(step)
                    except RuntimeError:
                        raise  # a thread was started: forking is no longer safe
                    except Exception as exc:  # noqa: BLE001 - kernels will do it themselves
                        print(f"ntmplan kernel server: skipped {step}: {exc}", file=sys.stderr)
                continue
            with conn:
                conn.settimeout(10)
                try:
                    req = _read_json_line(conn)
                except (OSError, ValueError):
                    continue
                if not _valid_request(req):
                    conn.sendall(b'{"error": "bad request"}\n')
                    continue
                pid = os.fork()
                if pid == 0:
                    listener.close()
                    conn.close()
                    _become_kernel(req, kernel_path)
                children.add(pid)
                conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")
    finally:
        if os.getpid() == server_pid:
            for pid in children:
                with contextlib.suppress(OSError):
                    os.killpg(pid, signal.SIGKILL)
            for pid in children:  # reap them: no zombies, and their memory use is accounted
                with contextlib.suppress(OSError):
                    os.waitpid(pid, 0)
            listener.close()
            with contextlib.suppress(OSError):
                os.unlink(address)


# --------------------------------------------------------------------------- client


def _pid_alive(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped counts as exited)."""
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
    """Parse a server reference ``"<pid>:<socket path>"`` (as :func:`kernel_server` yields).

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
                conn.settimeout(30)
                conn.connect(path)
                conn.sendall(request)
                reply = _read_json_line(conn)
            return int(reply["pid"]) if "pid" in reply else None
        except (FileNotFoundError, ConnectionRefusedError):
            if not _pid_alive(pid) or time.monotonic() > deadline:
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
        """None while running, else an exit code (-1: not the server's child, code unknown)."""
        if self.returncode is None and not _pid_alive(self.pid):
            self.returncode = -1
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        """Wait for the kernel to exit.

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
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


def _provisioner_class(server: tuple[int, str]):
    from jupyter_client.provisioning import LocalProvisioner

    class ForkProvisioner(LocalProvisioner):
        """LocalProvisioner that asks the batch's fork server for the kernel process."""

        async def launch_kernel(self, cmd, **kwargs):
            env = kwargs.get("env") or dict(os.environ)
            cwd = kwargs.get("cwd") or os.getcwd()
            pid = request_kernel(server, cmd, env, cwd)
            if pid is None:
                return await super().launch_kernel(cmd, **kwargs)
            self.process = ForkedKernel(pid)
            self.pid = pid
            self.pgid = pid
            self.cwd = cwd
            return self.connection_info

    return ForkProvisioner


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
    from jupyter_client.manager import AsyncKernelManager

    provisioner = _provisioner_class(server)

    class ForkKernelManager(AsyncKernelManager):
        async def _async_pre_start_kernel(self, **kw):
            if self.provisioner is None:
                self.provisioner = provisioner(
                    kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self
                )
            return await super()._async_pre_start_kernel(**kw)

    return ForkKernelManager


@contextlib.contextmanager
def kernel_server(core=CORE, later=LATER):
    """Start a fork server for the duration of a batch and announce it to worker processes.

    The server imports in the background; kernels requested before it is ready
    wait for it (up to :data:`READY_TIMEOUT`), and start the usual way if it
    failed. On exit the server and any kernel it still has are stopped.

    Parameters
    ----------
    core, later : sequence of str
        See :func:`serve`.

    Yields
    ------
    str
        ``"<pid>:<socket path>"`` for :attr:`ntmplan.batch.runner.RunTask.kernel_server`
        (empty when forking is unavailable on this platform).
    """
    if not available():
        yield ""
        return
    folder = tempfile.mkdtemp(prefix="ntmplan-kernels-")
    address = os.path.join(folder, "server.sock")
    args = json.dumps({"address": address, "core": list(core), "later": list(later)})
    proc = subprocess.Popen(
        [sys.executable, "-m", "ntmplan.batch.forkserver", args], stdin=subprocess.DEVNULL
    )
    try:
        yield f"{proc.pid}:{address}"
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        with contextlib.suppress(OSError):
            os.unlink(address)
        with contextlib.suppress(OSError):
            os.rmdir(folder)


if __name__ == "__main__":
    spec = json.loads(sys.argv[1])
    try:
        serve(spec["address"], spec["core"], spec["later"])
    except Exception as exc:  # noqa: BLE001 - one line for the batch log; kernels fall back
        print(
            f"ntmplan: máy chủ kernel dừng, kernel sẽ khởi động như thường / kernel server"
            f" stopped, kernels start the usual way: {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        sys.exit(1)
