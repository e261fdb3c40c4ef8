"""Key figures of a budget for ``summary.json`` (read by notebooks 06 and 00).

Keys of :func:`summary`
-----------------------
``total_mvnd``
    Total requirement of the programme (all activities, years), float.
``funded_mvnd``
    Part covered by a source (``total_mvnd - gap_mvnd``).
``gap_mvnd``
    Unfunded part (above envelopes with no fallback).
``moved_mvnd``
    Overflow above an envelope moved to a fallback source.
``by_source_mvnd`` / ``by_year_mvnd`` / ``by_activity_mvnd``
    ``{code: amount}``; sources exclude ``unfunded``; year keys are strings.
``source_shares``
    ``{source: share of funded_mvnd}`` (0–1).
``unfunded_items``
    List of ``{activity, year, source, amount_mvnd}``: the overflow of
    ``source`` in ``year`` that no fallback could take.
``checks_failed``
    List of Vietnamese / English messages of failed checks (empty when all pass).
``scheme``, ``budget_tiers``, ``start_year``, ``end_year``
    The administrative scheme, the public tiers used and the programme period.
``inputs_used``
    ``{"pilots": "02_pilots" | "params", "capacity": "04_capacity" | "params"}``.
plus whatever ``extra`` dict the caller adds. Notebook 03 adds
:func:`extra_figures`:

``scenarios``
    ``{name: {label, total_mvnd, unfunded_mvnd, socialised_share}}``.
``central_allocation``
    ``{envelope_mvnd, communes, max_mvnd, min_mvnd}`` (central funds by commune category).
``best_use``
    ``{budget_mvnd, candidates, funded, cost_mvnd, meets_after, greedy_funded,
    greedy_cost_mvnd}``: communes whose shortfalls the MILP funds within the
    envelope, and how many then meet every pilot condition.
"""

from __future__ import annotations

import copy
from typing import Any

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.budget.codes import TOL, UNFUNDED
from ntmplan.tasks.budget.gap_funding import GAP_COLUMNS
from ntmplan.tasks.budget.sources import budget_tiers


def summary(result: dict, params: dict | None = None, extra: dict | None = None) -> dict:
    """Key figures for ``summary.json`` (keys documented in the module docstring).

    Parameters
    ----------
    result : dict
        From :func:`build`.
    params : dict, optional
    extra : dict, optional
        JSON-serialisable additions (scenarios, allocation, best use).

    Returns
    -------
    dict
        JSON-serialisable.
    """
    p = params_or_defaults(params)
    tidy = result["tidy"]
    gaps = result["gaps"]

    def r(x: float) -> float:
        return round(float(x), 3)

    funded = tidy[tidy["source"] != UNFUNDED]
    by_source = funded.groupby("source")["amount_mvnd"].sum()
    by_source = by_source.reindex([s for s in p["budget"]["sources"] if s in by_source.index])
    total = float(tidy["amount_mvnd"].sum())
    gap = float(tidy.loc[tidy["source"] == UNFUNDED, "amount_mvnd"].sum())
    funded_total = total - gap
    unfunded_rows = gaps[gaps["unfunded_mvnd"].astype(float) > TOL] if len(gaps) else gaps
    failed = result["checks"][~result["checks"]["ok"].astype(bool)]
    out = {
        "total_mvnd": r(total),
        "funded_mvnd": r(funded_total),
        "gap_mvnd": r(gap),
        "moved_mvnd": r(gaps.loc[gaps["moved_to"] != "", "overflow_mvnd"].sum())
        if len(gaps)
        else 0.0,
        "by_source_mvnd": {s: r(v) for s, v in by_source.items()},
        "by_year_mvnd": {
            str(int(y)): r(v) for y, v in tidy.groupby("year")["amount_mvnd"].sum().items()
        },
        "by_activity_mvnd": {
            a: r(v) for a, v in tidy.groupby("activity", sort=False)["amount_mvnd"].sum().items()
        },
        "source_shares": {
            s: round(float(v) / funded_total, 4) if funded_total > 0 else 0.0
            for s, v in by_source.items()
        },
        "unfunded_items": [
            {
                "activity": str(g.activity),
                "year": int(g.year),
                "source": str(g.source),
                "amount_mvnd": r(g.unfunded_mvnd),
            }
            for g in unfunded_rows.itertuples(index=False)
        ],
        "checks_failed": [f"{c.subject}: {c.message}" for c in failed.itertuples(index=False)],
        "scheme": result.get("scheme", p["programme"]["scheme"]),
        "budget_tiers": budget_tiers(p, result.get("scheme", p["programme"]["scheme"])),
        "start_year": int(p["programme"]["start_year"]),
        "end_year": int(p["programme"]["end_year"]),
        "inputs_used": dict(result.get("inputs_used", {})),
    }
    if extra:
        out.update(copy.deepcopy(extra))
    return out


def extra_figures(
    scenario_table: pd.DataFrame | None = None,
    allocation: pd.DataFrame | None = None,
    best: pd.DataFrame | None = None,
    greedy: pd.DataFrame | None = None,
    budget_mvnd: float | None = None,
) -> dict:
    """Key figures of the scenarios, central allocation and best use, for :func:`summary`'s ``extra``.

    Parameters
    ----------
    scenario_table : pandas.DataFrame, optional
        From :func:`scenarios`.
    allocation : pandas.DataFrame, optional
        From :func:`allocate_central`.
    best, greedy : pandas.DataFrame, optional
        From :func:`best_use` / :func:`greedy_use` (column ``total_gap_mvnd``
        unless the frames were built with another cost column).
    budget_mvnd : float, optional
        The envelope given to :func:`best_use`.

    Returns
    -------
    dict
        ``scenarios`` ({name: {label, total_mvnd, unfunded_mvnd, socialised_share}}),
        ``central_allocation`` ({envelope_mvnd, communes, max_mvnd, min_mvnd}),
        ``best_use`` ({budget_mvnd, candidates, funded, cost_mvnd, meets_after,
        greedy_funded, greedy_cost_mvnd}) — each only when its input is given.
    """
    out: dict[str, Any] = {}
    if scenario_table is not None and len(scenario_table):
        out["scenarios"] = {
            str(r.scenario): {
                "label": str(r.label),
                "total_mvnd": round(float(r.total_mvnd), 3),
                "unfunded_mvnd": round(float(r.unfunded_mvnd), 3),
                "socialised_share": round(float(r.socialised_share), 4),
            }
            for r in scenario_table.itertuples(index=False)
        }
    if allocation is not None:
        amt = allocation["amount_mvnd"]
        out["central_allocation"] = {
            "envelope_mvnd": round(float(amt.sum()), 3),
            "communes": int(len(allocation)),
            "max_mvnd": round(float(amt.max()), 3) if len(amt) else 0.0,
            "min_mvnd": round(float(amt.min()), 3) if len(amt) else 0.0,
        }
    if best is not None:
        cost = GAP_COLUMNS["cost"]

        def spent(df: pd.DataFrame) -> float:
            return round(float(df.loc[df["funded"], cost].sum()), 3) if cost in df else 0.0

        feasible = (
            best[GAP_COLUMNS["feasible"]].astype(bool) if GAP_COLUMNS["feasible"] in best else True
        )
        candidates = int((feasible & ~best["already_meets"]).sum()) if len(best) else 0
        out["best_use"] = {
            "budget_mvnd": None if budget_mvnd is None else round(float(budget_mvnd), 3),
            "candidates": candidates,
            "funded": int(best["funded"].sum()),
            "cost_mvnd": spent(best),
            "meets_after": int(best["meets_after"].sum()),
        }
        if greedy is not None:
            out["best_use"]["greedy_funded"] = int(greedy["funded"].sum())
            out["best_use"]["greedy_cost_mvnd"] = spent(greedy)
    return out
