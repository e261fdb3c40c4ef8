"""The ``status`` params in use, each with its resolved value and its source or assumption."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults, section_sources
from ntmplan.core.pending_values import layer_files


def assumptions(params: dict | None = None, files: list | None = None) -> pd.DataFrame:
    """List the ``status`` params with their resolved values and their source or assumption.

    Sources are the comments of the params files in merge order: ``params/defaults.yaml``
    and the profile in force (its targets are the profile's), then any later layer given.

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.
    files : list of str or Path, optional
        Params files whose comments are read (default: defaults and the profile's file).

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (dotted), ``value`` (text; JSON for lists and mappings), ``source``.

    Raises
    ------
    OSError
        If a params file cannot be read.
    """
    p = params_or_defaults(params)
    return section_sources("status", p, files=files or layer_files(p), style="joined")
