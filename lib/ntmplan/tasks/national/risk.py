"""Provinces at risk of missing the one-smart-commune target (definition in the package docstring)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults


def _reasons(df: pd.DataFrame, target: pd.Series, rules: dict) -> pd.Series:
    """The Vietnamese reasons of each province (rules joined by "; ", "" when not at risk)."""
    available = df["pilots_available"].astype(bool)
    eligible = df["eligible_smart_commune"].astype(float).fillna(0.0)
    chosen = df["chosen_smart_commune"].astype(float).fillna(0.0)
    gap = df["smart_gap_mvnd"].astype(float).fillna(0.0)
    none_at_all = available & (eligible == 0) & (chosen == 0)
    conditions = [
        (
            ~available & bool(rules["missing_is_risk"]),
            pd.Series("Chưa có số liệu thí điểm (sổ tính 02 chưa chạy)", index=df.index),
        ),
        (
            none_at_all,
            pd.Series("Không có xã đủ điều kiện và chưa chọn xã thí điểm", index=df.index),
        ),
        (
            available & ~none_at_all & (chosen < target),
            "Số xã thí điểm đã chọn ("
            + chosen.map(lambda v: f"{v:.0f}")
            + ") ít hơn mục tiêu ("
            + target.map(lambda v: f"{v:.0f}")
            + ")",
        ),
        (
            available & (chosen > 0) & (gap > float(rules["gap_cost_max_mvnd"])),
            "Xã thí điểm được chọn chưa đủ điều kiện: cần "
            + gap.map(lambda v: fmt.number(float(v)))
            + " triệu đồng để bù thiếu hụt",
        ),
    ]
    reason = pd.Series("", index=df.index)
    for mask, text in conditions:  # a handful of rules
        add = text.where(mask, "")
        reason = reason.where(add == "", reason.where(reason == "", reason + "; ") + add)
    return reason


def at_risk(df: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """List the provinces at risk of missing the one-smart-commune target (package docstring).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.collect_provinces` (needs ``province_code``,
        ``province_name``, ``pilots_available``, ``eligible_smart_commune``,
        ``chosen_smart_commune``, ``smart_gap_mvnd``; ``target_smart_commune`` is optional).
    params : dict, optional
        Resolved params (``plan.at_risk``, ``pilots.types.smart_commune.number``).

    Returns
    -------
    pandas.DataFrame
        The provinces at risk: ``province_code``, ``province_name``,
        ``eligible_smart_commune``, ``chosen_smart_commune``, ``target_smart_commune``,
        ``smart_gap_mvnd``, ``risk_reason`` (Vietnamese, reasons joined by "; ").

    Raises
    ------
    KeyError
        If a needed column is missing (:class:`ntmplan.core.errors.MissingColumnError`).
    """
    p = params_or_defaults(params)
    require_columns(
        df,
        [
            "province_code",
            "province_name",
            "pilots_available",
            "eligible_smart_commune",
            "chosen_smart_commune",
            "smart_gap_mvnd",
        ],
        "provinces",
    )
    rules = p["plan"]["at_risk"]
    default_target = float(p["pilots"]["types"]["smart_commune"]["number"])
    target = (
        df["target_smart_commune"]
        if "target_smart_commune" in df.columns
        else pd.Series(np.nan, index=df.index)
    )
    target = target.astype(float).fillna(default_target)
    reason = _reasons(df, target, rules)
    out = df.assign(target_smart_commune=target, risk_reason=reason)[reason != ""]
    cols = [
        "province_code",
        "province_name",
        "eligible_smart_commune",
        "chosen_smart_commune",
        "target_smart_commune",
        "smart_gap_mvnd",
        "risk_reason",
    ]
    return out[cols].sort_values("province_code").reset_index(drop=True)
