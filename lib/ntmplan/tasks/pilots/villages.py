"""Smart-village models (guidance 3a, "xã/thôn"): check, rank, choose and list villages.

Villages are checked, ranked and chosen by the commune functions themselves
(:func:`~ntmplan.tasks.pilots.check_eligibility`, ``rank_candidates``, ``choose_pilots``,
``gap_costs``, ``funnel``) on the village units of :mod:`ntmplan.tasks.pilots.village_view`:
the households and infrastructure conditions read the village's own row, the officials'
conditions its commune's. Everything here returns ``None`` when there is no village row, so
a survey without villages runs exactly as before.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.pilots.choice import choose_pilots
from ntmplan.tasks.pilots.eligibility import check_eligibility, gate_columns
from ntmplan.tasks.pilots.frames import floats, sector_labels, share
from ntmplan.tasks.pilots.gaps import gap_costs
from ntmplan.tasks.pilots.labels import LABELS, MARKS
from ntmplan.tasks.pilots.scoring import rank_candidates
from ntmplan.tasks.pilots.tables import funnel
from ntmplan.tasks.pilots.village_view import (
    PARENT_CODE,
    PARENT_NAME,
    VILLAGE_TYPE,
    village_params,
    village_units,
)

#: Cost columns of the commune's officials (counted once per commune in a total).
OFFICIAL_COSTS = (
    "cost_officials_computer_mvnd",
    "cost_officials_email_mvnd",
    "cost_officials_eoffice_mvnd",
)

#: Funnel rows whose wording differs for villages: gate column → Vietnamese label.
VILLAGE_CONDITION_VI: dict[str, str] = {
    "all": "Tất cả các thôn có số liệu",
    "gate_rural": "Thuộc xã (đơn vị nông thôn)",
    "gate_officials_computer": "Cán bộ của xã có máy tính nối Internet",
    "gate_officials_email_eoffice": "Cán bộ của xã dùng thư điện tử công vụ và văn phòng điện tử",
}

#: Column labels of the village tables (the pilot labels, with village wording where it differs).
VILLAGE_LABELS: dict[str, str] = {
    **LABELS,
    "village_key": "Mã thôn (mã xã/tên thôn)",
    "village_name": "Tên thôn",
    "village_type_vi": "Loại thôn",
    PARENT_CODE: "Mã xã",
    PARENT_NAME: "Tên xã",
    "gate_rural": "Đạt: thuộc xã (nông thôn)",
    "gate_infrastructure": "Đạt: hạ tầng số của thôn",
    "gate_officials_computer": "Đạt: CB xã có máy tính",
    "gate_officials_email_eoffice": "Đạt: CB xã dùng thư ĐT + VP điện tử",
    "shortfall_villages_fiber": "Thiếu: cáp quang đến thôn",
    "shortfall_villages_4g": "Thiếu: 4G/5G ở thôn",
    "shortfall_officials_computer": "Thiếu: CB xã có máy tính",
    "shortfall_officials_email": "Thiếu: CB xã dùng thư điện tử",
    "shortfall_officials_eoffice": "Thiếu: CB xã dùng VP điện tử",
    "share_households_internet": "Tỷ lệ hộ có Internet",
    "share_households_smart_device": "Tỷ lệ hộ có thiết bị thông minh",
    "fixed_broadband": "Có cáp quang",
    "mobile_broadband": "Có 4G/5G",
    "passing_alone": "Số thôn đạt riêng điều kiện này",
    "passing_cumulative": "Số thôn đạt đến bước này",
    "dropped": "Số thôn bị loại ở bước này",
}


def evaluate_villages(
    villages: pd.DataFrame | None, survey: pd.DataFrame, params: dict | None = None
) -> dict[str, pd.DataFrame] | None:
    """Check, rank and choose the smart-village models of one province.

    Parameters
    ----------
    villages : DataFrame or None
        Village rows of the province (``ntmplan.survey.load_villages``); None or empty
        means no village data.
    survey : DataFrame
        The province's commune rows (one year).
    params : dict, optional
        Resolved params; ``None`` means the defaults. Reads ``pilots.village`` and the
        commune conditions' params.

    Returns
    -------
    dict or None
        ``{"units", "eligibility", "ranked", "chosen", "funnel", "gaps"}`` (frames on the
        village units, ``commune_code`` being the village key ``<commune code>/<name>``);
        None when there is no village of a surveyed commune.

    Raises
    ------
    MissingColumnError
        If a village or survey column is missing (an
        :class:`~ntmplan.core.errors.InputError`).
    ParamsError
        If ``pilots.village`` is missing or invalid.
    """
    if villages is None or not len(villages):
        return None
    vparams = village_params(params)
    units = village_units(villages, survey, params)
    if not len(units):
        return None
    elig = check_eligibility(units, vparams, VILLAGE_TYPE)
    elig["missing_vi"] = village_wording(elig["missing_vi"])
    ranked = rank_candidates(units, elig, vparams)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # pins not found: see village_summary
        chosen = choose_pilots(ranked, vparams)
    return {
        "units": units,
        "eligibility": elig,
        "ranked": ranked,
        "chosen": chosen,
        "funnel": village_funnel(elig),
        "gaps": gap_costs(units, elig, vparams),
    }


def village_wording(missing_vi: pd.Series) -> pd.Series:
    """Say the commune texts of what is missing the village way.

    The unit is the village itself ("thiếu cáp quang ở 1 thôn" → "thiếu cáp quang") and the
    officials are its commune's ("7 cán bộ" → "7 cán bộ xã").

    Parameters
    ----------
    missing_vi : pandas.Series
        ``missing_vi`` of :func:`~ntmplan.tasks.pilots.check_eligibility` on village units.

    Returns
    -------
    pandas.Series
    """
    text = missing_vi.astype(object).fillna("").astype(str)
    text = text.str.replace(r" ở 1 thôn\b", "", regex=True)
    return text.str.replace(r"\bcán bộ\b(?! xã)", "cán bộ xã", regex=True)


def village_funnel(eligibility: pd.DataFrame) -> pd.DataFrame:
    """The condition funnel of the villages (:func:`~ntmplan.tasks.pilots.funnel`, village wording).

    Parameters
    ----------
    eligibility : DataFrame
        Eligibility of the village units.

    Returns
    -------
    DataFrame
        As :func:`~ntmplan.tasks.pilots.funnel`; the rows of the commune's conditions say so.
    """
    out = funnel(eligibility)
    out["condition_vi"] = out["condition"].map(VILLAGE_CONDITION_VI).fillna(out["condition_vi"])
    return out


def village_type_labels(codes: pd.Series, params: dict | None = None) -> np.ndarray:
    """Return Vietnamese names of village types (``survey.village_types``; the code if unknown).

    Parameters
    ----------
    codes : pandas.Series
        Village type codes (``thon``, ``ban``, ``ap`` …).
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    numpy.ndarray
        Object array; "" where missing.
    """
    names = params_or_defaults(params).get("survey", {}).get("village_types", {})
    vi = {k: vietnamese_part(v) for k, v in names.items()}
    s = codes.astype(object).where(codes.notna(), None)
    return s.map(vi).fillna(s).fillna("").to_numpy(dtype=object)


def _identity(units: pd.DataFrame, params: dict | None) -> pd.DataFrame:
    """Commune code and name, village name and type of the units (same index)."""
    kind = (
        units["village_type"] if "village_type" in units.columns else pd.Series(None, units.index)
    )
    return pd.DataFrame(
        {
            PARENT_CODE: units[PARENT_CODE].to_numpy(),
            PARENT_NAME: units[PARENT_NAME].to_numpy(),
            "village_name": units["commune_name"].to_numpy(),
            "village_type_vi": village_type_labels(kind, params),
        },
        index=units.index,
    )


def village_table(result: dict | None, params: dict | None = None, marks: bool = True):
    """Every village with its gates, shortfalls, score and rank (ranking order).

    Parameters
    ----------
    result : dict or None
        Output of :func:`evaluate_villages`.
    params : dict, optional
        Resolved params (sector and village-type labels); ``None`` means the defaults.
    marks : bool
        Show gates as ✓/✗ instead of booleans.

    Returns
    -------
    DataFrame or None
        ``village_commune_code``, ``village_commune_name``, ``village_name``,
        ``village_type_vi``, ``sector_vi``, gate columns, ``eligible``, shortfall columns,
        ``missing_vi``, ``score``, ``rank``, ``total_gap_mvnd``, ``attainable`` (bool: the
        shortfalls can be closed by spending); None without villages.
    """
    if result is None:
        return None
    units, elig, ranked = result["units"], result["eligibility"], result["ranked"]
    gates = gate_columns(elig)
    short = [c for c in elig.columns if c.startswith("shortfall_") and elig[c].any()]
    out = pd.concat(
        [
            _identity(units, params),
            pd.Series(
                sector_labels(units["prominent_sector"], params),
                index=units.index,
                name="sector_vi",
            ),
            elig[[*gates, "eligible", *short, "missing_vi"]],
        ],
        axis=1,
    ).loc[ranked.index]
    out["score"] = ranked["score"].to_numpy()
    out["rank"] = ranked["rank"].to_numpy()
    out["total_gap_mvnd"] = ranked["total_gap_mvnd"].to_numpy()
    out["attainable"] = ranked["attainable"].to_numpy(dtype=bool)
    if marks:
        for col in [*gates, "eligible"]:
            out[col] = out[col].map(MARKS)
    return out.reset_index(drop=True)


def chosen_villages(result: dict | None, params: dict | None = None) -> pd.DataFrame | None:
    """The chosen smart villages in choice order, with what each still lacks.

    Parameters
    ----------
    result : dict or None
        Output of :func:`evaluate_villages`.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame or None
        ``choice``, ``village_key``, ``village_commune_code``, ``village_commune_name``,
        ``village_name``, ``village_type_vi``, ``prominent_sector``, ``sector_vi``,
        ``eligible``, ``score``, ``basis``, ``basis_vi``, ``gap_mvnd``, ``missing_vi``,
        ``households``, ``share_households_internet``, ``share_households_smart_device``,
        ``fixed_broadband``, ``mobile_broadband``, ``digital_providers``, ``dx_demand``;
        None without villages.
    """
    if result is None:
        return None
    ch, units = result["chosen"], result["units"].loc[result["chosen"].index]
    h = floats(units, "households")
    return pd.concat(
        [
            pd.DataFrame(
                {"choice": ch["choice"].to_numpy(), "village_key": ch["commune_code"].to_numpy()},
                index=ch.index,
            ),
            _identity(units, params),
            ch[["prominent_sector", "sector_vi", "eligible", "score", "basis", "basis_vi"]],
            ch[["gap_mvnd", "missing_vi"]],
            pd.DataFrame(
                {
                    "households": h,
                    "share_households_internet": share(floats(units, "households_internet"), h),
                    "share_households_smart_device": share(
                        floats(units, "households_smart_device"), h
                    ),
                    "fixed_broadband": floats(units, "fixed_broadband") > 0,
                    "mobile_broadband": floats(units, "mobile_broadband") > 0,
                    "digital_providers": floats(units, "digital_providers"),
                    "dx_demand": floats(units, "dx_demand"),
                },
                index=ch.index,
            ),
        ],
        axis=1,
    ).reset_index(drop=True)


#: Columns of the village list for the province's files (the chosen villages).
REGISTRATION_VILLAGE_COLUMNS: tuple[str, ...] = (
    "province_code",
    "province_name",
    "choice",
    "village_commune_code",
    "village_commune_name",
    "village_name",
    "village_type_vi",
    "sector_vi",
    "eligible",
    "missing_vi",
    "basis_vi",
    "score",
    "gap_mvnd",
    "households",
    "share_households_internet",
    "share_households_smart_device",
    "fixed_broadband",
    "mobile_broadband",
    "digital_providers",
    "dx_demand",
)


def village_registration(
    result: dict | None,
    params: dict | None = None,
    province_code: str = "",
    province_name: str = "",
) -> pd.DataFrame | None:
    """The chosen smart villages as a list to issue (same columns for every province).

    Parameters
    ----------
    result : dict or None
        Output of :func:`evaluate_villages`.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    province_code, province_name : str
        Written on every row.

    Returns
    -------
    DataFrame or None
        Columns exactly :data:`REGISTRATION_VILLAGE_COLUMNS`; None without villages.
    """
    ch = chosen_villages(result, params)
    if ch is None:
        return None
    ch = ch.assign(province_code=province_code, province_name=province_name)
    ch["score"] = np.round(ch["score"].to_numpy(dtype=float), 2)
    return ch[list(REGISTRATION_VILLAGE_COLUMNS)]
