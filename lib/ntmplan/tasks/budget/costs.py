"""What the programme costs: one cost line per activity item, from unit costs and other notebooks."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.tasks.budget.codes import ACTIVITIES
from ntmplan.tasks.budget.inputs import capacity_lines, chosen_pilots
from ntmplan.tasks.budget.naming import format_number
from ntmplan.tasks.budget.phasing import active_years, phasing_rule
from ntmplan.tasks.budget.villages import village_rows

#: Pilot types of notebook 02 costed with a package: type → (package unit-cost key, count key, label).
PILOT_PACKAGES = {
    "smart_commune": ("smart_package_mvnd", "smart_count", "xã nông thôn mới thông minh"),
    "ecommerce_commune": ("ecommerce_package_mvnd", "ecommerce_count", "xã thương mại điện tử"),
}

#: Activities costed per year (province and communes) when 04 gives no lines for them:
#: activity → (item of a 04 line, province item, commune item).
_YEARLY_ITEMS = {
    "communication": (
        "Truyền thông theo kế hoạch 04",
        "Truyền thông cấp tỉnh",
        "Truyền thông cấp xã",
    ),
    "training": ("Đào tạo theo kế hoạch 04", "Đào tạo cấp tỉnh", "Đào tạo cấp xã"),
}

_COLUMNS = ["activity", "item", "year", "cost_mvnd", "basis"]


class _CostLines:
    """The cost lines being collected, each scaled by ``budget.unit_cost_factor``."""

    def __init__(self, factor: float):
        self.factor = factor
        self.fx = (
            ""
            if factor == 1
            else f" × hệ số đơn giá {format_number(factor, 2)} (budget.unit_cost_factor)"
        )
        self.rows: list[dict[str, Any]] = []

    def add(self, activity: str, item: str, cost: float, basis: str, year: Any = pd.NA) -> None:
        """Add one line; ``year`` NA means spread by the activity's phasing rule."""
        self.rows.append(
            {
                "activity": activity,
                "item": item,
                "year": year,
                "cost_mvnd": float(cost) * self.factor,
                "basis": basis + self.fx,
            }
        )

    def frame(self) -> pd.DataFrame:
        """The lines as the table returned by :func:`activity_costs`."""
        out = pd.DataFrame(self.rows, columns=_COLUMNS)
        out["year"] = out["year"].astype("Int64")
        return out


def activity_costs(inputs: dict, params: dict | None = None) -> pd.DataFrame:
    """Cost every activity of the programme from unit costs and the other notebooks' results.

    Parameters
    ----------
    inputs : dict
        ``survey`` (DataFrame, the province's survey rows; required),
        ``pilots`` (02 summary or None), ``capacity`` (04 summary or None).
    params : dict, optional
        Resolved params; reads ``programme`` and ``budget``.

    Returns
    -------
    pandas.DataFrame
        One row per cost item: activity, item (Vietnamese), year (``Int64``;
        NA = spread by the phasing rule, a year = fixed, e.g. a capacity line),
        cost_mvnd, basis (the unit cost / rule and params key it comes from).

    Raises
    ------
    ValueError
        Missing survey or survey columns (:class:`~ntmplan.core.errors.MissingColumnError`),
        bad summaries or bad ``other_items``.
    """
    p = params_or_defaults(params)
    b = p["budget"]
    uc = b["unit_costs"]
    survey = inputs.get("survey")
    if survey is None:
        raise ValueError("Thiếu dữ liệu khảo sát / inputs['survey'] is required")
    require_columns(survey, ("commune_code", "unit_type", "community_tech_members"), "survey")
    lines = _CostLines(float(b["unit_cost_factor"]))
    add = lines.add
    n_surveyed = int(len(survey))
    n_scope = int(survey["unit_type"].isin(b["scope_unit_types"]).sum())

    # 1. plan preparation [G] task 1
    add(
        "plan_preparation",
        "Xây dựng, ban hành kế hoạch",
        uc["plan_preparation_mvnd"],
        f"Đơn giá {format_number(uc['plan_preparation_mvnd'])} tr.đ (budget.unit_costs.plan_preparation_mvnd)",
    )
    cap = capacity_lines(inputs.get("capacity"))
    # 2. communication [G] task 2
    _yearly_rows(add, "communication", p, cap, n_scope)
    # 3. pilots [G] task 3
    _pilot_rows(inputs.get("pilots"), b, add)
    village_rows(inputs.get("pilots"), b, add)  # smart villages, when 02 had village rows
    # 4. training [G] task 4
    _yearly_rows(add, "training", p, cap, n_scope)
    # 5. data collection and sharing [G] task 5
    _data_rows(add, uc, n_surveyed)
    # 6. support policies: community technology team allowances [G] task 6
    _support_rows(add, p, cap, n_scope)
    # 7. other items of the province overlay
    _other_rows(add, b)
    return lines.frame()


def _capacity_rows(add, cap: pd.DataFrame, activity: str, item: str) -> None:
    """Add the capacity plan's (04) yearly lines of one activity."""
    for r in cap[cap["activity"] == activity].itertuples(index=False):  # a handful of year lines
        add(
            activity,
            item,
            r.cost_mvnd,
            f"Kế hoạch năng lực (04_capacity) năm {r.year}",
            year=int(r.year),
        )


def _has_lines(cap: pd.DataFrame | None, activity: str) -> bool:
    return cap is not None and activity in set(cap["activity"])


def _yearly_rows(add, activity: str, p: dict, cap: pd.DataFrame | None, n_scope: int) -> None:
    """Add communication or training: the 04 lines, else province and commune estimates per year."""
    b = p["budget"]
    uc = b["unit_costs"]
    n = len(active_years(phasing_rule(activity, b), p))
    planned, province, commune = _YEARLY_ITEMS[activity]
    if _has_lines(cap, activity):
        _capacity_rows(add, cap, activity, planned)
        return
    key = f"{activity}_province_per_year_mvnd"
    add(
        activity,
        province,
        uc[key] * n,
        f"{format_number(uc[key])} tr.đ/năm × {n} năm "
        f"(budget.unit_costs.{key}; chưa có 04_capacity)",
    )
    key = f"{activity}_per_commune_year_mvnd"
    add(
        activity,
        commune,
        uc[key] * n_scope * n,
        f"{format_number(uc[key])} tr.đ/xã/năm × {n_scope} xã × {n} năm "
        f"(budget.unit_costs.{key}; chưa có 04_capacity)",
    )


def _data_rows(add, uc: dict, n_surveyed: int) -> None:
    """Add data collection per surveyed commune and the provincial data system."""
    add(
        "data",
        "Thu thập, cập nhật dữ liệu theo xã",
        uc["data_per_commune_mvnd"] * n_surveyed,
        f"{format_number(uc['data_per_commune_mvnd'])} tr.đ/xã × {n_surveyed} xã khảo sát (budget.unit_costs.data_per_commune_mvnd)",
    )
    add(
        "data",
        "Hệ thống dữ liệu, kết nối CSDL dùng chung",
        uc["data_system_mvnd"],
        f"Đơn giá {format_number(uc['data_system_mvnd'])} tr.đ (budget.unit_costs.data_system_mvnd)",
    )


def _support_rows(add, p: dict, cap: pd.DataFrame | None, n_scope: int) -> None:
    """Add the community technology team allowances: the 04 lines, else an estimate."""
    if _has_lines(cap, "support_policy"):
        _capacity_rows(
            add, cap, "support_policy", "Phụ cấp tổ công nghệ số cộng đồng theo kế hoạch 04"
        )
        return
    b = p["budget"]
    uc = b["unit_costs"]
    n_sup = len(active_years(phasing_rule("support_policy", b), p))
    members = int(uc["team_members_per_commune"]) * n_scope
    months = int(uc["allowance_months_per_year"])
    rate = uc["team_allowance_per_member_month_mvnd"]
    add(
        "support_policy",
        "Phụ cấp tổ công nghệ số cộng đồng",
        members * rate * months * n_sup,
        f"{members} thành viên ({uc['team_members_per_commune']}/xã × {n_scope} xã) × {format_number(rate, 2)} tr.đ/tháng "
        f"× {months} tháng × {n_sup} năm (budget.unit_costs.team_allowance_per_member_month_mvnd; chưa có 04_capacity)",
    )


def _other_rows(add, b: dict) -> None:
    """Add the other items declared by the province (``budget.other_items``)."""
    for key, item in _other_items(b).items():
        year = item.get("year")
        add(
            key,
            str(item.get("label") or key),
            item["cost_mvnd"],
            str(item.get("basis") or f"Tỉnh khai báo (budget.other_items.{key}.cost_mvnd)"),
            year=pd.NA if year is None else int(year),
        )


def _other_items(b: dict) -> dict[str, dict]:
    """Validate ``budget.other_items`` and return it."""
    items = b.get("other_items") or {}
    reserved = set(ACTIVITIES) | {"other"}
    for key, item in items.items():
        where = f"budget.other_items.{key}"
        if key in reserved:
            raise ValueError(
                f"{where}: trùng tên hoạt động chuẩn / clashes with a standard activity name"
            )
        if not isinstance(item, dict) or "cost_mvnd" not in item:
            raise ValueError(f"{where}: cần cost_mvnd / needs a cost_mvnd number")
        cost = item["cost_mvnd"]
        if (
            isinstance(cost, bool)
            or not isinstance(cost, (int, float))
            or cost < 0
            or not math.isfinite(cost)
        ):
            raise ValueError(f"{where}.cost_mvnd: cần số ≥ 0 / must be a number ≥ 0, got {cost!r}")
        unknown = set(item) - {"label", "cost_mvnd", "year", "phasing", "split", "basis"}
        if unknown:
            raise ValueError(
                f"{where}: khóa không hợp lệ / unknown keys: {', '.join(sorted(map(str, unknown)))}"
            )
    return items


def _pilot_rows(pilots_summary: dict | None, b: dict, add) -> None:
    """Add the pilot package and gap-closing lines (see :func:`activity_costs`)."""
    uc = b["unit_costs"]
    pc = b["pilots"]
    chosen = chosen_pilots(pilots_summary)
    est = uc["gap_estimate_per_pilot_mvnd"]
    for pilot_type, (package_key, count_key, label) in PILOT_PACKAGES.items():
        mine = None if chosen is None else chosen[chosen["pilot_type"] == pilot_type]
        requested = pc[count_key]
        if requested is not None and (
            isinstance(requested, bool) or not isinstance(requested, int) or requested < 0
        ):
            raise ValueError(
                f"budget.pilots.{count_key}: cần số nguyên ≥ 0 hoặc null / must be an integer ≥ 0 or null"
            )
        if requested is None:
            n = len(mine) if mine is not None else int(pc[f"default_{count_key}"])
            why = (
                "số xã đã chọn ở 02_pilots"
                if mine is not None
                else f"budget.pilots.default_{count_key}, chưa có 02_pilots"
            )
        else:
            n = int(requested)
            why = f"budget.pilots.{count_key}"
        if n == 0:
            continue
        package = uc[package_key]
        add(
            "pilots",
            f"Gói hỗ trợ mô hình {label}",
            package * n,
            f"{format_number(package)} tr.đ/xã × {n} xã ({why}; budget.unit_costs.{package_key})",
        )
        used = mine.head(n) if mine is not None else None
        n_known = 0 if used is None else len(used)
        if n_known:
            names = ", ".join(used["commune_name"].tolist())
            add(
                "pilots",
                f"Khắc phục thiếu hụt điều kiện — {label}",
                used["gap_cost_mvnd"].sum(),
                f"Chi phí khắc phục thiếu hụt của {n_known} xã đã chọn ở 02_pilots (pilots.unit_costs_mvnd): {names}",
            )
        if n > n_known:
            extra = n - n_known
            add(
                "pilots",
                f"Khắc phục thiếu hụt điều kiện (ước tính) — {label}",
                est * extra,
                f"{format_number(est)} tr.đ/xã × {extra} xã chưa có chi phí từ 02 (budget.unit_costs.gap_estimate_per_pilot_mvnd)",
            )
    if chosen is not None:
        other = chosen[~chosen["pilot_type"].isin(list(PILOT_PACKAGES))]
        for pilot_type, grp in other.groupby(
            "pilot_type", sort=False
        ):  # types without a package unit cost
            add(
                "pilots",
                f"Khắc phục thiếu hụt điều kiện — {pilot_type}",
                grp["gap_cost_mvnd"].sum(),
                f"Chi phí khắc phục thiếu hụt của {len(grp)} xã ({pilot_type}) ở 02_pilots; loại này không có đơn giá gói trong budget.unit_costs",
            )
