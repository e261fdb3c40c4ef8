"""The seven task sections of part IV in order; tasks 1 (the plan, 01) and 7 (resources, 03)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.formatting import fmt_number, fmt_percent, is_number, key_order
from ntmplan.tasks.plan.schedule import timeline
from ntmplan.tasks.plan.section import Section
from ntmplan.tasks.plan.task_capacity import (
    communication_task,
    support_policy_task,
    training_task,
)
from ntmplan.tasks.plan.task_common import task_heading
from ntmplan.tasks.plan.task_data import data_task
from ntmplan.tasks.plan.task_pilots import pilots_task


def plan_task(ctx: dict, p: dict, timeline_table: pd.DataFrame) -> Section:
    """Build task 1: the plan itself, built on the status review (01).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params.
    timeline_table : pandas.DataFrame
        :func:`ntmplan.tasks.plan.timeline` indexed by ``task``.

    Returns
    -------
    Section
    """
    sec = task_heading(ctx, p, timeline_table, "task_1", 1, ("01_status",), ())
    s01 = ctx["summaries"]["01_status"]
    if s01 is not None:
        sec.paragraphs.append(
            f"Kế hoạch được xây dựng trên cơ sở rà soát hiện trạng {fmt_number(s01.get('n_communes'))} xã (mục II); "
            f"tỉnh đạt {fmt_number(s01.get('targets_met'))}/{fmt_number(s01.get('targets_total'))} mục tiêu cấp xã "
            "tại thời điểm khảo sát (mục III)."
        )
    return sec


def resources_task(ctx: dict, p: dict, timeline_table: pd.DataFrame) -> Section:
    """Build task 7: the structure of funding sources and the funding gap (03).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params (``budget.sources``).
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
        "task_7",
        7,
        ("03_budget",),
        ("budget.splits", "budget.envelopes", "budget.fallback"),
    )
    s03 = ctx["summaries"]["03_budget"]
    if s03 is not None:
        shares = nested_get(s03, "source_shares", default={})
        labels = nested_get(p, "budget", "sources", default={})
        if isinstance(shares, dict) and shares:
            parts = [
                f"{str(labels.get(k, k)).split(' / ')[0]} {fmt_percent(v)}"
                for k, v in sorted(shares.items(), key=lambda kv: key_order(kv[0], labels))
                if is_number(v) and v > 0
            ]
            sec.paragraphs.append("Cơ cấu nguồn vốn: " + "; ".join(parts) + ".")
        sec.paragraphs.append(
            f"Tổng nhu cầu kinh phí {fmt_number(s03.get('total_mvnd'))} triệu đồng; đã xác định nguồn "
            f"{fmt_number(s03.get('funded_mvnd'))} triệu đồng; chưa có nguồn {fmt_number(s03.get('gap_mvnd'))} triệu đồng "
            "(chi tiết mục VII)."
        )
        sec.paragraphs.append(
            "Huy động doanh nghiệp đầu tư hạ tầng, dịch vụ số; lồng ghép nguồn vốn các chương trình, dự án trên địa bàn."
        )
    return sec


#: The builders of tasks 1–7, in order.
TASK_BUILDERS = (
    plan_task,
    communication_task,
    pilots_task,
    training_task,
    data_task,
    support_policy_task,
    resources_task,
)


def task_sections(ctx: dict, p: dict) -> list[Section]:
    """Build the sections of tasks 1–7 (part IV of the plan).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params.

    Returns
    -------
    list of Section
        ``task_1`` … ``task_7``.

    Raises
    ------
    ValueError, KeyError
        If ``plan.tasks`` is malformed (see :func:`ntmplan.tasks.plan.timeline`).
    """
    tl = timeline(p).set_index("task")
    return [build(ctx, p, tl) for build in TASK_BUILDERS]
