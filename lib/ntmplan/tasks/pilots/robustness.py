"""Robustness of the ranking: how often a candidate stays in the top k when the weights move."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.tasks.pilots.config import pilot_params
from ntmplan.tasks.pilots.frames import check_aligned
from ntmplan.tasks.pilots.scoring import (
    indicator_matrix,
    score_order,
    weight_vector,
    weighted_scores,
)


def robustness(
    survey: pd.DataFrame,
    eligibility: pd.DataFrame,
    params: dict | None = None,
    draws: int | None = None,
    spread: float | None = None,
    seed: int | None = None,
    k: int | None = None,
) -> pd.DataFrame:
    """How often each eligible candidate stays in the top k when the weights move.

    Each draw multiplies every weight by an independent uniform factor in
    ``[1 − spread, 1 + spread]``; scores for all draws are one matrix product
    (communes × indicators) @ (indicators × draws). Excluded communes are left out.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    draws, spread, seed, k : optional
        Default to ``pilots.robustness.*`` (300, 0.2, a fixed seed, 3).

    Returns
    -------
    DataFrame
        One row per eligible, not excluded commune, by base rank: ``commune_code``,
        ``commune_name``, ``prominent_sector``, ``rank``, ``score``, ``share_top_k``
        (share of draws in the top k, 0–1) and ``share_first`` (share of draws ranked
        first). Empty (same columns) when none is eligible.

    Raises
    ------
    MissingColumnError
        If a needed column is missing (an :class:`~ntmplan.core.errors.InputError`).
    ValueError
        If ``eligibility`` is not aligned, or draws < 1, k < 1 or spread not in [0, 1].
    """
    pp = pilot_params(params)
    rp = pp["robustness"]
    draws = int(rp["draws"] if draws is None else draws)
    spread = float(rp["spread"] if spread is None else spread)
    seed = int(rp["seed"] if seed is None else seed)
    k = int(rp["k"] if k is None else k)
    if draws < 1 or k < 1 or not (0.0 <= spread <= 1.0):
        raise ValueError(
            "draws ≥ 1, k ≥ 1 và 0 ≤ spread ≤ 1 / need draws ≥ 1, k ≥ 1 and 0 ≤ spread ≤ 1"
        )
    require_columns(survey, ["commune_code", "commune_name", "prominent_sector"], "survey")
    require_columns(eligibility, ["eligible"], "eligibility")
    check_aligned(survey, eligibility, "eligibility")
    columns = [
        "commune_code",
        "commune_name",
        "prominent_sector",
        "rank",
        "score",
        "share_top_k",
        "share_first",
    ]
    codes_all = survey["commune_code"].astype(str).to_numpy()
    pool = eligibility["eligible"].to_numpy(dtype=bool) & ~np.isin(
        codes_all, [str(c) for c in pp.get("exclude", [])]
    )
    if not pool.any():
        return pd.DataFrame(columns=columns)
    sub = survey[pool]
    x = indicator_matrix(sub, pp)
    w = weight_vector(pp)
    base = weighted_scores(x, w)
    codes = codes_all[pool]
    order = score_order(base, codes)
    x, base, sub, codes = x[order], base[order], sub.iloc[order], codes[order]
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, len(w)))
    scores = weighted_scores(x, factors * w[None, :])  # n × draws
    # Rank within each draw; ties keep the base order (rows are sorted by base rank).
    idx = np.argsort(-scores, axis=0, kind="stable")
    position = np.empty_like(idx)
    np.put_along_axis(position, idx, np.arange(len(x))[:, None].repeat(draws, axis=1), axis=0)
    return pd.DataFrame(
        {
            "commune_code": codes,
            "commune_name": sub["commune_name"].to_numpy(),
            "prominent_sector": sub["prominent_sector"].to_numpy(),
            "rank": np.arange(1, len(x) + 1, dtype=np.int64),
            "score": np.round(base, 6),
            "share_top_k": (position < k).mean(axis=1),
            "share_first": (position == 0).mean(axis=1),
        },
        index=sub.index,
    )
