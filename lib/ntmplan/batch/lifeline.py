"""Processes of a batch die with the process that started them.

A runner killed with ``kill -9`` cannot stop its workers, its kernel fork server or
the kernels: each of them must notice by itself. On Linux a child asks the kernel to
send it a signal when its parent dies (``prctl(PR_SET_PDEATHSIG)``, through
:mod:`ctypes`); everywhere, a long-lived child can also compare ``os.getppid()`` with
the parent it started with (:func:`parent_gone`). Workers also ignore Ctrl+C: the
runner alone handles it and stops them, so no worker prints a ``KeyboardInterrupt``
traceback.

Whatever a killed process was writing is never taken for a result: every output is
written to a temporary name and renamed (:mod:`ntmplan.core.atomic`), and only runs
with a success record are merged and listed (:mod:`ntmplan.batch.cache`).
"""

from __future__ import annotations

import os
import signal
import sys

#: ``PR_SET_PDEATHSIG`` from ``<linux/prctl.h>``.
PR_SET_PDEATHSIG = 1


def die_with_parent(sig: int = signal.SIGKILL) -> bool:
    """Ask Linux to send ``sig`` to this process when its parent dies.

    Parameters
    ----------
    sig : int
        The signal (SIGKILL: die at once; SIGTERM: a handler may clean up).

    Returns
    -------
    bool
        True when the request was taken (Linux with a C library); False elsewhere,
        where callers rely on :func:`parent_gone`.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(PR_SET_PDEATHSIG, int(sig), 0, 0, 0) == 0
    except (OSError, AttributeError):
        return False


def parent_gone(parent_pid: int) -> bool:
    """Tell whether the parent this process started with has died (it was re-parented).

    Parameters
    ----------
    parent_pid : int
        ``os.getppid()`` as read when the process started.

    Returns
    -------
    bool
    """
    return os.getppid() != parent_pid


def bind_to_parent(parent_pid: int, sig: int = signal.SIGKILL) -> None:
    """Die with the parent: :func:`die_with_parent`, and exit now if it already died.

    The parent may die between ``fork()`` and the ``prctl`` call; that death sent no
    signal, so it is checked once afterwards.

    Parameters
    ----------
    parent_pid : int
        The parent's pid as seen before the fork (``os.getpid()`` in the parent).
    sig : int
        See :func:`die_with_parent`.
    """
    die_with_parent(sig)
    if parent_gone(parent_pid):
        os._exit(1)


def worker_initializer(parent_pid: int) -> None:
    """Set up a pool worker: die with the runner, leave Ctrl+C to the runner.

    Parameters
    ----------
    parent_pid : int
        The runner's pid.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    bind_to_parent(parent_pid, signal.SIGKILL)
