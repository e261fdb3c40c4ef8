"""Ranking of candidate communes by a transparent weighted score (guidance 3a)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import ParamsError, require_columns
from ntmplan.tasks.pilots.config import param_problem, pilot_params
from ntmplan.tasks.pilots.frames import check_aligned, floats, sector_labels
from ntmplan.tasks.pilots.gaps import gap_arrays

#: Score indicators, in the order of the weight vector.
INDICATORS: tuple[str, ...] = (
    "households_connected",
    "coverage_4g",
    "files_online",
    "cooperatives_digital",
    "ocop_online",
    "tech_members",
    "dx_demand",
    "providers",
    "priority_sector",
)
#: Survey columns read by the score indicators.
INDICATOR_COLUMNS: tuple[str, ...] = (
    "households",
    "households_internet_smart",
    "villages",
    "villages_4g",
    "files_online_share",
    "cooperatives",
    "cooperatives_digital",
    "ocop_products",
    "ocop_products_online",
    "community_tech_members",
    "population",
    "dx_demand",
    "digital_providers",
    "prominent_sector",
)


def indicator_matrix(survey: pd.DataFrame, pp: dict) -> np.ndarray:
    """Return the n × len(INDICATORS) matrix of indicators scaled to 0–1 (missing → 0).

    Parameters
    ----------
    survey : DataFrame
        Survey rows with :data:`INDICATOR_COLUMNS`.
    pp : dict
        The ``pilots`` section of the params (``scales``, ``priority_sectors``).

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    MissingColumnError
        If an indicator column is missing.
    ParamsError
        If a scale has ``high <= low``.
    """
    require_columns(survey, INDICATOR_COLUMNS, "survey")
    f = {c: floats(survey, c) for c in INDICATOR_COLUMNS if c != "prominent_sector"}
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = {
            "households_connected": f["households_internet_smart"] / f["households"],
            "coverage_4g": f["villages_4g"] / f["villages"],
            "files_online": f["files_online_share"],
            "cooperatives_digital": f["cooperatives_digital"] / f["cooperatives"],
            "ocop_online": f["ocop_products_online"] / f["ocop_products"],
            "tech_members": f["community_tech_members"] / f["population"] * 1000.0,
            "dx_demand": f["dx_demand"],
            "providers": f["digital_providers"],
            "priority_sector": survey["prominent_sector"]
            .isin(list(pp["priority_sectors"]))
            .to_numpy(dtype=float),
        }
    cols = []
    for name in INDICATORS:
        scale = pp["scales"][name]
        low, high = float(scale["low"]), float(scale["high"])
        if not high > low:
            raise ParamsError(
                [
                    param_problem(
                        f"pilots.scales.{name}",
                        scale,
                        "Thang đo cần high > low",
                        "scale needs high > low",
                    )
                ]
            )
        v = (raw[name] - low) / (high - low)
        v = np.where(np.isfinite(v), v, 0.0)
        cols.append(np.clip(v, 0.0, 1.0))
    return np.column_stack(cols)


def weight_vector(pp: dict) -> np.ndarray:
    """Return the weights of :data:`INDICATORS`, in order.

    Parameters
    ----------
    pp : dict
        The ``pilots`` section of the params (``weights``).

    Returns
    -------
    numpy.ndarray

    Raises
    ------
    ParamsError
        If a weight is negative.
    """
    w = np.array([float(pp["weights"][name]) for name in INDICATORS])
    if (w < 0).any():
        raise ParamsError(
            [
                param_problem(
                    f"pilots.weights.{name}",
                    pp["weights"][name],
                    "Trọng số phải ≥ 0",
                    "weight must be ≥ 0",
                )
                for name, value in zip(INDICATORS, w, strict=True)
                if value < 0
            ]
        )
    return w


def weighted_scores(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Return the score(s) 0–100 ``100 × Σ wᵢ·xᵢ / Σ wᵢ`` (0 when the weights sum to 0).

    Parameters
    ----------
    x : numpy.ndarray
        n × m indicator matrix (see :func:`indicator_matrix`).
    w : numpy.ndarray
        m weights, or draws × m weight vectors.

    Returns
    -------
    numpy.ndarray
        n scores, or n × draws.
    """
    if w.ndim == 1:
        total = w.sum()
        return (x @ w) * (100.0 / total) if total > 0 else np.zeros(len(x))
    total = w.sum(axis=1)
    safe = np.where(total > 0, total, 1.0)
    return (x @ w.T) * (100.0 / safe)[None, :] * (total > 0)[None, :]


def score_order(score: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Return positions sorted by score descending, then commune code ascending (deterministic).

    Parameters
    ----------
    score : numpy.ndarray
        One score per commune.
    codes : numpy.ndarray
        Commune codes (str).

    Returns
    -------
    numpy.ndarray
    """
    return np.lexsort((codes, -score))


def rank_candidates(
    survey: pd.DataFrame, eligibility: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Score and rank communes with a transparent weighted score.

    Each indicator (household connectivity, 4G coverage, files online, digital
    cooperatives, OCOP online, community tech members per 1,000 residents, DX demand,
    providers, priority sector flag) is scaled to 0–1 by ``pilots.scales`` ("target
    capped": ``(value − low)/(high − low)`` clipped), and
    ``score = 100 × Σ wᵢ·xᵢ / Σ wᵢ`` with ``pilots.weights``. The priority-sector flag is
    1 for the digital-economy / digital-society sectors in ``pilots.priority_sectors``
    (guidance 3a).

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey`` (same index).
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        One row per commune (original index labels), sorted: eligible first by score
        descending (ties by commune code), then the others by score. Columns:
        ``commune_code``, ``commune_name``, ``unit_type``, ``prominent_sector``, ``sector_vi``,
        ``pilot_type``, ``eligible``, ``n_conditions_met``, ``n_conditions``,
        ``missing_vi``, ``ind_<indicator>`` (0–1), ``score`` (0–100), ``rank`` (1…,
        eligible communes only; ``<NA>`` otherwise), ``attainable``, ``total_gap_mvnd``,
        ``excluded`` (in ``pilots.exclude``).

    Raises
    ------
    MissingColumnError
        If a survey or eligibility column is missing (an
        :class:`~ntmplan.core.errors.InputError`).
    ValueError
        If ``eligibility`` is not aligned to ``survey``.
    ParamsError
        If a weight is negative or a scale is empty.
    """
    pp = pilot_params(params)
    require_columns(
        survey, ["commune_code", "commune_name", "unit_type", "prominent_sector"], "survey"
    )
    require_columns(
        eligibility,
        ["eligible", "n_conditions_met", "n_conditions", "missing_vi", "pilot_type"],
        "eligibility",
    )
    check_aligned(survey, eligibility, "eligibility")
    x = indicator_matrix(survey, pp)
    score = np.round(weighted_scores(x, weight_vector(pp)), 6)
    attainable, _, total_gap = gap_arrays(eligibility, pp)
    codes = survey["commune_code"].astype(str).to_numpy()
    eligible = eligibility["eligible"].to_numpy(dtype=bool)
    order = np.lexsort((codes, -score, ~eligible))
    columns = {
        "commune_code": codes,
        "commune_name": survey["commune_name"].to_numpy(),
        "unit_type": survey["unit_type"].to_numpy(),
        "prominent_sector": survey["prominent_sector"].to_numpy(),
        "sector_vi": sector_labels(survey["prominent_sector"], params),
        "pilot_type": eligibility["pilot_type"].to_numpy(),
        "eligible": eligible,
        "n_conditions_met": eligibility["n_conditions_met"].to_numpy(),
        "n_conditions": eligibility["n_conditions"].to_numpy(),
        "missing_vi": eligibility["missing_vi"].to_numpy(),
        **{f"ind_{name}": x[:, j] for j, name in enumerate(INDICATORS)},
        "score": score,
        "attainable": attainable,
        "total_gap_mvnd": total_gap,
        "excluded": np.isin(codes, [str(c) for c in pp.get("exclude", [])]),
    }
    out = pd.DataFrame({k: v[order] for k, v in columns.items()}, index=survey.index[order])
    rank = np.cumsum(eligible[order])
    out["rank"] = pd.arrays.IntegerArray(rank.astype(np.int64), ~eligible[order])
    return out
