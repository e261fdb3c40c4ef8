"""Support policies of guidance task 6: the community technology team allowance and listed items."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.errors import ParamsError, require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.capacity.checks import non_negative, param_problem
from ntmplan.tasks.capacity.rounding import ceil_one
from ntmplan.tasks.capacity.scope import BASE_COLUMNS, in_scope, plan_years


def team_members(survey: pd.DataFrame, params: dict | None = None) -> int:
    """Community technology team members paid the allowance, by ``support_policy.members_basis``.

    ``survey``: Σ community_tech_members; ``target``: Σ (team_size_per_commune +
    team_size_per_village × villages); ``max``: Σ per commune of the larger of the two.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    int
        Members, rounded up to whole persons.

    Raises
    ------
    MissingColumnError
        If a survey column is missing (an ``InputError``).
    ParamsError
        If ``members_basis`` is not survey, target or max.
    """
    params = params_or_defaults(params)
    cfg = params["capacity"]
    pol = cfg["support_policy"]
    basis = pol["members_basis"]
    if basis not in ("survey", "target", "max"):
        raise ParamsError(
            [
                param_problem(
                    "capacity.support_policy.members_basis",
                    basis,
                    "Chỉ nhận survey, target hoặc max",
                    "must be survey, target or max",
                )
            ]
        )
    require_columns(survey, [*BASE_COLUMNS, "community_tech_members"], "khảo sát / survey")
    scope = in_scope(survey, cfg)
    target = float(pol["team_size_per_commune"]) + float(pol["team_size_per_village"]) * scope[
        "villages"
    ].astype(float)
    surveyed = scope["community_tech_members"].astype(float)
    members = {"survey": surveyed, "target": target, "max": np.maximum(surveyed, target)}[basis]
    return ceil_one(float(members.sum()))


def support_policy_costs(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Yearly cost of the support policies of guidance task 6.

    The community technology team allowance is members × months_per_year ×
    monthly_allowance_mvnd for each plan year from ``support_policy.start_year``
    (0 = the plan's first year); each item a province lists under
    ``support_policy.items`` costs ⌈quantity_per_year + quantity_per_commune ×
    communes + quantity_per_village × villages + quantity_per_member × members⌉ ×
    unit_cost_mvnd every plan year.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows of one province.
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``item`` (``allowance`` or the item's key), ``item_vi``, ``basis``,
        ``members``, ``unit_vi``, ``quantity`` (for the allowance: member-months),
        ``unit_cost_mvnd``, ``cost_mvnd``.

    Raises
    ------
    MissingColumnError
        If a survey column is missing (an ``InputError``).
    ParamsError
        If an amount is negative or not a number, or an item lacks ``name_vi``.
    """
    params = params_or_defaults(params)
    cfg = params["capacity"]
    pol = cfg["support_policy"]
    years = plan_years(params)
    members = team_members(survey, params)
    scope = in_scope(survey, cfg)
    n_communes, n_villages = len(scope), float(scope["villages"].sum())
    where = "capacity.support_policy"
    months = non_negative(pol, "months_per_year", where)
    allowance = non_negative(pol, "monthly_allowance_mvnd", where)
    start = int(pol.get("start_year") or 0) or years[0]
    basis_vi = {
        "survey": "số thành viên theo khảo sát / members from the survey",
        "target": (
            f"quy mô mục tiêu {float(pol['team_size_per_commune']):g} người/xã + "
            f"{float(pol['team_size_per_village']):g} người/thôn / target team size"
        ),
        "max": "lớn hơn giữa khảo sát và quy mô mục tiêu, từng xã / larger of survey and target, per commune",
    }[pol["members_basis"]]
    rows = [
        {
            "year": y,
            "item": "allowance",
            "item_vi": "Phụ cấp thành viên Tổ công nghệ số cộng đồng / community technology team allowance",
            "basis": f"{members} người × {months:g} tháng; {basis_vi}",
            "members": members,
            "unit_vi": "người·tháng / member-month",
            "quantity": ceil_one(members * months),
            "unit_cost_mvnd": allowance,
        }
        for y in years
        if y >= start
    ]
    for code, item in (pol.get("items") or {}).items():
        iw = f"{where}.items.{code}"
        if not isinstance(item, dict) or not item.get("name_vi"):
            raise ParamsError(
                [
                    param_problem(
                        iw,
                        item,
                        "Mỗi nội dung hỗ trợ cần name_vi",
                        "each support item needs name_vi",
                    )
                ]
            )
        qty = ceil_one(
            non_negative(item, "quantity_per_year", iw)
            + non_negative(item, "quantity_per_commune", iw) * n_communes
            + non_negative(item, "quantity_per_village", iw) * n_villages
            + non_negative(item, "quantity_per_member", iw) * members
        )
        rows.extend(
            {
                "year": y,
                "item": code,
                "item_vi": item["name_vi"],
                "basis": "tỉnh khai báo / listed by the province",
                "members": members,
                "unit_vi": item.get("unit_vi", ""),
                "quantity": qty,
                "unit_cost_mvnd": non_negative(item, "unit_cost_mvnd", iw),
            }
            for y in years
        )
    cols = [
        "year",
        "item",
        "item_vi",
        "basis",
        "members",
        "unit_vi",
        "quantity",
        "unit_cost_mvnd",
        "cost_mvnd",
    ]
    out = pd.DataFrame(rows, columns=[c for c in cols if c != "cost_mvnd"])
    out["cost_mvnd"] = out["quantity"] * out["unit_cost_mvnd"].astype(float)
    return out[cols].astype(
        {"year": "int64", "members": "int64", "quantity": "int64", "cost_mvnd": "float64"}
    )
