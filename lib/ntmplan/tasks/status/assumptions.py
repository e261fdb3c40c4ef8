"""The ``status`` params in use, each with its resolved value and its source or assumption."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import section_sources


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """List the ``status`` params with their resolved values and their source or assumption.

    Sources are the comments of ``params/defaults.yaml`` (section ``status``).

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (dotted), ``value`` (text; JSON for lists and mappings), ``source``.

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    return section_sources("status", params, style="joined")
