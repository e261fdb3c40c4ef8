"""Local servers of the interactive tools: a free port on 127.0.0.1, starting a server in its own
process group, waiting for it to answer, and stopping it with its kernels.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from pathlib import Path

from ntmplan.core import paths

#: Loopback address every server of this package listens on.
HOST = "127.0.0.1"
#: Preferred ports (used when free; otherwise the system picks one).
APP_PORT = 8866
LAB_PORT = 8888


def free_port(preferred: int | None = None, host: str = HOST) -> int:
    """Return a TCP port that is free on ``host``: ``preferred`` if it is free, else one the OS picks.

    Parameters
    ----------
    preferred : int, optional
        Port to try first.
    host : str
        Address to bind (loopback by default).

    Returns
    -------
    int

    Raises
    ------
    OSError
        If no port can be bound at all.
    """
    if preferred:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            try:
                s.bind((host, int(preferred)))
                return int(preferred)
            except OSError:
                pass
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_for_http(url: str, timeout: float = 60.0, proc: subprocess.Popen | None = None) -> float:
    """Poll ``url`` (on 127.0.0.1) until it answers, and return the seconds waited.

    Parameters
    ----------
    url : str
        ``http://127.0.0.1:<port>/...``.
    timeout : float
        Seconds before giving up.
    proc : subprocess.Popen, optional
        The server; waiting stops early if it exits.

    Returns
    -------
    float

    Raises
    ------
    ValueError
        If the URL is not on the loopback address.
    TimeoutError
        If nothing answered in time, or the server exited.
    """
    import urllib.error
    import urllib.request
    from urllib.parse import urlparse

    if urlparse(url).hostname not in {HOST, "localhost"}:
        raise ValueError(f"chỉ địa chỉ nội bộ / loopback only: {url}")
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if proc is not None and proc.poll() is not None:
            raise TimeoutError(f"máy chủ đã dừng / server exited with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=5) as resp:  # noqa: S310 - loopback only
                if resp.status < 500:
                    return time.monotonic() - start
        except urllib.error.HTTPError as exc:
            if exc.code < 500:
                return time.monotonic() - start
        except (OSError, urllib.error.URLError):
            pass
        time.sleep(0.25)
    raise TimeoutError(f"không trả lời sau {timeout:.0f} s / no answer from {url}")


def start_server(cmd: list[str], log_file: str | Path | None = None) -> subprocess.Popen:
    """Start a server command in its own process group (so :func:`stop_server` ends its kernels too).

    Parameters
    ----------
    cmd : list of str
        From :func:`voila_command` or :func:`lab_command`.
    log_file : str or Path, optional
        Where the server's output goes; default discarded.

    Returns
    -------
    subprocess.Popen
    """
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL  # noqa: SIM115 - owned by the child
    env = dict(os.environ)
    bindir = str(Path(cmd[0]).parent)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    try:
        return subprocess.Popen(
            cmd,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            cwd=str(paths.ROOT),
            env=env,
            start_new_session=True,
        )
    finally:
        if log_file:
            out.close()


def stop_server(proc: subprocess.Popen, timeout: float = 15.0) -> int | None:
    """Stop a server started by :func:`start_server` and its kernels (its process group).

    Sends SIGTERM to the group, waits, then SIGKILL.

    Parameters
    ----------
    proc : subprocess.Popen
    timeout : float
        Seconds to wait after SIGTERM.

    Returns
    -------
    int or None
        The exit code.
    """
    if proc.poll() is None:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # kernels left behind in the group
    except (ProcessLookupError, PermissionError):
        pass
    try:
        return proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        return None
