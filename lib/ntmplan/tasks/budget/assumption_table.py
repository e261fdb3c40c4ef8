"""The assumptions table: every ``budget`` param with its resolved value and its source comment."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.params import params_or_defaults, profile_file, province_file, section_sources


def assumptions(params: dict | None = None, province_code: str | None = None) -> pd.DataFrame:
    """List the ``budget`` params with their resolved values and their source or assumption.

    Sources are the end-of-line comments of ``params/defaults.yaml``, replaced
    by those of the active programme profile, then of the province overlay,
    where they set the key.

    Parameters
    ----------
    params : dict, optional
    province_code : str, optional
        Read the comments of ``params/provinces/<code>-*.yaml`` too.

    Returns
    -------
    pandas.DataFrame
        key (dotted), value (text; JSON for lists and mappings), reference
        (the params comment: source or assumption).

    Raises
    ------
    OSError
        If the params files cannot be read.
    """
    p = params_or_defaults(params)
    files = [paths.DEFAULTS_FILE]
    profile = profile_file(p["programme"]["profile"])
    if profile.is_file():
        files.append(profile)
    overlay = province_file(province_code) if province_code else None
    if overlay is not None:
        files.append(overlay)
    table = section_sources("budget", p, files=files, style="inline")
    return table.rename(columns={"source": "reference"})
