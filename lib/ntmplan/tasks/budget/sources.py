"""Who pays: public budget tiers, active funding sources and the split of amounts across them."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.budget.codes import TOL


def budget_tiers(params: dict | None = None, scheme: str = "current") -> list[str]:
    """Return the public budget tiers of a scheme.

    Parameters
    ----------
    params : dict, optional
    scheme : str
        ``current`` (``programme.budget_tiers``, no district after 1 Jul 2025)
        or ``legacy`` (``budget.legacy_budget_tiers``).

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        Unknown scheme.
    """
    p = params_or_defaults(params)
    if scheme == "current":
        return list(p["programme"]["budget_tiers"])
    if scheme == "legacy":
        return list(p["budget"]["legacy_budget_tiers"])
    raise ValueError(
        f"Hệ thống đơn vị hành chính không hợp lệ / unknown scheme {scheme!r} (current | legacy)"
    )


def active_sources(params: dict | None = None, scheme: str = "current") -> list[str]:
    """Return the funding sources available in a scheme, in ``budget.sources`` order.

    Public tiers come from :func:`budget_tiers`; sources that are no tier in
    either scheme (socialised capital, other lawful sources) are always active.

    Parameters
    ----------
    params : dict, optional
    scheme : str

    Returns
    -------
    list of str

    Raises
    ------
    ValueError
        Unknown scheme or a tier that is not in ``budget.sources``.
    """
    p = params_or_defaults(params)
    sources = list(p["budget"]["sources"])
    tiers = budget_tiers(p, scheme)
    all_tiers = set(p["programme"]["budget_tiers"]) | set(p["budget"]["legacy_budget_tiers"])
    unknown = sorted(set(all_tiers) - set(sources))
    if unknown:
        raise ValueError(
            f"Cấp ngân sách không có trong budget.sources / tiers not in budget.sources: {unknown}"
        )
    return [s for s in sources if s in tiers or s not in all_tiers]


def _split_for(activity: str, b: dict) -> dict:
    if activity in b["splits"]:
        return b["splits"][activity]
    item = (b.get("other_items") or {}).get(activity)
    if isinstance(item, dict) and isinstance(item.get("split"), dict):
        return item["split"]
    return b["splits"]["other"]


def source_shares(activities, params: dict | None = None, scheme: str = "current") -> pd.DataFrame:
    """Return each activity's split across the sources active in a scheme.

    Steps: take ``budget.splits.<activity>`` (other items: their ``split`` or
    ``splits.other``); move the share of any source absent from the scheme
    (the district in the current scheme) to ``budget.absent_tier_to`` in
    proportion to their shares (equally if all are 0); then scale the
    socialised share by ``budget.socialised_factor`` (capped at 1), giving or
    taking the difference from the other active sources in proportion to
    their shares.

    Parameters
    ----------
    activities : iterable of str
    params : dict, optional
    scheme : str
        ``current`` or ``legacy``.

    Returns
    -------
    pandas.DataFrame
        activity, source, share (every active source, shares sum to 1 per activity).

    Raises
    ------
    ValueError
        Unknown source, negative share, shares not summing to 1, or no active
        target for an absent tier's share.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    sources = list(b["sources"])
    active = active_sources(p, scheme)
    acts = list(dict.fromkeys(activities))
    mat = _split_matrix(acts, b, sources)
    absent = [s for s in sources if s not in active]
    moved = mat[absent].sum(axis=1) if absent else pd.Series(0.0, index=mat.index)
    if (moved > TOL).any():
        targets = [t for t in b["absent_tier_to"] if t in active]
        if not targets:
            raise ValueError(
                "budget.absent_tier_to: không có nguồn nhận / no active source to take an absent tier's share"
            )
        mat[targets] = mat[targets].add(_proportional(mat[targets]).mul(moved, axis=0))
    mat[absent] = 0.0
    factor = float(b["socialised_factor"])
    if factor < 0:
        raise ValueError("budget.socialised_factor phải ≥ 0 / must be ≥ 0")
    soc = [s for s in b["socialised_sources"] if s in active]
    others = [s for s in active if s not in soc]
    if soc and factor != 1.0 and others:
        old = mat[soc].sum(axis=1)
        new_total = (old * factor).clip(upper=1.0)
        scale = (new_total / old).where(old > 0, 0.0)
        mat[soc] = mat[soc].mul(scale, axis=0)
        delta = old - new_total
        mat[others] = mat[others].add(_proportional(mat[others]).mul(delta, axis=0))
    long = (
        mat[active]
        .rename_axis("activity")
        .reset_index()
        .melt(id_vars="activity", var_name="source", value_name="share")
    )
    order = {a: i for i, a in enumerate(acts)}
    sorder = {s: i for i, s in enumerate(active)}
    long = long.assign(_a=long["activity"].map(order), _s=long["source"].map(sorder))
    return long.sort_values(["_a", "_s"]).drop(columns=["_a", "_s"]).reset_index(drop=True)


def _split_matrix(acts: list[str], b: dict, sources: list[str]) -> pd.DataFrame:
    """The checked default splits: one row per activity, one column per source of ``budget.sources``."""
    raw = {}
    for a in acts:
        split = _split_for(a, b)
        unknown = sorted(set(split) - set(sources))
        if unknown:
            raise ValueError(f"budget.splits.{a}: nguồn không hợp lệ / unknown sources {unknown}")
        vals = {s: float(split.get(s, 0.0)) for s in sources}
        if any(v < 0 for v in vals.values()):
            raise ValueError(f"budget.splits.{a}: tỷ lệ phải ≥ 0 / shares must be ≥ 0")
        if abs(sum(vals.values()) - 1.0) > 1e-6:
            raise ValueError(
                f"budget.splits.{a}: tổng tỷ lệ {sum(vals.values()):.4f} ≠ 1 / shares must sum to 1"
            )
        raw[a] = vals
    return pd.DataFrame.from_dict(raw, orient="index", columns=sources).reindex(acts).astype(float)


def _proportional(frame: pd.DataFrame) -> pd.DataFrame:
    """Row-wise proportions of ``frame`` (equal shares where a row sums to 0)."""
    tot = frame.sum(axis=1)
    equal = pd.DataFrame(1.0 / frame.shape[1], index=frame.index, columns=frame.columns)
    positive = np.repeat((tot > 0).to_numpy()[:, None], frame.shape[1], axis=1)
    return frame.div(tot.where(tot > 0, np.nan), axis=0).where(positive, equal)


def split_sources(
    phased: pd.DataFrame, params: dict | None = None, scheme: str = "current"
) -> pd.DataFrame:
    """Split each activity-year amount across funding sources by :func:`source_shares`.

    In the ``legacy`` scheme the district budget is a source; in the
    ``current`` scheme it is absent and its default share goes to
    ``budget.absent_tier_to`` (provincial and commune) in proportion to their
    shares.

    Parameters
    ----------
    phased : pandas.DataFrame
        activity, year, amount_mvnd (from :func:`phase`).
    params : dict, optional
    scheme : str
        ``current`` or ``legacy``.

    Returns
    -------
    pandas.DataFrame
        Tidy: activity, year, source, amount_mvnd (zero amounts dropped).

    Raises
    ------
    ValueError
        Missing columns, unknown scheme or a bad split.
    """
    require_columns(phased, ("activity", "year", "amount_mvnd"), "phased")
    shares = source_shares(phased["activity"], params, scheme)
    out = phased[["activity", "year", "amount_mvnd"]].merge(
        shares, on="activity", how="left", sort=False
    )
    out["amount_mvnd"] = out["amount_mvnd"] * out["share"]
    out = out.loc[out["amount_mvnd"].abs() > TOL, ["activity", "year", "source", "amount_mvnd"]]
    return out.reset_index(drop=True)
