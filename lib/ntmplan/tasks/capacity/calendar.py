"""Quarterly training calendar within the trainer capacity, and the load it puts on each pool."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import ParamsError, require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.checks import CapacityError, param_problem
from ntmplan.tasks.capacity.rounding import EPS
from ntmplan.tasks.capacity.trainers import capacity_arrays

#: Columns of :func:`training_calendar`, in order.
CALENDAR_COLUMNS = [
    "year",
    "quarter",
    "period",
    "group",
    "group_vi",
    "topic",
    "topic_vi",
    "trainer_pool",
    "classes",
    "class_days",
    "scheduled",
]


def _place(classes: np.ndarray, days: np.ndarray, cap: np.ndarray, limited: bool) -> np.ndarray:
    """Place the classes of one year and trainer pool; returns a rows × 5 array (Q1–Q4, overflow).

    Unlimited pool: each row (in order) split evenly, the remainder going to the
    least-loaded quarters (ties → earliest). Limited pool: classes are taken in
    proportional round-robin order — the k-th of a row's n classes has rank
    (k + ½) / n, ties in row order — so that when capacity runs short every row
    keeps about the same share of its classes; each goes to the quarter with the
    lowest utilisation after placement among those where it fits (ties →
    earliest); a class that fits nowhere is overflow.
    """
    placed = np.zeros((len(classes), 5), dtype="int64")
    load = np.zeros(4)
    if not limited:
        for i, (n, d) in enumerate(zip(classes, days, strict=True)):
            base, extra = divmod(int(n), 4)
            placed[i, :4] = base
            placed[i, np.argsort(load, kind="stable")[:extra]] += 1
            load += placed[i, :4] * d
        return placed
    row = np.repeat(np.arange(len(classes)), classes)
    k = np.arange(len(row)) - np.repeat(np.cumsum(classes) - classes, classes)
    order = np.lexsort((row, (k + 0.5) / np.repeat(classes, classes)))
    scale = np.where(cap > 0, cap, 1.0)
    smallest = float(days[classes > 0].min()) if (classes > 0).any() else 0.0
    for j, i in enumerate(row[order]):
        if (cap - load).max() + EPS < smallest:  # nothing fits any more: the rest overflows
            np.add.at(placed[:, 4], row[order][j:], 1)
            break
        fits = load + days[i] <= cap + EPS
        if not fits.any():
            placed[i, 4] += 1
            continue
        q = int(np.argmin(np.where(fits, (load + days[i]) / scale, np.inf)))
        load[q] += days[i]
        placed[i, q] += 1
    return placed


def _check_pools(plan: pd.DataFrame, cfg: dict) -> None:
    """Raise a ParamsError if the plan names a trainer pool the params do not define."""
    unknown = sorted(set(plan["trainer_pool"]) - set(cfg["trainer_pools"]))
    if unknown:
        raise ParamsError(
            [
                param_problem(
                    "capacity.trainer_pools",
                    unknown,
                    "Không có lực lượng giảng dạy này",
                    "unknown trainer pool",
                )
            ]
        )


def _placements(work: pd.DataFrame, caps: dict[str, np.ndarray], cfg: dict) -> list[dict]:
    """Place the classes of every year and trainer pool; one record per row and quarter (or overflow)."""
    records = []
    for (year, pool), rows in work.groupby(["year", "trainer_pool"], sort=True):
        rows = rows.reset_index(drop=True)
        placed = _place(
            rows["classes"].to_numpy(dtype="int64"),
            rows["days_per_class"].to_numpy(dtype=float),
            caps[pool],
            bool(cfg["trainer_pools"][pool]["limited"]),
        )
        for i, row in enumerate(rows.itertuples(index=False)):
            for q in np.flatnonzero(placed[i]):
                records.append(
                    {
                        "year": int(year),
                        "quarter": int(q) + 1 if q < 4 else pd.NA,
                        "group": row.group,
                        "group_vi": row.group_vi,
                        "topic": row.topic,
                        "topic_vi": row.topic_vi,
                        "trainer_pool": pool,
                        "classes": int(placed[i, q]),
                        "class_days": float(placed[i, q] * row.days_per_class),
                        "scheduled": bool(q < 4),
                    }
                )
    return records


def _calendar_frame(records: list[dict]) -> pd.DataFrame:
    """The calendar table of the placement records, with its ``period`` label and dtypes."""
    cols = CALENDAR_COLUMNS
    cal = pd.DataFrame(records, columns=[c for c in cols if c != "period"])
    cal["quarter"] = cal["quarter"].astype("Int64")
    cal["period"] = cal["year"].astype(str) + np.where(
        cal["scheduled"], "-Q" + cal["quarter"].astype(str), "-chưa xếp"
    )
    return cal[cols].astype(
        {"year": "int64", "classes": "int64", "class_days": "float64", "scheduled": "bool"}
    )


def _raise_on_overflow(cal: pd.DataFrame, caps: dict[str, np.ndarray]) -> None:
    """Raise a CapacityError listing the unscheduled class-days per year and pool, if any."""
    over = cal[~cal["scheduled"]]
    if len(over):
        lost = over.groupby(["year", "trainer_pool"])["class_days"].sum()
        raise CapacityError(
            [
                param_problem(
                    f"capacity.trainer_pools.{pool}",
                    [float(c) for c in caps[pool]],
                    f"Năm {year}: thiếu năng lực giảng dạy cho {days:g} ngày-lớp",
                    f"year {year}: trainer capacity short by {days:g} class-days",
                )
                for (year, pool), days in lost.items()
            ]
        )


def training_calendar(
    plan: pd.DataFrame, params: dict | None = None, n_communes: int | None = None
) -> pd.DataFrame:
    """Spread each year's classes over its four quarters within the trainer capacity.

    Deterministic greedy placement, per year and trainer pool. Limited pools:
    classes are taken in proportional round-robin order over the plan rows (so
    that when capacity runs short every group and topic keeps about the same
    share of its classes, rather than the first groups taking everything), each
    into the quarter whose utilisation after placement is lowest (ties → earliest
    quarter) among the quarters where it still fits the pool's capacity
    (:func:`~ntmplan.tasks.capacity.trainers.trainer_capacity`). Pools with ``limited: false`` have no cap: each
    row's classes are split evenly over the quarters, the remainder going to the
    least-loaded quarters. A class that fits no
    quarter of its year is **not** moved to another year: with
    ``capacity.on_overflow: flag`` (default) it is kept as an unscheduled row
    (``quarter`` empty, ``scheduled`` False) so the overflow shows in every
    table and in :func:`~ntmplan.tasks.capacity.summary_json.summary`; with ``raise`` a :class:`~ntmplan.tasks.capacity.checks.CapacityError`
    lists the shortfall per year and pool. A quarter of a limited pool is never
    loaded beyond its capacity.

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`~ntmplan.tasks.capacity.training.training_plan` (needs ``year``, ``group``, ``topic``,
        ``trainer_pool``, ``classes``, ``days_per_class``; ``group_vi`` and
        ``topic_vi`` are carried when present).
    params : dict, optional
        Resolved params; defaults when None.
    n_communes : int, optional
        Communes in scope, for pools whose capacity scales with them.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``quarter`` (Int64, 1–4, empty when unscheduled), ``period``
        (``"2023-Q2"`` or ``"2023-chưa xếp"``), ``group``, ``group_vi``, ``topic``,
        ``topic_vi``, ``trainer_pool``, ``classes``, ``class_days``, ``scheduled``;
        only rows with classes.

    Raises
    ------
    MissingColumnError
        If a plan column is missing (an ``InputError``).
    CapacityError
        If ``capacity.on_overflow`` is ``raise`` and some classes do not fit.
    ParamsError
        If the pool params are inconsistent.
    ValueError
        If ``n_communes`` is needed and missing (see :func:`~ntmplan.tasks.capacity.trainers.trainer_capacity`).
    """
    params = params_or_defaults(params)
    cfg = params["capacity"]
    caps = capacity_arrays(params, n_communes)
    require_columns(
        plan,
        ["year", "group", "topic", "trainer_pool", "classes", "days_per_class"],
        "kế hoạch đào tạo / training plan",
    )
    _check_pools(plan, cfg)
    work = plan[plan["classes"] > 0].copy()
    for col in ("group_vi", "topic_vi"):
        if col not in work.columns:
            work[col] = work[col.removesuffix("_vi")]
    cal = _calendar_frame(_placements(work, caps, cfg))
    if cfg["on_overflow"] == "raise":
        _raise_on_overflow(cal, caps)
    return cal.reset_index(drop=True)


def calendar_load(
    calendar: pd.DataFrame, params: dict | None = None, n_communes: int | None = None
) -> pd.DataFrame:
    """Class-days per year, quarter and trainer pool against the pool's capacity.

    Parameters
    ----------
    calendar : pandas.DataFrame
        Output of :func:`training_calendar`.
    params : dict, optional
        Resolved params; defaults when None.
    n_communes : int, optional
        Communes in scope, for pools whose capacity scales with them.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``quarter``, ``trainer_pool``, ``trainer_pool_vi``,
        ``class_days``, ``capacity_class_days`` (NaN for unlimited pools),
        ``utilisation`` (NaN when unlimited), ``within_capacity`` (bool),
        ``overflow_class_days`` (unscheduled class-days of the year, on every
        quarter row of that year and pool).

    Raises
    ------
    MissingColumnError
        If a calendar column is missing (an ``InputError``).
    ValueError
        If ``n_communes`` is needed and missing (see :func:`~ntmplan.tasks.capacity.trainers.trainer_capacity`).
    """
    params = params_or_defaults(params)
    pools = params["capacity"]["trainer_pools"]
    caps = capacity_arrays(params, n_communes)
    require_columns(
        calendar,
        ["year", "quarter", "trainer_pool", "class_days", "scheduled"],
        "lịch đào tạo / calendar",
    )
    cols = [
        "year", "quarter", "trainer_pool", "trainer_pool_vi", "class_days", "capacity_class_days",
        "utilisation", "within_capacity", "overflow_class_days",
    ]  # fmt: skip
    if calendar.empty:
        return pd.DataFrame(columns=cols)
    keys = calendar[["year", "trainer_pool"]].drop_duplicates()
    grid = keys.merge(pd.DataFrame({"quarter": [1, 2, 3, 4]}), how="cross")
    sched = calendar[calendar["scheduled"]].astype({"quarter": "int64"})
    load = sched.groupby(["year", "quarter", "trainer_pool"], as_index=False)["class_days"].sum()
    out = grid.merge(load, on=["year", "quarter", "trainer_pool"], how="left").fillna(
        {"class_days": 0.0}
    )
    over = (
        calendar[~calendar["scheduled"]]
        .groupby(["year", "trainer_pool"], as_index=False)["class_days"]
        .sum()
    )
    out = out.merge(
        over.rename(columns={"class_days": "overflow_class_days"}),
        on=["year", "trainer_pool"],
        how="left",
    )
    out["overflow_class_days"] = out["overflow_class_days"].fillna(0.0)
    out["trainer_pool_vi"] = out["trainer_pool"].map({k: v["name_vi"] for k, v in pools.items()})
    limited = out["trainer_pool"].map({k: bool(v["limited"]) for k, v in pools.items()})
    out["capacity_class_days"] = [
        float(caps[p][q - 1]) for p, q in zip(out["trainer_pool"], out["quarter"], strict=True)
    ]
    out["utilisation"] = out["class_days"] / out["capacity_class_days"].where(
        out["capacity_class_days"] > 0
    )
    out["within_capacity"] = (
        ~limited | (out["class_days"] <= out["capacity_class_days"] + EPS)
    ) & (out["overflow_class_days"] == 0)
    return out[cols].sort_values(["trainer_pool", "year", "quarter"]).reset_index(drop=True)
