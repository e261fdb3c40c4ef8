"""Task 3 (pilot models): eligible communes, the chosen pilots and the cheapest paths, from 02."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.summaries import chosen_pilots, nested_get
from ntmplan.tasks.plan.formatting import fmt_number, is_number, key_order
from ntmplan.tasks.plan.section import Section, captioned
from ntmplan.tasks.plan.task_common import task_heading
from ntmplan.tasks.plan.task_villages import village_paragraph, village_table


def _chosen_rows(s02: dict, types: dict, sectors: dict) -> list[dict]:
    rows = []
    chosen_all = nested_get(s02, "chosen", default={})
    for ptype in (
        sorted(chosen_all, key=lambda k: key_order(k, types))
        if isinstance(chosen_all, dict)
        else []
    ):
        for c in chosen_pilots(s02, ptype):
            rows.append(
                {
                    "Loại mô hình": nested_get(types, ptype, "label_vi", default=ptype),
                    "Mã xã": c.get("commune_code"),
                    "Tên xã": c.get("commune_name"),
                    "Lĩnh vực nổi bật": vietnamese_part(
                        sectors.get(c.get("prominent_sector"), c.get("prominent_sector") or "")
                    ),
                    "Đủ điều kiện": "Có" if c.get("eligible") else "Chưa",
                    "Điểm (0–100)": round(c["score"], 1) if is_number(c.get("score")) else None,
                    "Chi phí bù thiếu hụt (triệu đồng)": round(c["gap_mvnd"], 1)
                    if is_number(c.get("gap_mvnd"))
                    else None,
                    "Còn thiếu": c.get("missing_vi") or "",
                }
            )
    return rows


def _cheapest_rows(s02: dict, types: dict) -> list[dict]:
    cheapest = nested_get(s02, "cheapest_path", default={})
    return [
        {
            "Loại mô hình": nested_get(types, ptype, "label_vi", default=ptype),
            "Mã xã": c.get("commune_code"),
            "Tên xã": c.get("commune_name"),
            "Tổng chi phí bù thiếu hụt (triệu đồng)": round(c["total_gap_mvnd"], 1)
            if is_number(c.get("total_gap_mvnd"))
            else None,
            "Còn thiếu": c.get("missing_vi") or "",
        }
        for ptype, items in (cheapest.items() if isinstance(cheapest, dict) else [])
        for c in (items if isinstance(items, list) else [])
        if isinstance(c, dict)
    ]


def pilots_task(ctx: dict, p: dict, timeline_table: pd.DataFrame) -> Section:
    """Build task 3 from the 02_pilots summary.

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise` (``exports`` for the
        registration file).
    p : dict
        Resolved params (``pilots.types``, ``survey.sectors``).
    timeline_table : pandas.DataFrame
        :func:`ntmplan.tasks.plan.timeline` indexed by ``task``.

    Returns
    -------
    Section
    """
    sec = task_heading(
        ctx,
        p,
        timeline_table,
        "task_3",
        3,
        ("02_pilots",),
        (
            "pilots.thresholds",
            "pilots.types",
            "pilots.weights",
            "pilots.unit_costs_mvnd",
            "pilots.registration_top_n",
        ),
    )
    s02 = ctx["summaries"]["02_pilots"]
    if s02 is not None:
        eligible = nested_get(s02, "eligible_count", default={})
        types = nested_get(p, "pilots", "types", default={})
        sectors = nested_get(p, "survey", "sectors", default={})
        if s02.get("statement_vi"):
            sec.paragraphs.append(str(s02["statement_vi"]))
        elif isinstance(eligible, dict) and eligible:
            parts = [
                f"{nested_get(types, t, 'label_vi', default=t)}: {fmt_number(n)} xã"
                for t, n in sorted(eligible.items(), key=lambda kv: key_order(kv[0], types))
            ]
            sec.paragraphs.append("Số xã đủ điều kiện theo hướng dẫn: " + "; ".join(parts) + ".")
        rows = _chosen_rows(s02, types, sectors)
        if rows:
            sec.tables.append(
                captioned(pd.DataFrame(rows), "Các xã được chọn làm mô hình thí điểm")
            )
        rows = _cheapest_rows(s02, types)
        if rows:
            sec.tables.append(
                captioned(
                    pd.DataFrame(rows),
                    "Lộ trình đạt điều kiện: các xã có chi phí bù thiếu hụt thấp nhất",
                )
            )
        village_text = village_paragraph(s02)  # smart villages, when 02 had village rows
        if village_text:
            sec.paragraphs.append(village_text)
        villages = village_table(s02, sectors)
        if villages is not None:
            sec.tables.append(
                captioned(
                    villages, "Các thôn được chọn xây dựng mô hình thôn nông thôn mới thông minh"
                )
            )
        if "dang_ky_thi_diem_trung_uong.xlsx" in ctx.get("exports", {}):
            sec.paragraphs.append(
                "Danh sách đăng ký xã tham gia thí điểm do Trung ương chỉ đạo: dang_ky_thi_diem_trung_uong.xlsx."
            )
    sec.figures = list(ctx["figures"].get("02_pilots", []))
    return sec
