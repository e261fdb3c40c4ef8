"""Per-commune indicators of the four pillars (shares 0–1, per-1,000 figures, counts, flags).

A share whose denominator is 0 is ``NaN`` (not 0): a commune without cooperatives has no
"share of cooperatives using digital platforms", a commune without OCOP products no OCOP online
share. The same rule protects the other shares and per-1,000 figures (households, villages,
officials, population are ≥ 1 in a validated survey, but the functions do not rely on it).
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.indicator_names import INDICATORS
from ntmplan.core.params import params_or_defaults

#: Multiplier of the per-1,000 indicators (a unit definition, not policy).
PER_1000 = 1000.0

#: Survey columns each indicator needs (numerator, denominator) — definitions, not policy.
RATIOS: dict[str, tuple[str, str, float]] = {
    "villages_fiber_share": ("villages_fiber", "villages", 1.0),
    "villages_4g_share": ("villages_4g", "villages", 1.0),
    "officials_computer_share": ("officials_computer", "officials", 1.0),
    "officials_email_share": ("officials_email", "officials", 1.0),
    "officials_eoffice_share": ("officials_eoffice", "officials", 1.0),
    "cooperatives_digital_share": ("cooperatives_digital", "cooperatives", 1.0),
    "ocop_online_share": ("ocop_products_online", "ocop_products", 1.0),
    "selling_online_per_1000_households": ("households_selling_online", "households", PER_1000),
    "households_internet_share": ("households_internet", "households", 1.0),
    "households_smart_device_share": ("households_smart_device", "households", 1.0),
    "households_internet_smart_share": ("households_internet_smart", "households", 1.0),
    "community_tech_per_1000_residents": ("community_tech_members", "population", PER_1000),
}


def ratio(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    """Return ``num / den * scale`` as float, NaN where the denominator is 0 or missing.

    Parameters
    ----------
    num, den : pandas.Series
        Numerator and denominator (same index).
    scale : float
        Multiplier (1 for shares, :data:`PER_1000` for per-1,000 figures).

    Returns
    -------
    pandas.Series
    """
    den = den.astype(float)
    return num.astype(float).div(den.where(den != 0)) * scale


def commune_indicators(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Compute the per-commune indicators of the four pillars.

    Shares are 0–1, per-1,000 figures per 1,000 households or residents, counts as
    float, flags (``postal_point``, ``radio_it``, ``criterion_8_4``, ``has_cooperative``,
    ``has_digital_service``) as bool. A share with a zero denominator is ``NaN``.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows (DESIGN.md columns).
    params : dict, optional
        Resolved params; reads ``status.flag_minimums`` (``has_cooperative``,
        ``has_digital_service``). Defaults to ``default_params()``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`INDICATORS`, same index as ``survey``.

    Raises
    ------
    MissingColumnError
        If a survey column needed is missing (the message names it).
    """
    sp = params_or_defaults(params)["status"]
    needed = {c for pair in RATIOS.values() for c in pair[:2]}
    needed |= {
        "postal_point",
        "radio_it",
        "files_online_share",
        "criterion_8_4",
        "digital_providers",
        "digital_services",
    }
    require_columns(survey, sorted(needed), "survey")
    out = pd.DataFrame(index=survey.index)
    for name, (num, den, scale) in RATIOS.items():
        out[name] = ratio(survey[num], survey[den], scale)
    out["postal_point"] = survey["postal_point"].astype(bool)
    out["radio_it"] = survey["radio_it"].astype(bool)
    out["files_online_share"] = survey["files_online_share"].astype(float)
    out["criterion_8_4"] = survey["criterion_8_4"].astype(bool)
    out["has_cooperative"] = survey["cooperatives"] >= sp["flag_minimums"]["has_cooperative"]
    out["digital_providers"] = survey["digital_providers"].astype(float)
    out["digital_services"] = survey["digital_services"].astype(float)
    out["has_digital_service"] = (
        survey["digital_services"] >= sp["flag_minimums"]["has_digital_service"]
    )
    return out[list(INDICATORS)]
