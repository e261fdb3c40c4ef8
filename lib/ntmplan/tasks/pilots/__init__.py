"""Pilot-commune selection (guidance task 3): eligibility, ranking, choice, gaps, registration.

Every rule comes from the ``pilots`` section of the params (``params/defaults.yaml``):
conditions per pilot type, thresholds, weights, scales, unit costs, pins and excludes.
All functions are pure and vectorised over communes.

Pipeline
--------
``check_eligibility`` (gates, shortfalls, missing text) → ``rank_candidates`` (score,
rank, gap cost) → ``choose_pilots`` (pins, excludes, sector diversity, fallback to the
cheapest path) ; plus ``gap_costs``, ``cheapest_path``, ``robustness``, ``funnel``,
``commune_table``, ``registration_table``, ``evaluate`` and ``summary``.

Exact thresholds
----------------
A share threshold ``t`` (e.g. 0.5) is read as the exact decimal fraction it is written
as (``Fraction("0.5") = 1/2``). A commune passes when ``count >= ceil(t × total)``,
computed in integer arithmetic: 500 of 1,000 households passes 0.5, 499 does not; 37 of
37 officials passes 1.0. The shortfall is ``max(ceil(t × total) − count, 0)``.

Missing values
--------------
A missing count is treated as "not evidenced" (0): its gate fails and its shortfall is
the full requirement. A missing or zero denominator (households, villages, officials)
fails the gate with shortfall 0 and the text "thiếu dữ liệu" (no data): it cannot be
costed. A commune without a listed prominent sector, or that is not a rural unit,
cannot be *bought* into eligibility: it is not "attainable" and never appears on the
cheapest path.

Summary keys (``summary()``; read by notebooks 03, 06 and 00)
--------------------------------------------------------------
``communes`` (int)
    Units in the survey frame given.
``rural_communes`` (int)
    Units passing ``gate_rural``.
``communes_without_sector`` (int)
    Rural units without a listed prominent sector (cannot be brought into eligibility).
``pilot_types`` (list of str)
    Pilot types evaluated, e.g. ``["smart_commune", "ecommerce_commune"]``.
``eligible_count`` (dict type → int)
    Eligible communes per pilot type.
``has_eligible`` (dict type → bool)
    Whether at least one commune is eligible, per type.
``funnel`` (dict type → list of dict)
    In condition order, ``{"condition": gate column (first "all"), "passing": int}``:
    communes passing all conditions up to and including that gate.
``target`` (dict type → int)
    Number of pilots to choose per type (params ``types.<type>.number``).
``chosen`` (dict type → list of dict)
    Chosen communes, each ``{"commune_code", "commune_name", "prominent_sector",
    "eligible", "basis", "score", "gap_mvnd", "missing_vi"}``; ``basis`` is ``pinned``,
    ``eligible`` or ``cheapest_path``; ``gap_mvnd`` is 0.0 for an eligible commune.
``chosen_smart_codes`` (list of str)
    Commune codes of the chosen smart-commune pilots.
``smart_pilots_gap_mvnd`` (float)
    Total cost (million VND) of bringing the chosen smart pilots over every condition;
    0.0 when all of them are eligible.
``smart_target_met`` (bool)
    At least ``types.smart_commune.number`` eligible smart pilots were chosen.
``cheapest_path`` (dict type → list of dict)
    For a type with no eligible commune: the cheapest attainable communes, each
    ``{"commune_code", "commune_name", "prominent_sector", "total_gap_mvnd",
    "missing_vi"}``; an empty list when the type has an eligible commune.
``robustness`` (list of dict)
    For the top smart candidates: ``{"commune_code", "rank", "share_top_k"}``.
``robustness_k`` (int)
    The k of ``share_top_k``.
``pins_not_found`` (list of str)
    Pinned codes that are not in the survey frame.
``statement_vi`` (str)
    One Vietnamese sentence on the result (eligible count or the path to the target).
"""

from __future__ import annotations

import copy
import warnings
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from ntmplan.core.errors import InputError, ParamsError, Problem

# --------------------------------------------------------------------------- conditions
#: Condition name → gate column, survey columns it reads, Vietnamese label.
CONDITIONS: dict[str, dict[str, Any]] = {
    "rural": {
        "gate": "gate_rural",
        "columns": ("unit_type",),
        "label_vi": "Là xã (đơn vị nông thôn)",
    },
    "infrastructure": {
        "gate": "gate_infrastructure",
        "columns": ("villages", "villages_fiber", "villages_4g"),
        "label_vi": "Hạ tầng số: cáp quang và 4G/5G đến các thôn",
    },
    "sector": {
        "gate": "gate_sector",
        "columns": ("prominent_sector", "dx_demand"),
        "label_vi": "Có lĩnh vực nổi bật, có nhu cầu chuyển đổi số",
    },
    "households": {
        "gate": "gate_households",
        "columns": ("households", "households_internet_smart"),
        "label_vi": "Hộ có Internet và thiết bị thông minh",
    },
    "officials_computer": {
        "gate": "gate_officials_computer",
        "columns": ("officials", "officials_computer"),
        "label_vi": "Cán bộ có máy tính nối Internet",
    },
    "officials_email_eoffice": {
        "gate": "gate_officials_email_eoffice",
        "columns": ("officials", "officials_email", "officials_eoffice"),
        "label_vi": "Cán bộ dùng thư điện tử công vụ và văn phòng điện tử",
    },
    "providers": {
        "gate": "gate_providers",
        "columns": ("digital_providers",),
        "label_vi": "Huy động được doanh nghiệp dịch vụ số",
    },
    "ocop_online": {
        "gate": "gate_ocop_online",
        "columns": ("ocop_products_online",),
        "label_vi": "Sản phẩm OCOP bán trên sàn thương mại điện tử",
    },
    "selling_online": {
        "gate": "gate_selling_online",
        "columns": ("households", "households_selling_online"),
        "label_vi": "Hộ bán hàng trực tuyến",
    },
}

#: Shortfall columns always returned by :func:`check_eligibility` (0 where met or not a condition).
SHORTFALL_COLUMNS: tuple[str, ...] = (
    "shortfall_households",
    "shortfall_officials_computer",
    "shortfall_officials_email",
    "shortfall_officials_eoffice",
    "shortfall_villages_fiber",
    "shortfall_villages_4g",
    "shortfall_providers",
)
#: Score indicators, in the order of the weight vector.
INDICATORS: tuple[str, ...] = (
    "households_connected",
    "coverage_4g",
    "files_online",
    "cooperatives_digital",
    "ocop_online",
    "tech_members",
    "dx_demand",
    "providers",
    "priority_sector",
)
_INDICATOR_COLUMNS: tuple[str, ...] = (
    "households",
    "households_internet_smart",
    "villages",
    "villages_4g",
    "files_online_share",
    "cooperatives",
    "cooperatives_digital",
    "ocop_products",
    "ocop_products_online",
    "community_tech_members",
    "population",
    "dx_demand",
    "digital_providers",
    "prominent_sector",
)

#: Shortfall column → unit-cost key (params ``pilots.unit_costs_mvnd``) and cost column.
_COSTS: dict[str, tuple[str, str]] = {
    "shortfall_households": ("household_connection", "cost_households_mvnd"),
    "shortfall_officials_computer": ("official_computer", "cost_officials_computer_mvnd"),
    "shortfall_officials_email": ("official_account", "cost_officials_email_mvnd"),
    "shortfall_officials_eoffice": ("official_account", "cost_officials_eoffice_mvnd"),
    "shortfall_villages_fiber": ("village_fiber", "cost_villages_fiber_mvnd"),
    "shortfall_villages_4g": ("village_4g", "cost_villages_4g_mvnd"),
    "shortfall_providers": ("provider", "cost_providers_mvnd"),
    "shortfall_ocop_online": ("ocop_online_product", "cost_ocop_online_mvnd"),
    "shortfall_households_selling": ("household_selling_online", "cost_households_selling_mvnd"),
}

BASIS_VI: dict[str, str] = {
    "pinned": "Ghim theo lựa chọn của tỉnh / pinned",
    "eligible": "Đủ điều kiện, điểm cao / eligible, top score",
    "cheapest_path": "Chi phí bù thiếu hụt thấp nhất / cheapest path",
}

#: English column name → Vietnamese label (Excel headers, tables).
LABELS: dict[str, str] = {
    "province_code": "Mã tỉnh",
    "province_name": "Tỉnh",
    "pilot_type": "Loại mô hình / pilot type",
    "pilot_type_vi": "Loại mô hình thí điểm",
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "unit_type": "Loại đơn vị",
    "prominent_sector": "Mã lĩnh vực nổi bật",
    "sector_vi": "Lĩnh vực nổi bật",
    "gate_rural": "Đạt: là xã (nông thôn)",
    "gate_infrastructure": "Đạt: hạ tầng số (cáp quang, 4G/5G)",
    "gate_sector": "Đạt: có lĩnh vực nổi bật",
    "gate_households": "Đạt: hộ có Internet + thiết bị",
    "gate_officials_computer": "Đạt: CB có máy tính",
    "gate_officials_email_eoffice": "Đạt: CB dùng thư ĐT + VP điện tử",
    "gate_providers": "Đạt: có DN dịch vụ số",
    "gate_ocop_online": "Đạt: SP OCOP bán trực tuyến",
    "gate_selling_online": "Đạt: hộ bán hàng trực tuyến",
    "eligible": "Đủ điều kiện",
    "n_conditions_met": "Số điều kiện đạt",
    "n_conditions": "Số điều kiện",
    "conditions_met": "Điều kiện đạt",
    "shortfall_households": "Thiếu: hộ có Internet + thiết bị",
    "shortfall_officials_computer": "Thiếu: CB có máy tính",
    "shortfall_officials_email": "Thiếu: CB dùng thư điện tử",
    "shortfall_officials_eoffice": "Thiếu: CB dùng VP điện tử",
    "shortfall_villages_fiber": "Thiếu: thôn có cáp quang",
    "shortfall_villages_4g": "Thiếu: thôn có 4G/5G",
    "shortfall_providers": "Thiếu: DN dịch vụ số",
    "shortfall_ocop_online": "Thiếu: SP OCOP trực tuyến",
    "shortfall_households_selling": "Thiếu: hộ bán hàng trực tuyến",
    "missing_vi": "Còn thiếu",
    "no_data": "Thiếu dữ liệu",
    "excluded": "Loại trừ theo tỉnh",
    "ind_households_connected": "Chỉ số: hộ kết nối (0–1)",
    "ind_coverage_4g": "Chỉ số: phủ 4G (0–1)",
    "ind_files_online": "Chỉ số: hồ sơ trực tuyến (0–1)",
    "ind_cooperatives_digital": "Chỉ số: HTX số (0–1)",
    "ind_ocop_online": "Chỉ số: OCOP trực tuyến (0–1)",
    "ind_tech_members": "Chỉ số: tổ CNS cộng đồng (0–1)",
    "ind_dx_demand": "Chỉ số: nhu cầu CĐS (0–1)",
    "ind_providers": "Chỉ số: DN dịch vụ số (0–1)",
    "ind_priority_sector": "Ưu tiên KT số / XH số (0/1)",
    "score": "Điểm (0–100)",
    "rank": "Thứ hạng",
    "attainable": "Có thể bù để đạt",
    "cost_households_mvnd": "Chi phí: hộ kết nối (triệu đồng)",
    "cost_officials_computer_mvnd": "Chi phí: máy tính CB (triệu đồng)",
    "cost_officials_email_mvnd": "Chi phí: thư điện tử CB (triệu đồng)",
    "cost_officials_eoffice_mvnd": "Chi phí: VP điện tử CB (triệu đồng)",
    "cost_villages_fiber_mvnd": "Chi phí: cáp quang thôn (triệu đồng)",
    "cost_villages_4g_mvnd": "Chi phí: 4G thôn (triệu đồng)",
    "cost_providers_mvnd": "Chi phí: huy động DN (triệu đồng)",
    "cost_ocop_online_mvnd": "Chi phí: đưa OCOP lên sàn (triệu đồng)",
    "cost_households_selling_mvnd": "Chi phí: hộ bán trực tuyến (triệu đồng)",
    "total_gap_mvnd": "Tổng chi phí bù thiếu hụt (triệu đồng)",
    "gap_mvnd": "Chi phí bù thiếu hụt (triệu đồng)",
    "basis": "Căn cứ chọn / basis",
    "basis_vi": "Căn cứ chọn",
    "pinned": "Ghim",
    "choice": "Thứ tự chọn",
    "share_top_k": "Tỷ lệ lần giữ trong nhóm đầu",
    "share_first": "Tỷ lệ lần đứng đầu",
    "condition": "Điều kiện / condition",
    "condition_vi": "Điều kiện",
    "passing_alone": "Số xã đạt riêng điều kiện này",
    "passing_cumulative": "Số xã đạt đến bước này",
    "dropped": "Số xã bị loại ở bước này",
    "year": "Năm khảo sát",
    "households": "Số hộ",
    "share_households_internet_smart": "Tỷ lệ hộ có Internet + thiết bị",
    "share_villages_fiber": "Tỷ lệ thôn có cáp quang",
    "share_villages_4g": "Tỷ lệ thôn có 4G/5G",
    "share_officials_computer": "Tỷ lệ CB có máy tính",
    "files_online_share": "Tỷ lệ hồ sơ xử lý trực tuyến",
    "ocop_products_online": "SP OCOP bán trực tuyến",
    "households_selling_online": "Hộ bán hàng trực tuyến",
    "digital_providers": "DN dịch vụ số huy động được",
    "dx_demand": "Nhu cầu CĐS (1–5)",
    "rule_vi": "Ngưỡng",
    "key": "Tham số / key",
    "value": "Giá trị đang dùng",
    "source": "Nguồn hoặc giả định / source",
}

#: Column order of the central registration table (identical for every province).
REGISTRATION_COLUMNS: tuple[str, ...] = (
    "province_code",
    "province_name",
    "pilot_type",
    "pilot_type_vi",
    "rank",
    "commune_code",
    "commune_name",
    "prominent_sector",
    "sector_vi",
    "eligible",
    "conditions_met",
    "missing_vi",
    "basis_vi",
    "score",
    "gap_mvnd",
    "year",
    "households",
    "share_households_internet_smart",
    "share_villages_fiber",
    "share_villages_4g",
    "share_officials_computer",
    "files_online_share",
    "ocop_products_online",
    "households_selling_online",
    "digital_providers",
    "dx_demand",
)

_MARK = {True: "✓", False: "✗"}


# --------------------------------------------------------------------------- helpers
def _problem(column: str | None, value: Any, rule_vi: str, rule_en: str) -> Problem:
    """A problem not tied to a file row (params key or missing column)."""
    return Problem(None, None, column, value, rule_vi, rule_en)


def _resolve(params: dict | None) -> dict:
    """Return ``params`` or, when None, the defaults (a fresh copy)."""
    if params is None:
        from ntmplan.core.params import default_params

        return default_params()
    return params


def _pilot_params(params: dict | None) -> dict:
    """Return the ``pilots`` section (defaults when ``params`` is None)."""
    params = _resolve(params)
    try:
        return params["pilots"]
    except (KeyError, TypeError):
        raise ParamsError(
            [
                _problem(
                    "pilots",
                    None,
                    "Thiếu mục tham số 'pilots'",
                    "params have no 'pilots' section",
                )
            ]
        ) from None


def _type_conf(pp: dict, pilot_type: str) -> dict:
    types = pp.get("types", {})
    if pilot_type not in types:
        raise ParamsError(
            [
                _problem(
                    "pilots.types",
                    pilot_type,
                    f"Loại mô hình không có trong tham số (có: {', '.join(types)})",
                    f"unknown pilot type (known: {', '.join(types)})",
                )
            ]
        )
    conf = types[pilot_type]
    unknown = [c for c in conf.get("conditions", []) if c not in CONDITIONS]
    if unknown:
        raise ParamsError(
            [
                _problem(
                    f"pilots.types.{pilot_type}.conditions",
                    c,
                    f"Điều kiện không xác định (có: {', '.join(CONDITIONS)})",
                    f"unknown condition (known: {', '.join(CONDITIONS)})",
                )
                for c in unknown
            ]
        )
    return conf


def _require(frame: pd.DataFrame, columns, what: str) -> None:
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        raise InputError(
            [
                _problem(
                    c,
                    None,
                    f"Thiếu cột bắt buộc '{c}' ({what})",
                    f"missing required column '{c}' ({what})",
                )
                for c in missing
            ]
        )


def _check_aligned(survey: pd.DataFrame, other: pd.DataFrame, name: str) -> None:
    if not other.index.equals(survey.index):
        raise ValueError(
            f"'{name}' không khớp chỉ mục với bảng khảo sát / '{name}' is not aligned to the survey index "
            "(pass the frame returned by check_eligibility for the same survey)"
        )


def _counts(survey: pd.DataFrame, col: str) -> tuple[np.ndarray, np.ndarray]:
    """Return (int64 values with missing → 0, missing mask) of a count column."""
    s = survey[col]
    if s.dtype.kind in "iu":
        v = s.to_numpy(dtype=np.int64)
        return v, np.zeros(len(v), dtype=bool)
    f = pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)
    miss = np.isnan(f)
    return np.where(miss, 0, np.floor(f)).astype(np.int64), miss


def _floats(survey: pd.DataFrame, col: str) -> np.ndarray:
    s = survey[col]
    if s.dtype.kind in "iuf":
        return s.to_numpy(dtype=float)
    return pd.to_numeric(s, errors="coerce").to_numpy(dtype=float)


def _fraction(value: Any, key: str) -> Fraction:
    """Exact fraction of a share threshold in [0, 1], read as written (0.6 → 3/5)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value <= 1):
        raise ParamsError(
            [
                _problem(
                    f"pilots.thresholds.{key}",
                    value,
                    "Ngưỡng tỷ lệ phải là số trong khoảng 0–1",
                    "share threshold must be a number in 0–1",
                )
            ]
        )
    frac = Fraction(repr(float(value)))
    if frac.denominator > 10**9:  # keeps num × count inside int64
        frac = frac.limit_denominator(10**9)
    return frac


def _minimum(value: Any, key: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ParamsError(
            [
                _problem(
                    f"pilots.thresholds.{key}",
                    value,
                    "Ngưỡng tối thiểu phải là số ≥ 0",
                    "minimum threshold must be a number ≥ 0",
                )
            ]
        )
    return int(np.ceil(value))


def _ratio_gate(
    num: np.ndarray, num_miss: np.ndarray, den: np.ndarray, den_miss: np.ndarray, frac: Fraction
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact ``num / den >= frac``; returns (passed, shortfall, no_data)."""
    p, q = frac.numerator, frac.denominator
    no_data = den_miss | (den < 1)
    required = -((-p * den) // q)  # ceil(p·den / q), exact integer arithmetic
    shortfall = np.where(no_data, 0, np.maximum(required - num, 0))
    passed = ~no_data & ~num_miss & (num >= required)
    return passed, shortfall.astype(np.int64), no_data


def _min_gate(value: np.ndarray, miss: np.ndarray, minimum: int) -> tuple[np.ndarray, np.ndarray]:
    passed = ~miss & (value >= minimum)
    return passed, np.maximum(minimum - value, 0).astype(np.int64)


def _texts(
    mask: np.ndarray, template: str, number: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Sparse text part: (row positions where ``mask``, texts with ``{n}`` from ``number``)."""
    pos = np.flatnonzero(mask)
    if number is None or not len(pos):
        return pos, np.full(len(pos), template, dtype=object)
    head, _, tail = template.partition("{n}")
    return pos, head + number[pos].astype("U").astype(object) + tail


def _join(parts: list[tuple[np.ndarray, np.ndarray]], n: int) -> np.ndarray:
    """Join sparse text parts per row with "; " (work ∝ number of non-empty parts)."""
    acc = np.full(n, "", dtype=object)
    started = np.zeros(n, dtype=bool)
    for pos, values in parts:
        if not len(pos):
            continue
        acc[pos] = np.where(started[pos], acc[pos] + "; " + values, values)
        started[pos] = True
    return acc


def _sector_present(survey: pd.DataFrame) -> np.ndarray:
    s = survey["prominent_sector"]
    return (s.notna() & (s.fillna("") != "")).to_numpy(dtype=bool)


# --------------------------------------------------------------------------- condition checks
_DENOMINATOR_VI = {"households": "số hộ", "villages": "số thôn", "officials": "số cán bộ"}


class _Data:
    """Cached integer views of survey counts, and which denominators lack data."""

    def __init__(self, survey: pd.DataFrame, thresholds: dict):
        self.survey = survey
        self.th = thresholds
        self.n = len(survey)
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.no_data: dict[str, np.ndarray] = {}

    def zeros(self) -> np.ndarray:
        return np.zeros(self.n, dtype=np.int64)

    def count(self, col: str) -> tuple[np.ndarray, np.ndarray]:
        if col not in self._cache:
            self._cache[col] = _counts(self.survey, col)
        return self._cache[col]

    def ratio(self, num_col: str, den_col: str, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Exact ratio gate ``num_col / den_col >= thresholds[key]`` → (passed, shortfall)."""
        num, num_miss = self.count(num_col)
        den, den_miss = self.count(den_col)
        ok, shortfall, no_data = _ratio_gate(
            num, num_miss, den, den_miss, _fraction(self.th[key], key)
        )
        self.no_data[den_col] = no_data
        return ok, shortfall

    def minimum(self, col: str, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Gate ``col >= thresholds[key]`` → (passed, shortfall)."""
        value, miss = self.count(col)
        return _min_gate(value, miss, _minimum(self.th[key], key))


def _check_rural(d: _Data, pp: dict):
    ut = d.survey["unit_type"]
    ok = ut.isin(list(pp["rural_unit_types"])).to_numpy(dtype=bool)
    pos = np.flatnonzero(~ok)
    shown = ut.iloc[pos].astype("string").fillna("không rõ").to_numpy(dtype=object)
    return ok, {}, [(pos, "là " + shown + " (ngoài phạm vi thí điểm)")]


def _check_infrastructure(d: _Data, pp: dict):
    ok_f, sf_f = d.ratio("villages_fiber", "villages", "villages_fiber_share")
    ok_4, sf_4 = d.ratio("villages_4g", "villages", "villages_4g_share")
    texts = [
        _texts(sf_f > 0, "chưa có cáp quang ở {n} thôn", sf_f),
        _texts(sf_4 > 0, "chưa có 4G/5G ở {n} thôn", sf_4),
    ]
    return ok_f & ok_4, {"shortfall_villages_fiber": sf_f, "shortfall_villages_4g": sf_4}, texts


def _check_sector(d: _Data, pp: dict):
    sector = d.survey["prominent_sector"]
    present = _sector_present(d.survey)
    listed = sector.isin(list(pp["eligible_sectors"])).to_numpy(dtype=bool)
    min_dx = _minimum(d.th["sector_min_dx_demand"], "sector_min_dx_demand")
    dx = np.nan_to_num(_floats(d.survey, "dx_demand"), nan=0.0)
    dx_ok = np.ones(d.n, dtype=bool) if min_dx <= 1 else dx >= min_dx
    texts = [
        _texts(~present, "chưa có lĩnh vực nổi bật"),
        _texts(present & ~listed, "lĩnh vực nổi bật không thuộc danh mục"),
        _texts(present & listed & ~dx_ok, "nhu cầu chuyển đổi số còn thấp"),
    ]
    return present & listed & dx_ok, {}, texts


def _check_households(d: _Data, pp: dict):
    ok, sf = d.ratio("households_internet_smart", "households", "households_internet_smart_share")
    text = _texts(sf > 0, "thiếu {n} hộ có Internet + thiết bị thông minh", sf)
    return ok, {"shortfall_households": sf}, [text]


def _check_officials_computer(d: _Data, pp: dict):
    ok, sf = d.ratio("officials_computer", "officials", "officials_computer_share")
    text = _texts(sf > 0, "thiếu máy tính nối mạng cho {n} cán bộ", sf)
    return ok, {"shortfall_officials_computer": sf}, [text]


def _check_officials_email_eoffice(d: _Data, pp: dict):
    ok_e, sf_e = d.ratio("officials_email", "officials", "officials_email_share")
    ok_o, sf_o = d.ratio("officials_eoffice", "officials", "officials_eoffice_share")
    texts = [
        _texts(sf_e > 0, "{n} cán bộ chưa dùng thư điện tử công vụ", sf_e),
        _texts(sf_o > 0, "{n} cán bộ chưa dùng văn phòng điện tử", sf_o),
    ]
    return (
        ok_e & ok_o,
        {"shortfall_officials_email": sf_e, "shortfall_officials_eoffice": sf_o},
        texts,
    )


def _check_providers(d: _Data, pp: dict):
    ok, sf = d.minimum("digital_providers", "digital_providers_min")
    return (
        ok,
        {"shortfall_providers": sf},
        [_texts(sf > 0, "thiếu {n} doanh nghiệp dịch vụ số", sf)],
    )


def _check_ocop_online(d: _Data, pp: dict):
    ok, sf = d.minimum("ocop_products_online", "ocop_products_online_min")
    text = _texts(sf > 0, "thiếu {n} sản phẩm OCOP bán trực tuyến", sf)
    return ok, {"shortfall_ocop_online": sf}, [text]


def _check_selling_online(d: _Data, pp: dict):
    ok, sf = d.ratio("households_selling_online", "households", "households_selling_online_share")
    text = _texts(sf > 0, "thiếu {n} hộ bán hàng trực tuyến", sf)
    return ok, {"shortfall_households_selling": sf}, [text]


#: Condition name → check function ``(data, pilots params) -> (passed, shortfalls, texts)``.
_CHECKS = {
    "rural": _check_rural,
    "infrastructure": _check_infrastructure,
    "sector": _check_sector,
    "households": _check_households,
    "officials_computer": _check_officials_computer,
    "officials_email_eoffice": _check_officials_email_eoffice,
    "providers": _check_providers,
    "ocop_online": _check_ocop_online,
    "selling_online": _check_selling_online,
}


# --------------------------------------------------------------------------- eligibility
def check_eligibility(
    survey: pd.DataFrame, params: dict | None = None, pilot_type: str = "smart_commune"
) -> pd.DataFrame:
    """Check every commune against the conditions of one pilot type.

    Parameters
    ----------
    survey : DataFrame
        Survey rows (DESIGN.md survey columns; only those read by the type's conditions
        are required).
    params : dict, optional
        Resolved params; ``None`` means the defaults. Reads ``pilots.rural_unit_types``,
        ``pilots.eligible_sectors``, ``pilots.thresholds`` and ``pilots.types``.
    pilot_type : str
        A key of ``pilots.types`` (``smart_commune`` or ``ecommerce_commune``).

    Returns
    -------
    DataFrame
        Same index as ``survey``. Columns: one boolean ``gate_*`` per condition of the
        type (in params order), ``eligible`` (all gates), ``n_conditions_met``,
        ``n_conditions``, the shortfall columns in absolute units (``shortfall_households``,
        ``shortfall_officials_computer``, ``shortfall_officials_email``,
        ``shortfall_officials_eoffice``, ``shortfall_villages_fiber``,
        ``shortfall_villages_4g``, ``shortfall_providers``, plus
        ``shortfall_ocop_online`` / ``shortfall_households_selling`` when the type has
        those conditions; 0 where met), ``no_data`` (a denominator — households,
        villages, officials — is missing or zero), ``missing_vi`` (short Vietnamese
        text of what is missing, parts joined by "; "; empty when eligible) and
        ``pilot_type``.

    Raises
    ------
    InputError
        If a column needed by a condition is missing (every missing column listed).
    ParamsError
        If the pilot type or a condition name is unknown, or a threshold is out of range.
    """
    pp = _pilot_params(params)
    conf = _type_conf(pp, pilot_type)
    conditions = list(conf["conditions"])
    needed = [c for name in conditions for c in CONDITIONS[name]["columns"]]
    _require(survey, needed, f"điều kiện {pilot_type} / conditions of {pilot_type}")
    data = _Data(survey, pp["thresholds"])
    gates: dict[str, np.ndarray] = {}
    short: dict[str, np.ndarray] = {c: data.zeros() for c in SHORTFALL_COLUMNS}
    parts: list[tuple[np.ndarray, np.ndarray]] = []
    for name in conditions:
        ok, shortfalls, texts = _CHECKS[name](data, pp)
        gates[CONDITIONS[name]["gate"]] = ok
        short.update(shortfalls)
        parts += texts
    no_data = np.zeros(len(survey), dtype=bool)
    for denominator, mask in data.no_data.items():
        no_data |= mask
        parts.append(_texts(mask, f"thiếu dữ liệu {_DENOMINATOR_VI[denominator]}"))
    n = len(survey)
    gate_matrix = np.column_stack(list(gates.values())) if gates else np.ones((n, 0), dtype=bool)
    columns = {
        **gates,
        "eligible": gate_matrix.all(axis=1),
        "n_conditions_met": gate_matrix.sum(axis=1).astype(np.int64),
        "n_conditions": np.full(n, len(conditions), dtype=np.int64),
        **short,
        "no_data": no_data,
        "missing_vi": _join(parts, n),
        "pilot_type": np.full(n, pilot_type, dtype=object),
    }
    return pd.DataFrame(columns, index=survey.index)


def gate_columns(eligibility: pd.DataFrame) -> list[str]:
    """Return the ``gate_*`` columns of an eligibility frame, in condition order.

    Parameters
    ----------
    eligibility : DataFrame
        Output of :func:`check_eligibility`.

    Returns
    -------
    list of str

    Raises
    ------
    InputError
        If the frame has no ``gate_*`` column.
    """
    cols = [c for c in eligibility.columns if c.startswith("gate_")]
    if not cols:
        _require(eligibility, ["gate_rural"], "bảng điều kiện / eligibility frame")
    return cols


# --------------------------------------------------------------------------- scoring
def _indicator_matrix(survey: pd.DataFrame, pp: dict) -> np.ndarray:
    """n × len(INDICATORS) matrix of indicators scaled to 0–1 (missing → 0)."""
    _require(survey, _INDICATOR_COLUMNS, "chỉ số xếp hạng / ranking indicators")
    f = {c: _floats(survey, c) for c in _INDICATOR_COLUMNS if c != "prominent_sector"}
    with np.errstate(divide="ignore", invalid="ignore"):
        raw = {
            "households_connected": f["households_internet_smart"] / f["households"],
            "coverage_4g": f["villages_4g"] / f["villages"],
            "files_online": f["files_online_share"],
            "cooperatives_digital": f["cooperatives_digital"] / f["cooperatives"],
            "ocop_online": f["ocop_products_online"] / f["ocop_products"],
            "tech_members": f["community_tech_members"] / f["population"] * 1000.0,
            "dx_demand": f["dx_demand"],
            "providers": f["digital_providers"],
            "priority_sector": survey["prominent_sector"]
            .isin(list(pp["priority_sectors"]))
            .to_numpy(dtype=float),
        }
    cols = []
    for name in INDICATORS:
        scale = pp["scales"][name]
        low, high = float(scale["low"]), float(scale["high"])
        if not high > low:
            raise ParamsError(
                [
                    _problem(
                        f"pilots.scales.{name}",
                        scale,
                        "Thang đo cần high > low",
                        "scale needs high > low",
                    )
                ]
            )
        v = (raw[name] - low) / (high - low)
        v = np.where(np.isfinite(v), v, 0.0)
        cols.append(np.clip(v, 0.0, 1.0))
    return np.column_stack(cols)


def _weight_vector(pp: dict) -> np.ndarray:
    w = np.array([float(pp["weights"][name]) for name in INDICATORS])
    if (w < 0).any():
        raise ParamsError(
            [
                _problem(
                    f"pilots.weights.{name}",
                    pp["weights"][name],
                    "Trọng số phải ≥ 0",
                    "weight must be ≥ 0",
                )
                for name, value in zip(INDICATORS, w, strict=True)
                if value < 0
            ]
        )
    return w


def _scores(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """Score(s) 0–100: ``x`` is n × m, ``w`` is m or draws × m (→ n × draws)."""
    if w.ndim == 1:
        total = w.sum()
        return (x @ w) * (100.0 / total) if total > 0 else np.zeros(len(x))
    total = w.sum(axis=1)
    safe = np.where(total > 0, total, 1.0)
    return (x @ w.T) * (100.0 / safe)[None, :] * (total > 0)[None, :]


def _order(score: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """Positions sorted by score descending, then commune code ascending (deterministic)."""
    return np.lexsort((codes, -score))


def rank_candidates(
    survey: pd.DataFrame, eligibility: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Score and rank communes with a transparent weighted score.

    Each indicator (household connectivity, 4G coverage, files online, digital
    cooperatives, OCOP online, community tech members per 1,000 residents, DX demand,
    providers, priority sector flag) is scaled to 0–1 by ``pilots.scales`` ("target
    capped": ``(value − low)/(high − low)`` clipped), and
    ``score = 100 × Σ wᵢ·xᵢ / Σ wᵢ`` with ``pilots.weights``. The priority-sector flag is
    1 for the digital-economy / digital-society sectors in ``pilots.priority_sectors``
    (guidance 3a).

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey`` (same index).
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        One row per commune (original index labels), sorted: eligible first by score
        descending (ties by commune code), then the others by score. Columns:
        ``commune_code``, ``commune_name``, ``unit_type``, ``prominent_sector``, ``sector_vi``,
        ``pilot_type``, ``eligible``, ``n_conditions_met``, ``n_conditions``,
        ``missing_vi``, ``ind_<indicator>`` (0–1), ``score`` (0–100), ``rank`` (1…,
        eligible communes only; ``<NA>`` otherwise), ``attainable``, ``total_gap_mvnd``,
        ``excluded`` (in ``pilots.exclude``).

    Raises
    ------
    InputError
        If a survey or eligibility column is missing.
    ValueError
        If ``eligibility`` is not aligned to ``survey``.
    ParamsError
        If a weight is negative or a scale is empty.
    """
    pp = _pilot_params(params)
    _require(
        survey,
        ["commune_code", "commune_name", "unit_type", "prominent_sector"],
        "xếp hạng / ranking",
    )
    _require(
        eligibility,
        ["eligible", "n_conditions_met", "n_conditions", "missing_vi", "pilot_type"],
        "bảng điều kiện / eligibility frame",
    )
    _check_aligned(survey, eligibility, "eligibility")
    x = _indicator_matrix(survey, pp)
    score = np.round(_scores(x, _weight_vector(pp)), 6)
    attainable, _, total_gap = _gap_arrays(eligibility, pp)
    codes = survey["commune_code"].astype(str).to_numpy()
    eligible = eligibility["eligible"].to_numpy(dtype=bool)
    order = np.lexsort((codes, -score, ~eligible))
    columns = {
        "commune_code": codes,
        "commune_name": survey["commune_name"].to_numpy(),
        "unit_type": survey["unit_type"].to_numpy(),
        "prominent_sector": survey["prominent_sector"].to_numpy(),
        "sector_vi": _sector_labels(survey["prominent_sector"], params),
        "pilot_type": eligibility["pilot_type"].to_numpy(),
        "eligible": eligible,
        "n_conditions_met": eligibility["n_conditions_met"].to_numpy(),
        "n_conditions": eligibility["n_conditions"].to_numpy(),
        "missing_vi": eligibility["missing_vi"].to_numpy(),
        **{f"ind_{name}": x[:, j] for j, name in enumerate(INDICATORS)},
        "score": score,
        "attainable": attainable,
        "total_gap_mvnd": total_gap,
        "excluded": np.isin(codes, [str(c) for c in pp.get("exclude", [])]),
    }
    out = pd.DataFrame({k: v[order] for k, v in columns.items()}, index=survey.index[order])
    rank = np.cumsum(eligible[order])
    out["rank"] = pd.arrays.IntegerArray(rank.astype(np.int64), ~eligible[order])
    return out


# --------------------------------------------------------------------------- choice
def choose_pilots(
    ranked: pd.DataFrame,
    params: dict | None = None,
    n: int | None = None,
    fallback: bool | None = None,
) -> pd.DataFrame:
    """Choose the pilots of one type from a ranking.

    Order of choice: (1) codes pinned in ``pilots.pin.<type>`` (even if not eligible;
    excluded codes win over pins); (2) eligible, not excluded communes by score, taking
    one per sector first when ``pilots.prefer_different_sectors`` is true; (3) when
    ``pilots.types.<type>.fallback_cheapest`` is true and slots remain, attainable
    communes by lowest total gap cost (the cheapest path).

    Parameters
    ----------
    ranked : DataFrame
        Output of :func:`rank_candidates` (one pilot type).
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    n : int, optional
        Number of pilots; default ``pilots.types.<type>.number`` (province overlay).
    fallback : bool, optional
        Fill missing slots from the cheapest path; default
        ``pilots.types.<type>.fallback_cheapest``.

    Returns
    -------
    DataFrame
        The chosen rows of ``ranked`` in choice order, plus ``choice`` (1…), ``basis``
        (``pinned`` / ``eligible`` / ``cheapest_path``), ``basis_vi``, ``pinned`` and
        ``gap_mvnd`` (0 when eligible). Empty (same columns) when nothing qualifies.

    Raises
    ------
    InputError
        If a ranking column is missing.
    ValueError
        If ``n`` is negative or ``ranked`` mixes pilot types.

    Warns
    -----
    UserWarning
        For a pinned code that is not in ``ranked``.
    """
    pp = _pilot_params(params)
    _require(
        ranked,
        [
            "commune_code",
            "prominent_sector",
            "pilot_type",
            "eligible",
            "score",
            "attainable",
            "total_gap_mvnd",
            "excluded",
        ],
        "chọn thí điểm / choosing pilots",
    )
    types = ranked["pilot_type"].unique()
    if len(types) > 1:
        raise ValueError("Bảng xếp hạng có nhiều loại mô hình / ranking mixes pilot types")
    pilot_type = str(types[0]) if len(types) else "smart_commune"
    conf = _type_conf(pp, pilot_type)
    n = int(conf["number"]) if n is None else int(n)
    if n < 0:
        raise ValueError(f"Số thí điểm phải ≥ 0 / number of pilots must be ≥ 0 (got {n})")
    codes = ranked["commune_code"].astype(str).to_numpy()
    excluded = ranked["excluded"].to_numpy(dtype=bool)
    pins = [str(c) for c in pp.get("pin", {}).get(pilot_type, [])]
    unknown = [c for c in pins if c not in set(codes)]
    if unknown:
        warnings.warn(
            f"Mã xã được ghim không có trong dữ liệu / pinned codes not in the data: {', '.join(unknown)}",
            UserWarning,
            stacklevel=2,
        )
    pin_pos = [int(np.flatnonzero(codes == c)[0]) for c in dict.fromkeys(pins) if c in set(codes)]
    pin_pos = [p for p in pin_pos if not excluded[p]]
    taken = np.zeros(len(ranked), dtype=bool)
    taken[pin_pos] = True

    pool = (
        ranked["eligible"].to_numpy(dtype=bool) & ~excluded & ~taken
    )  # ranked order = score order
    pool_pos = np.flatnonzero(pool)
    if pp.get("prefer_different_sectors", True) and len(pool_pos):
        sectors = ranked["prominent_sector"].astype("string").fillna("").to_numpy()
        used = set(sectors[pin_pos])
        first = ~pd.Series(sectors[pool_pos]).duplicated().to_numpy()
        fresh = first & ~np.isin(sectors[pool_pos], list(used))
        pool_pos = np.concatenate([pool_pos[fresh], pool_pos[~fresh]])
    slots = max(n - len(pin_pos), 0)
    elig_pos = list(pool_pos[:slots])
    taken[elig_pos] = True

    cheap_pos: list[int] = []
    slots -= len(elig_pos)
    if fallback is None:
        fallback = bool(conf.get("fallback_cheapest", False))
    if slots > 0 and fallback:
        cand = np.flatnonzero(ranked["attainable"].to_numpy(dtype=bool) & ~excluded & ~taken)
        gap = ranked["total_gap_mvnd"].to_numpy(dtype=float)[cand]
        order = np.lexsort((codes[cand], -ranked["score"].to_numpy()[cand], gap))
        cheap_pos = list(cand[order][:slots])

    positions = pin_pos + elig_pos + cheap_pos
    basis = (
        ["pinned"] * len(pin_pos)
        + ["eligible"] * len(elig_pos)
        + ["cheapest_path"] * len(cheap_pos)
    )
    out = ranked.iloc[positions].copy()
    out["choice"] = np.arange(1, len(out) + 1, dtype=np.int64)
    out["basis"] = basis
    out["basis_vi"] = [BASIS_VI[b] for b in basis]
    out["pinned"] = out["basis"] == "pinned"
    out["gap_mvnd"] = np.where(
        out["eligible"].to_numpy(dtype=bool), 0.0, out["total_gap_mvnd"].to_numpy(dtype=float)
    )
    return out


# --------------------------------------------------------------------------- gaps
def gap_costs(
    survey: pd.DataFrame, eligibility: pd.DataFrame, params: dict | None = None
) -> pd.DataFrame:
    """Cost of closing each shortfall, per commune, in million VND.

    ``cost_x_mvnd = shortfall_x × pilots.unit_costs_mvnd[...]`` for every shortfall
    column present (households → connection/device support per household; officials →
    computer per official, account set-up per missing e-mail and e-office account;
    villages → fibre / 4G extension per village; providers → mobilisation per provider;
    e-commerce → per OCOP product and per household selling online).

    A commune is ``attainable`` when it is a rural unit with a listed prominent sector
    (if those conditions belong to the type) and no denominator is missing: spending
    cannot create a sector or turn a ward into a commune, and a commune without data
    cannot be costed.

    Parameters
    ----------
    survey : DataFrame
        Survey rows (``commune_code``, ``commune_name`` needed).
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        Same index: ``commune_code``, ``commune_name``, ``eligible``, ``attainable``,
        one ``cost_*_mvnd`` per shortfall column, ``total_gap_mvnd`` (0 when eligible).

    Raises
    ------
    InputError
        If a needed column is missing.
    ValueError
        If ``eligibility`` is not aligned to ``survey``.
    """
    pp = _pilot_params(params)
    _require(survey, ["commune_code", "commune_name"], "chi phí bù thiếu hụt / gap costs")
    _require(
        eligibility,
        ["eligible", "missing_vi", *SHORTFALL_COLUMNS],
        "bảng điều kiện / eligibility frame",
    )
    _check_aligned(survey, eligibility, "eligibility")
    attainable, costs, total = _gap_arrays(eligibility, pp)
    columns = {
        "commune_code": survey["commune_code"].to_numpy(),
        "commune_name": survey["commune_name"].to_numpy(),
        "eligible": eligibility["eligible"].to_numpy(dtype=bool),
        "attainable": attainable,
        **costs,
        "total_gap_mvnd": total,
    }
    return pd.DataFrame(columns, index=survey.index)


def _gap_arrays(eligibility: pd.DataFrame, pp: dict) -> tuple[np.ndarray, dict, np.ndarray]:
    """(attainable, {cost column: array}, total gap with 0 for eligible rows)."""
    eligible = eligibility["eligible"].to_numpy(dtype=bool)
    attainable = np.ones(len(eligibility), dtype=bool)
    for gate in ("gate_rural", "gate_sector"):
        if gate in eligibility.columns:
            attainable &= eligibility[gate].to_numpy(dtype=bool)
    if "no_data" in eligibility.columns:
        attainable &= ~eligibility["no_data"].to_numpy(dtype=bool)
    unit = pp["unit_costs_mvnd"]
    costs = {}
    total = np.zeros(len(eligibility))
    for short_col, (unit_key, cost_col) in _COSTS.items():
        if short_col in eligibility.columns:
            costs[cost_col] = eligibility[short_col].to_numpy(dtype=float) * float(unit[unit_key])
            total += costs[cost_col]
    return attainable | eligible, costs, np.where(eligible, 0.0, np.round(total, 6))


def cheapest_path(
    survey: pd.DataFrame,
    eligibility: pd.DataFrame,
    params: dict | None = None,
    n: int | None = None,
) -> pd.DataFrame:
    """The communes cheapest to bring over every condition (the path to the target).

    Only *attainable* communes are listed (rural units with a listed prominent sector and
    complete data); a commune without a prominent sector cannot be bought into
    eligibility and is left out. Already eligible communes are left out too.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    n : int, optional
        How many communes; default ``pilots.cheapest_path_n``.

    Returns
    -------
    DataFrame
        Up to ``n`` rows sorted by ``total_gap_mvnd`` ascending (ties: more conditions
        met, then commune code): ``commune_code``, ``commune_name``,
        ``prominent_sector``, ``sector_vi``, ``n_conditions_met``, ``n_conditions``, ``missing_vi``,
        the shortfall columns, the ``cost_*_mvnd`` columns and ``total_gap_mvnd``.

    Raises
    ------
    InputError
        If a needed column is missing.
    ValueError
        If ``eligibility`` is not aligned to ``survey``.
    """
    pp = _pilot_params(params)
    n = int(pp["cheapest_path_n"]) if n is None else int(n)
    _require(survey, ["prominent_sector"], "lộ trình chi phí thấp nhất / cheapest path")
    gaps = gap_costs(survey, eligibility, params=params)
    short_cols = [c for c in eligibility.columns if c.startswith("shortfall_")]
    cost_cols = [c for c in gaps.columns if c.startswith("cost_")]
    frame = pd.concat(
        [
            gaps[["commune_code", "commune_name"]],
            survey[["prominent_sector"]],
            pd.Series(
                _sector_labels(survey["prominent_sector"], params),
                index=survey.index,
                name="sector_vi",
            ),
            eligibility[["n_conditions_met", "n_conditions", "missing_vi", *short_cols]],
            gaps[[*cost_cols, "total_gap_mvnd"]],
        ],
        axis=1,
    )
    keep = gaps["attainable"].to_numpy() & ~gaps["eligible"].to_numpy()
    excluded = np.isin(
        gaps["commune_code"].astype(str).to_numpy(), [str(c) for c in pp.get("exclude", [])]
    )
    frame = frame[keep & ~excluded]
    order = np.lexsort(
        (
            frame["commune_code"].astype(str).to_numpy(),
            -frame["n_conditions_met"].to_numpy(),
            frame["total_gap_mvnd"].to_numpy(),
        )
    )
    return frame.iloc[order[:n]]


# --------------------------------------------------------------------------- robustness
def robustness(
    survey: pd.DataFrame,
    eligibility: pd.DataFrame,
    params: dict | None = None,
    draws: int | None = None,
    spread: float | None = None,
    seed: int | None = None,
    k: int | None = None,
) -> pd.DataFrame:
    """How often each eligible candidate stays in the top k when the weights move.

    Each draw multiplies every weight by an independent uniform factor in
    ``[1 − spread, 1 + spread]``; scores for all draws are one matrix product
    (communes × indicators) @ (indicators × draws). Excluded communes are left out.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    draws, spread, seed, k : optional
        Default to ``pilots.robustness.*`` (300, 0.2, a fixed seed, 3).

    Returns
    -------
    DataFrame
        One row per eligible, not excluded commune, by base rank: ``commune_code``,
        ``commune_name``, ``prominent_sector``, ``rank``, ``score``, ``share_top_k``
        (share of draws in the top k, 0–1) and ``share_first`` (share of draws ranked
        first). Empty (same columns) when none is eligible.

    Raises
    ------
    InputError
        If a needed column is missing.
    ValueError
        If ``eligibility`` is not aligned, or draws < 1, k < 1 or spread not in [0, 1].
    """
    pp = _pilot_params(params)
    rp = pp["robustness"]
    draws = int(rp["draws"] if draws is None else draws)
    spread = float(rp["spread"] if spread is None else spread)
    seed = int(rp["seed"] if seed is None else seed)
    k = int(rp["k"] if k is None else k)
    if draws < 1 or k < 1 or not (0.0 <= spread <= 1.0):
        raise ValueError(
            "draws ≥ 1, k ≥ 1 và 0 ≤ spread ≤ 1 / need draws ≥ 1, k ≥ 1 and 0 ≤ spread ≤ 1"
        )
    _require(survey, ["commune_code", "commune_name", "prominent_sector"], "độ vững / robustness")
    _require(eligibility, ["eligible"], "bảng điều kiện / eligibility frame")
    _check_aligned(survey, eligibility, "eligibility")
    columns = [
        "commune_code",
        "commune_name",
        "prominent_sector",
        "rank",
        "score",
        "share_top_k",
        "share_first",
    ]
    codes_all = survey["commune_code"].astype(str).to_numpy()
    pool = eligibility["eligible"].to_numpy(dtype=bool) & ~np.isin(
        codes_all, [str(c) for c in pp.get("exclude", [])]
    )
    if not pool.any():
        return pd.DataFrame(columns=columns)
    sub = survey[pool]
    x = _indicator_matrix(sub, pp)
    w = _weight_vector(pp)
    base = _scores(x, w)
    codes = codes_all[pool]
    order = _order(base, codes)
    x, base, sub, codes = x[order], base[order], sub.iloc[order], codes[order]
    rng = np.random.default_rng(seed)
    factors = rng.uniform(1.0 - spread, 1.0 + spread, size=(draws, len(w)))
    scores = _scores(x, factors * w[None, :])  # n × draws
    # Rank within each draw; ties keep the base order (rows are sorted by base rank).
    idx = np.argsort(-scores, axis=0, kind="stable")
    position = np.empty_like(idx)
    np.put_along_axis(position, idx, np.arange(len(x))[:, None].repeat(draws, axis=1), axis=0)
    return pd.DataFrame(
        {
            "commune_code": codes,
            "commune_name": sub["commune_name"].to_numpy(),
            "prominent_sector": sub["prominent_sector"].to_numpy(),
            "rank": np.arange(1, len(x) + 1, dtype=np.int64),
            "score": np.round(base, 6),
            "share_top_k": (position < k).mean(axis=1),
            "share_first": (position == 0).mean(axis=1),
        },
        index=sub.index,
    )


# --------------------------------------------------------------------------- reporting
def funnel(eligibility: pd.DataFrame) -> pd.DataFrame:
    """Communes passing each condition in turn (the funnel).

    Parameters
    ----------
    eligibility : DataFrame
        Output of :func:`check_eligibility` (gate columns in condition order).

    Returns
    -------
    DataFrame
        First row ``all`` (every unit), then one row per gate: ``condition`` (gate
        column), ``condition_vi``, ``passing_alone`` (units passing this gate),
        ``passing_cumulative`` (units passing this and every earlier gate), ``dropped``
        (units lost at this step).

    Raises
    ------
    InputError
        If the frame has no gate column.
    """
    gates = gate_columns(eligibility)
    matrix = eligibility[gates].to_numpy(dtype=bool)
    cumulative = (
        np.logical_and.accumulate(matrix, axis=1).sum(axis=0)
        if len(matrix)
        else np.zeros(len(gates), int)
    )
    alone = matrix.sum(axis=0)
    total = len(eligibility)
    cum = np.concatenate([[total], cumulative]).astype(np.int64)
    labels = {v["gate"]: v["label_vi"] for v in CONDITIONS.values()}
    return pd.DataFrame(
        {
            "condition": ["all", *gates],
            "condition_vi": ["Tất cả đơn vị", *[labels.get(g, g) for g in gates]],
            "passing_alone": np.concatenate([[total], alone]).astype(np.int64),
            "passing_cumulative": cum,
            "dropped": np.concatenate([[0], cum[:-1] - cum[1:]]).astype(np.int64),
        }
    )


def commune_table(
    survey: pd.DataFrame,
    eligibility: pd.DataFrame,
    ranked: pd.DataFrame | None = None,
    marks: bool = True,
    params: dict | None = None,
) -> pd.DataFrame:
    """Every commune with its gates, shortfalls and (optionally) score and rank.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    eligibility : DataFrame
        Output of :func:`check_eligibility` for the same ``survey``.
    ranked : DataFrame, optional
        Output of :func:`rank_candidates`; adds ``score``, ``rank``, ``total_gap_mvnd``.
    marks : bool
        Show gates as ✓/✗ text instead of booleans.
    params : dict, optional
        Resolved params (sector display labels); ``None`` means the defaults.

    Returns
    -------
    DataFrame
        In ranking order when ``ranked`` is given, else survey order: ``commune_code``,
        ``commune_name``, ``unit_type``, ``sector_vi``, gate columns, ``eligible``,
        shortfall columns, ``missing_vi`` (+ ``score``, ``rank``, ``total_gap_mvnd``).

    Raises
    ------
    InputError
        If a needed column is missing.
    ValueError
        If a frame is not aligned to ``survey``.
    """
    _require(
        survey,
        ["commune_code", "commune_name", "unit_type", "prominent_sector"],
        "bảng xã / commune table",
    )
    _check_aligned(survey, eligibility, "eligibility")
    gates = gate_columns(eligibility)
    short = [c for c in eligibility.columns if c.startswith("shortfall_")]
    out = pd.concat(
        [
            survey[["commune_code", "commune_name", "unit_type"]],
            pd.Series(
                _sector_labels(survey["prominent_sector"], params),
                index=survey.index,
                name="sector_vi",
            ),
            eligibility[[*gates, "eligible", *short, "missing_vi"]],
        ],
        axis=1,
    )
    if ranked is not None:
        out = out.loc[ranked.index]
        out["score"] = ranked["score"].to_numpy()
        out["rank"] = ranked["rank"].to_numpy()
        out["total_gap_mvnd"] = ranked["total_gap_mvnd"].to_numpy()
    if marks:
        for col in [*gates, "eligible"]:
            out[col] = out[col].map(_MARK)
    return out


def _sector_labels(sector: pd.Series, params: dict | None = None) -> np.ndarray:
    """Vietnamese sector names (display labels of ``survey.sectors``; the code when unknown)."""
    names = _resolve(params).get("survey", {}).get("sectors", {})
    vi = {k: str(v).split(" / ")[0] for k, v in names.items()}
    s = sector.astype(object).where(sector.notna(), None)
    return s.map(vi).fillna(s).fillna("").to_numpy(dtype=object)


def _share(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore", invalid="ignore"):
        r = num / den
    return np.round(np.where(np.isfinite(r), r, np.nan), 4)


def registration_table(
    survey: pd.DataFrame,
    params: dict | None = None,
    province_code: str | None = None,
    province_name: str | None = None,
    top_n: int | None = None,
) -> pd.DataFrame:
    """Registration of candidates for centrally directed pilots (guidance 3b).

    Per pilot type, the top candidates chosen as by :func:`choose_pilots` with ``n =
    top_n`` and no fallback: pinned communes, then eligible communes by score (a type
    with no eligible and no pinned commune has no row). One row per commune; the columns are
    :data:`REGISTRATION_COLUMNS` for every province, so the central office can stack
    the files.

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    province_code, province_name : str, optional
        Written on every row (default: the survey's ``province_code``; name empty).
    top_n : int, optional
        Candidates per type; default ``pilots.registration_top_n``.

    Returns
    -------
    DataFrame
        Columns exactly :data:`REGISTRATION_COLUMNS`; possibly no rows.

    Raises
    ------
    InputError
        If a needed column is missing.
    """
    params = _resolve(params)
    pp = _pilot_params(params)
    top_n = int(pp["registration_top_n"]) if top_n is None else int(top_n)
    if province_code is None and "province_code" in survey.columns and len(survey):
        province_code = str(survey["province_code"].iloc[0])
    frames = []
    for pilot_type, conf in pp["types"].items():
        elig = check_eligibility(survey, params, pilot_type)
        ranked = rank_candidates(survey, elig, params)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            chosen = choose_pilots(ranked, params, n=top_n, fallback=False)
        frames.append(_registration_rows(survey, elig, chosen, pilot_type, conf, params))
    out = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=list(REGISTRATION_COLUMNS))
    )
    out.insert(0, "province_code", province_code or "")
    out.insert(1, "province_name", province_name or "")
    return out[list(REGISTRATION_COLUMNS)].reset_index(drop=True)


def _registration_rows(survey, elig, chosen, pilot_type, conf, params) -> pd.DataFrame:
    s = survey.loc[chosen.index]
    f = {
        c: _floats(s, c)
        for c in (
            "households",
            "households_internet_smart",
            "villages",
            "villages_fiber",
            "villages_4g",
            "officials",
            "officials_computer",
        )
    }
    e = elig.loc[chosen.index]
    year = s["year"].to_numpy() if "year" in s.columns else np.full(len(s), np.nan)
    return pd.DataFrame(
        {
            "pilot_type": pilot_type,
            "pilot_type_vi": conf.get("label_vi", pilot_type),
            "rank": chosen["choice"].to_numpy(dtype=np.int64),
            "commune_code": chosen["commune_code"].astype(str).to_numpy(),
            "commune_name": chosen["commune_name"].to_numpy(),
            "prominent_sector": chosen["prominent_sector"].to_numpy(),
            "sector_vi": _sector_labels(chosen["prominent_sector"], params),
            "eligible": chosen["eligible"].to_numpy(dtype=bool),
            "conditions_met": e["n_conditions_met"].astype(str).to_numpy(dtype=object)
            + "/"
            + e["n_conditions"].astype(str).to_numpy(dtype=object),
            "missing_vi": e["missing_vi"].to_numpy(),
            "basis_vi": chosen["basis_vi"].to_numpy(),
            "score": np.round(chosen["score"].to_numpy(dtype=float), 2),
            "gap_mvnd": chosen["gap_mvnd"].to_numpy(dtype=float),
            "year": year,
            "households": f["households"],
            "share_households_internet_smart": _share(
                f["households_internet_smart"], f["households"]
            ),
            "share_villages_fiber": _share(f["villages_fiber"], f["villages"]),
            "share_villages_4g": _share(f["villages_4g"], f["villages"]),
            "share_officials_computer": _share(f["officials_computer"], f["officials"]),
            "files_online_share": _floats(s, "files_online_share"),
            "ocop_products_online": _floats(s, "ocop_products_online"),
            "households_selling_online": _floats(s, "households_selling_online"),
            "digital_providers": _floats(s, "digital_providers"),
            "dx_demand": _floats(s, "dx_demand"),
        }
    )


# --------------------------------------------------------------------------- whole run
def evaluate(
    survey: pd.DataFrame, params: dict | None = None
) -> dict[str, dict[str, pd.DataFrame]]:
    """Run eligibility, ranking, choice and gaps for every pilot type in params.

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    dict
        ``{pilot_type: {"eligibility", "ranked", "chosen", "funnel", "cheapest"}}`` (frames).

    Raises
    ------
    InputError
        If a needed column is missing.
    """
    params = _resolve(params)
    pp = _pilot_params(params)
    results = {}
    for pilot_type in pp["types"]:
        elig = check_eligibility(survey, params, pilot_type)
        ranked = rank_candidates(survey, elig, params)
        results[pilot_type] = {
            "eligibility": elig,
            "ranked": ranked,
            "chosen": choose_pilots(ranked, params),
            "funnel": funnel(elig),
            "cheapest": cheapest_path(survey, elig, params),
        }
    return results


def _records(frame: pd.DataFrame, cols: list[str]) -> list[dict]:
    recs = []
    for row in frame[cols].to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, (np.bool_, bool)):
                clean[key] = bool(value)
            elif isinstance(value, (np.integer, int)):
                clean[key] = int(value)
            elif isinstance(value, (np.floating, float)):
                clean[key] = None if np.isnan(value) else round(float(value), 3)
            elif value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
                clean[key] = None
            else:
                clean[key] = str(value) if not isinstance(value, str) else value
        recs.append(clean)
    return recs


def summary(survey: pd.DataFrame, params: dict | None = None, results: dict | None = None) -> dict:
    """Key figures for ``summary.json`` (keys documented in the module docstring).

    Parameters
    ----------
    survey : DataFrame
        This province's survey rows.
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    results : dict, optional
        Output of :func:`evaluate` for the same survey and params (recomputed if None).

    Returns
    -------
    dict
        JSON-serialisable key figures.

    Raises
    ------
    InputError
        If a needed column is missing.
    """
    params = _resolve(params)
    pp = _pilot_params(params)
    results = evaluate(survey, params) if results is None else results
    types = list(results)
    out: dict[str, Any] = {"communes": int(len(survey)), "pilot_types": types}
    first = results[types[0]]["eligibility"] if types else None
    if first is not None and "gate_rural" in first.columns:
        rural = first["gate_rural"].to_numpy(dtype=bool)
    else:
        rural = survey["unit_type"].isin(list(pp["rural_unit_types"])).to_numpy(dtype=bool)
    out["rural_communes"] = int(rural.sum())
    sector_ok = _sector_present(survey) & survey["prominent_sector"].isin(
        list(pp["eligible_sectors"])
    ).to_numpy(dtype=bool)
    out["communes_without_sector"] = int((rural & ~sector_ok).sum())
    out["eligible_count"] = {t: int(r["eligibility"]["eligible"].sum()) for t, r in results.items()}
    out["has_eligible"] = {t: c > 0 for t, c in out["eligible_count"].items()}
    out["funnel"] = {
        t: [
            {"condition": str(c), "passing": int(v)}
            for c, v in zip(
                r["funnel"]["condition"], r["funnel"]["passing_cumulative"], strict=True
            )
        ]
        for t, r in results.items()
    }
    out["target"] = {t: int(pp["types"][t]["number"]) for t in types}
    chosen_cols = [
        "commune_code",
        "commune_name",
        "prominent_sector",
        "eligible",
        "basis",
        "score",
        "gap_mvnd",
        "missing_vi",
    ]
    out["chosen"] = {t: _records(r["chosen"], chosen_cols) for t, r in results.items()}
    smart = results.get("smart_commune")
    if smart is not None:
        ch = smart["chosen"]
        out["chosen_smart_codes"] = [str(c) for c in ch["commune_code"]]
        out["smart_pilots_gap_mvnd"] = round(float(ch["gap_mvnd"].sum()), 3)
        out["smart_target_met"] = bool(ch["eligible"].sum() >= out["target"]["smart_commune"])
    else:
        out["chosen_smart_codes"], out["smart_pilots_gap_mvnd"], out["smart_target_met"] = (
            [],
            0.0,
            False,
        )
    cheap_cols = [
        "commune_code",
        "commune_name",
        "prominent_sector",
        "total_gap_mvnd",
        "missing_vi",
    ]
    out["cheapest_path"] = {
        t: ([] if out["has_eligible"][t] else _records(r["cheapest"], cheap_cols))
        for t, r in results.items()
    }
    k = int(pp["robustness"]["k"])
    out["robustness_k"] = k
    if smart is not None and out["has_eligible"].get("smart_commune"):
        rob = robustness(survey, smart["eligibility"], params)
        out["robustness"] = _records(rob.head(max(k, 5)), ["commune_code", "rank", "share_top_k"])
    else:
        out["robustness"] = []
    codes = set(survey["commune_code"].astype(str)) if "commune_code" in survey.columns else set()
    pins = [str(c) for t in types for c in pp.get("pin", {}).get(t, [])]
    out["pins_not_found"] = sorted({c for c in pins if c not in codes})
    out["statement_vi"] = statement_vi(out, params)
    return out


def statement_vi(figures: dict, params: dict | None = None) -> str:
    """One Vietnamese sentence on the result for the smart-commune target.

    Parameters
    ----------
    figures : dict
        Output of :func:`summary` (without ``statement_vi``).
    params : dict, optional
        Resolved params (for the pilot-type labels); ``None`` means the defaults.

    Returns
    -------
    str

    Raises
    ------
    KeyError
        If ``figures`` lacks ``eligible_count``.
    """
    pp = _pilot_params(params)
    parts = []
    for t, count in figures["eligible_count"].items():
        label = pp["types"].get(t, {}).get("label_vi", t)
        parts.append(f"{label}: {count} xã đủ điều kiện")
    text = "; ".join(parts) + "."
    if (
        "smart_commune" in figures["eligible_count"]
        and not figures["has_eligible"]["smart_commune"]
    ):
        path = figures.get("cheapest_path", {}).get("smart_commune", [])
        if path:
            best = path[0]
            text += (
                f" Chưa có xã nào đủ điều kiện xây dựng mô hình xã nông thôn mới thông minh; lộ trình "
                f"chi phí thấp nhất: {best['commune_name']} ({best['commune_code']}), cần khoảng "
                f"{best['total_gap_mvnd']:,.0f} triệu đồng để đạt mọi điều kiện."
            )
        else:
            text += (
                " Chưa có xã nào đủ điều kiện và không xã nào có thể bù thiếu hụt bằng kinh phí "
                "(thiếu lĩnh vực nổi bật hoặc thiếu dữ liệu)."
            )
    return text


def with_overrides(params: dict | None, overrides: dict) -> dict:
    """Return a deep copy of ``params`` with dotted ``pilots`` keys replaced (for widgets).

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.
    overrides : dict
        ``{"thresholds.households_internet_smart_share": 0.4, "weights.dx_demand": 3.0,
        "types.smart_commune.number": 2}`` (keys relative to ``pilots``).

    Returns
    -------
    dict
        A new params dict; the input is not modified.

    Raises
    ------
    KeyError
        If a dotted key does not exist in ``pilots``.
    """
    if params is None:
        from ntmplan.core.params import default_params

        params = default_params()
    out = copy.deepcopy(params)
    for dotted, value in overrides.items():
        node = out["pilots"]
        keys = dotted.split(".")
        for key in keys[:-1]:
            node = node[key]
        if keys[-1] not in node:
            raise KeyError(f"pilots.{dotted}")
        node[keys[-1]] = value
    return out


def _pct(value: float) -> str:
    return f"{float(value) * 100:g}%"


def conditions_table(params: dict | None = None) -> pd.DataFrame:
    """The conditions of every pilot type with their thresholds, in words (for reports).

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        One row per condition: ``condition`` (gate column), ``condition_vi``, ``rule_vi``
        (the threshold in words) and one ✓/— column per pilot type (its ``label_vi``).

    Raises
    ------
    KeyError
        If a threshold key is missing from ``pilots.thresholds``.
    """
    pp = _pilot_params(params)
    th = pp["thresholds"]
    rules = {
        "rural": "loại đơn vị: "
        + ", ".join(pp["rural_unit_types"])
        + " (phường không thuộc phạm vi)",
        "infrastructure": f"thôn có cáp quang ≥ {_pct(th['villages_fiber_share'])} và thôn có 4G/5G ≥ "
        f"{_pct(th['villages_4g_share'])} số thôn",
        "sector": f"có lĩnh vực nổi bật trong danh mục ({len(pp['eligible_sectors'])} lĩnh vực)"
        + (
            f", nhu cầu CĐS ≥ {th['sector_min_dx_demand']}"
            if th["sector_min_dx_demand"] > 1
            else ""
        ),
        "households": f"hộ có Internet và thiết bị thông minh ≥ {_pct(th['households_internet_smart_share'])} số hộ",
        "officials_computer": f"cán bộ có máy tính nối mạng ≥ {_pct(th['officials_computer_share'])}",
        "officials_email_eoffice": f"cán bộ dùng thư điện tử công vụ ≥ {_pct(th['officials_email_share'])} "
        f"và văn phòng điện tử ≥ {_pct(th['officials_eoffice_share'])}",
        "providers": f"doanh nghiệp dịch vụ số huy động được ≥ {th['digital_providers_min']}",
        "ocop_online": f"sản phẩm OCOP bán trực tuyến ≥ {th['ocop_products_online_min']}",
        "selling_online": f"hộ bán hàng trực tuyến ≥ {_pct(th['households_selling_online_share'])} số hộ",
    }
    used = [c for c in CONDITIONS if any(c in t["conditions"] for t in pp["types"].values())]
    out = pd.DataFrame(
        {
            "condition": [CONDITIONS[c]["gate"] for c in used],
            "condition_vi": [CONDITIONS[c]["label_vi"] for c in used],
            "rule_vi": [rules[c] for c in used],
        }
    )
    for t, conf in pp["types"].items():
        out[conf.get("label_vi", t)] = ["✓" if c in conf["conditions"] else "—" for c in used]
    return out


def assumptions(params: dict | None = None) -> pd.DataFrame:
    """The ``pilots`` params in use, each with its source or assumption.

    Sources are the comments of ``params/defaults.yaml`` (via
    :func:`ntmplan.core.params.section_sources`); values are the resolved ones.

    Parameters
    ----------
    params : dict, optional
        Resolved params; ``None`` means the defaults.

    Returns
    -------
    DataFrame
        Columns ``key`` (dotted), ``value`` (resolved, as text), ``source``.

    Raises
    ------
    OSError
        If ``params/defaults.yaml`` cannot be read.
    """
    from ntmplan.core.params import section_sources

    return section_sources("pilots", _resolve(params))
