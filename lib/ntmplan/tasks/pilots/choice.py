"""Choice of the pilots of one type from a ranking: pins, excludes, sector diversity, fallback."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.tasks.pilots.config import pilot_params, type_conf, type_pins

#: Basis of a choice → Vietnamese text (what a planner reads).
BASIS_VI: dict[str, str] = {
    "pinned": "Ghim theo lựa chọn của tỉnh",
    "pinned_ineligible": "Tỉnh ghim nhưng chưa đủ điều kiện",
    "eligible": "Đủ điều kiện, điểm cao",
    "cheapest_path": "Chi phí bù thiếu hụt thấp nhất",
    "override": "Tỉnh đề nghị, có lý do (chưa đủ điều kiện)",
}

#: Columns of a ranking that :func:`choose_pilots` reads.
RANKING_COLUMNS: tuple[str, ...] = (
    "commune_code",
    "prominent_sector",
    "pilot_type",
    "eligible",
    "score",
    "attainable",
    "total_gap_mvnd",
    "excluded",
)


def _pinned_positions(codes: np.ndarray, excluded: np.ndarray, pins: list[str]) -> list[int]:
    """Positions of the pinned codes (first occurrence, pin order), excluded ones left out."""
    unknown = [c for c in pins if c not in set(codes)]
    if unknown:
        warnings.warn(
            f"Mã xã được ghim không có trong dữ liệu / pinned codes not in the data: {', '.join(unknown)}",
            UserWarning,
            stacklevel=3,
        )
    pin_pos = [int(np.flatnonzero(codes == c)[0]) for c in dict.fromkeys(pins) if c in set(codes)]
    return [p for p in pin_pos if not excluded[p]]


def _eligible_positions(
    ranked: pd.DataFrame, pool: np.ndarray, pin_pos: list[int], diverse: bool, slots: int
) -> list[int]:
    """First ``slots`` positions of ``pool`` by score; one per sector first if ``diverse``."""
    pool_pos = np.flatnonzero(pool)  # ranked order = score order
    if diverse and len(pool_pos):
        sectors = ranked["prominent_sector"].astype("string").fillna("").to_numpy()
        used = set(sectors[pin_pos])
        first = ~pd.Series(sectors[pool_pos]).duplicated().to_numpy()
        fresh = first & ~np.isin(sectors[pool_pos], list(used))
        pool_pos = np.concatenate([pool_pos[fresh], pool_pos[~fresh]])
    return list(pool_pos[:slots])


def _cheapest_positions(
    ranked: pd.DataFrame, codes: np.ndarray, available: np.ndarray, slots: int
) -> list[int]:
    """The ``slots`` attainable positions with the lowest gap (ties: higher score, then code)."""
    cand = np.flatnonzero(ranked["attainable"].to_numpy(dtype=bool) & available)
    gap = ranked["total_gap_mvnd"].to_numpy(dtype=float)[cand]
    order = np.lexsort((codes[cand], -ranked["score"].to_numpy()[cand], gap))
    return list(cand[order][:slots])


def _chosen_frame(ranked: pd.DataFrame, groups: dict[str, list[int]]) -> pd.DataFrame:
    """Chosen rows in choice order, with ``choice``, ``basis(_vi)``, ``pinned``, ``gap_mvnd``."""
    positions = [p for group in groups.values() for p in group]
    basis = [b for b, group in groups.items() for _ in group]
    out = ranked.iloc[positions].copy()
    out["choice"] = np.arange(1, len(out) + 1, dtype=np.int64)
    out["basis"] = basis
    out["pinned"] = out["basis"] == "pinned"
    pinned_out = out["pinned"].to_numpy() & ~out["eligible"].to_numpy(dtype=bool)
    out["basis_vi"] = np.where(
        pinned_out, BASIS_VI["pinned_ineligible"], [BASIS_VI[b] for b in basis]
    )
    out["gap_mvnd"] = np.where(
        out["eligible"].to_numpy(dtype=bool), 0.0, out["total_gap_mvnd"].to_numpy(dtype=float)
    )
    return out


def choose_pilots(
    ranked: pd.DataFrame,
    params: dict | None = None,
    n: int | None = None,
    fallback: bool | None = None,
) -> pd.DataFrame:
    """Choose the pilots of one type from a ranking.

    Order of choice: (1) codes pinned in ``pilots.pin.<type>`` (even if not eligible: a pin
    still goes through the conditions, and an ineligible pin keeps ``eligible`` false, its
    shortfalls and the basis "pinned, not eligible"; excluded codes win over pins); (2) eligible, not excluded communes by score, taking
    one per sector first when ``pilots.prefer_different_sectors`` is true; (3) when
    ``pilots.types.<type>.fallback_cheapest`` is true and slots remain, attainable
    communes by lowest total gap cost (the cheapest path).

    Parameters
    ----------
    ranked : DataFrame
        Output of :func:`ntmplan.tasks.pilots.scoring.rank_candidates` (one pilot type).
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    n : int, optional
        Number of pilots; default ``pilots.types.<type>.number`` (province overlay).
    fallback : bool, optional
        Fill missing slots from the cheapest path; default
        ``pilots.types.<type>.fallback_cheapest``.

    Returns
    -------
    DataFrame
        The chosen rows of ``ranked`` in choice order, plus ``choice`` (1…), ``basis``
        (``pinned`` / ``eligible`` / ``cheapest_path``), ``basis_vi``, ``pinned`` and
        ``gap_mvnd`` (0 when eligible). Empty (same columns) when nothing qualifies.

    Raises
    ------
    MissingColumnError
        If a ranking column is missing (an :class:`~ntmplan.core.errors.InputError`).
    ValueError
        If ``n`` is negative or ``ranked`` mixes pilot types.

    Warns
    -----
    UserWarning
        For a pinned code that is not in ``ranked``.
    """
    pp = pilot_params(params)
    require_columns(ranked, RANKING_COLUMNS, "ranking")
    types = ranked["pilot_type"].unique()
    if len(types) > 1:
        raise ValueError("Bảng xếp hạng có nhiều loại mô hình / ranking mixes pilot types")
    pilot_type = str(types[0]) if len(types) else "smart_commune"
    conf = type_conf(pp, pilot_type)
    n = int(conf["number"]) if n is None else int(n)
    if n < 0:
        raise ValueError(f"Số thí điểm phải ≥ 0 / number of pilots must be ≥ 0 (got {n})")
    codes = ranked["commune_code"].astype(str).to_numpy()
    excluded = ranked["excluded"].to_numpy(dtype=bool)
    pins = type_pins(pp, pilot_type)
    pin_pos = _pinned_positions(codes, excluded, pins)
    taken = np.zeros(len(ranked), dtype=bool)
    taken[pin_pos] = True

    pool = ranked["eligible"].to_numpy(dtype=bool) & ~excluded & ~taken
    slots = max(n - len(pin_pos), 0)
    diverse = bool(pp.get("prefer_different_sectors", True))
    elig_pos = _eligible_positions(ranked, pool, pin_pos, diverse, slots)
    taken[elig_pos] = True

    cheap_pos: list[int] = []
    slots -= len(elig_pos)
    if fallback is None:
        fallback = bool(conf.get("fallback_cheapest", False))
    if slots > 0 and fallback:
        cheap_pos = _cheapest_positions(ranked, codes, ~excluded & ~taken, slots)
    return _chosen_frame(
        ranked, {"pinned": pin_pos, "eligible": elig_pos, "cheapest_path": cheap_pos}
    )
