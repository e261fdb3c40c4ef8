"""Budget lines: the yearly cost per activity read by the budget notebook (03)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.tasks.capacity.labels import ACTIVITIES


def budget_lines(plan: pd.DataFrame, comm: pd.DataFrame, policy: pd.DataFrame) -> pd.DataFrame:
    """Yearly cost per activity — the interface read by the budget notebook (03).

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`~ntmplan.tasks.capacity.training.training_plan` (``year``, ``cost_mvnd``).
    comm : pandas.DataFrame
        Output of :func:`~ntmplan.tasks.capacity.communication.communication_plan` (``year``, ``cost_mvnd``).
    policy : pandas.DataFrame
        Output of :func:`~ntmplan.tasks.capacity.support.support_policy_costs` (``year``, ``cost_mvnd``).

    Returns
    -------
    pandas.DataFrame
        ``activity`` (``training``, ``communication``, ``support_policy``),
        ``activity_vi``, ``year``, ``cost_mvnd``; one row per activity and year
        present in its input, in that activity order. Each activity's sum equals
        the cost total of its input.

    Raises
    ------
    MissingColumnError
        If an input lacks ``year`` or ``cost_mvnd`` (an ``InputError``).
    """
    parts = []
    for activity, frame in (
        ("training", plan),
        ("communication", comm),
        ("support_policy", policy),
    ):
        require_columns(frame, ["year", "cost_mvnd"], activity)
        agg = frame.groupby("year", as_index=False)["cost_mvnd"].sum()
        agg.insert(0, "activity", activity)
        parts.append(agg)
    out = pd.concat(parts, ignore_index=True)
    out["activity_vi"] = out["activity"].map(ACTIVITIES)
    return out[["activity", "activity_vi", "year", "cost_mvnd"]].astype(
        {"year": "int64", "cost_mvnd": "float64"}
    )
