"""Review of the current state of digital transformation (guidance task 1, notebook 01).

Pure functions: survey frame (+ params) in, frames out.

- :func:`commune_indicators` — per-commune indicators of four pillars (shares 0–1,
  per-1,000 figures, counts, yes/no flags).
- :func:`readiness_index` — a 0–100 score per pillar and overall (weights and caps in
  ``params["status"]``).
- :func:`province_aggregates` — household-weighted means, plain means and quantiles.
- :func:`extremes` — the weakest and strongest communes.
- :func:`target_progress` — Decision 924 commune-level 2025 targets: value, target, met,
  communes needed.
- :func:`compare_years` — per province, key indicators in two survey years and the change.
- :func:`summary` — JSON-serialisable key figures for ``summary_01_status.json``.
- :func:`assumptions` — the ``status`` params with their resolved values and sources.

Zero denominators
-----------------
A share whose denominator is 0 is ``NaN`` (not 0): a commune without cooperatives has no
"share of cooperatives using digital platforms", a commune without OCOP products no OCOP online
share. The same rule protects the other shares and per-1,000 figures (households, villages,
officials, population are ≥ 1 in a validated survey, but the functions do not rely on it).
In the index, ``status.missing_indicator`` decides: ``reweight`` (default) leaves the indicator
out and rescales its pillar's remaining weights; ``zero`` scores it 0. A pillar with no
computable indicator is ``NaN`` and the overall score is re-weighted over the other pillars.
Aggregates skip ``NaN`` values (their weights are dropped with them).

Scope
-----
Aggregates, extremes, targets, comparisons and the summary count only units whose
``unit_type`` is in ``status.scope_unit_types`` (default xã and đặc khu: NTM concerns rural
units). Indicators and the index are computed for every row.

Summary keys (read by notebooks 06 and 00)
------------------------------------------
``year`` (int or None)
    Survey year (the latest in the frame).
``n_units`` (int)
    Rows in the survey frame (all unit types).
``n_communes`` (int)
    Units in scope (rural communes and special zones).
``readiness_overall`` (float)
    Headline figure (read by the index pages): the household-weighted mean of the overall
    index, 0–100 (same as ``readiness_overall_weighted``).
``readiness_overall_mean`` (float)
    Plain mean of the overall index over the communes in scope (each commune counts once), 0–100.
``readiness_overall_weighted`` (float)
    Household-weighted mean of the overall index, 0–100.
``readiness_pillars`` / ``readiness_pillars_weighted`` (dict pillar → float)
    The same per pillar (keys ``infrastructure``, ``digital_government``, ``digital_economy``,
    ``digital_society``).
``readiness_quantiles`` (dict ``p10``… → float)
    Quantiles of the overall index.
``indicators_weighted`` (dict indicator → float)
    Household-weighted province value of every indicator.
``targets_total`` / ``targets_met`` (int)
    Number of 924 targets assessed and met.
``targets`` (dict target id → dict)
    ``label_vi``, ``value``, ``target``, ``met`` (bool), ``communes_met``, ``communes_total``,
    ``communes_needed`` for ``files_online``, ``criterion_8_4``, ``cooperatives``,
    ``digital_service``.
``weakest_communes`` / ``strongest_communes`` (list of dict)
    ``commune_code``, ``commune_name``, ``overall`` (index 0–100), weakest first / strongest first.

Floats are rounded to 4 decimals; a value that cannot be computed is ``None``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import numpy as np
import pandas as pd

from ntmplan.core.errors import MissingColumnError

#: Multiplier of the per-1,000 indicators (a unit definition, not policy).
PER_1000 = 1000.0

#: Pillar keys in display order.
PILLARS = ("infrastructure", "digital_government", "digital_economy", "digital_society")

#: Short Vietnamese pillar names for charts.
PILLAR_LABELS: dict[str, str] = {
    "infrastructure": "Hạ tầng số",
    "digital_government": "Chính quyền số",
    "digital_economy": "Kinh tế số",
    "digital_society": "Xã hội số",
    "overall": "Chỉ số chung",
}

#: Vietnamese (/ English) labels of every output column.
LABELS: dict[str, str] = {
    # identifiers
    "province_code": "Mã tỉnh / province code",
    "commune_code": "Mã xã / commune code",
    "commune_name": "Tên xã / commune",
    "unit_type": "Loại đơn vị / unit type",
    # infrastructure
    "villages_fiber_share": "Tỷ lệ thôn có cáp quang / villages with fibre",
    "villages_4g_share": "Tỷ lệ thôn có 4G/5G / villages with 4G/5G",
    "postal_point": "Có điểm phục vụ bưu chính (8.1) / postal point",
    "radio_it": "Đài truyền thanh ứng dụng CNTT (8.3) / IT-based radio",
    # digital government
    "officials_computer_share": "Tỷ lệ cán bộ có máy tính nối mạng / officials with computer",
    "officials_email_share": "Tỷ lệ cán bộ dùng thư công vụ / officials using e-mail",
    "officials_eoffice_share": "Tỷ lệ cán bộ dùng văn phòng điện tử / officials using e-office",
    "files_online_share": "Tỷ lệ hồ sơ xử lý trên môi trường mạng / files processed online",
    "criterion_8_4": "Đạt chỉ tiêu 8.4 / indicator 8.4 met",
    # digital economy
    "has_cooperative": "Có hợp tác xã / has a cooperative",
    "cooperatives_digital_share": "Tỷ lệ HTX dùng nền tảng số / cooperatives on digital platforms",
    "ocop_online_share": "Tỷ lệ sản phẩm OCOP bán trên sàn TMĐT / OCOP products online",
    "selling_online_per_1000_households": "Hộ bán hàng trực tuyến trên 1.000 hộ / households selling online per 1,000",
    "digital_providers": "Số doanh nghiệp dịch vụ số huy động được / digital providers",
    # digital society
    "households_internet_share": "Tỷ lệ hộ có kết nối Internet / households with internet",
    "households_smart_device_share": "Tỷ lệ hộ có thiết bị thông minh / households with smart device",
    "households_internet_smart_share": "Tỷ lệ hộ có cả Internet và thiết bị thông minh / households with both",
    "digital_services": "Số dịch vụ thiết yếu trên nền tảng số / essential digital services",
    "has_digital_service": "Có ít nhất 1 dịch vụ thiết yếu số / at least one digital service",
    "community_tech_per_1000_residents": "Thành viên tổ CNS cộng đồng trên 1.000 dân / community tech members per 1,000",
    # index
    "infrastructure": "Hạ tầng số (0–100) / infrastructure",
    "digital_government": "Chính quyền số (0–100) / digital government",
    "digital_economy": "Kinh tế số (0–100) / digital economy",
    "digital_society": "Xã hội số (0–100) / digital society",
    "overall": "Chỉ số sẵn sàng chung (0–100) / overall readiness",
    # aggregates
    "measure": "Chỉ tiêu / measure",
    "label": "Nội dung / label",
    "weighted_mean": "Bình quân gia quyền theo số hộ / household-weighted mean",
    "mean": "Bình quân các xã / mean over communes",
    "n": "Số xã có số liệu / communes with data",
    # extremes
    "group": "Nhóm / group",
    "rank": "Thứ hạng / rank",
    # targets
    "target_id": "Mã chỉ tiêu / target id",
    "label_vi": "Chỉ tiêu QĐ 924 / Decision 924 target",
    "value": "Giá trị của tỉnh / province value",
    "target": "Mục tiêu 2025 / 2025 target",
    "met": "Đạt / met",
    "communes_met": "Số xã đạt / communes meeting it",
    "communes_total": "Tổng số xã / communes",
    "communes_needed": "Số xã cần thêm / more communes needed",
    # comparison
    "indicator": "Chỉ tiêu / indicator",
    "year_before": "Năm trước / year before",
    "year_after": "Năm sau / year after",
    "before": "Giá trị trước / before",
    "after": "Giá trị sau / after",
    "change": "Thay đổi / change",
    # assumptions
    "key": "Tham số / parameter",
    "source": "Nguồn hoặc giả định / source or assumption",
}

#: Survey columns each indicator needs (numerator, denominator) — definitions, not policy.
_RATIOS: dict[str, tuple[str, str, float]] = {
    "villages_fiber_share": ("villages_fiber", "villages", 1.0),
    "villages_4g_share": ("villages_4g", "villages", 1.0),
    "officials_computer_share": ("officials_computer", "officials", 1.0),
    "officials_email_share": ("officials_email", "officials", 1.0),
    "officials_eoffice_share": ("officials_eoffice", "officials", 1.0),
    "cooperatives_digital_share": ("cooperatives_digital", "cooperatives", 1.0),
    "ocop_online_share": ("ocop_products_online", "ocop_products", 1.0),
    "selling_online_per_1000_households": ("households_selling_online", "households", PER_1000),
    "households_internet_share": ("households_internet", "households", 1.0),
    "households_smart_device_share": ("households_smart_device", "households", 1.0),
    "households_internet_smart_share": ("households_internet_smart", "households", 1.0),
    "community_tech_per_1000_residents": ("community_tech_members", "population", PER_1000),
}

#: Indicator columns in output order.
INDICATORS: tuple[str, ...] = (
    "villages_fiber_share",
    "villages_4g_share",
    "postal_point",
    "radio_it",
    "officials_computer_share",
    "officials_email_share",
    "officials_eoffice_share",
    "files_online_share",
    "criterion_8_4",
    "has_cooperative",
    "cooperatives_digital_share",
    "ocop_online_share",
    "selling_online_per_1000_households",
    "digital_providers",
    "households_internet_share",
    "households_smart_device_share",
    "households_internet_smart_share",
    "digital_services",
    "has_digital_service",
    "community_tech_per_1000_residents",
)

_TARGET_IDS = ("files_online", "criterion_8_4", "cooperatives", "digital_service")
_EPS = 1e-9


# ----------------------------------------------------------------- helpers


def _params(params: dict | None) -> dict:
    if params is None:
        from ntmplan.core.params import default_params

        params = default_params()
    return params["status"]


def _require(frame: pd.DataFrame, columns: Iterable[str], name: str) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise MissingColumnError(missing, name)


def _ratio(num: pd.Series, den: pd.Series, scale: float = 1.0) -> pd.Series:
    """``num / den * scale`` as float, NaN where the denominator is 0 or missing."""
    den = den.astype(float)
    return num.astype(float).div(den.where(den != 0)) * scale


def _scope_mask(survey: pd.DataFrame, sp: dict) -> pd.Series:
    _require(survey, ["unit_type"], "survey")
    return survey["unit_type"].isin(sp["scope_unit_types"])


def _check_aligned(a: pd.DataFrame, b: pd.DataFrame, names: str) -> None:
    if not a.index.equals(b.index):
        raise ValueError(
            f"Các bảng {names} phải có cùng chỉ mục (cùng hàng) / frames {names} must share the same index"
        )


def _weighted_mean(values: pd.DataFrame, weights: pd.Series) -> pd.Series:
    """Column-wise weighted mean skipping NaN values (their weights are dropped too)."""
    x = values.astype(float)
    w = pd.DataFrame({c: weights.astype(float) for c in x.columns}, index=x.index).where(x.notna())
    den = w.sum()
    return (x * w).sum() / den.where(den > 0)


def _grouped_weighted_mean(
    values: pd.DataFrame, weights: pd.Series, keys: pd.Series
) -> pd.DataFrame:
    """Per group, column-wise weighted mean skipping NaN values."""
    x = values.astype(float)
    w = pd.DataFrame({c: weights.astype(float) for c in x.columns}, index=x.index).where(x.notna())
    num = (x * w).groupby(keys).sum()
    den = w.groupby(keys).sum()
    return num / den.where(den > 0)


def _quantile_name(q: float) -> str:
    return f"p{100 * q:g}"


def _clean(value):
    """Make a scalar JSON-serialisable: numpy → Python, NaN → None, floats rounded to 4 places."""
    if value is None:
        return None
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return None if math.isnan(value) else round(float(value), 4)
    if value is pd.NA:
        return None
    return str(value)


# ----------------------------------------------------------------- indicators


def commune_indicators(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Compute the per-commune indicators of the four pillars.

    Shares are 0–1, per-1,000 figures per 1,000 households or residents, counts as
    float, flags (``postal_point``, ``radio_it``, ``criterion_8_4``, ``has_cooperative``,
    ``has_digital_service``) as bool. A share with a zero denominator is ``NaN``.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey rows (DESIGN.md columns).
    params : dict, optional
        Resolved params; reads ``status.targets.cooperatives.min_count`` and
        ``status.targets.digital_service.min_count``. Defaults to ``default_params()``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`INDICATORS`, same index as ``survey``.

    Raises
    ------
    MissingColumnError
        If a survey column needed is missing (the message names it).
    """
    sp = _params(params)
    needed = {c for pair in _RATIOS.values() for c in pair[:2]}
    needed |= {
        "postal_point",
        "radio_it",
        "files_online_share",
        "criterion_8_4",
        "digital_providers",
        "digital_services",
    }
    _require(survey, sorted(needed), "survey")
    out = pd.DataFrame(index=survey.index)
    for name, (num, den, scale) in _RATIOS.items():
        out[name] = _ratio(survey[num], survey[den], scale)
    out["postal_point"] = survey["postal_point"].astype(bool)
    out["radio_it"] = survey["radio_it"].astype(bool)
    out["files_online_share"] = survey["files_online_share"].astype(float)
    out["criterion_8_4"] = survey["criterion_8_4"].astype(bool)
    out["has_cooperative"] = survey["cooperatives"] >= sp["targets"]["cooperatives"]["min_count"]
    out["digital_providers"] = survey["digital_providers"].astype(float)
    out["digital_services"] = survey["digital_services"].astype(float)
    out["has_digital_service"] = (
        survey["digital_services"] >= sp["targets"]["digital_service"]["min_count"]
    )
    return out[list(INDICATORS)]


# ----------------------------------------------------------------- readiness index


def _check_index_params(sp: dict) -> None:
    problems = []
    if sp["missing_indicator"] not in ("reweight", "zero"):
        problems.append(f"status.missing_indicator = {sp['missing_indicator']!r} (reweight | zero)")
    for pillar, items in sp["indicators"].items():
        for name, spec in items.items():
            if spec["weight"] < 0:
                problems.append(f"status.indicators.{pillar}.{name}.weight < 0")
            if spec["cap"] <= 0:
                problems.append(f"status.indicators.{pillar}.{name}.cap ≤ 0")
    for pillar, weight in sp["pillar_weights"].items():
        if weight < 0:
            problems.append(f"status.pillar_weights.{pillar} < 0")
    if problems:
        raise ValueError(
            "Tham số chỉ số không hợp lệ / invalid index params: " + "; ".join(problems)
        )


def _weighted_score(scores: pd.DataFrame, weights: pd.Series, fill_zero: bool) -> pd.Series:
    """Row-wise weighted mean of scores; NaN scores re-weighted out (or counted 0)."""
    if fill_zero:
        scores = scores.fillna(0.0)
    w = pd.DataFrame(
        np.broadcast_to(weights.to_numpy(float), scores.shape),
        index=scores.index,
        columns=scores.columns,
    )
    w = w.where(scores.notna(), 0.0)
    den = w.sum(axis=1)
    num = (scores.fillna(0.0) * w).sum(axis=1)
    return num / den.where(den > 0)


def readiness_index(indicators: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Score each commune 0–100 per pillar and overall.

    Each indicator scores ``100 × min(value / cap, 1)`` (negative values score 0); a pillar is
    the weighted mean of its indicators' scores; ``overall`` the weighted mean of the pillars.
    Missing (NaN) indicators follow ``status.missing_indicator``.

    Parameters
    ----------
    indicators : pandas.DataFrame
        Output of :func:`commune_indicators` (at least the indicators listed in
        ``status.indicators``).
    params : dict, optional
        Resolved params (``status.indicators``, ``status.pillar_weights``,
        ``status.missing_indicator``).

    Returns
    -------
    pandas.DataFrame
        Columns ``infrastructure, digital_government, digital_economy, digital_society,
        overall`` (float 0–100), same index as ``indicators``.

    Raises
    ------
    MissingColumnError
        If an indicator named in params is not in ``indicators``.
    ValueError
        If a weight is negative, a cap not positive, or ``missing_indicator`` unknown.
    """
    sp = _params(params)
    _check_index_params(sp)
    spec = sp["indicators"]
    _require(indicators, [n for items in spec.values() for n in items], "indicators")
    fill_zero = sp["missing_indicator"] == "zero"
    out = pd.DataFrame(index=indicators.index)
    for pillar, items in spec.items():  # a handful of pillars
        names = list(items)
        caps = pd.Series({n: float(items[n]["cap"]) for n in names})
        weights = pd.Series({n: float(items[n]["weight"]) for n in names})
        scores = (indicators[names].astype(float) / caps).clip(lower=0.0, upper=1.0) * 100.0
        out[pillar] = _weighted_score(scores, weights, fill_zero)
    pillars = list(spec)
    pw = pd.Series({p: float(sp["pillar_weights"].get(p, 0.0)) for p in pillars})
    out["overall"] = _weighted_score(out[pillars], pw, fill_zero=False)
    return out


# ----------------------------------------------------------------- aggregates


def province_aggregates(
    survey: pd.DataFrame,
    indicators: pd.DataFrame,
    index: pd.DataFrame,
    params: dict | None = None,
) -> pd.DataFrame:
    """Summarise indicators and index over the communes in scope.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows (needs ``unit_type`` and the weight column ``status.aggregate_weight``).
    indicators : pandas.DataFrame
        Output of :func:`commune_indicators` (same index as ``survey``).
    index : pandas.DataFrame
        Output of :func:`readiness_index` (same index as ``survey``).
    params : dict, optional
        Resolved params (``status.scope_unit_types``, ``aggregate_weight``, ``quantiles``).

    Returns
    -------
    pandas.DataFrame
        One row per measure (index columns first, then indicators), index named ``measure``;
        columns ``label``, ``weighted_mean`` (household-weighted; a flag gives the share of
        households living in communes that meet it), ``mean`` (plain mean over communes; for a
        flag the share of communes), ``n`` (communes with a value) and one column per quantile
        (``p10``, ``p25``…). NaN values are skipped.

    Raises
    ------
    MissingColumnError
        If ``unit_type`` or the weight column is missing.
    ValueError
        If the three frames do not share the same index.
    """
    sp = _params(params)
    weight_col = sp["aggregate_weight"]
    _require(survey, ["unit_type", weight_col], "survey")
    _check_aligned(survey, indicators, "survey/indicators")
    _check_aligned(survey, index, "survey/index")
    mask = _scope_mask(survey, sp)
    values = pd.concat([index, indicators], axis=1)[mask].astype(float)
    weights = survey.loc[mask, weight_col]
    out = pd.DataFrame(index=pd.Index(values.columns, name="measure"))
    out["label"] = [LABELS.get(c, c) for c in values.columns]
    out["weighted_mean"] = _weighted_mean(values, weights)
    out["mean"] = values.mean()
    out["n"] = values.notna().sum().astype("int64")
    quantiles = list(sp["quantiles"])
    if len(values):
        qs = values.quantile(quantiles).T
        for q in quantiles:
            out[_quantile_name(q)] = qs[q]
    else:
        for q in quantiles:
            out[_quantile_name(q)] = np.nan
    return out


def extremes(
    survey: pd.DataFrame,
    index: pd.DataFrame,
    params: dict | None = None,
    column: str = "overall",
) -> pd.DataFrame:
    """List the weakest and strongest communes in scope by one index column.

    Ties are broken by commune code (ascending) so the result is deterministic. Communes whose
    score is NaN are left out. When the province has fewer than 2 × N communes a commune may
    appear in both groups.

    Parameters
    ----------
    survey : pandas.DataFrame
        Needs ``commune_code``, ``commune_name``, ``unit_type``.
    index : pandas.DataFrame
        Output of :func:`readiness_index`, same index as ``survey``.
    params : dict, optional
        Resolved params (``status.n_extremes``, ``status.scope_unit_types``).
    column : str
        Index column to rank by (default ``overall``).

    Returns
    -------
    pandas.DataFrame
        Columns ``group`` (``yếu nhất`` / ``mạnh nhất``), ``rank`` (1 = weakest resp. strongest),
        ``commune_code``, ``commune_name`` and the index columns.

    Raises
    ------
    MissingColumnError
        If an identifier column or ``column`` is missing.
    ValueError
        If the frames do not share the same index.
    """
    sp = _params(params)
    _require(survey, ["commune_code", "commune_name", "unit_type"], "survey")
    _require(index, [column], "index")
    _check_aligned(survey, index, "survey/index")
    n = int(sp["n_extremes"])
    mask = _scope_mask(survey, sp) & index[column].notna()
    table = pd.concat([survey.loc[mask, ["commune_code", "commune_name"]], index[mask]], axis=1)
    weak = table.sort_values(
        [column, "commune_code"], ascending=[True, True], kind="mergesort"
    ).head(n)
    strong = table.sort_values(
        [column, "commune_code"], ascending=[False, True], kind="mergesort"
    ).head(n)
    weak = weak.assign(group="yếu nhất", rank=np.arange(1, len(weak) + 1))
    strong = strong.assign(group="mạnh nhất", rank=np.arange(1, len(strong) + 1))
    out = pd.concat([weak, strong], ignore_index=True)
    first = ["group", "rank", "commune_code", "commune_name"]
    return out[first + [c for c in out.columns if c not in first]]


# ----------------------------------------------------------------- targets


def _count_target(target_id: str, label: str, flags: pd.Series, target: float) -> dict:
    n = int(len(flags))
    met_n = int(flags.sum())
    value = met_n / n
    needed = max(0, math.ceil(target * n - met_n - _EPS))
    return {
        "target_id": target_id,
        "label_vi": label,
        "value": value,
        "target": float(target),
        "met": needed == 0,
        "communes_met": met_n,
        "communes_total": n,
        "communes_needed": needed,
    }


def _files_online_target(label: str, share: pd.Series, officials: pd.Series, target: float) -> dict:
    o = officials.astype(float)
    s = share.astype(float)
    total = o.sum()
    value = float((o * s).sum() / total) if total > 0 else float("nan")
    deficit = target * total - float((o * s).sum())
    if deficit <= _EPS:
        needed = 0
    else:
        gains = (
            (o * (target - s)).where(s < target, 0.0).sort_values(ascending=False, kind="mergesort")
        )
        reached = np.flatnonzero(gains.cumsum().to_numpy() >= deficit - _EPS)
        needed = int(reached[0]) + 1 if len(reached) else int((s < target).sum())
    return {
        "target_id": "files_online",
        "label_vi": label,
        "value": value,
        "target": float(target),
        "met": needed == 0,
        "communes_met": int((s >= target - _EPS).sum()),
        "communes_total": int(len(s)),
        "communes_needed": needed,
    }


def target_progress(survey: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Measure progress against Decision 924's commune-level 2025 targets.

    The frame is treated as one area (one province); only units in ``status.scope_unit_types``
    count.

    - ``files_online``: value = officials-weighted mean of ``files_online_share``; met when
      ≥ target; ``communes_needed`` = fewest communes now below the target that must reach it
      (largest gain ``officials × (target − share)`` first) for the value to reach the target;
      ``communes_met`` = communes whose own share is ≥ target.
    - ``criterion_8_4``, ``cooperatives`` (``cooperatives ≥ min_count``), ``digital_service``
      (``digital_services ≥ min_count``): value = share of communes meeting it;
      ``communes_needed = max(0, ⌈target × n⌉ − met)``.

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one province.
    params : dict, optional
        Resolved params (``status.targets``, ``status.scope_unit_types``).

    Returns
    -------
    pandas.DataFrame
        One row per target: ``target_id``, ``label_vi``, ``value`` (0–1), ``target`` (0–1),
        ``met`` (bool), ``communes_met``, ``communes_total``, ``communes_needed`` (int).

    Raises
    ------
    MissingColumnError
        If a needed survey column is missing.
    ValueError
        If no unit is in scope, or ``files_online.method`` is not ``officials_weighted``.
    """
    sp = _params(params)
    _require(
        survey,
        [
            "unit_type",
            "officials",
            "files_online_share",
            "criterion_8_4",
            "cooperatives",
            "digital_services",
        ],
        "survey",
    )
    rural = survey[_scope_mask(survey, sp)]
    if rural.empty:
        raise ValueError(
            "Không có xã nào thuộc phạm vi đánh giá (status.scope_unit_types) / "
            "no unit in scope (status.scope_unit_types)"
        )
    t = sp["targets"]
    if t["files_online"]["method"] != "officials_weighted":
        raise ValueError(
            f"status.targets.files_online.method = {t['files_online']['method']!r}: "
            "chỉ hỗ trợ 'officials_weighted' / only 'officials_weighted' is implemented"
        )
    rows = [
        _files_online_target(
            t["files_online"]["label_vi"],
            rural["files_online_share"],
            rural["officials"],
            t["files_online"]["target"],
        ),
        _count_target(
            "criterion_8_4",
            t["criterion_8_4"]["label_vi"],
            rural["criterion_8_4"].astype(bool),
            t["criterion_8_4"]["target"],
        ),
        _count_target(
            "cooperatives",
            t["cooperatives"]["label_vi"],
            rural["cooperatives"] >= t["cooperatives"]["min_count"],
            t["cooperatives"]["target"],
        ),
        _count_target(
            "digital_service",
            t["digital_service"]["label_vi"],
            rural["digital_services"] >= t["digital_service"]["min_count"],
            t["digital_service"]["target"],
        ),
    ]
    out = pd.DataFrame(rows)
    return out.astype(
        {
            "met": bool,
            "communes_met": "int64",
            "communes_total": "int64",
            "communes_needed": "int64",
        }
    )


# ----------------------------------------------------------------- two survey years


def _province_values(
    survey: pd.DataFrame, sp: dict, params: dict | None, measures: list[str]
) -> pd.DataFrame:
    ind = commune_indicators(survey, params)
    idx = readiness_index(ind, params)
    values = pd.concat([idx, ind], axis=1)
    unknown = [m for m in measures if m not in values.columns]
    if unknown:
        raise ValueError(
            "status.compare_indicators có chỉ tiêu không xác định / unknown indicator(s): "
            + ", ".join(unknown)
        )
    mask = _scope_mask(survey, sp)
    return _grouped_weighted_mean(
        values.loc[mask, measures],
        survey.loc[mask, sp["aggregate_weight"]],
        survey.loc[mask, "province_code"],
    )


def compare_years(
    before: pd.DataFrame, after: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Compare key indicators per province between two surveys in the same (current) units.

    Each frame is reduced to household-weighted province values of the measures in
    ``status.compare_indicators`` (index columns or indicators; flags become the share of
    households in communes that meet them), over the units in scope.

    Parameters
    ----------
    before, after : pandas.DataFrame
        Validated surveys in current (2025) units, e.g. a converted 2023 survey and the 2025
        survey. Each should hold one survey year.
    params : dict, optional
        Resolved params (``status.compare_indicators`` and the index params).

    Returns
    -------
    pandas.DataFrame
        Long table: ``province_code``, ``indicator``, ``label``, ``year_before``, ``year_after``,
        ``before``, ``after``, ``change`` (after − before; index points for the index, share
        points 0–1 for shares). Provinces present in only one frame have NaN on the other side.
        Sorted by province code, then the order of ``compare_indicators``.

    Raises
    ------
    MissingColumnError
        If a survey column is missing (``province_code``, ``year`` and the indicator inputs).
    ValueError
        If a compared measure is unknown.
    """
    sp = _params(params)
    measures = list(sp["compare_indicators"])
    for frame, name in ((before, "before"), (after, "after")):
        _require(frame, ["province_code", "year", "unit_type", sp["aggregate_weight"]], name)
    b = _province_values(before, sp, params, measures)
    a = _province_values(after, sp, params, measures)
    provinces = b.index.union(a.index).sort_values()
    b = b.reindex(provinces)
    a = a.reindex(provinces)
    long_b = b.stack(future_stack=True).rename("before")
    long_a = a.stack(future_stack=True).rename("after")
    out = pd.concat([long_b, long_a], axis=1).reset_index()
    out.columns = ["province_code", "indicator", "before", "after"]
    order = {m: i for i, m in enumerate(measures)}
    out = out.sort_values(
        ["province_code", "indicator"], key=lambda s: s.map(order) if s.name == "indicator" else s
    )
    out["change"] = out["after"] - out["before"]
    out["label"] = out["indicator"].map(lambda c: LABELS.get(c, c))
    yb = before.groupby("province_code")["year"].max()
    ya = after.groupby("province_code")["year"].max()
    out["year_before"] = out["province_code"].map(yb).astype("Int64")
    out["year_after"] = out["province_code"].map(ya).astype("Int64")
    cols = [
        "province_code",
        "indicator",
        "label",
        "year_before",
        "year_after",
        "before",
        "after",
        "change",
    ]
    return out[cols].reset_index(drop=True)


# ----------------------------------------------------------------- summary


def summary(
    survey: pd.DataFrame,
    indicators: pd.DataFrame,
    index: pd.DataFrame,
    progress: pd.DataFrame,
    params: dict | None = None,
) -> dict:
    """Collect the key figures of the status review (keys: see the module docstring).

    Parameters
    ----------
    survey : pandas.DataFrame
        Survey rows of one province.
    indicators : pandas.DataFrame
        Output of :func:`commune_indicators`.
    index : pandas.DataFrame
        Output of :func:`readiness_index`.
    progress : pandas.DataFrame
        Output of :func:`target_progress`.
    params : dict, optional
        Resolved params.

    Returns
    -------
    dict
        JSON-serialisable (Python scalars, NaN → None). The province code/name are added by
        the notebook context (``ctx.write_summary``).

    Raises
    ------
    MissingColumnError
        If a needed column is missing.
    ValueError
        If the frames do not share the same index.
    """
    sp = _params(params)
    _require(survey, ["year", "unit_type"], "survey")
    agg = province_aggregates(survey, indicators, index, params)
    ext = extremes(survey, index, params)
    mask = _scope_mask(survey, sp)
    pillars = [p for p in index.columns if p != "overall"]

    def communes(group: str) -> list[dict]:
        rows = ext[ext["group"] == group]
        return [
            {"commune_code": str(c), "commune_name": str(n), "overall": _clean(v)}
            for c, n, v in zip(
                rows["commune_code"], rows["commune_name"], rows["overall"], strict=True
            )
        ]

    targets = {
        str(r["target_id"]): {
            "label_vi": str(r["label_vi"]),
            "value": _clean(r["value"]),
            "target": _clean(r["target"]),
            "met": bool(r["met"]),
            "communes_met": int(r["communes_met"]),
            "communes_total": int(r["communes_total"]),
            "communes_needed": int(r["communes_needed"]),
        }
        for r in progress.to_dict("records")
    }
    return {
        "year": _clean(survey["year"].max()) if len(survey) else None,
        "n_units": int(len(survey)),
        "n_communes": int(mask.sum()),
        "readiness_overall": _clean(agg.loc["overall", "weighted_mean"]),
        "readiness_overall_mean": _clean(agg.loc["overall", "mean"]),
        "readiness_overall_weighted": _clean(agg.loc["overall", "weighted_mean"]),
        "readiness_pillars": {p: _clean(agg.loc[p, "mean"]) for p in pillars},
        "readiness_pillars_weighted": {p: _clean(agg.loc[p, "weighted_mean"]) for p in pillars},
        "readiness_quantiles": {
            _quantile_name(q): _clean(agg.loc["overall", _quantile_name(q)])
            for q in sp["quantiles"]
        },
        "indicators_weighted": {c: _clean(agg.loc[c, "weighted_mean"]) for c in indicators.columns},
        "targets_total": int(len(progress)),
        "targets_met": int(progress["met"].sum()),
        "targets": targets,
        "weakest_communes": communes("yếu nhất"),
        "strongest_communes": communes("mạnh nhất"),
    }


# ----------------------------------------------------------------- assumptions


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """List the ``status`` params with their resolved values and their source or assumption.

    Sources are the comments of ``params/defaults.yaml`` (section ``status``).

    Parameters
    ----------
    params : dict, optional
        Resolved params; defaults when None.

    Returns
    -------
    pandas.DataFrame
        Columns ``key`` (dotted), ``value`` (text; JSON for lists and mappings), ``source``.

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    from ntmplan.core.params import section_sources

    return section_sources("status", params, style="joined")
