"""Section II (current state): readiness, pillars, indicators and weakest communes, from 01."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.formatting import (
    fmt_number,
    fmt_percent,
    is_number,
    key_order,
    round_or_none,
)
from ntmplan.tasks.plan.labels import NOT_AVAILABLE
from ntmplan.tasks.plan.section import Section, captioned, unavailable_text

#: Indicators of 01 that are yes/no flags (shown as the share of communes, in %).
FLAG_INDICATORS = {
    "postal_point",
    "radio_it",
    "criterion_8_4",
    "has_cooperative",
    "has_digital_service",
}


#: The one sentence that explains the two ways a province value is computed (sections II and III).
MEASURES_NOTE = (
    "Cách tính giá trị của tỉnh: các bảng hiện trạng (chỉ số theo trụ cột, chỉ tiêu hiện trạng) dùng "
    '"bình quân gia quyền theo số hộ" (mỗi xã tính theo số hộ của xã, xã đông dân có trọng số lớn hơn; '
    "với chỉ tiêu có/không là tỷ lệ số hộ sống ở các xã đạt); bảng mục tiêu dùng "
    '"tỷ lệ xã đạt" như cách các mục tiêu của giai đoạn được đặt (số xã đạt chia cho số xã thuộc '
    "phạm vi đánh giá, mỗi xã tính một lần). Vì vậy cùng một chỉ tiêu có thể có hai giá trị khác nhau "
    "ở hai bảng."
)

#: Unit types in the order the plan lists them.
_UNIT_TYPES = ("xã", "đặc khu", "phường")


def _type_list(by_type: dict, types) -> str:
    parts = [f"{fmt_number(by_type.get(t, 0))} {t}" for t in types if by_type.get(t)]
    if not parts:
        return "0 đơn vị"
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " và " + parts[-1]


def coverage_text(s: dict) -> str:
    """Say how many of the province's units in scope returned data, against the real count.

    The real count is ``units_in_province`` of the 01 summary (administrative tables, 2025
    units); the surveyed units in scope are ``n_communes``. Wards (``phường``) are outside the
    scope of New Rural Development unless ``status.scope_unit_types`` lists them.

    Parameters
    ----------
    s : dict
        The 01_status summary.

    Returns
    -------
    str
        E.g. "6/66 xã thuộc phạm vi đánh giá có số liệu khảo sát (tỉnh có 66 xã và
        33 phường, tổng số 99 đơn vị hành chính cấp xã; 33 phường không thuộc phạm vi xây dựng
        nông thôn mới)."
    """
    units = s.get("units_in_province")
    n = s.get("n_communes")
    n_units = s.get("n_units")
    extra = ""
    if is_number(n) and is_number(n_units) and n_units > n:
        extra = (
            f" Khảo sát còn có {fmt_number(n_units - n)} đơn vị ngoài phạm vi, "
            "không tính vào đánh giá."
        )
    if not (isinstance(units, dict) and isinstance(units.get("by_type"), dict)):
        return (
            f"{fmt_number(n)} xã, đặc khu thuộc phạm vi đánh giá có số liệu khảo sát "
            "(chưa có số đơn vị hành chính cấp xã của tỉnh để so sánh)." + extra
        )
    by_type = units["by_type"]
    scope = [t for t in units.get("scope_unit_types") or ("xã", "đặc khu") if t in by_type]
    named = [t for t in scope if by_type.get(t)] or scope
    out_of_scope = [t for t in _UNIT_TYPES if t in by_type and t not in scope]
    order = [t for t in _UNIT_TYPES if t in by_type]
    text = (
        f"{fmt_number(n)}/{fmt_number(units.get('in_scope'))} {', '.join(named)} thuộc phạm vi "
        f"đánh giá có số liệu khảo sát (tỉnh có {_type_list(by_type, order)}, tổng số "
        f"{fmt_number(units.get('total'))} đơn vị hành chính cấp xã"
    )
    if any(by_type.get(t) for t in out_of_scope):
        text += f"; {_type_list(by_type, out_of_scope)} không thuộc phạm vi xây dựng nông thôn mới"
    return text + ")." + extra


def _pillars_table(s: dict) -> pd.DataFrame | None:
    from ntmplan.core.indicator_names import PILLAR_LABELS, PILLARS

    pillars = nested_get(s, "readiness_pillars", default={})
    weighted = nested_get(s, "readiness_pillars_weighted", default={})
    if not (isinstance(pillars, dict) and pillars):
        return None
    order = [k for k in PILLARS if k in pillars] + [k for k in pillars if k not in PILLARS]
    rows = [
        {
            "Trụ cột / pillar": PILLAR_LABELS.get(k, k),
            "Bình quân các xã (mỗi xã tính một lần) / mean": round_or_none(pillars.get(k)),
            "Bình quân gia quyền theo số hộ / household-weighted": round_or_none(
                (weighted or {}).get(k)
            ),
        }
        for k in order
    ]
    return captioned(
        pd.DataFrame(rows), "Bảng 1. Chỉ số sẵn sàng chuyển đổi số theo trụ cột (0–100)"
    )


def _indicators_table(s: dict) -> pd.DataFrame | None:
    from ntmplan.core.indicator_names import INDICATORS
    from ntmplan.core.indicator_names import LABELS as STATUS_LABELS

    indicators = nested_get(s, "indicators_weighted", default={})
    if not (isinstance(indicators, dict) and indicators):
        return None
    rows = [
        {
            "Chỉ tiêu / indicator": STATUS_LABELS.get(k, k),
            "Giá trị của tỉnh: bình quân gia quyền theo số hộ / household-weighted": (
                fmt_percent(v) if (k.endswith("_share") or k in FLAG_INDICATORS) else fmt_number(v)
            ),
        }
        for k, v in sorted(indicators.items(), key=lambda kv: key_order(kv[0], INDICATORS))
    ]
    return captioned(
        pd.DataFrame(rows),
        "Bảng 2. Các chỉ tiêu hiện trạng của tỉnh (bình quân gia quyền theo số hộ)",
    )


def _weakest_table(s: dict) -> pd.DataFrame | None:
    weakest = nested_get(s, "weakest_communes", default=[])
    if not (isinstance(weakest, list) and weakest):
        return None
    frame = pd.DataFrame([w for w in weakest if isinstance(w, dict)])
    keep = [c for c in ("commune_code", "commune_name", "overall") if c in frame.columns]
    if "overall" in frame.columns:
        frame["overall"] = frame["overall"].map(round_or_none)
    return captioned(
        frame[keep],
        "Bảng 3. Các xã có chỉ số sẵn sàng thấp nhất (cần ưu tiên hỗ trợ)",
        {
            "commune_code": "Mã xã",
            "commune_name": "Tên xã",
            "overall": "Chỉ số chung (0–100)",
        },
    )


def current_state_section(ctx: dict, p: dict) -> Section:
    """Build section II from the 01_status summary ("chưa có số liệu" when it has not run).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params.

    Returns
    -------
    Section
    """
    s = ctx["summaries"]["01_status"]
    sec = Section(
        "current_state",
        "II. THỰC TRẠNG CHUYỂN ĐỔI SỐ TRONG XÂY DỰNG NÔNG THÔN MỚI",
        notebooks=("01_status",),
        params_used=(
            "status.scope_unit_types",
            "status.aggregate_weight",
            "status.missing_indicator",
            "status.pillar_weights",
            "status.indicators",
        ),
    )
    if s is None:
        sec.available = False
        sec.paragraphs = [unavailable_text(["01_status"])]
        return sec
    year = s.get("year") if is_number(s.get("year")) else NOT_AVAILABLE
    sec.paragraphs = [
        f"Năm khảo sát {year}: {coverage_text(s)}",
        f"Chỉ số sẵn sàng chuyển đổi số chung (0–100): bình quân gia quyền theo số hộ "
        f"{fmt_number(s.get('readiness_overall_weighted'))}; bình quân các xã {fmt_number(s.get('readiness_overall_mean'))}; "
        f"trung vị {fmt_number(nested_get(s, 'readiness_quantiles', 'p50'))}.",
        MEASURES_NOTE,
    ]
    for table in (_pillars_table(s), _indicators_table(s), _weakest_table(s)):
        if table is not None:
            sec.tables.append(table)
    sec.figures = list(ctx["figures"].get("01_status", []))
    return sec
