"""Villages presented to the commune pilot functions: one village = a unit of one village.

Guidance 3a speaks of smart communes *and villages* ("xã/thôn") with the same candidate
conditions. A village's row carries its own households and infrastructure; its commune
carries the officials. :func:`village_units` builds, for every village row, a survey-shaped
row in which the village's own figures replace the commune's (``villages = 1``,
``villages_fiber`` = fixed broadband, ``villages_4g`` = 4G/5G, households and their
connection, prominent sector, demand, providers) and every other column is its commune's
(unit type, officials, files online, cooperatives …). :func:`village_params` gives the
params seen by the commune functions for the ``smart_village`` type (``pilots.village``).
So :func:`~ntmplan.tasks.pilots.check_eligibility`, ``rank_candidates``, ``choose_pilots``,
``gap_costs`` and ``cheapest_path`` check, rank and choose villages by the same rules as
communes, without a copy of those rules.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import ParamsError, require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.pilots.config import param_problem, pilot_params

#: Pilot type name of the smart-village model (a type of its own, never in ``pilots.types``).
VILLAGE_TYPE = "smart_village"

#: Village columns read (the village sheet of the survey).
VILLAGE_COLUMNS: tuple[str, ...] = (
    "commune_code",
    "village_name",
    "households",
    "households_internet",
    "households_smart_device",
    "fixed_broadband",
    "mobile_broadband",
    "prominent_sector",
    "dx_demand",
    "digital_providers",
)

#: Column of the unit rows holding the village's own commune code and name.
PARENT_CODE, PARENT_NAME = "village_commune_code", "village_commune_name"

#: Separator of a village key ``<commune code>/<village name>`` (pins, excludes, ids).
KEY_SEPARATOR = "/"


def village_conf(params: dict | None) -> dict:
    """Return ``pilots.village`` of the params.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    dict

    Raises
    ------
    ParamsError
        If the params have no ``pilots.village`` section.
    """
    conf = pilot_params(params).get("village")
    if not isinstance(conf, dict):
        raise ParamsError(
            [
                param_problem(
                    "pilots.village",
                    None,
                    "Thiếu mục tham số 'pilots.village'",
                    "params have no 'pilots.village' section",
                )
            ]
        )
    return conf


def village_params(params: dict | None) -> dict:
    """Return the params as the commune functions must see them for the village type.

    ``pilots.types`` holds only ``smart_village`` (label, conditions, number, fallback from
    ``pilots.village``), ``pilots.pin.smart_village`` and ``pilots.exclude`` are the village
    keys of ``pilots.village``; every other key (thresholds, weights, scales, unit costs,
    sectors) is the communes' own.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    dict
        A new top-level mapping (the input is not modified; unchanged sections are shared).

    Raises
    ------
    ParamsError
        If ``pilots.village`` is missing.
    """
    params = params_or_defaults(params)
    conf = village_conf(params)
    pp = dict(pilot_params(params))
    pp["types"] = {
        VILLAGE_TYPE: {
            "label_vi": conf["label_vi"],
            "conditions": list(conf["conditions"]),
            "number": int(conf["number"]),
            "fallback_cheapest": bool(conf["fallback_cheapest"]),
        }
    }
    pp["pin"] = {VILLAGE_TYPE: [str(k) for k in conf.get("pin", [])]}
    pp["exclude"] = [str(k) for k in conf.get("exclude", [])]
    return {**params, "pilots": pp}


def village_keys(commune_code: pd.Series, village_name: pd.Series) -> np.ndarray:
    """Return the key ``<commune code>/<village name>`` of each village.

    Parameters
    ----------
    commune_code, village_name : pandas.Series
        Aligned columns of the village rows.

    Returns
    -------
    numpy.ndarray
        Object array of keys (names stripped).
    """
    names = village_name.astype("string").fillna("").str.strip()
    return (commune_code.astype(str) + KEY_SEPARATOR + names).to_numpy(dtype=object)


def households_both(villages: pd.DataFrame, rule: str) -> pd.Series:
    """Estimate the households with an internet connection *and* a smart device.

    The village form asks the two counts separately. ``"min"`` takes the smaller of the two
    (every connected household is taken to own a smart device); ``"lower_bound"`` takes
    ``internet + device − households`` (at least 0), the fewest that must have both.

    Parameters
    ----------
    villages : DataFrame
        Village rows (``households``, ``households_internet``, ``households_smart_device``).
    rule : str
        ``"min"`` or ``"lower_bound"`` (``pilots.village.households_both``).

    Returns
    -------
    pandas.Series
        Float counts (NaN where a count is missing).

    Raises
    ------
    ParamsError
        If the rule is unknown.
    """
    h = pd.to_numeric(villages["households"], errors="coerce")
    i = pd.to_numeric(villages["households_internet"], errors="coerce")
    d = pd.to_numeric(villages["households_smart_device"], errors="coerce")
    if rule == "min":
        return np.minimum(i, d)
    if rule == "lower_bound":
        return (i + d - h).clip(lower=0)
    raise ParamsError(
        [
            param_problem(
                "pilots.village.households_both",
                rule,
                "Cách ước tính hộ có cả Internet và thiết bị phải là 'min' hoặc 'lower_bound'",
                "must be 'min' or 'lower_bound'",
            )
        ]
    )


def flag_count(flag: pd.Series) -> pd.Series:
    """Return a yes/no column (bool, 0/1, possibly missing) as a count 0.0 / 1.0 (NaN if missing).

    Parameters
    ----------
    flag : pandas.Series

    Returns
    -------
    pandas.Series
        float64.
    """
    return flag.astype("boolean").astype("Float64").astype(float)


def latest_year(villages: pd.DataFrame) -> pd.DataFrame:
    """Return the village rows of the latest year (all rows when there is no ``year``).

    Parameters
    ----------
    villages : DataFrame

    Returns
    -------
    DataFrame
    """
    if "year" not in villages.columns or not len(villages):
        return villages
    year = pd.to_numeric(villages["year"], errors="coerce")
    return villages[year == year.max()]


def village_units(
    villages: pd.DataFrame, survey: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Build one survey-shaped row per village of a surveyed commune (see the module text).

    Parameters
    ----------
    villages : DataFrame
        Village rows (:data:`VILLAGE_COLUMNS`; ``year`` optional, the latest year is used).
    survey : DataFrame
        The communes' survey rows (one year), with ``commune_code`` and ``commune_name``.
    params : dict, optional
        Resolved params (``pilots.village.households_both``, ``sector_from_commune``).

    Returns
    -------
    DataFrame
        One row per village whose commune is in ``survey``, in commune code then village
        order, with a fresh index: the survey's columns (village figures in place of the
        commune's; ``commune_code`` is the village key, ``commune_name`` the village name),
        plus :data:`PARENT_CODE`, :data:`PARENT_NAME` and ``village_type`` (when given).

    Raises
    ------
    MissingColumnError
        If a village or survey column is missing (an
        :class:`~ntmplan.core.errors.InputError`).
    ParamsError
        If ``pilots.village`` is missing or its household rule is unknown.
    """
    conf = village_conf(params)
    require_columns(villages, VILLAGE_COLUMNS, "villages")
    require_columns(survey, ["commune_code", "commune_name"], "survey")
    v = latest_year(villages).copy()
    v["commune_code"] = v["commune_code"].astype(str)
    communes = survey.drop_duplicates("commune_code").assign(
        commune_code=lambda f: f["commune_code"].astype(str)
    )
    own = [c for c in VILLAGE_COLUMNS if c != "commune_code"]
    merged = v[["commune_code", *own, *(["village_type"] if "village_type" in v else [])]].merge(
        communes, on="commune_code", how="inner", suffixes=("", "_commune"), sort=False
    )
    merged = merged.sort_values(["commune_code"], kind="stable").reset_index(drop=True)
    sector = merged["prominent_sector"].astype(object)
    sector = sector.where(sector.notna() & (sector.astype(str).str.strip() != ""), None)
    if bool(conf["sector_from_commune"]) and "prominent_sector_commune" in merged.columns:
        sector = sector.where(sector.notna(), merged["prominent_sector_commune"])
    out = merged.drop(columns=[c for c in merged.columns if c.endswith("_commune")])
    out[PARENT_CODE] = merged["commune_code"].to_numpy()
    out[PARENT_NAME] = merged["commune_name"].to_numpy()
    out["commune_code"] = village_keys(merged["commune_code"], merged["village_name"])
    out["commune_name"] = merged["village_name"].astype("string").fillna("").str.strip()
    out["villages"] = np.int64(1)
    out["villages_fiber"] = flag_count(merged["fixed_broadband"])
    out["villages_4g"] = flag_count(merged["mobile_broadband"])
    out["households_internet_smart"] = households_both(merged, str(conf["households_both"]))
    sector = sector.astype(object)
    out["prominent_sector"] = pd.Series(
        np.where(sector.notna(), sector, None).tolist(), index=out.index, dtype=object
    )
    return out
