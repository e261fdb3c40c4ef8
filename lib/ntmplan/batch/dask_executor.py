"""Runs on a Dask distributed cluster instead of local worker processes (``--scheduler``)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Executor


def dask_executor_factory(address: str) -> Callable[[int], Executor]:
    """Return an executor factory that submits runs to a Dask distributed cluster.

    Parameters
    ----------
    address : str
        Scheduler address, e.g. ``tcp://10.0.0.5:8786``.

    Returns
    -------
    callable
        ``f(jobs) -> Executor`` whose shutdown also closes the client.
    """

    def factory(_jobs: int):
        from distributed import Client

        @contextlib.contextmanager
        def managed():
            client = Client(address)
            try:
                with client.get_executor(pure=False) as executor:
                    yield executor
            finally:
                client.close()

        return managed()

    return factory
