"""Gap costs: what closing each shortfall costs, and the cheapest path to eligibility.

A commune is *attainable* when it is a rural unit with a listed prominent sector (if those
conditions belong to the type) and no denominator is missing: spending cannot create a
sector or turn a ward into a commune, and a commune without data cannot be costed. Only
attainable communes appear on the cheapest path.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.tasks.pilots.conditions import SHORTFALL_COLUMNS
from ntmplan.tasks.pilots.config import pilot_params
from ntmplan.tasks.pilots.frames import check_aligned, sector_labels

#: Shortfall column → unit-cost key (params ``pilots.unit_costs_mvnd``) and cost column.
COSTS: dict[str, tuple[str, str]] = {
    "shortfall_households": ("household_connection", "cost_households_mvnd"),
    "shortfall_officials_computer": ("official_computer", "cost_officials_computer_mvnd"),
    "shortfall_officials_email": ("official_account", "cost_officials_email_mvnd"),
    "shortfall_officials_eoffice": ("official_account", "cost_officials_eoffice_mvnd"),
    "shortfall_villages_fiber": ("village_fiber", "cost_villages_fiber_mvnd"),
    "shortfall_villages_4g": ("village_4g", "cost_villages_4g_mvnd"),
    "shortfall_providers": ("provider", "cost_providers_mvnd"),
    "shortfall_ocop_online": ("ocop_online_product", "cost_ocop_online_mvnd"),
    "shortfall_households_selling": ("household_selling_online", "cost_households_selling_mvnd"),
}


#: Gates that spending cannot close: the unit type, the sector, the NTM level, files online.
UNBUYABLE_GATES = ("gate_rural", "gate_sector", "gate_ntm_level", "gate_files_online")


def gap_arrays(eligibility: pd.DataFrame, pp: dict) -> tuple[np.ndarray, dict, np.ndarray]:
    """Return attainability, the cost of each shortfall and the total gap, per commune.

    Parameters
    ----------
    eligibility : DataFrame
        Output of :func:`ntmplan.tasks.pilots.eligibility.check_eligibility`.
    pp : dict
        The ``pilots`` section of the params (``unit_costs_mvnd``).

    Returns
    -------
    (numpy.ndarray, dict, numpy.ndarray)
        ``attainable`` (bool; eligible rows are attainable), ``{cost column: array}`` and
        the total gap in million VND (0 for eligible rows).
    """
    eligible = eligibility["eligible"].to_numpy(dtype=bool)
    attainable = np.ones(len(eligibility), dtype=bool)
    for gate in UNBUYABLE_GATES:
        if gate in eligibility.columns:
            attainable &= eligibility[gate].to_numpy(dtype=bool)
    if "no_data" in eligibility.columns:
        attainable &= ~eligibility["no_data"].to_numpy(dtype=bool)
    unit = pp["unit_costs_mvnd"]
    costs = {}
    total = np.zeros(len(eligibility))
    for short_col, (unit_key, cost_col) in COSTS.items():
        if short_col in eligibility.columns:
            costs[cost_col] = eligibility[short_col].to_numpy(dtype=float) * float(unit[unit_key])
            total += costs[cost_col]
    return attainable | eligible, costs, np.where(eligible, 0.0, np.round(total, 6))


def gap_costs(
    survey: pd.DataFrame, eligibility: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Cost of closing each shortfall, per commune, in million VND.

    ``cost_x_mvnd = shortfall_x × pilots.unit_costs_mvnd[...]`` for every shortfall
    column present (households → connection/device support per household; officials →
    computer per official, account set-up per missing e-mail and e-office account;
    villages → fibre / 4G extension per village; providers → mobilisation per provider;
    e-commerce → per OCOP product and per household selling online).

    A commune is ``attainable`` when it is a rural unit with a listed prominent sector
    (if those conditions belong to the type) and no denominator is missing: spending
    cannot create a sector or turn a ward into a commune, and a commune without data
    cannot be costed.

    Parameters
    ----------
    survey : DataFrame
        Survey rows (``commune_code``, ``commune_name`` needed).
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        Same index: ``commune_code``, ``commune_name``, ``eligible``, ``attainable``,
        one ``cost_*_mvnd`` per shortfall column, ``total_gap_mvnd`` (0 when eligible).

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    ValueError
        If ``eligibility`` is not aligned to ``survey``.
    """
    pp = pilot_params(params)
    require_columns(survey, ["commune_code", "commune_name"], "survey")
    require_columns(eligibility, ["eligible", "missing_vi", *SHORTFALL_COLUMNS], "eligibility")
    check_aligned(survey, eligibility, "eligibility")
    attainable, costs, total = gap_arrays(eligibility, pp)
    columns = {
        "commune_code": survey["commune_code"].to_numpy(),
        "commune_name": survey["commune_name"].to_numpy(),
        "eligible": eligibility["eligible"].to_numpy(dtype=bool),
        "attainable": attainable,
        **costs,
        "total_gap_mvnd": total,
    }
    return pd.DataFrame(columns, index=survey.index)


def cheapest_path(
    survey: pd.DataFrame,
    eligibility: pd.DataFrame,
    params: dict | None = None,
    n: int | None = None,
) -> pd.DataFrame:
    """The communes cheapest to bring over every condition (the path to the target).

    Only *attainable* communes are listed (rural units with a listed prominent sector and
    complete data); a commune without a prominent sector cannot be bought into
    eligibility and is left out. Already eligible communes are left out too.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    n : int, optional
        How many communes; default ``pilots.cheapest_path_n``.

    Returns
    -------
    DataFrame
        Up to ``n`` rows sorted by ``total_gap_mvnd`` ascending (ties: more conditions
        met, then commune code): ``commune_code``, ``commune_name``,
        ``prominent_sector``, ``sector_vi``, ``n_conditions_met``, ``n_conditions``, ``missing_vi``,
        the shortfall columns, the ``cost_*_mvnd`` columns and ``total_gap_mvnd``.

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    ValueError
        If ``eligibility`` is not aligned to ``survey``.
    """
    pp = pilot_params(params)
    n = int(pp["cheapest_path_n"]) if n is None else int(n)
    require_columns(survey, ["prominent_sector"], "survey")
    gaps = gap_costs(survey, eligibility, params=params)
    short_cols = [c for c in eligibility.columns if c.startswith("shortfall_")]
    cost_cols = [c for c in gaps.columns if c.startswith("cost_")]
    frame = pd.concat(
        [
            gaps[["commune_code", "commune_name"]],
            survey[["prominent_sector"]],
            pd.Series(
                sector_labels(survey["prominent_sector"], params),
                index=survey.index,
                name="sector_vi",
            ),
            eligibility[["n_conditions_met", "n_conditions", "missing_vi", *short_cols]],
            gaps[[*cost_cols, "total_gap_mvnd"]],
        ],
        axis=1,
    )
    keep = gaps["attainable"].to_numpy() & ~gaps["eligible"].to_numpy()
    excluded = np.isin(
        gaps["commune_code"].astype(str).to_numpy(), [str(c) for c in pp.get("exclude", [])]
    )
    frame = frame[keep & ~excluded]
    order = np.lexsort(
        (
            frame["commune_code"].astype(str).to_numpy(),
            -frame["n_conditions_met"].to_numpy(),
            frame["total_gap_mvnd"].to_numpy(),
        )
    )
    return frame.iloc[order[:n]]
