"""The kernel fork server: one process that imports the libraries once and forks every kernel.

A fresh Jupyter kernel spends most of a notebook run before the first line of
planning arithmetic: starting Python, importing IPython/ipykernel, then pandas,
matplotlib, scipy and the ``ntmplan`` modules (≈ 4 s of the 6–9 s a notebook
takes on a 2-core machine). For a batch, :func:`kernel_server` starts one
server process that does the steps of :mod:`ntmplan.batch.kernel_preload` once
and then ``fork()``\\ s a child for every kernel the runner asks for. The child
turns into an ordinary ``ipykernel`` (same command-line arguments, connection
file, environment and working folder the kernel manager would have used), so
each notebook still gets a pristine process of its own: nothing a notebook
does can leak into another.

The client side (asking for a kernel, the jupyter_client provisioner) is
:mod:`ntmplan.batch.kernel_provisioner`. POSIX only (``fork``, Unix sockets);
elsewhere :func:`available` is False.
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
from pathlib import Path

from ntmplan.batch.kernel_preload import CORE, LATER, prepare
from ntmplan.batch.lifeline import bind_to_parent, parent_gone

#: The only kernel command the server turns into a kernel: ``python -m ipykernel_launcher …``.
LAUNCHER = ("-m", "ipykernel_launcher")

#: Seconds a client waits for the server to finish its imports before starting kernels
#: the usual way.
READY_TIMEOUT = 120.0


class ThreadStarted(RuntimeError):
    """A preparation step started a thread: forking the server is no longer safe."""


def available() -> bool:
    """Tell whether this platform can fork kernels (POSIX with Unix sockets).

    Returns
    -------
    bool
    """
    return hasattr(os, "fork") and hasattr(socket, "AF_UNIX") and sys.platform != "win32"


def kernel_sys_path() -> list[str]:
    """Return ``sys.path`` as ``python -m ipykernel_launcher`` has it (the launcher drops the cwd).

    Returns
    -------
    list of str
    """
    path = list(sys.path)
    if path and (path[0] == "" or Path(path[0]) == Path.cwd()):
        path = path[1:]
    return path


def read_json_line(conn: socket.socket) -> dict:
    """Read one newline-terminated JSON object (a request, or the server's reply).

    Parameters
    ----------
    conn : socket.socket

    Returns
    -------
    dict

    Raises
    ------
    ValueError
        The bytes are not JSON.
    """
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    return json.loads(data.decode("utf-8"))


def valid_request(req) -> bool:
    """Tell whether a request asks for a kernel of this very interpreter, and nothing else.

    Parameters
    ----------
    req : object
        The decoded request: ``{"argv": [...], "env": {...}, "cwd": "..."}``.

    Returns
    -------
    bool
    """
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


def _enter_kernel_surroundings(req: dict, kernel_path: list[str]) -> None:
    """In the forked child: the session, signals, stdin, folder, environment and path of a kernel."""
    server_pid = os.getppid()
    os.setsid()  # own process group, as jupyter_client gives a kernel (interrupts, kills)
    bind_to_parent(server_pid, signal.SIGKILL)  # a kernel never outlives its server
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


def become_kernel(req: dict, kernel_path: list[str]) -> None:
    """In the forked child: turn this process into the kernel ``req`` describes. Never returns.

    Parameters
    ----------
    req : dict
        A :func:`valid_request`.
    kernel_path : list of str
        :func:`kernel_sys_path` of the server.
    """
    code = 1
    try:
        _enter_kernel_surroundings(req, kernel_path)
        import importlib.util

        from ipykernel import kernelapp

        # The kernel app read JPY_PARENT_PID when the server imported it (unset then): name
        # the parent explicitly, so the kernel exits if the server dies.
        args = [*req["argv"][3:], f"--IPKernelApp.parent_handle={os.getppid()}"]
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


def _prepare_checked(step: str) -> None:
    """Do a step; refuse to go on if it started a thread (forking then would be unsafe)."""
    import gc
    import threading

    prepare(step)
    if threading.active_count() != 1:
        raise ThreadStarted(f"{step} started a thread; refusing to fork kernels")
    gc.freeze()  # keep the shared pages shared: the children's GC will not touch them


def _try_step(step: str) -> None:
    """Do a step; one that fails is skipped (kernels will do it themselves), a thread stops all."""
    try:
        _prepare_checked(step)
    except ThreadStarted:
        raise  # forking is no longer safe
    except Exception as exc:  # noqa: BLE001 - kernels will do it themselves
        print(f"ntmplan kernel server: skipped {step}: {exc}", file=sys.stderr)


def _answer(conn: socket.socket, listener: socket.socket, kernel_path, children: set) -> None:
    """Read one request and fork its kernel (the child never comes back here)."""
    conn.settimeout(10)
    try:
        req = read_json_line(conn)
    except (OSError, ValueError):
        return
    if not valid_request(req):
        conn.sendall(b'{"error": "bad request"}\n')
        return
    pid = os.fork()
    if pid == 0:
        listener.close()
        conn.close()
        become_kernel(req, kernel_path)
    children.add(pid)
    conn.sendall(json.dumps({"pid": pid}).encode() + b"\n")


def _stop_children(children: set[int]) -> None:
    for pid in children:
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)
    for pid in children:  # reap them: no zombies, and their memory use is accounted
        with contextlib.suppress(OSError):
            os.waitpid(pid, 0)


def serve(address: str, core=CORE, later=LATER, parent: int = 0) -> None:
    """Run the fork server on a Unix socket until SIGTERM or until its runner dies.

    Parameters
    ----------
    address : str
        Path of the Unix socket to create (its folder must exist). It is created first:
        a request made while ``core`` is still being done waits in its backlog and is
        answered as soon as ``core`` is done, before any ``later`` step.
    core : sequence of str
        Steps (see :data:`ntmplan.batch.kernel_preload.CORE`) done before serving; one
        that fails is skipped with a message.
    later : sequence of str
        Steps done one at a time while no kernel is being asked for.
    parent : int
        Pid of the runner that started the server (0: ``os.getppid()`` now). When it
        dies (even ``kill -9``) the server stops and kills its kernels: Linux sends it
        SIGTERM, and the accept loop also checks its parent every 0,2 s.

    Raises
    ------
    ThreadStarted
        A step started a thread (forking then would be unsafe); the server
        exits and kernels start the usual way.
    """
    import gc

    server_pid = os.getpid()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C belongs to the runner, which stops us
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    parent = parent or os.getppid()
    bind_to_parent(parent, signal.SIGTERM)
    children: set[int] = set()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(address)
        listener.listen(64)
        for step in core:
            _try_step(step)
        gc.collect()
        gc.freeze()
        pending = list(later)
        kernel_path = kernel_sys_path()
        while not parent_gone(parent):
            _reap(children)
            listener.settimeout(0.0 if pending else 0.2)
            try:
                conn, _ = listener.accept()
            except (TimeoutError, BlockingIOError):
                if pending:
                    _try_step(pending.pop(0))
                continue
            with conn:
                _answer(conn, listener, kernel_path, children)
    finally:
        if os.getpid() == server_pid:
            _stop_children(children)
            listener.close()
            with contextlib.suppress(OSError):
                os.unlink(address)


@contextlib.contextmanager
def kernel_server(core=CORE, later=LATER, env: dict | None = None):
    """Start a fork server for the duration of a batch and announce it to worker processes.

    The server imports in the background; kernels requested before it is ready
    wait for it in its socket's backlog (up to :data:`READY_TIMEOUT`), and start the
    usual way if it failed. On exit the server and any kernel it still has are stopped.

    Parameters
    ----------
    core, later : sequence of str
        See :func:`serve`.
    env : dict, optional
        Variables added to the server's environment (the batch's survey and cache folder,
        read by its preparation steps); kernels get their own environment from each request.

    Yields
    ------
    str
        ``"<pid>:<socket path>"`` for :attr:`ntmplan.batch.tasks.RunTask.kernel_server`
        (empty when forking is unavailable on this platform).
    """
    if not available():
        yield ""
        return
    folder = tempfile.mkdtemp(prefix="ntmplan-kernels-")
    address = os.path.join(folder, "server.sock")
    args = json.dumps(
        {"address": address, "core": list(core), "later": list(later), "parent": os.getpid()}
    )
    proc = subprocess.Popen(
        [sys.executable, "-m", "ntmplan.batch.kernel_server", args],
        stdin=subprocess.DEVNULL,
        env={**os.environ, **(env or {})},
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


def main(argv: list[str] | None = None) -> int:
    """Run the server from its JSON argument (``python -m ntmplan.batch.kernel_server '{…}'``).

    Parameters
    ----------
    argv : list of str, optional
        Default ``sys.argv[1:]``: one JSON object with ``address``, ``core`` and ``later``.

    Returns
    -------
    int
        1 when the server stopped on an error (kernels then start the usual way).
    """
    spec = json.loads((argv if argv is not None else sys.argv[1:])[0])
    try:
        serve(spec["address"], spec["core"], spec["later"], int(spec.get("parent", 0)))
    except Exception as exc:  # noqa: BLE001 - one line for the batch log; kernels fall back
        print(
            f"ntmplan: máy chủ kernel dừng, kernel sẽ khởi động như thường / kernel server"
            f" stopped, kernels start the usual way: {type(exc).__name__}: {exc}",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
