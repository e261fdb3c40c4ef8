"""The ``datashare`` params of notebook 05 with their values and sources."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import section_sources


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """List the ``datashare`` params with their resolved values and source or assumption.

    Sources are the comments of ``params/defaults.yaml`` (section ``datashare``).

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        ``key`` (dotted), ``value`` (text; JSON for lists and mappings), ``source``.

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    return section_sources("datashare", params, style="joined")
