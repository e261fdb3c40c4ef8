"""Communication plan of guidance task 2: quantity, cost and reach of each channel per year."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.checks import non_negative
from ntmplan.tasks.capacity.rounding import ceil_one
from ntmplan.tasks.capacity.scope import BASE_COLUMNS, in_scope, plan_years


def communication_plan(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Yearly quantity, cost and estimated reach of each communication channel (guidance task 2).

    Quantity = quantity_per_year + quantity_per_commune × communes +
    quantity_per_village × villages, rounded up to whole units; cost = quantity
    × unit_cost_mvnd. Reach = reach_population_share × population in scope when
    given, else quantity × reach_per_unit when given, else empty.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        One row per year × channel: ``year``, ``channel``, ``channel_vi``,
        ``unit_vi``, ``quantity`` (int), ``unit_cost_mvnd``, ``cost_mvnd``, ``reach`` (float, NaN if not estimated).

    Raises
    ------
    MissingColumnError
        If a survey column is missing (an ``InputError``).
    ParamsError
        If a channel has a negative or non-numeric quantity or price.
    """
    params = params_or_defaults(params)
    cfg = params["capacity"]
    require_columns(survey, [*BASE_COLUMNS, "population"], "khảo sát / survey")
    years = plan_years(params)
    scope = in_scope(survey, cfg)
    n_communes, n_villages, population = (
        len(scope),
        float(scope["villages"].sum()),
        float(scope["population"].sum()),
    )
    rows = []
    for code, ch in cfg["communication"]["channels"].items():
        where = f"capacity.communication.channels.{code}"
        qty = ceil_one(
            non_negative(ch, "quantity_per_year", where)
            + non_negative(ch, "quantity_per_commune", where) * n_communes
            + non_negative(ch, "quantity_per_village", where) * n_villages
        )
        share, per_unit = ch.get("reach_population_share"), ch.get("reach_per_unit")
        if share is not None:
            reach = non_negative(ch, "reach_population_share", where) * population
        elif per_unit is not None:
            reach = non_negative(ch, "reach_per_unit", where) * qty
        else:
            reach = np.nan
        unit_cost = non_negative(ch, "unit_cost_mvnd", where)
        rows.append(
            {
                "channel": code,
                "channel_vi": ch["name_vi"],
                "unit_vi": ch["unit_vi"],
                "quantity": qty,
                "unit_cost_mvnd": unit_cost,
                "reach": reach,
            }
        )
    per_channel = pd.DataFrame(
        rows, columns=["channel", "channel_vi", "unit_vi", "quantity", "unit_cost_mvnd", "reach"]
    )
    out = pd.DataFrame({"year": years}).merge(per_channel, how="cross")
    out["cost_mvnd"] = out["quantity"] * out["unit_cost_mvnd"]
    cols = [
        "year",
        "channel",
        "channel_vi",
        "unit_vi",
        "quantity",
        "unit_cost_mvnd",
        "cost_mvnd",
        "reach",
    ]
    return out[cols].astype({"year": "int64", "quantity": "int64", "reach": "float64"})
