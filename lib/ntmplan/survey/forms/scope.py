"""Which units a province's forms go to, and are expected back from."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults


def form_units(province_codes: list[str], params: dict | None = None) -> pd.DataFrame:
    """Return the 2025 units of the provinces whose type is in ``survey.form_unit_types``.

    Parameters
    ----------
    province_codes : list of str
        2-digit province codes (2025 scheme).
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    pandas.DataFrame
        The units (rows of :func:`~ntmplan.survey.units.current_units`), sorted by commune code.
    """
    from ntmplan.survey.units import current_units

    types = params_or_defaults(params)["survey"]["form_unit_types"]
    units = current_units()
    keep = units["province_code"].isin(province_codes) & units["unit_type"].isin(types)
    return units[keep].sort_values("commune_code").reset_index(drop=True)
