"""The rule of each eligibility condition: gate, shortfalls and "what is missing" text parts.

Missing values
--------------
A missing count is treated as "not evidenced" (0): its gate fails and its shortfall is
the full requirement. A missing or zero denominator (households, villages, officials)
fails the gate with shortfall 0 and the text "thiếu dữ liệu" (no data): it cannot be
costed. A commune without a listed prominent sector, or that is not a rural unit,
cannot be *bought* into eligibility (see :mod:`ntmplan.tasks.pilots.gaps`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.by_group import values_by_group
from ntmplan.core.errors import ParamsError
from ntmplan.tasks.pilots.config import param_problem
from ntmplan.tasks.pilots.frames import counts, floats, sector_present
from ntmplan.tasks.pilots.thresholds import min_gate, minimum_counts, ratio_gate, share_fractions

#: Denominator column → Vietnamese name in the "thiếu dữ liệu …" (no data) text.
DENOMINATOR_VI = {"households": "số hộ", "villages": "số thôn", "officials": "số cán bộ"}


def text_part(
    mask: np.ndarray, template: str, number: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Return a sparse text part: row positions where ``mask``, texts with ``{n}`` from ``number``.

    Parameters
    ----------
    mask : numpy.ndarray
        Rows that get the text.
    template : str
        Vietnamese text, optionally with one ``{n}`` placeholder.
    number : numpy.ndarray, optional
        Values put in ``{n}`` (one per row of the frame).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        Positions and the object array of their texts.
    """
    pos = np.flatnonzero(mask)
    if number is None or not len(pos):
        return pos, np.full(len(pos), template, dtype=object)
    head, _, tail = template.partition("{n}")
    return pos, head + number[pos].astype("U").astype(object) + tail


def join_parts(parts: list[tuple[np.ndarray, np.ndarray]], n: int) -> np.ndarray:
    """Join sparse text parts per row with "; " (work ∝ number of non-empty parts).

    Parameters
    ----------
    parts : list of (positions, texts)
        Outputs of :func:`text_part`, in display order.
    n : int
        Number of rows.

    Returns
    -------
    numpy.ndarray
        Object array of ``n`` texts ("" where no part applies).
    """
    acc = np.full(n, "", dtype=object)
    started = np.zeros(n, dtype=bool)
    for pos, values in parts:
        if not len(pos):
            continue
        acc[pos] = np.where(started[pos], acc[pos] + "; " + values, values)
        started[pos] = True
    return acc


class ConditionData:
    """Cached integer views of survey counts, and which denominators lack data.

    Parameters
    ----------
    survey : DataFrame
        Survey rows.
    thresholds : dict
        The pilot type's thresholds (``pilots.thresholds`` and the type's own); each one
        number, or one number per commune group.
    groups : numpy.ndarray, optional
        Each commune's group (1, 2 or 3; :func:`ntmplan.survey.commune_groups`); default 2.
    """

    def __init__(self, survey: pd.DataFrame, thresholds: dict, groups: np.ndarray | None = None):
        self.survey = survey
        self.th = thresholds
        self.n = len(survey)
        self.groups = np.full(self.n, 2, dtype=np.int64) if groups is None else np.asarray(groups)
        self._cache: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self.no_data: dict[str, np.ndarray] = {}

    def value(self, key: str):
        """Return one threshold, or raise a located ``ParamsError`` when it is not set."""
        if key not in self.th:
            raise ParamsError(
                [
                    param_problem(
                        f"pilots.thresholds.{key}",
                        None,
                        "Thiếu ngưỡng cho điều kiện của loại mô hình này",
                        "threshold missing for a condition of this pilot type",
                    )
                ]
            )
        return self.th[key]

    def zeros(self) -> np.ndarray:
        """Return an int64 zero per row."""
        return np.zeros(self.n, dtype=np.int64)

    def count(self, col: str) -> tuple[np.ndarray, np.ndarray]:
        """Return (int64 values, missing mask) of a count column (cached)."""
        if col not in self._cache:
            self._cache[col] = counts(self.survey, col)
        return self._cache[col]

    def ratio(self, num_col: str, den_col: str, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Exact ratio gate ``num_col / den_col >= thresholds[key]`` → (passed, shortfall)."""
        num, num_miss = self.count(num_col)
        den, den_miss = self.count(den_col)
        ok, shortfall, no_data = ratio_gate(
            num, num_miss, den, den_miss, share_fractions(self.value(key), key, self.groups)
        )
        self.no_data[den_col] = no_data
        return ok, shortfall

    def minimums(self, key: str) -> np.ndarray:
        """Each commune's minimum of ``thresholds[key]`` (by its group when per group)."""
        return minimum_counts(self.value(key), key, self.groups)

    def minimum(self, col: str, key: str) -> tuple[np.ndarray, np.ndarray]:
        """Gate ``col >= thresholds[key]`` → (passed, shortfall)."""
        value, miss = self.count(col)
        return min_gate(value, miss, self.minimums(key))


def _check_rural(d: ConditionData, pp: dict):
    ut = d.survey["unit_type"]
    ok = ut.isin(list(pp["rural_unit_types"])).to_numpy(dtype=bool)
    pos = np.flatnonzero(~ok)
    shown = ut.iloc[pos].astype("string").fillna("không rõ").to_numpy(dtype=object)
    return ok, {}, [(pos, "là " + shown + " (ngoài phạm vi thí điểm)")]


def _check_infrastructure(d: ConditionData, pp: dict):
    """Fixed broadband in at least ``villages_fiber_min`` villages (all of them if fewer), and
    the shares ``villages_fiber_share`` / ``villages_4g_share`` of villages (0 = no share)."""
    fiber, fiber_miss = d.count("villages_fiber")
    villages, _ = d.count("villages")
    least = np.minimum(d.minimums("villages_fiber_min"), np.maximum(villages, 1))
    ok_m, sf_m = min_gate(fiber, fiber_miss, least)
    ok_f, sf_f = d.ratio("villages_fiber", "villages", "villages_fiber_share")
    ok_4, sf_4 = d.ratio("villages_4g", "villages", "villages_4g_share")
    sf_fiber = np.maximum(sf_m, sf_f)
    texts = [
        text_part(sf_fiber > 0, "thiếu cáp quang ở {n} thôn", sf_fiber),
        text_part(sf_4 > 0, "thiếu 4G/5G ở {n} thôn", sf_4),
    ]
    shortfalls = {"shortfall_villages_fiber": sf_fiber, "shortfall_villages_4g": sf_4}
    return ok_m & ok_f & ok_4, shortfalls, texts


def _check_sector(d: ConditionData, pp: dict):
    """A listed outstanding sector ("khac" with the sector written out) and DX demand ≥ the minimum."""
    sector = d.survey["prominent_sector"]
    present = sector_present(d.survey)
    listed = sector.isin(list(pp["eligible_sectors"])).to_numpy(dtype=bool)
    other = d.survey.get("prominent_sector_other", pd.Series(None, index=d.survey.index))
    written = (other.notna() & (other.astype("string").str.strip().fillna("") != "")).to_numpy()
    unnamed = present & listed & (sector == "khac").to_numpy(dtype=bool) & ~written
    dx = np.nan_to_num(floats(d.survey, "dx_demand"), nan=0.0)
    dx_ok = dx >= d.minimums("sector_min_dx_demand")
    texts = [
        text_part(~present, "chưa có lĩnh vực nổi bật"),
        text_part(present & ~listed, "lĩnh vực nổi bật không thuộc danh mục"),
        text_part(unnamed, "chưa ghi rõ lĩnh vực nổi bật «khác»"),
        text_part(present & listed & ~dx_ok, "nhu cầu chuyển đổi số dưới mức yêu cầu"),
    ]
    return present & listed & ~unnamed & dx_ok, {}, texts


def _check_households(d: ConditionData, pp: dict):
    ok, sf = d.ratio("households_internet_smart", "households", "households_internet_smart_share")
    text = text_part(sf > 0, "thiếu {n} hộ có Internet + thiết bị thông minh", sf)
    return ok, {"shortfall_households": sf}, [text]


def _check_officials_computer(d: ConditionData, pp: dict):
    ok, sf = d.ratio("officials_computer", "officials", "officials_computer_share")
    text = text_part(sf > 0, "thiếu máy tính nối mạng cho {n} cán bộ", sf)
    return ok, {"shortfall_officials_computer": sf}, [text]


def _check_officials_email_eoffice(d: ConditionData, pp: dict):
    ok_e, sf_e = d.ratio("officials_email", "officials", "officials_email_share")
    ok_o, sf_o = d.ratio("officials_eoffice", "officials", "officials_eoffice_share")
    texts = [
        text_part(sf_e > 0, "{n} cán bộ chưa dùng thư điện tử công vụ", sf_e),
        text_part(sf_o > 0, "{n} cán bộ chưa dùng văn phòng điện tử", sf_o),
    ]
    return (
        ok_e & ok_o,
        {"shortfall_officials_email": sf_e, "shortfall_officials_eoffice": sf_o},
        texts,
    )


def _check_providers(d: ConditionData, pp: dict):
    ok, sf = d.minimum("digital_providers", "digital_providers_min")
    return (
        ok,
        {"shortfall_providers": sf},
        [text_part(sf > 0, "thiếu {n} doanh nghiệp dịch vụ số", sf)],
    )


def _check_ocop_online(d: ConditionData, pp: dict):
    ok, sf = d.minimum("ocop_products_online", "ocop_products_online_min")
    text = text_part(sf > 0, "thiếu {n} sản phẩm OCOP bán trực tuyến", sf)
    return ok, {"shortfall_ocop_online": sf}, [text]


def _check_selling_online(d: ConditionData, pp: dict):
    ok, sf = d.ratio("households_selling_online", "households", "households_selling_online_share")
    text = text_part(sf > 0, "thiếu {n} hộ bán hàng trực tuyến", sf)
    return ok, {"shortfall_households_selling": sf}, [text]


def _check_ntm_level(d: ConditionData, pp: dict):
    """The commune's NTM recognition level is one of ``ntm_levels`` (a list threshold)."""
    levels = d.value("ntm_levels")
    ok = d.survey["ntm_level"].isin(list(levels)).to_numpy(dtype=bool)
    return ok, {}, [text_part(~ok, "chưa đạt mức nông thôn mới yêu cầu")]


def _check_files_online(d: ConditionData, pp: dict):
    """The share of work files processed online is at least ``files_online_share``."""
    groups = pd.Series(d.groups, index=d.survey.index)
    need = values_by_group(d.value("files_online_share"), groups).to_numpy()
    share = floats(d.survey, "files_online_share")
    ok = ~np.isnan(share) & (share >= need - 1e-12)
    return ok, {}, [text_part(~ok, "tỷ lệ hồ sơ xử lý trực tuyến dưới ngưỡng")]


def _check_digital_services(d: ConditionData, pp: dict):
    """At least ``digital_services_min`` essential services on a digital platform."""
    ok, sf = d.minimum("digital_services", "digital_services_min")
    text = text_part(sf > 0, "thiếu {n} dịch vụ thiết yếu trên nền tảng số", sf)
    return ok, {"shortfall_digital_services": sf}, [text]


#: Condition name → check function ``(data, pilots params) -> (passed, shortfalls, texts)``.
CHECKS = {
    "rural": _check_rural,
    "infrastructure": _check_infrastructure,
    "sector": _check_sector,
    "households": _check_households,
    "officials_computer": _check_officials_computer,
    "officials_email_eoffice": _check_officials_email_eoffice,
    "providers": _check_providers,
    "ocop_online": _check_ocop_online,
    "selling_online": _check_selling_online,
    "ntm_level": _check_ntm_level,
    "files_online": _check_files_online,
    "digital_services": _check_digital_services,
}
