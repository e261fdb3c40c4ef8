"""Task 3, smart villages: the villages chosen in 02 (``villages`` of its summary), if any.

Guidance 3a speaks of smart "xã/thôn" models; the 02 summary carries a ``villages`` key only
when the survey had village rows, so a plan without village data reads as before.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.formatting import fmt_number, is_number


def village_rows(s02: dict | None, sectors: dict) -> list[dict]:
    """Return one row per chosen smart village, with Vietnamese headers.

    Parameters
    ----------
    s02 : dict or None
        The 02_pilots summary.
    sectors : dict
        ``survey.sectors`` of the params (code → "vi / en" label).

    Returns
    -------
    list of dict
        Empty without village data.
    """
    chosen = nested_get(s02, "villages", "chosen", default=[]) or []
    return [
        {
            "Tên thôn": c.get("village_name"),
            "Xã": c.get("commune_name"),
            "Lĩnh vực nổi bật": vietnamese_part(
                sectors.get(c.get("prominent_sector"), c.get("prominent_sector") or "")
            ),
            "Đủ điều kiện": "Có" if c.get("eligible") else "Chưa",
            "Điểm (0–100)": round(c["score"], 1) if is_number(c.get("score")) else None,
            "Còn thiếu": c.get("missing_vi") or "",
        }
        for c in chosen
        if isinstance(c, dict)
    ]


def village_paragraph(s02: dict | None) -> str | None:
    """Return the plan's sentence on the smart villages, or None without village data.

    Parameters
    ----------
    s02 : dict or None
        The 02_pilots summary.

    Returns
    -------
    str or None
    """
    v = nested_get(s02, "villages", default=None)
    if not isinstance(v, dict):
        return None
    chosen = [c for c in v.get("chosen") or [] if isinstance(c, dict)]
    text = (
        f"Mô hình thôn nông thôn mới thông minh (Hướng dẫn mục 3a, xã/thôn): "
        f"{fmt_number(v.get('eligible_count'), 0)} trong {fmt_number(v.get('villages'), 0)} thôn "
        f"có số liệu đủ điều kiện"
    )
    if chosen:
        names = "; ".join(f"{c.get('village_name')} ({c.get('commune_name')})" for c in chosen)
        text += f"; tỉnh chọn {fmt_number(len(chosen), 0)} thôn xây dựng mô hình: {names}"
    gap = v.get("gap_mvnd")
    if is_number(gap) and gap > 0:
        text += f"; chi phí bù thiếu hụt khoảng {fmt_number(gap, 1)} triệu đồng"
    return text + "."


def village_table(s02: dict | None, sectors: dict) -> pd.DataFrame | None:
    """Return the chosen villages as a plan table, or None without any.

    Parameters
    ----------
    s02 : dict or None
        The 02_pilots summary.
    sectors : dict
        ``survey.sectors`` of the params.

    Returns
    -------
    pandas.DataFrame or None
    """
    rows = village_rows(s02, sectors)
    return pd.DataFrame(rows) if rows else None
