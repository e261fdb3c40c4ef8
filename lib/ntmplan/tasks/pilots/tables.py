"""Report tables of the eligibility result: the condition funnel and the commune table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.tasks.pilots.assumptions import uses_groups
from ntmplan.tasks.pilots.conditions import CONDITIONS
from ntmplan.tasks.pilots.config import pilot_params
from ntmplan.tasks.pilots.eligibility import gate_columns
from ntmplan.tasks.pilots.frames import check_aligned, sector_labels
from ntmplan.tasks.pilots.labels import MARKS


def funnel(eligibility: pd.DataFrame) -> pd.DataFrame:
    """Communes passing each condition in turn (the funnel).

    Parameters
    ----------
    eligibility : DataFrame
        Output of :func:`check_eligibility` (gate columns in condition order).

    Returns
    -------
    DataFrame
        First row ``all`` (every unit), then one row per gate: ``condition`` (gate
        column), ``condition_vi``, ``passing_alone`` (units passing this gate),
        ``passing_cumulative`` (units passing this and every earlier gate), ``dropped``
        (units lost at this step).

    Raises
    ------
    MissingColumnError
        If the frame has no gate column (an :class:`~ntmplan.core.errors.InputError`).
    """
    gates = gate_columns(eligibility)
    matrix = eligibility[gates].to_numpy(dtype=bool)
    cumulative = (
        np.logical_and.accumulate(matrix, axis=1).sum(axis=0)
        if len(matrix)
        else np.zeros(len(gates), int)
    )
    alone = matrix.sum(axis=0)
    total = len(eligibility)
    cum = np.concatenate([[total], cumulative]).astype(np.int64)
    labels = {v["gate"]: v["label_vi"] for v in CONDITIONS.values()}
    return pd.DataFrame(
        {
            "condition": ["all", *gates],
            "condition_vi": ["Tất cả đơn vị", *[labels.get(g, g) for g in gates]],
            "passing_alone": np.concatenate([[total], alone]).astype(np.int64),
            "passing_cumulative": cum,
            "dropped": np.concatenate([[0], cum[:-1] - cum[1:]]).astype(np.int64),
        }
    )


def _show_groups(eligibility: pd.DataFrame, params: dict | None) -> bool:
    """The commune group is shown only where a threshold in force is set per group."""
    return "commune_group" in eligibility.columns and uses_groups(params)


def commune_table(
    survey: pd.DataFrame,
    eligibility: pd.DataFrame,
    ranked: pd.DataFrame | None = None,
    marks: bool = True,
    params: dict | None = None,
) -> pd.DataFrame:
    """Every commune with its gates, shortfalls and (optionally) score and rank.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    ranked : DataFrame, optional
        Output of :func:`rank_candidates`; adds ``score``, ``rank``, ``total_gap_mvnd``.
    marks : bool
        Show gates as ✓/✗ text instead of booleans.
    params : dict, optional
        Resolved params (sector display labels); ``None`` means the defaults.

    Returns
    -------
    DataFrame
        In ranking order when ``ranked`` is given, else survey order: ``commune_code``,
        ``commune_name``, ``unit_type``, ``sector_vi``, ``commune_group`` (when a
        threshold in force is set per commune group), gate columns, ``eligible``,
        shortfall columns, ``missing_vi`` (+ ``score``, ``rank``, ``total_gap_mvnd``).

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    ValueError
        If a frame is not aligned to ``survey``.
    """
    require_columns(
        survey, ["commune_code", "commune_name", "unit_type", "prominent_sector"], "survey"
    )
    check_aligned(survey, eligibility, "eligibility")
    gates = gate_columns(eligibility)
    short = [c for c in eligibility.columns if c.startswith("shortfall_")]
    out = pd.concat(
        [
            survey[["commune_code", "commune_name", "unit_type"]],
            pd.Series(
                sector_labels(survey["prominent_sector"], params),
                index=survey.index,
                name="sector_vi",
            ),
            eligibility[
                [*(["commune_group"] if _show_groups(eligibility, params) else []), *gates]
                + ["eligible", *short, "missing_vi"]
            ],
        ],
        axis=1,
    )
    if ranked is not None:
        out = out.loc[ranked.index]
        out["score"] = ranked["score"].to_numpy()
        out["rank"] = ranked["rank"].to_numpy()
        out["total_gap_mvnd"] = ranked["total_gap_mvnd"].to_numpy()
    if marks:
        for col in [*gates, "eligible"]:
            out[col] = out[col].map(MARKS)
    return out


def extra_type_sheets(
    survey: pd.DataFrame, results: dict, params: dict | None = None
) -> dict[str, pd.DataFrame]:
    """The commune table of each pilot type a profile adds (``pilots.extra_types``), for Excel.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    results : dict
        Output of :func:`ntmplan.tasks.pilots.evaluate` for the same survey.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    dict
        Sheet name (``"Xã - <label>"``, at most 31 characters) → :func:`commune_table`; empty
        when the profile adds no type (the 2021–2025 profile).
    """
    extra = pilot_params(params).get("extra_types") or {}
    return {
        f"Xã - {conf.get('label_vi', t)}"[:31]: commune_table(
            survey, results[t]["eligibility"], results[t]["ranked"], params=params
        )
        for t, conf in extra.items()
        if t in results
    }
