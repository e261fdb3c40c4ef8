"""Progress against Decision 924's commune-level 2025 targets (value, met, communes needed)."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.status.scope import scope_mask

#: Target ids in output order (keys of ``status.targets``).
TARGET_IDS = ("files_online", "criterion_8_4", "cooperatives", "digital_service")
#: Tolerance of the float comparisons with a target.
EPS = 1e-9


def _count_target(target_id: str, label: str, flags: pd.Series, target: float) -> dict:
    """Row of a target met by a share of communes (``communes_needed = ⌈target × n⌉ − met``)."""
    n = int(len(flags))
    met_n = int(flags.sum())
    value = met_n / n
    needed = max(0, math.ceil(target * n - met_n - EPS))
    return {
        "target_id": target_id,
        "label_vi": label,
        "value": value,
        "target": float(target),
        "met": needed == 0,
        "communes_met": met_n,
        "communes_total": n,
        "communes_needed": needed,
    }


def _files_online_target(label: str, share: pd.Series, officials: pd.Series, target: float) -> dict:
    """Row of the officials-weighted files-online target (fewest communes to raise first)."""
    o = officials.astype(float)
    s = share.astype(float)
    total = o.sum()
    value = float((o * s).sum() / total) if total > 0 else float("nan")
    deficit = target * total - float((o * s).sum())
    if deficit <= EPS:
        needed = 0
    else:
        gains = (
            (o * (target - s)).where(s < target, 0.0).sort_values(ascending=False, kind="mergesort")
        )
        reached = np.flatnonzero(gains.cumsum().to_numpy() >= deficit - EPS)
        needed = int(reached[0]) + 1 if len(reached) else int((s < target).sum())
    return {
        "target_id": "files_online",
        "label_vi": label,
        "value": value,
        "target": float(target),
        "met": needed == 0,
        "communes_met": int((s >= target - EPS).sum()),
        "communes_total": int(len(s)),
        "communes_needed": needed,
    }


def target_progress(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Measure progress against Decision 924's commune-level 2025 targets.

    The frame is treated as one area (one province); only units in ``status.scope_unit_types``
    count.

    - ``files_online``: value = officials-weighted mean of ``files_online_share``; met when
      ≥ target; ``communes_needed`` = fewest communes now below the target that must reach it
      (largest gain ``officials × (target − share)`` first) for the value to reach the target;
      ``communes_met`` = communes whose own share is ≥ target.
    - ``criterion_8_4``, ``cooperatives`` (``cooperatives ≥ min_count``), ``digital_service``
      (``digital_services ≥ min_count``): value = share of communes meeting it;
      ``communes_needed = max(0, ⌈target × n⌉ − met)``.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one province.
    params : dict, optional
        Resolved params (``status.targets``, ``status.scope_unit_types``).

    Returns
    -------
    pandas.DataFrame
        One row per target: ``target_id``, ``label_vi``, ``value`` (0–1), ``target`` (0–1),
        ``met`` (bool), ``communes_met``, ``communes_total``, ``communes_needed`` (int).

    Raises
    ------
    MissingColumnError
        If a needed survey column is missing.
    ValueError
        If no unit is in scope, or ``files_online.method`` is not ``officials_weighted``.
    """
    sp = params_or_defaults(params)["status"]
    require_columns(
        survey,
        [
            "unit_type",
            "officials",
            "files_online_share",
            "criterion_8_4",
            "cooperatives",
            "digital_services",
        ],
        "survey",
    )
    rural = survey[scope_mask(survey, sp)]
    if rural.empty:
        raise ValueError(
            "Không có xã nào thuộc phạm vi đánh giá (status.scope_unit_types) / "
            "no unit in scope (status.scope_unit_types)"
        )
    t = sp["targets"]
    if t["files_online"]["method"] != "officials_weighted":
        raise ValueError(
            f"status.targets.files_online.method = {t['files_online']['method']!r}: "
            "chỉ hỗ trợ 'officials_weighted' / only 'officials_weighted' is implemented"
        )
    rows = [
        _files_online_target(
            t["files_online"]["label_vi"],
            rural["files_online_share"],
            rural["officials"],
            t["files_online"]["target"],
        ),
        _count_target(
            "criterion_8_4",
            t["criterion_8_4"]["label_vi"],
            rural["criterion_8_4"].astype(bool),
            t["criterion_8_4"]["target"],
        ),
        _count_target(
            "cooperatives",
            t["cooperatives"]["label_vi"],
            rural["cooperatives"] >= t["cooperatives"]["min_count"],
            t["cooperatives"]["target"],
        ),
        _count_target(
            "digital_service",
            t["digital_service"]["label_vi"],
            rural["digital_services"] >= t["digital_service"]["min_count"],
            t["digital_service"]["target"],
        ),
    ]
    out = pd.DataFrame(rows)
    return out.astype(
        {
            "met": bool,
            "communes_met": "int64",
            "communes_total": "int64",
            "communes_needed": "int64",
        }
    )
