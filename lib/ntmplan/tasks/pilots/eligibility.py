"""Eligibility of communes for one pilot type: one gate per condition, shortfalls, missing text."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.survey.groups import commune_groups
from ntmplan.tasks.pilots.checks import (
    CHECKS,
    DENOMINATOR_VI,
    ConditionData,
    join_parts,
    text_part,
)
from ntmplan.tasks.pilots.conditions import CONDITIONS, SHORTFALL_COLUMNS
from ntmplan.tasks.pilots.config import pilot_params, type_conf, type_thresholds


def check_eligibility(
    survey: pd.DataFrame, params: dict | None = None, pilot_type: str = "smart_commune"
) -> pd.DataFrame:
    """Check every commune against the conditions of one pilot type.

    Parameters
    ----------
    survey : DataFrame
        Survey rows (DESIGN.md survey columns; only those read by the type's conditions
        are required). The optional commune-group columns give each commune its group
        (:func:`ntmplan.survey.commune_groups`); a threshold set per group is read for it.
    params : dict, optional
        Resolved params; ``None`` means the defaults. Reads ``pilots.rural_unit_types``,
        ``pilots.eligible_sectors``, ``pilots.thresholds``, ``pilots.types`` /
        ``pilots.extra_types`` (a type's own ``thresholds`` win) and ``survey.groups``.
    pilot_type : str
        A pilot type (``smart_commune``, ``ecommerce_commune``, or one of
        ``pilots.extra_types`` such as ``modern_commune``).

    Returns
    -------
    DataFrame
        Same index as ``survey``. Columns: one boolean ``gate_*`` per condition of the
        type (in params order), ``eligible`` (all gates), ``n_conditions_met``,
        ``n_conditions``, the shortfall columns in absolute units (``shortfall_households``,
        ``shortfall_officials_computer``, ``shortfall_officials_email``,
        ``shortfall_officials_eoffice``, ``shortfall_villages_fiber``,
        ``shortfall_villages_4g``, ``shortfall_providers``, plus
        ``shortfall_ocop_online`` / ``shortfall_households_selling`` when the type has
        those conditions; 0 where met), ``no_data`` (a denominator — households,
        villages, officials — is missing or zero), ``missing_vi`` (short Vietnamese
        text of what is missing, parts joined by "; "; empty when eligible),
        ``commune_group`` (1–3) and ``pilot_type``.

    Raises
    ------
    MissingColumnError
        If a column needed by a condition is missing (every missing column listed; an
        :class:`~ntmplan.core.errors.InputError`).
    ParamsError
        If the pilot type or a condition name is unknown, or a threshold is out of range.
    """
    pp = pilot_params(params)
    conf = type_conf(pp, pilot_type)
    conditions = list(conf["conditions"])
    needed = [c for name in conditions for c in CONDITIONS[name]["columns"]]
    require_columns(survey, needed, "survey")
    groups = commune_groups(survey, params).to_numpy()
    data = ConditionData(survey, type_thresholds(pp, conf), groups)
    gates: dict[str, np.ndarray] = {}
    short: dict[str, np.ndarray] = {c: data.zeros() for c in SHORTFALL_COLUMNS}
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    for name in conditions:
        ok, shortfalls, texts = CHECKS[name](data, pp)
        gates[CONDITIONS[name]["gate"]] = ok
        short.update(shortfalls)
        parts += texts
    no_data = np.zeros(len(survey), dtype=bool)
    for denominator, mask in data.no_data.items():
        no_data |= mask
        parts.append(text_part(mask, f"thiếu dữ liệu {DENOMINATOR_VI[denominator]}"))
    n = len(survey)
    gate_matrix = np.column_stack(list(gates.values())) if gates else np.ones((n, 0), dtype=bool)
    columns = {
        **gates,
        "eligible": gate_matrix.all(axis=1),
        "n_conditions_met": gate_matrix.sum(axis=1).astype(np.int64),
        "n_conditions": np.full(n, len(conditions), dtype=np.int64),
        **short,
        "no_data": no_data,
        "missing_vi": join_parts(parts, n),
        "commune_group": groups,
        "pilot_type": np.full(n, pilot_type, dtype=object),
    }
    return pd.DataFrame(columns, index=survey.index)


def gate_columns(eligibility: pd.DataFrame) -> list[str]:
    """Return the ``gate_*`` columns of an eligibility frame, in condition order.

    Parameters
    ----------
    eligibility : DataFrame
        Output of :func:`check_eligibility`.

    Returns
    -------
    list of str

    Raises
    ------
    MissingColumnError
        If the frame has no ``gate_*`` column (an :class:`~ntmplan.core.errors.InputError`).
    """
    cols = [c for c in eligibility.columns if c.startswith("gate_")]
    if not cols:
        require_columns(eligibility, ["gate_rural"], "eligibility")
    return cols
