"""Progress against the programme profile's commune-level targets (value, met, communes needed).

The targets are those of ``status.targets`` in the profile in force: Decision 924/QĐ-TTg's
2025 targets in the 2021–2025 profile, Resolution 257/2025/QH15's 2030 targets and the
criterion-7 indicators of Decision 51/2025/QĐ-TTg in the 2026–2030 profile. Each target is
one of two kinds:

- ``weighted_mean`` — the province value is the mean of a share ``column`` weighted by another
  (``weight``); ``communes_needed`` is the fewest communes now below the target that must
  reach it (largest gain first).
- ``communes_share`` — the share of communes meeting every condition: ``conditions`` maps a
  column (a survey column or an indicator of :func:`commune_indicators`) to its minimum, one
  number or one per commune group (:mod:`ntmplan.core.by_group`); ``levels`` maps a column to
  the values that count; ``among`` restricts the communes counted (e.g. the NTM-standard ones);
  a column listed in ``optional`` and absent from the survey is left out of the conditions and
  the row says so in ``note``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ntmplan.core.by_group import describe_by_group, is_by_group, values_by_group
from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.status.indicators import INDICATORS, commune_indicators
from ntmplan.tasks.status.scope import scope_mask

#: Target kinds (``status.targets.<id>.kind``).
KINDS = ("weighted_mean", "communes_share")
#: Tolerance of the float comparisons with a target.
EPS = 1e-9
#: Columns of :func:`target_progress`.
COLUMNS = (
    "target_id",
    "label_vi",
    "value",
    "target",
    "met",
    "communes_met",
    "communes_total",
    "communes_needed",
    "note",
)


def _row(target_id: str, spec: dict, value: float, met_n: int, n: int, needed: int, note: str):
    return {
        "target_id": target_id,
        "label_vi": str(spec["label_vi"]),
        "value": value,
        "target": float(spec["target"]),
        "met": needed == 0,
        "communes_met": int(met_n),
        "communes_total": int(n),
        "communes_needed": int(needed),
        "note": note,
    }


def weighted_target(target_id: str, spec: dict, frame: pd.DataFrame) -> dict:
    """Row of a ``weighted_mean`` target (e.g. work files processed online, by officials).

    Parameters
    ----------
    target_id : str
    spec : dict
        ``label_vi``, ``target`` (0–1), ``column`` (share 0–1), ``weight`` (count column).
    frame : pandas.DataFrame
        Communes in scope.

    Returns
    -------
    dict
        One row of :data:`COLUMNS`; ``communes_met`` = communes whose own value ≥ target.

    Raises
    ------
    MissingColumnError
        If ``column`` or ``weight`` is missing.
    """
    require_columns(frame, [spec["column"], spec["weight"]], "survey")
    target = float(spec["target"])
    o = frame[spec["weight"]].astype(float)
    s = frame[spec["column"]].astype(float)
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
    met_n = int((s >= target - EPS).sum())
    return _row(target_id, spec, value, met_n, len(s), needed, "")


def _levels_mask(frame: pd.DataFrame, levels: dict) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, values in (levels or {}).items():
        require_columns(frame, [column], "survey")
        mask &= frame[column].astype(str).isin([str(v) for v in values])
    return mask


def share_target(
    target_id: str, spec: dict, frame: pd.DataFrame, groups: pd.Series | None = None
) -> dict:
    """Row of a ``communes_share`` target: the share of communes meeting every condition.

    Parameters
    ----------
    target_id : str
    spec : dict
        ``label_vi``, ``target`` (0–1), and any of ``conditions`` (column → minimum, one
        number or per group), ``levels`` / ``among`` (column → values), ``optional`` (columns).
    frame : pandas.DataFrame
        Communes in scope (survey columns and indicators).
    groups : pandas.Series, optional
        Each commune's group (1, 2, 3), needed when a minimum is set per group.

    Returns
    -------
    dict
        One row of :data:`COLUMNS`; ``communes_needed = max(0, ⌈target × n⌉ − met)`` where
        ``n`` counts the communes of ``among``.

    Raises
    ------
    MissingColumnError
        If a column that is not optional is missing.
    ValueError
        If a minimum is set per group and ``groups`` is None.
    """
    optional = set(spec.get("optional") or [])
    among = _levels_mask(frame, spec.get("among") or {})
    met = _levels_mask(frame, spec.get("levels") or {})
    skipped = []
    for column, minimum in (spec.get("conditions") or {}).items():
        if column not in frame.columns and column in optional:
            skipped.append(column)
            continue
        require_columns(frame, [column], "survey")
        if is_by_group(minimum):
            if groups is None:
                raise ValueError(
                    f"status.targets.{target_id}.conditions.{column}: ngưỡng theo nhóm xã cần "
                    "nhóm của từng xã / a per-group minimum needs each commune's group"
                )
            threshold = values_by_group(minimum, groups.loc[frame.index])
        else:
            threshold = float(minimum)
        values = frame[column].astype(float)
        met &= values.notna() & (values >= threshold - EPS)
    met &= among
    n, met_n = int(among.sum()), int(met.sum())
    value = met_n / n if n else float("nan")
    needed = max(0, math.ceil(float(spec["target"]) * n - met_n - EPS))
    note = ""
    if skipped:
        note = (
            f"Khảo sát chưa có cột {', '.join(skipped)}: chưa tính phần điều kiện này "
            "(chỉ tính các điều kiện còn lại)"
        )
    return _row(target_id, spec, value, met_n, n, needed, note)


def thresholds_text(spec: dict) -> str:
    """Write a target's minimums for a planner (per group when set per group).

    Parameters
    ----------
    spec : dict
        One ``status.targets`` entry.

    Returns
    -------
    str
        e.g. ``"households_internet_smart_share ≥ Nhóm 1: 80%; Nhóm 2: 70%; Nhóm 3: 50%"``;
        "" when the target has no minimum.
    """
    parts = []
    for column, minimum in (spec.get("conditions") or {}).items():
        percent = column.endswith("share")
        parts.append(f"{column} ≥ {describe_by_group(minimum, percent=percent)}")
    return "; ".join(parts)


def _needs_groups(targets: dict) -> bool:
    return any(
        is_by_group(m) for spec in targets.values() for m in (spec.get("conditions") or {}).values()
    )


def target_progress(
    survey: pd.DataFrame, params: dict | None = None, groups: pd.Series | None = None
) -> pd.DataFrame:
    """Measure progress against the commune-level targets of the profile in force.

    The frame is treated as one area (one province, or the nation); only units in
    ``status.scope_unit_types`` count. Conditions on an indicator that is not a survey column
    (``households_internet_smart_share`` …) use :func:`commune_indicators`.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one area.
    params : dict, optional
        Resolved params (``status.targets``, ``status.scope_unit_types``).
    groups : pandas.Series, optional
        Commune groups (1, 2, 3) on the survey's index; when None and a target sets a
        minimum per group, :func:`ntmplan.survey.groups.commune_groups` gives them.

    Returns
    -------
    pandas.DataFrame
        One row per target in params order, columns :data:`COLUMNS`: ``value`` and ``target``
        0–1, ``met`` bool, counts int, ``note`` text ("" when nothing to say).

    Raises
    ------
    MissingColumnError
        If a needed survey column is missing.
    ValueError
        If no unit is in scope, or a target's ``kind`` is not one of :data:`KINDS`.
    """
    p = params_or_defaults(params)
    sp = p["status"]
    require_columns(survey, ["unit_type"], "survey")
    rural = survey[scope_mask(survey, sp)]
    if rural.empty:
        raise ValueError(
            "Không có xã nào thuộc phạm vi đánh giá (status.scope_unit_types) / "
            "no unit in scope (status.scope_unit_types)"
        )
    targets = sp.get("targets") or {}
    wanted = {c for spec in targets.values() for c in (spec.get("conditions") or {})}
    derived = [c for c in INDICATORS if c in wanted and c not in rural.columns]
    frame = rural
    if derived:
        frame = rural.join(commune_indicators(rural, p)[derived])
    if groups is None and _needs_groups(targets):
        from ntmplan.survey.groups import commune_groups

        groups = commune_groups(rural, p)
    rows = []
    for target_id, spec in targets.items():
        kind = spec.get("kind")
        if kind == "weighted_mean":
            rows.append(weighted_target(target_id, spec, frame))
        elif kind == "communes_share":
            rows.append(share_target(target_id, spec, frame, groups))
        else:
            raise ValueError(
                f"status.targets.{target_id}.kind = {kind!r}: cần một trong {', '.join(KINDS)} / "
                f"must be one of {', '.join(KINDS)}"
            )
    out = pd.DataFrame(rows, columns=list(COLUMNS))
    return out.astype(
        {
            "met": bool,
            "communes_met": "int64",
            "communes_total": "int64",
            "communes_needed": "int64",
        }
    )
