"""Central funds across communes: the envelope to spread and its split by commune category weight."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults


def central_envelope(result: dict, params: dict | None = None) -> float:
    """Return the central envelope to spread across communes.

    Parameters
    ----------
    result : dict
        From :func:`build`.
    params : dict, optional
        ``budget.central_envelope_mvnd``; 0 means the central budget total of
        the budget table (after envelopes).

    Returns
    -------
    float
        Million VND.
    """
    value = float(params_or_defaults(params)["budget"]["central_envelope_mvnd"])
    if value > 0:
        return value
    tidy = result["tidy"]
    return float(tidy.loc[tidy["source"] == "central", "amount_mvnd"].sum())


def allocate_central(
    survey: pd.DataFrame, envelope_mvnd: float, params: dict | None = None
) -> pd.DataFrame:
    """Spread a central envelope across the province's rural communes by category weight.

    Each commune's weight is the highest weight among its categories
    (``commune_category`` may hold several codes separated by ``;`` or ``,``;
    a ``đặc khu`` unit also counts as ``budget.special_zone_category``; a
    missing category counts as ``budget.missing_category``). Only the unit
    types of ``budget.scope_unit_types`` receive funds. Amount = envelope ×
    weight / sum of weights.

    Parameters
    ----------
    survey : pandas.DataFrame
        commune_code, commune_name, unit_type, commune_category.
    envelope_mvnd : float
        Central funds to spread (≥ 0).
    params : dict, optional
        ``budget.category_weights`` (2026–2030 profile: the published weights).

    Returns
    -------
    pandas.DataFrame
        commune_code, commune_name, unit_type, commune_category,
        category_applied, weight, share, amount_mvnd (sorted by amount, then code).

    Raises
    ------
    ValueError
        Missing columns, negative envelope, unknown category or negative weight.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    require_columns(
        survey, ("commune_code", "commune_name", "unit_type", "commune_category"), "survey"
    )
    if envelope_mvnd is None or not math.isfinite(float(envelope_mvnd)) or float(envelope_mvnd) < 0:
        raise ValueError(
            f"Trần vốn trung ương phải ≥ 0 / the central envelope must be ≥ 0, got {envelope_mvnd!r}"
        )
    weights = {k: float(v) for k, v in b["category_weights"].items()}
    if any(v < 0 for v in weights.values()):
        raise ValueError("budget.category_weights phải ≥ 0 / weights must be ≥ 0")
    scope = survey[survey["unit_type"].isin(b["scope_unit_types"])].reset_index(drop=True)
    cat = scope["commune_category"].where(scope["commune_category"].notna(), "").astype(str)
    special = pd.Series(
        np.where(scope["unit_type"] == "đặc khu", b["special_zone_category"], ""), index=scope.index
    )
    codes = (cat + ";" + special).str.replace(",", ";").str.split(";").explode().str.strip()
    codes = codes[codes != ""]
    unknown = sorted(set(codes) - set(weights))
    if unknown:
        raise ValueError(
            f"Phân loại xã không có trong budget.category_weights / unknown commune categories: {unknown}"
        )
    w = codes.map(weights)
    best = pd.DataFrame({"code": codes, "w": w}).sort_values(["w"], ascending=False, kind="stable")
    best = best[~best.index.duplicated(keep="first")].reindex(scope.index)
    missing = b["missing_category"]
    if missing not in weights:
        raise ValueError(
            f"budget.missing_category {missing!r} không có trong category_weights / not in category_weights"
        )
    applied = best["code"].fillna(missing)
    weight = best["w"].fillna(weights[missing])
    total = float(weight.sum())
    share = weight / total if total > 0 else weight * 0.0
    out = pd.DataFrame(
        {
            "commune_code": scope["commune_code"],
            "commune_name": scope["commune_name"],
            "unit_type": scope["unit_type"],
            "commune_category": scope["commune_category"],
            "category_applied": applied,
            "weight": weight.astype(float),
            "share": share.astype(float),
            "amount_mvnd": share.astype(float) * float(envelope_mvnd),
        }
    )
    return out.sort_values(
        ["amount_mvnd", "commune_code"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)
