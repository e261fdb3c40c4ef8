"""Runs on a Dask distributed cluster instead of local worker processes (``--scheduler``)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import Executor

from ntmplan.core.errors import InputError, Problem


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

    Client = require_distributed(address)

    def factory(_jobs: int):

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


def require_distributed(address: str):
    """Return ``distributed.Client``, or stop with a clear message when it is not installed.

    Parameters
    ----------
    address : str
        The scheduler address asked for (named in the message).

    Returns
    -------
    type
        ``distributed.Client``.

    Raises
    ------
    InputError
        If the optional ``distributed`` package (extra ``dask``) is missing.
    """
    try:
        from distributed import Client
    except ImportError:
        raise InputError(
            [
                Problem(
                    None,
                    None,
                    "--scheduler",
                    address,
                    "Chạy trên cụm Dask cần gói 'distributed': cài bằng "
                    "pip install 'ntmplan[dask]'",
                    "running on a Dask cluster needs the 'distributed' package: "
                    "install it with pip install 'ntmplan[dask]'",
                )
            ]
        ) from None
    return Client
