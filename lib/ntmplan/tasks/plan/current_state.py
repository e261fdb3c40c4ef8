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
            "Bình quân các xã / mean": round_or_none(pillars.get(k)),
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
            "Giá trị của tỉnh (gia quyền theo số hộ) / province value": (
                fmt_percent(v) if (k.endswith("_share") or k in FLAG_INDICATORS) else fmt_number(v)
            ),
        }
        for k, v in sorted(indicators.items(), key=lambda kv: key_order(kv[0], INDICATORS))
    ]
    return captioned(pd.DataFrame(rows), "Bảng 2. Các chỉ tiêu hiện trạng của tỉnh")


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
    sec.paragraphs = [
        f"Năm khảo sát {s.get('year') if is_number(s.get('year')) else NOT_AVAILABLE}: {fmt_number(s.get('n_communes'))} xã, đặc khu thuộc phạm vi "
        f"đánh giá (trên tổng số {fmt_number(s.get('n_units'))} đơn vị hành chính cấp xã của tỉnh).",
        f"Chỉ số sẵn sàng chuyển đổi số chung (0–100): bình quân gia quyền theo số hộ "
        f"{fmt_number(s.get('readiness_overall_weighted'))}; bình quân các xã {fmt_number(s.get('readiness_overall_mean'))}; "
        f"trung vị {fmt_number(nested_get(s, 'readiness_quantiles', 'p50'))}.",
    ]
    for table in (_pillars_table(s), _indicators_table(s), _weakest_table(s)):
        if table is not None:
            sec.tables.append(table)
    sec.figures = list(ctx["figures"].get("01_status", []))
    return sec
