"""Resources and budget (guidance tasks 6–7): costs by activity × year × funding source.

Every amount is traceable: a cost line comes from a unit cost in
``params["budget"]["unit_costs"]`` (or from the capacity / pilots summaries,
which cite their own unit costs), is spread over the programme years by a
phasing rule (``budget.phasing``), split across funding sources by a default
share table (``budget.splits``), and capped by envelopes (``budget.envelopes``)
with overflow moved to a fallback source (``budget.fallback``) or reported as
unfunded. All money is in million VND (``_mvnd``).

Pipeline (each step a pure function)::

    activity_costs(inputs, params)      -> costs  (activity, item, year, cost_mvnd, basis)
    phase(costs, params)                -> phased (activity, year, amount_mvnd)
    split_sources(phased, params, scheme) -> tidy (activity, year, source, amount_mvnd)
    apply_envelopes(tidy, params)       -> (tidy_after, gaps)
    checks(tidy_after, params, costs)   -> checks table
    totals(tidy_after)                  -> totals by source / year / activity
    build(inputs, params)               -> all of the above in one dict
    summary(result, params, extra)      -> JSON-serialisable key figures

``inputs`` is a dict: ``survey`` (the province's validated survey rows,
required), ``pilots`` (the 02 summary or None), ``capacity`` (the 04 summary
or None). When a summary is missing the params-based estimate is used and the
``basis`` text says so.

After :func:`apply_envelopes`, the tidy table carries a pseudo-source
``"unfunded"`` for the part of a requirement no source covers, so that for
every activity and year the amounts still add up to the requirement.

Keys of :func:`summary` (read by notebooks 06 and 00)
-----------------------------------------------------
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
import math
from typing import Any

import numpy as np
import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.params import apply_overrides

#: Standard activities, in display order (guidance tasks 1–6).
ACTIVITIES = ("plan_preparation", "communication", "pilots", "training", "data", "support_policy")
#: Pseudo-source for the part of a requirement that no source covers.
UNFUNDED = "unfunded"
#: Phasing rules understood by :func:`phase_weights`.
PHASING_RULES = ("even", "front_loaded", "from_year")
#: Activities the capacity summary (04) may provide as ``budget_lines``.
CAPACITY_ACTIVITIES = ("training", "communication", "support_policy")
_TOL = 1e-9

#: Vietnamese (then English) labels of output columns.
LABELS: dict[str, str] = {
    "activity": "Hoạt động / Activity",
    "activity_label": "Hoạt động / Activity",
    "item": "Khoản mục / Item",
    "year": "Năm / Year",
    "source": "Nguồn vốn / Funding source",
    "source_label": "Nguồn vốn / Funding source",
    "cost_mvnd": "Chi phí (triệu đồng) / Cost (million VND)",
    "amount_mvnd": "Số tiền (triệu đồng) / Amount (million VND)",
    "basis": "Căn cứ tính / Basis",
    "share": "Tỷ lệ / Share",
    "requirement_mvnd": "Nhu cầu (triệu đồng) / Requirement (million VND)",
    "envelope_mvnd": "Trần vốn (triệu đồng) / Envelope (million VND)",
    "overflow_mvnd": "Vượt trần (triệu đồng) / Over envelope (million VND)",
    "moved_to": "Chuyển sang nguồn / Moved to",
    "unfunded_mvnd": "Chưa có nguồn (triệu đồng) / Unfunded (million VND)",
    "check": "Kiểm tra / Check",
    "subject": "Đối tượng / Subject",
    "value": "Giá trị / Value",
    "bound": "Ngưỡng / Bound",
    "ok": "Đạt / OK",
    "message": "Ghi chú / Message",
    "scenario": "Kịch bản / Scenario",
    "label": "Tên / Name",
    "total_mvnd": "Tổng nhu cầu (triệu đồng) / Total (million VND)",
    "funded_mvnd": "Đã có nguồn (triệu đồng) / Funded (million VND)",
    "socialised_share": "Tỷ lệ xã hội hóa / Socialised share",
    "commune_code": "Mã xã / Commune code",
    "commune_name": "Tên xã / Commune",
    "unit_type": "Loại đơn vị / Unit type",
    "commune_category": "Phân loại xã / Category",
    "category_applied": "Phân loại áp dụng / Category applied",
    "weight": "Hệ số / Weight",
    "gap_cost_mvnd": "Chi phí khắc phục thiếu hụt (triệu đồng) / Gap-closing cost (million VND)",
    "can_meet_all": "Có thể đạt đủ điều kiện / Can meet all conditions",
    "already_meets": "Đã đạt đủ điều kiện / Already meets all",
    "funded": "Được bố trí vốn / Funded",
    "meets_after": "Đạt đủ điều kiện sau hỗ trợ / Meets all after funding",
    "priority_value": "Giá trị ưu tiên / Priority value",
    "key": "Tham số / Parameter",
    "reference": "Căn cứ / Source or assumption",
}


# ---------------------------------------------------------------- helpers


def _params(params: dict | None) -> dict:
    if params is None:
        from ntmplan.core.params import default_params

        return default_params()
    return params


def _num(x: float, digits: int = 1) -> str:
    """Format a number the Vietnamese way: 1.234,5 (see :func:`ntmplan.core.fmt.number`)."""
    return fmt.number(float(x), digits)


def _pct(x: float, digits: int = 1) -> str:
    """Format a share as a Vietnamese percentage: 57,3%."""
    return fmt.percent(x, digits)


def programme_years(params: dict | None = None) -> list[int]:
    """Return the programme years ``programme.start_year .. programme.end_year``.

    Parameters
    ----------
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    list of int

    Raises
    ------
    ValueError
        If the end year is before the start year.
    """
    p = _params(params)["programme"]
    start, end = int(p["start_year"]), int(p["end_year"])
    if end < start:
        raise ValueError(
            f"Năm kết thúc {end} trước năm bắt đầu {start} / end_year {end} is before start_year {start}"
        )
    return list(range(start, end + 1))


def activity_label(activity: str, params: dict | None = None) -> str:
    """Return the Vietnamese label of an activity code (other items: their ``label``).

    Parameters
    ----------
    activity : str
    params : dict, optional

    Returns
    -------
    str
    """
    return _activity_label(activity, _params(params)["budget"])


def source_label(source: str, params: dict | None = None) -> str:
    """Return the Vietnamese label of a funding source code (or of ``unfunded``).

    Parameters
    ----------
    source : str
    params : dict, optional

    Returns
    -------
    str
    """
    return _source_label(source, _params(params)["budget"])


def format_number(x: float, digits: int = 1) -> str:
    """Format a number the Vietnamese way (``1.234,5``).

    Parameters
    ----------
    x : float
    digits : int

    Returns
    -------
    str
    """
    return _num(x, digits)


def format_share(x: float, digits: int = 1) -> str:
    """Format a 0–1 share as a Vietnamese percentage (``57,3%``).

    Parameters
    ----------
    x : float
    digits : int

    Returns
    -------
    str
    """
    return _pct(x, digits)


def _activity_label(activity: str, b: dict) -> str:
    if activity in b["activities"]:
        return b["activities"][activity]
    item = (b.get("other_items") or {}).get(activity)
    if isinstance(item, dict) and item.get("label"):
        return str(item["label"])
    return activity


def _source_label(source: str, b: dict) -> str:
    if source == UNFUNDED:
        return b["unfunded_label"]
    return b["sources"].get(source, source)


def _require_columns(df: pd.DataFrame, cols: list[str] | tuple[str, ...], what: str) -> None:
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"{what}: cần một DataFrame / expected a DataFrame, got {type(df).__name__}"
        )
    missing = [c for c in cols if c not in df.columns]
    if missing:
        raise ValueError(f"{what}: thiếu cột / missing columns: {', '.join(missing)}")


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


# ---------------------------------------------------------------- inputs from other notebooks


def capacity_lines(capacity_summary: dict | None) -> pd.DataFrame | None:
    """Read the capacity plan's ``budget_lines`` (notebook 04 summary).

    Parameters
    ----------
    capacity_summary : dict or None
        ``ctx.read_summary("04_capacity")``; its key ``budget_lines`` is a list
        of ``{activity: training|communication|support_policy, year, cost_mvnd}``.

    Returns
    -------
    pandas.DataFrame or None
        Columns activity, year (int), cost_mvnd; None when the summary or the
        key is missing or the list is empty.

    Raises
    ------
    ValueError
        If a line has an unknown activity or a negative / non-numeric cost.
    """
    if not capacity_summary or not capacity_summary.get("budget_lines"):
        return None
    lines = pd.DataFrame(capacity_summary["budget_lines"])
    _require_columns(lines, ("activity", "year", "cost_mvnd"), "04_capacity budget_lines")
    bad = sorted(set(lines["activity"]) - set(CAPACITY_ACTIVITIES))
    if bad:
        raise ValueError(
            f"04_capacity budget_lines: hoạt động không hợp lệ / unknown activities: {bad}"
        )
    cost = pd.to_numeric(lines["cost_mvnd"], errors="coerce")
    if cost.isna().any() or (cost < 0).any():
        raise ValueError("04_capacity budget_lines: cost_mvnd phải là số ≥ 0 / must be numbers ≥ 0")
    return pd.DataFrame(
        {
            "activity": lines["activity"].astype(str),
            "year": lines["year"].astype(int),
            "cost_mvnd": cost.astype(float),
        }
    )


def chosen_pilots(pilots_summary: dict | None) -> pd.DataFrame | None:
    """Read the chosen pilots and their gap-closing costs from the 02 summary.

    Parameters
    ----------
    pilots_summary : dict or None
        ``ctx.read_summary("02_pilots")``. Its key ``chosen`` maps a pilot type
        (``smart_commune``, ``ecommerce_commune``, …) to a list of
        ``{commune_code, commune_name, gap_mvnd, …}`` in choice order
        (``gap_mvnd`` = cost of closing the commune's shortfalls, 0 when eligible).

    Returns
    -------
    pandas.DataFrame or None
        Columns pilot_type, commune_code, commune_name, gap_cost_mvnd (in the
        summary's order); None when the summary or its ``chosen`` key is missing.

    Raises
    ------
    ValueError
        If ``chosen`` is not a mapping of lists, a pilot lacks a code, or a gap
        cost is negative.
    """
    if not pilots_summary or pilots_summary.get("chosen") is None:
        return None
    chosen = pilots_summary["chosen"]
    if not isinstance(chosen, dict) or not all(isinstance(v, list) for v in chosen.values()):
        raise ValueError(
            "02_pilots chosen: cần {loại: [xã, …]} / must map pilot type to a list of communes"
        )
    records = [{**rec, "pilot_type": str(t)} for t, recs in chosen.items() for rec in recs]
    cols = ["pilot_type", "commune_code", "commune_name", "gap_cost_mvnd"]
    if not records:
        return pd.DataFrame(
            {c: pd.Series(dtype=float if c == "gap_cost_mvnd" else object) for c in cols}
        )
    frame = pd.DataFrame(records)
    _require_columns(frame, ("commune_code",), "02_pilots chosen")
    gap = pd.to_numeric(
        frame.get("gap_mvnd", pd.Series(0.0, index=frame.index)), errors="coerce"
    ).fillna(0.0)
    if (gap < 0).any():
        raise ValueError("02_pilots chosen: gap_mvnd phải ≥ 0 / must be ≥ 0")
    names = frame["commune_name"] if "commune_name" in frame else frame["commune_code"]
    return pd.DataFrame(
        {
            "pilot_type": frame["pilot_type"],
            "commune_code": frame["commune_code"].astype(str),
            "commune_name": names.astype(str),
            "gap_cost_mvnd": gap.astype(float),
        }
    )


# ---------------------------------------------------------------- costs


def active_years(rule: dict, params: dict | None = None) -> list[int]:
    """Return the programme years in which a phasing rule spends.

    Parameters
    ----------
    rule : dict
        ``{rule, weights, from_year}`` (see ``budget.phasing``).
    params : dict, optional

    Returns
    -------
    list of int
        Years from ``max(from_year, start_year)`` to ``end_year``.

    Raises
    ------
    ValueError
        If ``from_year`` is after the programme end.
    """
    years = programme_years(params)
    from_year = int(rule.get("from_year") or 0)
    if from_year > years[-1]:
        raise ValueError(
            f"from_year {from_year} sau năm kết thúc chương trình {years[-1]} / after the programme end {years[-1]}"
        )
    return [y for y in years if y >= from_year]


def _phasing_rule(activity: str, b: dict) -> dict:
    if activity in b["phasing"]:
        return b["phasing"][activity]
    item = (b.get("other_items") or {}).get(activity)
    if isinstance(item, dict) and isinstance(item.get("phasing"), dict):
        return {**b["phasing"]["other"], **item["phasing"]}
    return b["phasing"]["other"]


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
        Missing survey or survey columns, bad summaries or bad ``other_items``.
    """
    p = _params(params)
    b = p["budget"]
    uc = b["unit_costs"]
    survey = inputs.get("survey")
    if survey is None:
        raise ValueError("Thiếu dữ liệu khảo sát / inputs['survey'] is required")
    _require_columns(survey, ("commune_code", "unit_type", "community_tech_members"), "survey")
    factor = float(b["unit_cost_factor"])
    fx = "" if factor == 1 else f" × hệ số đơn giá {_num(factor, 2)} (budget.unit_cost_factor)"
    n_surveyed = int(len(survey))
    n_scope = int(survey["unit_type"].isin(b["scope_unit_types"]).sum())
    rows: list[dict[str, Any]] = []

    def add(activity: str, item: str, cost: float, basis: str, year: Any = pd.NA) -> None:
        rows.append(
            {
                "activity": activity,
                "item": item,
                "year": year,
                "cost_mvnd": float(cost) * factor,
                "basis": basis + fx,
            }
        )

    # 1. plan preparation [G] task 1
    add(
        "plan_preparation",
        "Xây dựng, ban hành kế hoạch",
        uc["plan_preparation_mvnd"],
        f"Đơn giá {_num(uc['plan_preparation_mvnd'])} tr.đ (budget.unit_costs.plan_preparation_mvnd)",
    )

    cap = capacity_lines(inputs.get("capacity"))
    cap_acts = set() if cap is None else set(cap["activity"])

    def capacity_rows(activity: str, item: str) -> None:
        for r in cap[cap["activity"] == activity].itertuples(
            index=False
        ):  # a handful of year lines
            add(
                activity,
                item,
                r.cost_mvnd,
                f"Kế hoạch năng lực (04_capacity) năm {r.year}",
                year=int(r.year),
            )

    # 2. communication [G] task 2
    n_comm = len(active_years(_phasing_rule("communication", b), p))
    if "communication" in cap_acts:
        capacity_rows("communication", "Truyền thông theo kế hoạch 04")
    else:
        add(
            "communication",
            "Truyền thông cấp tỉnh",
            uc["communication_province_per_year_mvnd"] * n_comm,
            f"{_num(uc['communication_province_per_year_mvnd'])} tr.đ/năm × {n_comm} năm "
            "(budget.unit_costs.communication_province_per_year_mvnd; chưa có 04_capacity)",
        )
        add(
            "communication",
            "Truyền thông cấp xã",
            uc["communication_per_commune_year_mvnd"] * n_scope * n_comm,
            f"{_num(uc['communication_per_commune_year_mvnd'])} tr.đ/xã/năm × {n_scope} xã × {n_comm} năm "
            "(budget.unit_costs.communication_per_commune_year_mvnd; chưa có 04_capacity)",
        )

    # 3. pilots [G] task 3
    _pilot_rows(inputs.get("pilots"), b, add)

    # 4. training [G] task 4
    n_train = len(active_years(_phasing_rule("training", b), p))
    if "training" in cap_acts:
        capacity_rows("training", "Đào tạo theo kế hoạch 04")
    else:
        add(
            "training",
            "Đào tạo cấp tỉnh",
            uc["training_province_per_year_mvnd"] * n_train,
            f"{_num(uc['training_province_per_year_mvnd'])} tr.đ/năm × {n_train} năm "
            "(budget.unit_costs.training_province_per_year_mvnd; chưa có 04_capacity)",
        )
        add(
            "training",
            "Đào tạo cấp xã",
            uc["training_per_commune_year_mvnd"] * n_scope * n_train,
            f"{_num(uc['training_per_commune_year_mvnd'])} tr.đ/xã/năm × {n_scope} xã × {n_train} năm "
            "(budget.unit_costs.training_per_commune_year_mvnd; chưa có 04_capacity)",
        )

    # 5. data collection and sharing [G] task 5
    add(
        "data",
        "Thu thập, cập nhật dữ liệu theo xã",
        uc["data_per_commune_mvnd"] * n_surveyed,
        f"{_num(uc['data_per_commune_mvnd'])} tr.đ/xã × {n_surveyed} xã khảo sát (budget.unit_costs.data_per_commune_mvnd)",
    )
    add(
        "data",
        "Hệ thống dữ liệu, kết nối CSDL dùng chung",
        uc["data_system_mvnd"],
        f"Đơn giá {_num(uc['data_system_mvnd'])} tr.đ (budget.unit_costs.data_system_mvnd)",
    )

    # 6. support policies: community technology team allowances [G] task 6
    if "support_policy" in cap_acts:
        capacity_rows("support_policy", "Phụ cấp tổ công nghệ số cộng đồng theo kế hoạch 04")
    else:
        n_sup = len(active_years(_phasing_rule("support_policy", b), p))
        members = int(uc["team_members_per_commune"]) * n_scope
        months = int(uc["allowance_months_per_year"])
        rate = uc["team_allowance_per_member_month_mvnd"]
        add(
            "support_policy",
            "Phụ cấp tổ công nghệ số cộng đồng",
            members * rate * months * n_sup,
            f"{members} thành viên ({uc['team_members_per_commune']}/xã × {n_scope} xã) × {_num(rate, 2)} tr.đ/tháng "
            f"× {months} tháng × {n_sup} năm (budget.unit_costs.team_allowance_per_member_month_mvnd; chưa có 04_capacity)",
        )

    # 7. other items of the province overlay
    for key, item in _other_items(b).items():
        year = item.get("year")
        add(
            key,
            str(item.get("label") or key),
            item["cost_mvnd"],
            str(item.get("basis") or f"Tỉnh khai báo (budget.other_items.{key}.cost_mvnd)"),
            year=pd.NA if year is None else int(year),
        )

    out = pd.DataFrame(rows, columns=["activity", "item", "year", "cost_mvnd", "basis"])
    out["year"] = out["year"].astype("Int64")
    return out


#: Pilot types of notebook 02 costed with a package: type → (package unit-cost key, count key, label).
PILOT_PACKAGES = {
    "smart_commune": ("smart_package_mvnd", "smart_count", "xã nông thôn mới thông minh"),
    "ecommerce_commune": ("ecommerce_package_mvnd", "ecommerce_count", "xã thương mại điện tử"),
}


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
            f"{_num(package)} tr.đ/xã × {n} xã ({why}; budget.unit_costs.{package_key})",
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
                f"{_num(est)} tr.đ/xã × {extra} xã chưa có chi phí từ 02 (budget.unit_costs.gap_estimate_per_pilot_mvnd)",
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


# ---------------------------------------------------------------- phasing


def phase_weights(rule: dict, params: dict | None = None) -> pd.Series:
    """Return the share of an activity's cost falling in each programme year.

    Parameters
    ----------
    rule : dict
        ``rule``: ``even`` (equal shares over the active years), ``front_loaded``
        (``weights`` for the first active years, padded with 0 and normalised;
        empty weights mean n, n-1, …, 1) or ``from_year`` (equal shares from
        ``from_year``). ``from_year`` (0 = programme start) limits every rule.
    params : dict, optional

    Returns
    -------
    pandas.Series
        Index: every programme year; values sum to 1.

    Raises
    ------
    ValueError
        Unknown rule, negative or all-zero weights, from_year after the end.
    """
    years = programme_years(params)
    name = rule.get("rule")
    if name not in PHASING_RULES:
        raise ValueError(
            f"Quy tắc phân kỳ không hợp lệ / unknown phasing rule {name!r}; dùng / use {PHASING_RULES}"
        )
    active = active_years(rule, params)
    n = len(active)
    if name == "front_loaded":
        raw = [float(w) for w in (rule.get("weights") or [])] or [float(n - i) for i in range(n)]
        if any(w < 0 for w in raw):
            raise ValueError("Trọng số phân kỳ phải ≥ 0 / phasing weights must be ≥ 0")
        w = np.array((raw + [0.0] * n)[:n])
    else:
        w = np.ones(n)
    if w.sum() <= 0:
        raise ValueError(
            "Trọng số phân kỳ bằng 0 trong các năm hoạt động / phasing weights are all 0 in the active years"
        )
    out = pd.Series(0.0, index=pd.Index(years, name="year"))
    out.loc[active] = w / w.sum()
    return out


def phase(costs: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Spread each activity's cost over the programme years by its phasing rule.

    Lines with a fixed year (e.g. the capacity plan's yearly lines) stay in
    that year; the others are spread by ``budget.phasing.<activity>`` (other
    items: their own ``phasing`` or ``budget.phasing.other``).

    Parameters
    ----------
    costs : pandas.DataFrame
        From :func:`activity_costs` (activity, year, cost_mvnd).
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        activity, year, amount_mvnd (one row per activity and year with a
        non-zero amount; activities in input order).

    Raises
    ------
    ValueError
        Missing columns or a bad phasing rule.
    """
    p = _params(params)
    b = p["budget"]
    _require_columns(costs, ("activity", "year", "cost_mvnd"), "costs")
    years = pd.Series(costs["year"]).astype("Int64")
    fixed = costs[years.notna()]
    spread = costs[years.isna()].groupby("activity", sort=False)["cost_mvnd"].sum()
    parts = [
        pd.DataFrame(
            {
                "activity": fixed["activity"],
                "year": fixed["year"].astype(int),
                "amount_mvnd": fixed["cost_mvnd"],
            }
        )
    ]
    for activity, total in spread.items():  # one rule per activity (a handful)
        w = phase_weights(_phasing_rule(activity, b), p)
        parts.append(
            pd.DataFrame(
                {
                    "activity": activity,
                    "year": w.index.astype(int),
                    "amount_mvnd": w.to_numpy() * total,
                }
            )
        )
    out = pd.concat(parts, ignore_index=True)
    order = {a: i for i, a in enumerate(pd.unique(costs["activity"]))}
    out = out.groupby(["activity", "year"], as_index=False, sort=False)["amount_mvnd"].sum()
    out = out[out["amount_mvnd"].abs() > _TOL]
    out = (
        out.assign(_o=out["activity"].map(order))
        .sort_values(["_o", "year"], kind="stable")
        .drop(columns="_o")
    )
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- sources


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
    p = _params(params)
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
    p = _params(params)
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
    p = _params(params)
    b = p["budget"]
    sources = list(b["sources"])
    active = active_sources(p, scheme)
    acts = list(dict.fromkeys(activities))
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
    mat = pd.DataFrame.from_dict(raw, orient="index", columns=sources).reindex(acts).astype(float)
    absent = [s for s in sources if s not in active]
    moved = mat[absent].sum(axis=1) if absent else pd.Series(0.0, index=mat.index)
    if (moved > _TOL).any():
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
    _require_columns(phased, ("activity", "year", "amount_mvnd"), "phased")
    shares = source_shares(phased["activity"], params, scheme)
    out = phased[["activity", "year", "amount_mvnd"]].merge(
        shares, on="activity", how="left", sort=False
    )
    out["amount_mvnd"] = out["amount_mvnd"] * out["share"]
    out = out.loc[out["amount_mvnd"].abs() > _TOL, ["activity", "year", "source", "amount_mvnd"]]
    return out.reset_index(drop=True)


# ---------------------------------------------------------------- envelopes


def envelope_table(params: dict | None = None) -> pd.DataFrame:
    """Return the envelopes of ``budget.envelopes`` as a table.

    Parameters
    ----------
    params : dict, optional
        ``budget.envelopes``: ``{source: number}`` (the same ceiling every
        year) or ``{source: {year: number}}`` (years may be ints or strings).

    Returns
    -------
    pandas.DataFrame
        source, year, envelope_mvnd — only the source-years with a ceiling.

    Raises
    ------
    ValueError
        Unknown source, negative ceiling, or a year outside the programme.
    """
    p = _params(params)
    b = p["budget"]
    years = programme_years(p)
    rows = []
    for source, spec in (b.get("envelopes") or {}).items():
        if source not in b["sources"]:
            raise ValueError(f"budget.envelopes: nguồn không hợp lệ / unknown source {source!r}")
        per_year = {y: spec for y in years} if not isinstance(spec, dict) else spec
        for year, value in per_year.items():
            if value is None or value == "":
                continue
            try:
                y = int(year)
                v = float(value)
            except (TypeError, ValueError):
                raise ValueError(
                    f"budget.envelopes.{source}.{year}: cần số / must be a number, got {value!r}"
                ) from None
            if y not in years:
                raise ValueError(
                    f"budget.envelopes.{source}: năm {y} ngoài giai đoạn / year {y} outside {years[0]}–{years[-1]}"
                )
            if v < 0 or not math.isfinite(v):
                raise ValueError(
                    f"budget.envelopes.{source}.{y}: trần phải ≥ 0 / envelope must be ≥ 0"
                )
            rows.append({"source": source, "year": y, "envelope_mvnd": v})
    return pd.DataFrame(rows, columns=["source", "year", "envelope_mvnd"])


def apply_envelopes(
    tidy: pd.DataFrame, params: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Cap each source's yearly requirement at its envelope; move or report the overflow.

    For each year, the first source (in ``budget.sources`` order) whose total
    exceeds its envelope is cut back to the envelope, every activity on it
    keeping the same fraction; the overflow goes to ``budget.fallback[source]``
    (following the chain past sources already at their ceiling) or, when there
    is none / the chain loops, to the pseudo-source ``unfunded``. Repeated
    until no source is over its envelope (at most once per source).

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd (from :func:`split_sources`).
    params : dict, optional

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        ``tidy_after``: same columns, amounts within envelopes, plus rows with
        source ``unfunded``; per activity-year amounts still sum to the input.
        ``gaps``: activity, year, source, requirement_mvnd (the activity's
        amount on the source before the cut), overflow_mvnd, moved_to
        (``""`` if unfunded), unfunded_mvnd — one row per activity cut.

    Raises
    ------
    ValueError
        Missing columns, bad envelopes or an unknown fallback source.
    """
    p = _params(params)
    b = p["budget"]
    _require_columns(tidy, ("activity", "year", "source", "amount_mvnd"), "tidy")
    env = envelope_table(p)
    fallback = dict(b["fallback"])
    for s, t in fallback.items():
        if t and t not in b["sources"]:
            raise ValueError(f"budget.fallback.{s}: nguồn không hợp lệ / unknown source {t!r}")
    gap_cols = [
        "activity",
        "year",
        "source",
        "requirement_mvnd",
        "overflow_mvnd",
        "moved_to",
        "unfunded_mvnd",
    ]
    if env.empty or tidy.empty:
        return tidy.reset_index(drop=True).copy(), pd.DataFrame(columns=gap_cols)
    sources = list(b["sources"])
    act_order = list(pd.unique(tidy["activity"]))
    pieces, gaps = [], []
    for year, grp in tidy.groupby("year", sort=True):  # a handful of years
        mat = grp.pivot_table(
            index="activity", columns="source", values="amount_mvnd", aggfunc="sum", fill_value=0.0
        )
        mat = mat.reindex(columns=sources + [UNFUNDED], fill_value=0.0)
        ceil = env[env["year"] == year].set_index("source")["envelope_mvnd"]
        exhausted: set[str] = set()
        for _ in range(len(sources)):  # each pass exhausts one source
            over = [
                s
                for s in sources
                if s in ceil.index and mat[s].sum() > ceil[s] + 1e-6 and s not in exhausted
            ]
            if not over:
                break
            s = over[0]
            req = mat[s].sum()
            keep = ceil[s] / req if req > 0 else 0.0
            before = mat[s].copy()
            overflow = before * (1.0 - keep)
            mat[s] = before * keep
            exhausted.add(s)
            target = _follow_fallback(s, fallback, exhausted)
            mat[target or UNFUNDED] = mat[target or UNFUNDED] + overflow
            hit = overflow > _TOL
            gaps.append(
                pd.DataFrame(
                    {
                        "activity": overflow.index[hit],
                        "year": int(year),
                        "source": s,
                        "requirement_mvnd": before[hit].to_numpy(),
                        "overflow_mvnd": overflow[hit].to_numpy(),
                        "moved_to": target or "",
                        "unfunded_mvnd": 0.0 if target else overflow[hit].to_numpy(),
                    }
                )
            )
        long = (
            mat.rename_axis("activity")
            .reset_index()
            .melt(id_vars="activity", var_name="source", value_name="amount_mvnd")
        )
        long.insert(1, "year", int(year))
        pieces.append(long[long["amount_mvnd"].abs() > _TOL])
    after = pd.concat(pieces, ignore_index=True)
    aorder = {a: i for i, a in enumerate(act_order)}
    sorder = {s: i for i, s in enumerate(sources + [UNFUNDED])}
    after = (
        after.assign(_a=after["activity"].map(aorder), _s=after["source"].map(sorder))
        .sort_values(["_a", "year", "_s"])
        .drop(columns=["_a", "_s"])
        .reset_index(drop=True)
    )
    gap_df = pd.concat(gaps, ignore_index=True) if gaps else pd.DataFrame(columns=gap_cols)
    return after, gap_df[gap_cols]


def _follow_fallback(source: str, fallback: dict, exhausted: set) -> str:
    """Return the first fallback of ``source`` not yet at its ceiling ('' if none or a loop)."""
    seen = {source}
    target = fallback.get(source) or ""
    while target and target in exhausted:
        if target in seen:
            return ""
        seen.add(target)
        target = fallback.get(target) or ""
    return "" if target in seen else target


# ---------------------------------------------------------------- checks and totals


def totals(tidy: pd.DataFrame) -> dict:
    """Total a tidy budget table by source, year, activity and their crossings.

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd.

    Returns
    -------
    dict
        ``total`` (float), ``by_source``, ``by_year``, ``by_activity``
        (Series named amount_mvnd, in order of first appearance / year),
        ``year_x_source`` and ``activity_x_source`` (DataFrames, 0-filled).

    Raises
    ------
    ValueError
        Missing columns.
    """
    _require_columns(tidy, ("activity", "year", "source", "amount_mvnd"), "tidy")
    amt = "amount_mvnd"
    srcs = list(pd.unique(tidy["source"]))
    acts = list(pd.unique(tidy["activity"]))
    return {
        "total": float(tidy[amt].sum()),
        "by_source": tidy.groupby("source", sort=False)[amt].sum().reindex(srcs),
        "by_year": tidy.groupby("year")[amt].sum().sort_index(),
        "by_activity": tidy.groupby("activity", sort=False)[amt].sum().reindex(acts),
        "year_x_source": tidy.pivot_table(
            index="year", columns="source", values=amt, aggfunc="sum", fill_value=0.0
        ).reindex(columns=srcs),
        "activity_x_source": tidy.pivot_table(
            index="activity", columns="source", values=amt, aggfunc="sum", fill_value=0.0
        ).reindex(index=acts, columns=srcs),
    }


def checks(
    tidy: pd.DataFrame, params: dict | None = None, costs: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Check a budget table: fully financed, totals kept, shares within bounds, years in the period.

    Parameters
    ----------
    tidy : pandas.DataFrame
        After :func:`apply_envelopes` (may contain source ``unfunded``).
    params : dict, optional
        Reads ``budget.share_bounds`` and the programme period.
    costs : pandas.DataFrame, optional
        From :func:`activity_costs`; when given, each activity's total in the
        table must equal its cost.

    Returns
    -------
    pandas.DataFrame
        check, subject, value, bound, ok, message (Vietnamese / English).

    Raises
    ------
    ValueError
        Missing columns or a bound naming an unknown source.
    """
    p = _params(params)
    b = p["budget"]
    _require_columns(tidy, ("activity", "year", "source", "amount_mvnd"), "tidy")
    rows = []
    unfunded = tidy[tidy["source"] == UNFUNDED].groupby("activity")["amount_mvnd"].sum()
    for a in pd.unique(tidy["activity"]):
        gap = float(unfunded.get(a, 0.0))
        rows.append(
            {
                "check": "financed",
                "subject": a,
                "value": gap,
                "bound": 0.0,
                "ok": gap <= 1e-6,
                "message": "Đủ nguồn / fully financed"
                if gap <= 1e-6
                else f"Thiếu {_num(gap)} tr.đ chưa có nguồn / {gap:,.1f} million VND unfunded",
            }
        )
    if costs is not None:
        _require_columns(costs, ("activity", "cost_mvnd"), "costs")
        want = costs.groupby("activity", sort=False)["cost_mvnd"].sum()
        have = tidy.groupby("activity")["amount_mvnd"].sum().reindex(want.index, fill_value=0.0)
        for a, w in want.items():
            ok = abs(have[a] - w) <= 1e-6 * max(1.0, abs(w))
            rows.append(
                {
                    "check": "total_kept",
                    "subject": a,
                    "value": float(have[a]),
                    "bound": float(w),
                    "ok": bool(ok),
                    "message": "Khớp tổng chi phí / matches the cost total"
                    if ok
                    else "Lệch so với tổng chi phí / differs from the cost total",
                }
            )
    funded = tidy[tidy["source"] != UNFUNDED]
    total = float(funded["amount_mvnd"].sum())
    by_source = funded.groupby("source")["amount_mvnd"].sum()
    for name, bound in b["share_bounds"].items():
        unknown = sorted(set(bound["sources"]) - set(b["sources"]))
        if unknown:
            raise ValueError(
                f"budget.share_bounds.{name}: nguồn không hợp lệ / unknown sources {unknown}"
            )
        share = (
            float(by_source.reindex(bound["sources"], fill_value=0.0).sum() / total)
            if total > 0
            else 0.0
        )
        lo, hi = float(bound["min"]), float(bound["max"])
        ok = lo - 1e-9 <= share <= hi + 1e-9
        rows.append(
            {
                "check": "share_bounds",
                "subject": name,
                "value": share,
                "bound": f"{_pct(lo, 0)}–{_pct(hi, 0)}",
                "ok": ok,
                "message": (
                    f"Tỷ lệ {_pct(share)} trong khoảng {_pct(lo, 0)}–{_pct(hi, 0)} / share within bounds"
                )
                if ok
                else (
                    f"Tỷ lệ {_pct(share)} ngoài khoảng {_pct(lo, 0)}–{_pct(hi, 0)} "
                    f"(giả định, budget.share_bounds.{name}) / share outside bounds"
                ),
            }
        )
    years = programme_years(p)
    outside = sorted(set(int(y) for y in tidy["year"]) - set(years))
    rows.append(
        {
            "check": "years_in_period",
            "subject": "year",
            "value": ", ".join(map(str, outside)),
            "bound": f"{years[0]}–{years[-1]}",
            "ok": not outside,
            "message": "Mọi khoản trong giai đoạn chương trình / all amounts within the programme period"
            if not outside
            else "Có khoản ngoài giai đoạn chương trình / amounts outside the programme period",
        }
    )
    return pd.DataFrame(rows, columns=["check", "subject", "value", "bound", "ok", "message"])


# ---------------------------------------------------------------- whole pipeline, scenarios


def build(inputs: dict, params: dict | None = None, scheme: str | None = None) -> dict:
    """Run the whole budget pipeline.

    Parameters
    ----------
    inputs : dict
        See :func:`activity_costs`.
    params : dict, optional
    scheme : str, optional
        ``current`` or ``legacy``; defaults to ``programme.scheme``.

    Returns
    -------
    dict
        ``costs``, ``phased``, ``required`` (tidy before envelopes), ``tidy``
        (after envelopes), ``gaps``, ``checks``, ``totals``, ``scheme``,
        ``inputs_used``.

    Raises
    ------
    ValueError
        From the steps.
    """
    p = _params(params)
    scheme = scheme or p["programme"]["scheme"]
    costs = activity_costs(inputs, p)
    phased = phase(costs, p)
    required = split_sources(phased, p, scheme)
    tidy, gaps = apply_envelopes(required, p)
    return {
        "costs": costs,
        "phased": phased,
        "required": required,
        "tidy": tidy,
        "gaps": gaps,
        "checks": checks(tidy, p, costs),
        "totals": totals(tidy),
        "scheme": scheme,
        "inputs_used": {
            "pilots": "02_pilots" if chosen_pilots(inputs.get("pilots")) is not None else "params",
            "capacity": "04_capacity"
            if capacity_lines(inputs.get("capacity")) is not None
            else "params",
        },
    }


def control_overrides(
    params: dict | None = None,
    envelopes: dict | None = None,
    socialised_factor: float | None = None,
    smart_count: int | None = None,
    ecommerce_count: int | None = None,
) -> dict:
    """Build a params override from the notebook's interactive controls.

    Parameters
    ----------
    params : dict, optional
        Resolved params; its ``budget.envelopes`` are kept for the sources
        not set here (an override replaces the whole open mapping).
    envelopes : dict, optional
        ``{source: yearly ceiling in million VND}``; a blank/None value keeps
        the params' envelope for that source.
    socialised_factor : float, optional
        ``budget.socialised_factor``.
    smart_count, ecommerce_count : int, optional
        ``budget.pilots.smart_count`` / ``ecommerce_count``.

    Returns
    -------
    dict
        ``{"budget": {...}}`` with only the values given; ``{}`` if none.

    Raises
    ------
    ValueError
        A ceiling that is not a number ≥ 0.
    """
    b: dict[str, Any] = {}
    env = {}
    for source, value in (envelopes or {}).items():
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        try:
            v = (
                float(str(value).replace(" ", "").replace(",", "."))
                if isinstance(value, str)
                else float(value)
            )
        except ValueError:
            raise ValueError(
                f"Trần vốn {source}: cần số / envelope must be a number, got {value!r}"
            ) from None
        if v < 0 or not math.isfinite(v):
            raise ValueError(f"Trần vốn {source} phải ≥ 0 / envelope must be ≥ 0")
        env[source] = v
    if env:
        b["envelopes"] = {**copy.deepcopy(_params(params)["budget"]["envelopes"]), **env}
    if socialised_factor is not None:
        b["socialised_factor"] = float(socialised_factor)
    pilots = {}
    if smart_count is not None:
        pilots["smart_count"] = int(smart_count)
    if ecommerce_count is not None:
        pilots["ecommerce_count"] = int(ecommerce_count)
    if pilots:
        b["pilots"] = pilots
    return {"budget": b} if b else {}


def scenarios(inputs: dict, params: dict | None = None, scheme: str | None = None) -> pd.DataFrame:
    """Run every scenario of ``budget.scenarios`` and compare them side by side.

    Parameters
    ----------
    inputs : dict
        See :func:`activity_costs`.
    params : dict, optional
        ``budget.scenarios``: list of ``{name, label, overrides}``; each
        ``overrides`` is merged on top of ``params``.
    scheme : str, optional

    Returns
    -------
    pandas.DataFrame
        One row per scenario: scenario, label, total_mvnd, funded_mvnd,
        unfunded_mvnd, socialised_share, then one ``<source>_mvnd`` column per
        source of ``budget.sources``.

    Raises
    ------
    ValueError
        A malformed scenario entry or duplicate names.
    ntmplan.core.errors.ParamsError
        Bad override keys.
    """
    p = _params(params)
    b = p["budget"]
    rows = []
    seen = set()
    for i, sc in enumerate(b["scenarios"]):  # a handful of scenarios
        if (
            not isinstance(sc, dict)
            or not isinstance(sc.get("name"), str)
            or not isinstance(sc.get("overrides", {}), dict)
        ):
            raise ValueError(
                f"budget.scenarios[{i}]: cần {{name, label, overrides}} / needs name, label, overrides"
            )
        if sc["name"] in seen:
            raise ValueError(f"budget.scenarios: trùng tên / duplicate name {sc['name']!r}")
        seen.add(sc["name"])
        ps = apply_overrides(p, sc.get("overrides") or {}, f"budget.scenarios[{sc['name']}]")
        res = build(inputs, ps, scheme)
        tidy = res["tidy"]
        by = tidy.groupby("source")["amount_mvnd"].sum()
        total = float(tidy["amount_mvnd"].sum())
        unfunded = float(by.get(UNFUNDED, 0.0))
        funded = total - unfunded
        soc = float(by.reindex(ps["budget"]["socialised_sources"], fill_value=0.0).sum())
        row = {
            "scenario": sc["name"],
            "label": str(sc.get("label") or sc["name"]),
            "total_mvnd": total,
            "funded_mvnd": funded,
            "unfunded_mvnd": unfunded,
            "socialised_share": soc / funded if funded > 0 else 0.0,
        }
        row.update({f"{s}_mvnd": float(by.get(s, 0.0)) for s in b["sources"]})
        rows.append(row)
    return pd.DataFrame(rows)


# ---------------------------------------------------------------- central funds across communes


def allocate_central(
    survey: pd.DataFrame, envelope_mvnd: float, params: dict | None = None
) -> pd.DataFrame:
    """Spread a central envelope across the province's rural communes by category weight.

    Each commune's weight is the highest weight among its categories
    (``commune_category`` may hold several codes separated by ``;`` or ``,``;
    a ``đặc khu`` unit also counts as ``budget.special_zone_category``; a
    missing category counts as ``budget.missing_category``). Only the unit
    types of ``budget.scope_unit_types`` receive funds. Amount = envelope ×
    weight / sum of weights.

    Parameters
    ----------
    survey : pandas.DataFrame
        commune_code, commune_name, unit_type, commune_category.
    envelope_mvnd : float
        Central funds to spread (≥ 0).
    params : dict, optional
        ``budget.category_weights`` (2026–2030 profile: the published weights).

    Returns
    -------
    pandas.DataFrame
        commune_code, commune_name, unit_type, commune_category,
        category_applied, weight, share, amount_mvnd (sorted by amount, then code).

    Raises
    ------
    ValueError
        Missing columns, negative envelope, unknown category or negative weight.
    """
    p = _params(params)
    b = p["budget"]
    _require_columns(
        survey, ("commune_code", "commune_name", "unit_type", "commune_category"), "survey"
    )
    if envelope_mvnd is None or not math.isfinite(float(envelope_mvnd)) or float(envelope_mvnd) < 0:
        raise ValueError(
            f"Trần vốn trung ương phải ≥ 0 / the central envelope must be ≥ 0, got {envelope_mvnd!r}"
        )
    weights = {k: float(v) for k, v in b["category_weights"].items()}
    if any(v < 0 for v in weights.values()):
        raise ValueError("budget.category_weights phải ≥ 0 / weights must be ≥ 0")
    scope = survey[survey["unit_type"].isin(b["scope_unit_types"])].reset_index(drop=True)
    cat = scope["commune_category"].where(scope["commune_category"].notna(), "").astype(str)
    special = pd.Series(
        np.where(scope["unit_type"] == "đặc khu", b["special_zone_category"], ""), index=scope.index
    )
    codes = (cat + ";" + special).str.replace(",", ";").str.split(";").explode().str.strip()
    codes = codes[codes != ""]
    unknown = sorted(set(codes) - set(weights))
    if unknown:
        raise ValueError(
            f"Phân loại xã không có trong budget.category_weights / unknown commune categories: {unknown}"
        )
    w = codes.map(weights)
    best = pd.DataFrame({"code": codes, "w": w}).sort_values(["w"], ascending=False, kind="stable")
    best = best[~best.index.duplicated(keep="first")].reindex(scope.index)
    missing = b["missing_category"]
    if missing not in weights:
        raise ValueError(
            f"budget.missing_category {missing!r} không có trong category_weights / not in category_weights"
        )
    applied = best["code"].fillna(missing)
    weight = best["w"].fillna(weights[missing])
    total = float(weight.sum())
    share = weight / total if total > 0 else weight * 0.0
    out = pd.DataFrame(
        {
            "commune_code": scope["commune_code"],
            "commune_name": scope["commune_name"],
            "unit_type": scope["unit_type"],
            "commune_category": scope["commune_category"],
            "category_applied": applied,
            "weight": weight.astype(float),
            "share": share.astype(float),
            "amount_mvnd": share.astype(float) * float(envelope_mvnd),
        }
    )
    return out.sort_values(
        ["amount_mvnd", "commune_code"], ascending=[False, True], kind="stable"
    ).reset_index(drop=True)


# ---------------------------------------------------------------- best use of a limited envelope

#: Column names read by :func:`best_use` / :func:`greedy_use` (override via arguments).
GAP_COLUMNS = {"cost": "total_gap_mvnd", "feasible": "attainable", "eligible": "eligible"}


def _prepare_gaps(
    gap_costs_df: pd.DataFrame, budget_mvnd: float, cost_col: str, feasible_col: str, value_col
):
    cols = ["commune_code", cost_col, feasible_col] + ([value_col] if value_col else [])
    _require_columns(gap_costs_df, cols, "gap_costs")
    if budget_mvnd is None or not math.isfinite(float(budget_mvnd)) or float(budget_mvnd) < 0:
        raise ValueError(f"Ngân sách phải ≥ 0 / budget must be ≥ 0, got {budget_mvnd!r}")
    df = gap_costs_df.reset_index(drop=True).copy()
    cost = pd.to_numeric(df[cost_col], errors="coerce")
    if cost.isna().any() or (cost < 0).any():
        raise ValueError(f"{cost_col}: cần số ≥ 0 / must be numbers ≥ 0")
    df["_cost"] = cost.astype(float)
    df["_feasible"] = df[feasible_col].fillna(False).astype(bool)
    df["_value"] = (
        pd.to_numeric(df[value_col], errors="coerce").fillna(0.0).astype(float)
        if value_col
        else 1.0
    )
    if (df["_value"] < 0).any():
        raise ValueError(f"{value_col}: cần số ≥ 0 / must be ≥ 0")
    eligible_col = GAP_COLUMNS["eligible"]
    if eligible_col in df.columns:
        df["_already"] = df[eligible_col].fillna(False).astype(bool)
    else:
        df["_already"] = df["_feasible"] & (df["_cost"] <= _TOL)
    df["_cand"] = df["_feasible"] & ~df["_already"]
    return df


def _finish(df: pd.DataFrame, chosen: np.ndarray) -> pd.DataFrame:
    df["already_meets"] = df["_already"]
    df["funded"] = chosen & df["_cand"].to_numpy()
    df["meets_after"] = df["already_meets"] | df["funded"]
    df["priority_value"] = df["_value"]
    df = df.sort_values(
        ["funded", "_cost", "commune_code"], ascending=[False, True, True], kind="stable"
    )
    return df.drop(columns=["_cost", "_feasible", "_value", "_already", "_cand"]).reset_index(
        drop=True
    )


def best_use(
    gap_costs_df: pd.DataFrame,
    budget_mvnd: float,
    cost_col: str = GAP_COLUMNS["cost"],
    feasible_col: str = GAP_COLUMNS["feasible"],
    value_col: str | None = None,
) -> pd.DataFrame:
    """Choose which communes' shortfalls to fund so the most communes meet every pilot condition.

    An integer programme (``scipy.optimize.milp``, 0/1 knapsack): maximise
    the number (or, with ``value_col``, the total value) of communes funded
    subject to the sum of their gap-closing costs ≤ ``budget_mvnd``; among
    optimal choices the cheapest (a second MILP fixes the optimum and
    minimises cost). Candidates are communes flagged as able to meet all
    conditions (``feasible_col``) that do not meet them yet (column
    ``eligible`` when present, else cost 0); a commune is funded wholly or not
    at all.

    Parameters
    ----------
    gap_costs_df : pandas.DataFrame
        One row per commune, e.g. ``ntmplan.tasks.pilots.gap_costs``: commune_code,
        ``cost_col`` (million VND), ``feasible_col`` (bool), optionally
        ``eligible`` and ``value_col`` (priority ≥ 0).
    budget_mvnd : float
        Funds available (≥ 0).
    cost_col, feasible_col, value_col : str
        Column names (defaults: ``total_gap_mvnd``, ``attainable``, none = count).

    Returns
    -------
    pandas.DataFrame
        The input columns plus already_meets, funded, meets_after (bools) and
        priority_value (1 when no value column); funded rows first, cheapest first.

    Raises
    ------
    ValueError
        Missing columns, negative costs or budget, or the solver failing.
    """
    from scipy.optimize import Bounds, LinearConstraint, milp

    df = _prepare_gaps(gap_costs_df, budget_mvnd, cost_col, feasible_col, value_col)
    chosen = np.zeros(len(df), dtype=bool)
    idx = np.flatnonzero(df["_cand"].to_numpy())
    if len(idx):
        c = df["_cost"].to_numpy()[idx]
        v = df["_value"].to_numpy()[idx]
        integ = np.ones(len(idx))
        bounds = Bounds(0, 1)
        cap = LinearConstraint(c[None, :], -np.inf, float(budget_mvnd))
        opts = {"mip_rel_gap": 0.0}
        first = milp(-v, constraints=[cap], integrality=integ, bounds=bounds, options=opts)
        if not first.success:
            raise ValueError(f"Bộ giải MILP thất bại / MILP solver failed: {first.message}")
        best_v = float(v @ np.round(first.x))
        keep_best = LinearConstraint(v[None, :], best_v - 1e-6, np.inf)
        second = milp(
            c, constraints=[cap, keep_best], integrality=integ, bounds=bounds, options=opts
        )
        x = second.x if second.success else first.x
        chosen[idx] = np.round(x).astype(bool)
    return _finish(df, chosen)


def greedy_use(
    gap_costs_df: pd.DataFrame,
    budget_mvnd: float,
    cost_col: str = GAP_COLUMNS["cost"],
    feasible_col: str = GAP_COLUMNS["feasible"],
    value_col: str | None = None,
) -> pd.DataFrame:
    """Greedy comparison for :func:`best_use`: fund by value per cost, cheapest first.

    Takes candidates in order of value/cost (descending), then cost
    (ascending), while they fit. Without a value column this is
    cheapest-first, which already maximises the count; with values it can be
    beaten by :func:`best_use`.

    Parameters
    ----------
    gap_costs_df, budget_mvnd, cost_col, feasible_col, value_col
        As :func:`best_use`.

    Returns
    -------
    pandas.DataFrame
        As :func:`best_use`.

    Raises
    ------
    ValueError
        As :func:`best_use`.
    """
    df = _prepare_gaps(gap_costs_df, budget_mvnd, cost_col, feasible_col, value_col)
    cand = df[df["_cand"]]
    ratio = cand["_value"] / cand["_cost"].where(cand["_cost"] > 0, np.nan)
    order = cand.assign(_ratio=ratio.fillna(np.inf)).sort_values(
        ["_ratio", "_cost", "commune_code"], ascending=[False, True, True], kind="stable"
    )
    taken = []
    left = float(budget_mvnd)
    for i, cost in zip(
        order.index, order["_cost"], strict=True
    ):  # sequential: what is left depends on earlier picks
        if cost <= left + 1e-9:
            taken.append(i)
            left -= cost
    return _finish(df, df.index.isin(taken))


def central_envelope(result: dict, params: dict | None = None) -> float:
    """Return the central envelope to spread across communes.

    Parameters
    ----------
    result : dict
        From :func:`build`.
    params : dict, optional
        ``budget.central_envelope_mvnd``; 0 means the central budget total of
        the budget table (after envelopes).

    Returns
    -------
    float
        Million VND.
    """
    value = float(_params(params)["budget"]["central_envelope_mvnd"])
    if value > 0:
        return value
    tidy = result["tidy"]
    return float(tidy.loc[tidy["source"] == "central", "amount_mvnd"].sum())


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


# ---------------------------------------------------------------- display and export


def labelled(tidy: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Replace activity and source codes by their Vietnamese labels (for display and export).

    Parameters
    ----------
    tidy : pandas.DataFrame
        Any frame with ``activity``, ``source``, ``moved_to`` and/or ``subject``
        (checks) columns.
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        A copy with labelled values.
    """
    b = _params(params)["budget"]
    out = tidy.copy()
    if "activity" in out:
        names = {a: _activity_label(a, b) for a in pd.unique(out["activity"])}
        out["activity"] = out["activity"].map(names)
    if "subject" in out:  # checks: an activity code, a share-bound name or "year"
        known = set(b["activities"]) | set(b.get("other_items") or {})
        names = {a: _activity_label(a, b) if a in known else a for a in pd.unique(out["subject"])}
        out["subject"] = out["subject"].map(names)
    for col in ("source", "moved_to"):
        if col in out:
            names = {s: _source_label(s, b) if s else "" for s in pd.unique(out[col])}
            out[col] = out[col].map(names)
    return out


def pivot(tidy: pd.DataFrame, rows: str, params: dict | None = None) -> pd.DataFrame:
    """Pivot a tidy budget table to ``rows`` × source with labelled headers and totals.

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd.
    rows : str
        ``year`` or ``activity``.
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        First column the row label, one column per source (Vietnamese
        labels), a total column; last row the total.

    Raises
    ------
    ValueError
        ``rows`` not ``year`` / ``activity`` or missing columns.
    """
    if rows not in ("year", "activity"):
        raise ValueError(
            f"rows phải là 'year' hoặc 'activity' / must be 'year' or 'activity', got {rows!r}"
        )
    b = _params(params)["budget"]
    t = totals(tidy)
    tab = t["year_x_source"] if rows == "year" else t["activity_x_source"]
    order = [s for s in list(b["sources"]) + [UNFUNDED] if s in tab.columns]
    tab = tab.reindex(columns=order)
    tab.columns = [_source_label(s, b) for s in order]
    total_label = "Tổng / Total"
    tab[total_label] = tab.sum(axis=1)
    index = (
        [str(i) for i in tab.index]
        if rows == "year"
        else [_activity_label(a, b) for a in tab.index]
    )
    tab.index = index
    tab.loc[total_label] = tab.sum(axis=0)
    return tab.rename_axis(LABELS[rows]).reset_index()


def labels(params: dict | None = None) -> dict[str, str]:
    """Return :data:`LABELS` plus a label for every ``<source>_mvnd`` column (scenario table).

    Parameters
    ----------
    params : dict, optional

    Returns
    -------
    dict
    """
    b = _params(params)["budget"]
    return LABELS | {f"{s}_mvnd": f"{_source_label(s, b)} (triệu đồng)" for s in b["sources"]}


def export_tables(
    result: dict, params: dict | None = None, extra: dict | None = None
) -> dict[str, pd.DataFrame]:
    """Build the sheets of ``budget.xlsx`` with Vietnamese headers and labels.

    Parameters
    ----------
    result : dict
        From :func:`build`.
    params : dict, optional
    extra : dict, optional
        More sheets (name → DataFrame with English columns, relabelled via LABELS).

    Returns
    -------
    dict of str to DataFrame
        ``Chi tiết`` (tidy), ``Năm x Nguồn (triệu đồng)``, ``Hoạt động x Nguồn (triệu đồng)``,
        ``Chi phí`` (cost lines with basis), ``Vượt trần`` (gaps), then ``extra``.
    """
    p = _params(params)

    names = labels(p)

    def vi(df: pd.DataFrame) -> pd.DataFrame:
        return labelled(df, p).rename(columns=names)

    sheets = {
        "Chi tiết": vi(result["tidy"]),
        "Năm x Nguồn (triệu đồng)": pivot(result["tidy"], "year", p),
        "Hoạt động x Nguồn (triệu đồng)": pivot(result["tidy"], "activity", p),
        "Chi phí": vi(result["costs"]),
        "Vượt trần": vi(result["gaps"]),
    }
    for name, df in (extra or {}).items():
        sheets[name] = vi(df)
    return sheets


#: Excel number formats: amounts in million VND, shares, weights.
NUMBER_FORMATS = {"mvnd": "#,##0.0", "share": "0.0%", "weight": "0.00"}


def write_xlsx(path, sheets: dict[str, pd.DataFrame]):
    """Write the budget workbook with number formats (million VND, shares).

    Uses ``ntmplan.core.writers.fill_sheet`` / ``save_workbook`` (deterministic bytes,
    formula neutralisation, frozen header) and then formats every float
    column: shares (header with "Tỷ lệ" / "Share") as ``0.0%``, weights
    ("Hệ số") as ``0.00``, other floats as million VND ``#,##0.0``.

    Parameters
    ----------
    path : str or Path
    sheets : dict of str to DataFrame
        e.g. from :func:`export_tables` (headers already Vietnamese).

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``sheets`` is empty.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from ntmplan.core.writers import fill_sheet, save_workbook

    if not sheets:
        raise ValueError("write_xlsx: cần ít nhất một trang / needs at least one sheet")
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(str(name)[:31])
        fill_sheet(ws, df)
        for j, col in enumerate(df.columns, start=1):
            if not pd.api.types.is_float_dtype(df[col]):
                continue
            head = str(col)
            kind = (
                "share"
                if ("Tỷ lệ" in head or "Share" in head)
                else "weight"
                if "Hệ số" in head
                else "mvnd"
            )
            letter = get_column_letter(j)
            for (cell,) in ws[f"{letter}2:{letter}{len(df) + 1}"] if len(df) else []:
                cell.number_format = NUMBER_FORMATS[kind]
    return save_workbook(wb, path)


def assumptions(params: dict | None = None, province_code: str | None = None) -> pd.DataFrame:
    """List the ``budget`` params with their resolved values and their source or assumption.

    Sources are the end-of-line comments of ``params/defaults.yaml``, replaced
    by those of the active programme profile, then of the province overlay,
    where they set the key.

    Parameters
    ----------
    params : dict, optional
    province_code : str, optional
        Read the comments of ``params/provinces/<code>-*.yaml`` too.

    Returns
    -------
    pandas.DataFrame
        key (dotted), value (text; JSON for lists and mappings), reference
        (the params comment: source or assumption).

    Raises
    ------
    OSError
        If the params files cannot be read.
    """
    from ntmplan.core import paths
    from ntmplan.core.params import province_file, section_sources

    p = _params(params)
    files = [paths.DEFAULTS_FILE]
    profile = paths.PROFILES_DIR / f"{p['programme']['profile']}.yaml"
    if profile.is_file():
        files.append(profile)
    overlay = province_file(province_code) if province_code else None
    if overlay is not None:
        files.append(overlay)
    table = section_sources("budget", p, files=files, style="inline")
    return table.rename(columns={"source": "reference"})


# ---------------------------------------------------------------- summary


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
    p = _params(params)
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
    unfunded_rows = gaps[gaps["unfunded_mvnd"].astype(float) > _TOL] if len(gaps) else gaps
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
