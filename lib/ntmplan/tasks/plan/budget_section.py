"""Section VII (budget): totals, money by source, year and activity, unfunded items, from 03."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.formatting import fmt_number, key_order, round_or_none
from ntmplan.tasks.plan.section import Section, captioned, unavailable_text

#: How the yearly amounts follow the timeline (one source of dates: ``plan.tasks``).
PHASING_NOTE = (
    "Kinh phí của mỗi hoạt động chỉ bố trí trong các năm thực hiện nhiệm vụ tương ứng theo tiến độ "
    "thực hiện: không có khoản chi nào trước khi nhiệm vụ bắt đầu."
)


def _money_table(s03: dict, key: str, labels: dict, first: str, caption: str):
    data = nested_get(s03, key, default={})
    if isinstance(data, dict) and data:
        rows = [
            {
                first: vietnamese_part(labels.get(k, k)),
                # unrounded: the Word table rounds each cell, its total row sums these
                "Kinh phí (triệu đồng)": round_or_none(v, 6),
            }
            for k, v in sorted(data.items(), key=lambda kv: key_order(kv[0], labels))
        ]
        return captioned(pd.DataFrame(rows), caption)
    return None


def _unfunded_table(s03: dict):
    unfunded = nested_get(s03, "unfunded_items", default=[])
    if not (isinstance(unfunded, list) and unfunded):
        return None
    frame = pd.DataFrame([u for u in unfunded if isinstance(u, dict)])
    if not len(frame):
        return None
    frame = frame.rename(
        columns={
            "activity": "Hoạt động",
            "year": "Năm",
            "source": "Nguồn vốn",
            "amount_mvnd": "Chưa có nguồn (triệu đồng)",
        }
    )
    return captioned(frame, "Các khoản chưa có nguồn")


def budget_section(ctx: dict, p: dict) -> Section:
    """Build section VII from the 03_budget summary ("chưa có số liệu" when it has not run).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params (``budget.sources``, ``budget.activities`` for the labels).

    Returns
    -------
    Section
    """
    s03 = ctx["summaries"]["03_budget"]
    sec = Section(
        "budget",
        "VII. KINH PHÍ THỰC HIỆN",
        notebooks=("03_budget",),
        params_used=(
            "budget.unit_costs",
            "budget.phasing",
            "plan.tasks",
            "budget.splits",
            "budget.envelopes",
            "budget.fallback",
            "budget.share_bounds",
            "budget.pilots",
        ),
    )
    if s03 is None:
        sec.available = False
        sec.paragraphs = [unavailable_text(["03_budget"])]
        return sec
    sources = nested_get(p, "budget", "sources", default={})
    activities = nested_get(p, "budget", "activities", default={})
    sec.paragraphs = [
        f"Tổng kinh phí dự kiến: {fmt_number(s03.get('total_mvnd'))} triệu đồng, trong đó đã xác định nguồn "
        f"{fmt_number(s03.get('funded_mvnd'))} triệu đồng, chưa có nguồn {fmt_number(s03.get('gap_mvnd'))} triệu đồng. "
        "Chi tiết theo hoạt động, năm và nguồn: budget.xlsx.",
        PHASING_NOTE,
    ]
    tables = (
        _money_table(s03, "by_source_mvnd", sources, "Nguồn vốn", "Kinh phí theo nguồn vốn"),
        _money_table(s03, "by_year_mvnd", {}, "Năm", "Kinh phí theo năm"),
        _money_table(s03, "by_activity_mvnd", activities, "Hoạt động", "Kinh phí theo hoạt động"),
        _unfunded_table(s03),
    )
    sec.tables += [t for t in tables if t is not None]
    failed = nested_get(s03, "checks_failed", default=[])
    if isinstance(failed, list) and failed:
        sec.paragraphs.append("Lưu ý kiểm tra nguồn vốn:")
        sec.paragraphs += [f"- {m}" for m in failed]
    sec.figures = list(ctx["figures"].get("03_budget", []))
    return sec
