"""Village indicators within each commune (where the survey has village rows).

Per village: households, the shares of households with an internet connection and with a
smart device, fixed broadband and 4G/5G, sector, demand and providers. Per commune: how
many villages are listed against how many it declares, the share of its listed villages
with fibre and with 4G/5G, the household shares over its listed villages, how many villages
reach ``status.village_connected_share`` on both household shares, and its least connected
village. Every function returns None without village rows, so a survey without villages
reports as before.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.params import params_or_defaults

#: Village columns read.
VILLAGE_COLUMNS: tuple[str, ...] = (
    "commune_code",
    "village_name",
    "households",
    "households_internet",
    "households_smart_device",
    "fixed_broadband",
    "mobile_broadband",
)

#: Column → Vietnamese label of the village tables of 01.
LABELS: dict[str, str] = {
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "village_name": "Tên thôn",
    "village_type_vi": "Loại thôn",
    "households": "Số hộ",
    "share_households_internet": "Tỷ lệ hộ có Internet",
    "share_households_smart_device": "Tỷ lệ hộ có thiết bị thông minh",
    "fixed_broadband": "Có cáp quang",
    "mobile_broadband": "Có 4G/5G",
    "connected": "Đạt tỷ lệ hộ kết nối",
    "prominent_sector": "Lĩnh vực nổi bật",
    "dx_demand": "Nhu cầu CĐS (1–5)",
    "digital_providers": "DN dịch vụ số",
    "villages_declared": "Số thôn (theo xã)",
    "villages_listed": "Số thôn có số liệu",
    "share_villages_fiber": "Tỷ lệ thôn có cáp quang",
    "share_villages_4g": "Tỷ lệ thôn có 4G/5G",
    "villages_connected": "Số thôn đạt tỷ lệ hộ kết nối",
    "least_connected_village": "Thôn có tỷ lệ hộ có Internet thấp nhất",
    "least_connected_share": "Tỷ lệ hộ có Internet của thôn đó",
}


def _share(num: pd.Series, den: pd.Series) -> pd.Series:
    """``num / den`` as float, NaN where the denominator is missing or 0."""
    den = pd.to_numeric(den, errors="coerce").astype(float)
    return pd.to_numeric(num, errors="coerce").astype(float) / den.where(den > 0)


def _flag(flag: pd.Series) -> pd.Series:
    """A yes/no column as float 1.0 / 0.0 (NaN if missing)."""
    return flag.astype("boolean").astype("Float64").astype(float)


def village_indicators(
    villages: pd.DataFrame | None, survey: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame | None:
    """Indicators of every village of a surveyed commune, by commune then village.

    Parameters
    ----------
    villages : DataFrame or None
        The province's village rows (one year); None or empty means no village data.
    survey : DataFrame
        The province's commune rows (``commune_code``, ``commune_name``).
    params : dict, optional
        Resolved params (``status.village_connected_share``, ``survey.village_types``).

    Returns
    -------
    DataFrame or None
        ``commune_code``, ``commune_name``, ``village_name``, ``village_type_vi``,
        ``households``, ``share_households_internet``, ``share_households_smart_device``,
        ``fixed_broadband``, ``mobile_broadband`` (bool), ``connected`` (both shares reach
        the threshold), ``prominent_sector``, ``dx_demand``, ``digital_providers`` (the last
        three when given); None without villages of a surveyed commune.

    Raises
    ------
    MissingColumnError
        If a village or survey column is missing (an
        :class:`~ntmplan.core.errors.InputError`).
    """
    if villages is None or not len(villages):
        return None
    require_columns(villages, VILLAGE_COLUMNS, "villages")
    require_columns(survey, ["commune_code", "commune_name"], "survey")
    p = params_or_defaults(params)
    threshold = float(p["status"]["village_connected_share"])
    names = survey.drop_duplicates("commune_code").set_index(
        survey.drop_duplicates("commune_code")["commune_code"].astype(str)
    )["commune_name"]
    v = villages[villages["commune_code"].astype(str).isin(names.index)]
    if not len(v):
        return None
    code = v["commune_code"].astype(str)
    internet = _share(v["households_internet"], v["households"])
    device = _share(v["households_smart_device"], v["households"])
    types = {k: vietnamese_part(t) for k, t in p["survey"].get("village_types", {}).items()}
    kind = v["village_type"] if "village_type" in v.columns else pd.Series(None, index=v.index)
    out = pd.DataFrame(
        {
            "commune_code": code,
            "commune_name": code.map(names),
            "village_name": v["village_name"],
            "village_type_vi": kind.map(types).fillna(kind),
            "households": v["households"],
            "share_households_internet": internet.round(4),
            "share_households_smart_device": device.round(4),
            "fixed_broadband": _flag(v["fixed_broadband"]) > 0,
            "mobile_broadband": _flag(v["mobile_broadband"]) > 0,
            "connected": (internet >= threshold) & (device >= threshold),
        }
    )
    for col in ("prominent_sector", "dx_demand", "digital_providers"):
        if col in v.columns:
            out[col] = v[col]
    return out.sort_values(["commune_code"], kind="stable").reset_index(drop=True)


def commune_village_summary(
    villages: pd.DataFrame | None, survey: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame | None:
    """Per commune with village rows: the picture of its villages.

    Parameters
    ----------
    villages : DataFrame or None
        The province's village rows (one year).
    survey : DataFrame
        The province's commune rows (``commune_code``, ``commune_name``, ``villages``).
    params : dict, optional
        Resolved params.

    Returns
    -------
    DataFrame or None
        One row per commune with villages, by commune code: ``commune_code``,
        ``commune_name``, ``villages_declared`` (the commune's own count),
        ``villages_listed``, ``share_villages_fiber``, ``share_villages_4g`` (of the
        listed villages), ``share_households_internet``, ``share_households_smart_device``
        (households of the listed villages), ``villages_connected``,
        ``least_connected_village`` and ``least_connected_share``; None without villages.

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    """
    ind = village_indicators(villages, survey, params)
    if ind is None:
        return None
    require_columns(survey, ["villages"], "survey")
    v = villages[villages["commune_code"].astype(str).isin(set(ind["commune_code"]))]
    v = v.assign(
        commune_code=v["commune_code"].astype(str),
        _fibre=_flag(v["fixed_broadband"]),
        _mobile=_flag(v["mobile_broadband"]),
        _h=pd.to_numeric(v["households"], errors="coerce"),
        _i=pd.to_numeric(v["households_internet"], errors="coerce"),
        _d=pd.to_numeric(v["households_smart_device"], errors="coerce"),
    )
    g = v.groupby("commune_code", sort=True)
    sums = g[["_fibre", "_mobile", "_h", "_i", "_d"]].sum()
    listed = g.size()
    least = ind.loc[
        ind.sort_values(["share_households_internet", "village_name"], na_position="last")
        .groupby("commune_code", sort=True)
        .head(1)
        .index
    ].set_index("commune_code")
    declared = survey.drop_duplicates("commune_code").set_index(
        survey.drop_duplicates("commune_code")["commune_code"].astype(str)
    )
    out = pd.DataFrame(
        {
            "commune_code": listed.index,
            "commune_name": declared.loc[listed.index, "commune_name"].to_numpy(),
            "villages_declared": declared.loc[listed.index, "villages"].to_numpy(),
            "villages_listed": listed.to_numpy(dtype=np.int64),
            "share_villages_fiber": (sums["_fibre"] / listed).round(4).to_numpy(),
            "share_villages_4g": (sums["_mobile"] / listed).round(4).to_numpy(),
            "share_households_internet": _share(sums["_i"], sums["_h"]).round(4).to_numpy(),
            "share_households_smart_device": _share(sums["_d"], sums["_h"]).round(4).to_numpy(),
            "villages_connected": ind.groupby("commune_code", sort=True)["connected"]
            .sum()
            .to_numpy(dtype=np.int64),
            "least_connected_village": least.loc[listed.index, "village_name"].to_numpy(),
            "least_connected_share": least.loc[
                listed.index, "share_households_internet"
            ].to_numpy(),
        }
    )
    return out


def village_summary(
    villages: pd.DataFrame | None, survey: pd.DataFrame, params: dict | None = None
) -> dict | None:
    """Key figures of the villages for ``summary_01_status.json`` (key ``villages``).

    Parameters
    ----------
    villages : DataFrame or None
    survey : DataFrame
    params : dict, optional

    Returns
    -------
    dict or None
        ``villages`` (listed), ``communes`` (with villages), ``share_villages_fiber``,
        ``share_villages_4g``, ``villages_connected``; None without villages.
    """
    ind = village_indicators(villages, survey, params)
    if ind is None:
        return None
    return {
        "villages": int(len(ind)),
        "communes": int(ind["commune_code"].nunique()),
        "share_villages_fiber": round(float(ind["fixed_broadband"].mean()), 4),
        "share_villages_4g": round(float(ind["mobile_broadband"].mean()), 4),
        "villages_connected": int(ind["connected"].sum()),
    }
