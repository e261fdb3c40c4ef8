"""The profile's targets by province (matrix) and nationally (progress against each target), and
the province-completion check of each province (Decision 51/2025/QĐ-TTg Appendix III)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults


def target_matrix(df: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """The profile's targets by province: value (0–1) of each target, one row per province.

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.collect_provinces`.
    params : dict, optional
        Resolved params (``status.targets``).

    Returns
    -------
    pandas.DataFrame
        Index ``province_name``; one column per target (its ``label_vi``), values 0–1 (NaN when
        01 has not run); ``attrs["targets"]`` maps each label to its target value.

    Raises
    ------
    KeyError
        If ``province_name`` or a ``<id>_value`` column is missing.
    """
    p = params_or_defaults(params)
    targets = p["status"]["targets"]
    require_columns(df, ["province_name"] + [f"{t}_value" for t in targets], "provinces")
    out = pd.DataFrame(
        {
            spec["label_vi"]: df[f"{t}_value"].astype(float).to_numpy()
            for t, spec in targets.items()
        },
        index=df["province_name"],
    )
    out.attrs["targets"] = {spec["label_vi"]: float(spec["target"]) for spec in targets.values()}
    return out


def _from_provinces(df: pd.DataFrame, tid: str, spec: dict) -> tuple[float, int, int, str]:
    """National value of one target added up from the provinces' figures (approximate for files)."""
    met_n = df[f"{tid}_communes_met"].astype(float)
    tot_n = df[f"{tid}_communes_total"].astype(float)
    has = df[f"{tid}_value"].notna()
    communes_met, communes_total = int(met_n[has].sum()), int(tot_n[has].sum())
    if spec.get("kind") == "weighted_mean":
        w = tot_n[has]
        value = (
            float((df.loc[has, f"{tid}_value"].astype(float) * w).sum() / w.sum())
            if w.sum() > 0
            else np.nan
        )
        method = "bình quân giá trị các tỉnh theo số xã (gần đúng) / communes-weighted mean of provinces (approximate)"
    else:
        value = communes_met / communes_total if communes_total else np.nan
        method = "cộng số xã đạt của các tỉnh / sum of provinces' communes"
    return value, communes_met, communes_total, method


def national_targets(
    df: pd.DataFrame, params: dict | None = None, progress: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Progress against each target of the profile nationally.

    With ``progress`` (computed on all provinces' communes, latest year each, as one area)
    the national value is exact. Without it, count targets add up the provinces'
    ``communes_met`` / ``communes_total``, and the files-online target takes the
    communes-weighted mean of province values for a ``weighted_mean`` target (approximate, said
    in ``method``).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.collect_provinces`.
    params : dict, optional
        Resolved params (``status.targets``).
    progress : pandas.DataFrame, optional
        :func:`ntmplan.tasks.status.target_progress` of the survey of every province
        (``target_id``, ``value``, ``communes_met``, ``communes_total``).

    Returns
    -------
    pandas.DataFrame
        ``target_id``, ``label_vi``, ``target``, ``value`` (0–1), ``met``, ``communes_met``,
        ``communes_total``, ``provinces_met``, ``provinces_total``, ``method``.

    Raises
    ------
    KeyError
        If a ``<id>_…`` column of :func:`ntmplan.tasks.national.collect_provinces` is missing.
    """
    p = params_or_defaults(params)
    targets = p["status"]["targets"]
    exact = progress.set_index("target_id") if progress is not None else None
    rows = []
    for tid, spec in targets.items():
        require_columns(
            df,
            [f"{tid}_value", f"{tid}_met", f"{tid}_communes_met", f"{tid}_communes_total"],
            "provinces",
        )
        has = df[f"{tid}_value"].notna()
        if exact is not None and tid in exact.index:
            value = float(exact.loc[tid, "value"])
            communes_met, communes_total = (
                int(exact.loc[tid, "communes_met"]),
                int(exact.loc[tid, "communes_total"]),
            )
            method = "tính trực tiếp từ số liệu khảo sát các xã / computed from the survey"
        else:
            value, communes_met, communes_total, method = _from_provinces(df, tid, spec)
        target = float(spec["target"])
        rows.append(
            {
                "target_id": tid,
                "label_vi": spec["label_vi"],
                "target": target,
                "value": value,
                "met": bool(value >= target - 1e-9) if value == value else None,
                "communes_met": communes_met,
                "communes_total": communes_total,
                "provinces_met": int(df.loc[has, f"{tid}_met"].astype(bool).sum()),
                "provinces_total": int(has.sum()),
                "method": method,
            }
        )
    return pd.DataFrame(rows)


def completion_table(df: pd.DataFrame) -> pd.DataFrame:
    """Each province against the conditions for completing the NTM task (from its 01 summary).

    Parameters
    ----------
    df : pandas.DataFrame
        Output of :func:`ntmplan.tasks.national.collect_provinces` (``completion_met``,
        ``completion_total``, ``completion_complete``).

    Returns
    -------
    pandas.DataFrame
        ``province_code``, ``province_name``, ``completion_met``, ``completion_total``,
        ``completion_complete`` (bool, None when 01 has not run), provinces that complete first.

    Raises
    ------
    MissingColumnError
        If a column is missing.
    """
    cols = [
        "province_code",
        "province_name",
        "completion_met",
        "completion_total",
        "completion_complete",
    ]
    require_columns(df, cols, "provinces")
    out = df[cols].copy()
    order = out["completion_complete"].map({True: 0, False: 1}).fillna(2)
    return out.assign(_o=order).sort_values(["_o", "province_code"]).drop(columns="_o")
