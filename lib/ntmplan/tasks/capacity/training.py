"""Yearly training plan per target group and topic, and its coverage of each group."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.groups import target_groups
from ntmplan.tasks.capacity.rounding import ceil_one, ceil_up
from ntmplan.tasks.capacity.scope import plan_years


def _yearly_participants(size: int, grp: dict, years: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """Share-based participants per year and the top-up that meets the coverage target."""
    by_year = {int(k): float(v) for k, v in (grp.get("share_by_year") or {}).items()}
    shares = np.array([by_year.get(y, float(grp["share_per_year"])) for y in years])
    planned = ceil_up(size * shares) if size else np.zeros(len(years), dtype="int64")
    required = ceil_one(size * float(grp["min_coverage"]))
    shortfall = max(0, required - int(planned.sum()))
    base, extra = divmod(shortfall, len(years))
    top_up = np.full(len(years), base, dtype="int64")
    top_up[:extra] += 1  # remainder to the earliest years
    return planned, top_up


def training_plan(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Plan the yearly courses of every target group and topic, with their cost.

    For each plan year: participants = ⌈size × share of the year⌉; if the group
    has a coverage target (``min_coverage``, 1.0 for officials: every official
    trained at least once in the period) and the yearly shares fall short, the
    missing people are added evenly over the plan years (remainder to the
    earliest). Every participant of a year takes each topic of the group, so for
    each topic: classes = ⌈participants / class_size⌉ (a partial class is a
    class), class-days = classes × days_per_class, cost = class-days ×
    cost_per_class_day_mvnd + participants × days_per_class ×
    cost_per_participant_day_mvnd + the topic's materials cost in the first plan
    year the group takes it.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        One row per year × group × topic: ``year``, ``group``, ``group_vi``,
        ``topic``, ``topic_vi``, ``mode``, ``mode_vi``, ``trainer_pool``, ``size``,
        ``participants_planned``, ``top_up``, ``participants``, ``class_size``,
        ``classes``, ``days_per_class``, ``days`` (class-days),
        ``class_cost_mvnd``, ``participant_cost_mvnd``, ``materials_mvnd``, ``cost_mvnd``.

    Raises
    ------
    MissingColumnError
        If a survey column is missing (an ``InputError``).
    ParamsError
        If the params are inconsistent or the plan start lies outside the programme.
    """
    params = params_or_defaults(params)
    cfg = params["capacity"]
    years = plan_years(params)
    groups = target_groups(survey, params)
    frames = []
    for g, size in zip(groups["group"], groups["size"], strict=True):
        grp = cfg["groups"][g]
        planned, top_up = _yearly_participants(int(size), grp, years)
        participants = planned + top_up
        n_topics = len(grp["topics"])
        block = pd.DataFrame(
            {
                "year": np.repeat(years, n_topics),
                "group": g,
                "group_vi": grp["name_vi"],
                "topic": grp["topics"] * len(years),
                "mode": grp["mode"],
                "mode_vi": cfg["modes"][grp["mode"]],
                "trainer_pool": grp["trainer_pool"],
                "size": int(size),
                "participants_planned": np.repeat(planned, n_topics),
                "top_up": np.repeat(top_up, n_topics),
                "participants": np.repeat(participants, n_topics),
                "class_size": int(grp["class_size"]),
                "days_per_class": float(grp["days_per_class"]),
                "cost_per_class_day": float(grp["cost_per_class_day_mvnd"]),
                "cost_per_participant_day": float(grp["cost_per_participant_day_mvnd"]),
            }
        )
        frames.append(block)
    cols = [
        "year", "group", "group_vi", "topic", "topic_vi", "mode", "mode_vi", "trainer_pool", "size",
        "participants_planned", "top_up", "participants", "class_size", "classes", "days_per_class", "days",
        "class_cost_mvnd", "participant_cost_mvnd", "materials_mvnd", "cost_mvnd",
    ]  # fmt: skip
    if not frames:
        return pd.DataFrame(columns=cols)
    plan = pd.concat(frames, ignore_index=True)
    plan["topic_vi"] = plan["topic"].map({k: v["name_vi"] for k, v in cfg["topics"].items()})
    plan["classes"] = ceil_up(plan["participants"] / plan["class_size"])
    plan["days"] = plan["classes"] * plan["days_per_class"]
    plan["class_cost_mvnd"] = plan["days"] * plan["cost_per_class_day"]
    plan["participant_cost_mvnd"] = (
        plan["participants"] * plan["days_per_class"] * plan["cost_per_participant_day"]
    )
    # materials: once per group × topic, in the first year with at least one class
    active = plan[plan["classes"] > 0]
    first = active.groupby(["group", "topic"], sort=False)["year"].transform("min")
    is_first = pd.Series(False, index=plan.index)
    is_first.loc[active.index] = active["year"].eq(first)
    materials = plan["topic"].map({k: float(v["materials_mvnd"]) for k, v in cfg["topics"].items()})
    plan["materials_mvnd"] = materials.where(is_first, 0.0)
    plan["cost_mvnd"] = (
        plan["class_cost_mvnd"] + plan["participant_cost_mvnd"] + plan["materials_mvnd"]
    )
    return plan[cols].reset_index(drop=True)


def coverage(plan: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Check each group's coverage target: people trained at least once in the period.

    People are counted once per year (not per topic); a person is assumed not to
    repeat a course before everyone in the group has taken it, so trained at
    least once = min(Σ yearly participants, size).

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`training_plan`.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        ``group``, ``group_vi``, ``size``, ``trained_once``, ``coverage`` (0–1),
        ``target`` (``min_coverage``), ``met`` (bool).

    Raises
    ------
    MissingColumnError
        If a plan column is missing (an ``InputError``).
    """
    params = params_or_defaults(params)
    require_columns(
        plan,
        ["year", "group", "group_vi", "size", "participants"],
        "kế hoạch đào tạo / training plan",
    )
    per_year = plan.drop_duplicates(["year", "group"])
    out = per_year.groupby(["group", "group_vi", "size"], sort=False, as_index=False)[
        "participants"
    ].sum()
    out["trained_once"] = np.minimum(out["participants"], out["size"]).astype("int64")
    out["coverage"] = np.where(
        out["size"] > 0, out["trained_once"] / out["size"].where(out["size"] > 0, 1), 1.0
    )
    out["target"] = out["group"].map(
        lambda g: float(params["capacity"]["groups"].get(g, {}).get("min_coverage", 0.0))
    )
    out["met"] = out["trained_once"] >= ceil_up(out["size"] * out["target"])
    return out[["group", "group_vi", "size", "trained_once", "coverage", "target", "met"]]
