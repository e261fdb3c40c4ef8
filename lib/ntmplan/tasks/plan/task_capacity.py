"""Tasks 2 (communication), 4 (training) and 6 (support policies), from notebook 04."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.fmt import vietnamese_part
from ntmplan.core.summaries import nested_get
from ntmplan.tasks.plan.formatting import fmt_number, is_number
from ntmplan.tasks.plan.section import Section, captioned
from ntmplan.tasks.plan.task_common import lines_by_year, split_figures, task_heading


def communication_task(ctx: dict, p: dict, timeline_table: pd.DataFrame) -> Section:
    """Build task 2: channels (params) and the communication cost by year (04).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params (``capacity.communication.channels``).
    timeline_table : pandas.DataFrame
        :func:`ntmplan.tasks.plan.timeline` indexed by ``task``.

    Returns
    -------
    Section
    """
    sec = task_heading(
        ctx, p, timeline_table, "task_2", 2, ("04_capacity",), ("capacity.communication",)
    )
    s04 = ctx["summaries"]["04_capacity"]
    channels = nested_get(p, "capacity", "communication", "channels", default={})
    if isinstance(channels, dict) and channels:
        names = [
            vietnamese_part(c.get("name_vi", k)) for k, c in channels.items() if isinstance(c, dict)
        ]
        sec.paragraphs.append("Kênh thông tin, truyền thông: " + "; ".join(names) + ".")
    if s04 is not None:
        sec.paragraphs.append(
            f"Kinh phí truyền thông dự kiến cả giai đoạn: {fmt_number(s04.get('communication_cost_mvnd'))} triệu đồng "
            "(chi tiết theo kênh và năm: capacity.xlsx)."
        )
        table = lines_by_year(s04, "communication")
        if table is not None:
            sec.tables.append(captioned(table, "Kinh phí thông tin, truyền thông theo năm"))
    sec.figures = split_figures(ctx, "04_capacity")["task_2"]
    return sec


def _groups_table(s04: dict) -> pd.DataFrame | None:
    groups = nested_get(s04, "groups", default={})
    if not (isinstance(groups, dict) and groups):
        return None
    rows = [
        {
            "Đối tượng": vietnamese_part(g.get("name_vi", k)),
            "Quy mô (người)": g.get("size"),
            "Lượt học viên": g.get("participants"),
            "Số lớp": g.get("classes"),
            "Kinh phí (triệu đồng)": round(g["cost_mvnd"], 1)
            if is_number(g.get("cost_mvnd"))
            else None,
        }
        for k, g in groups.items()
        if isinstance(g, dict)
    ]
    return captioned(pd.DataFrame(rows), "Kế hoạch đào tạo, tập huấn theo đối tượng (cả giai đoạn)")


def training_task(ctx: dict, p: dict, timeline_table: pd.DataFrame) -> Section:
    """Build task 4: participants, classes and cost of training, by target group (04).

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
    sec = task_heading(
        ctx,
        p,
        timeline_table,
        "task_4",
        4,
        ("04_capacity",),
        (
            "capacity.scope_unit_types",
            "capacity.plan_start_year",
            "capacity.groups",
            "capacity.trainer_pools",
            "capacity.topics",
            "capacity.modes",
        ),
    )
    s04 = ctx["summaries"]["04_capacity"]
    if s04 is not None:
        sec.paragraphs.append(
            f"Tổng cộng {fmt_number(s04.get('participants_total'))} lượt học viên, {fmt_number(s04.get('classes_total'))} lớp, "
            f"kinh phí {fmt_number(s04.get('training_cost_mvnd'))} triệu đồng."
        )
        if s04.get("officials_all_trained") is not None:
            sec.paragraphs.append(
                "Mọi cán bộ, công chức cấp xã được đào tạo ít nhất một lần trong giai đoạn."
                if s04["officials_all_trained"]
                else "Chưa bảo đảm mọi cán bộ, công chức cấp xã được đào tạo ít nhất một lần: cần tăng tỷ lệ đào tạo hằng năm."
            )
        table = _groups_table(s04)
        if table is not None:
            sec.tables.append(table)
    sec.figures = split_figures(ctx, "04_capacity")["task_4"]
    return sec


def support_policy_task(ctx: dict, p: dict, timeline_table: pd.DataFrame) -> Section:
    """Build task 6: the allowance of community digital-technology teams and its cost (04).

    Parameters
    ----------
    ctx : dict
        Output of :func:`ntmplan.tasks.plan.reading.normalise`.
    p : dict
        Resolved params (``capacity.support_policy.monthly_allowance_mvnd``).
    timeline_table : pandas.DataFrame
        :func:`ntmplan.tasks.plan.timeline` indexed by ``task``.

    Returns
    -------
    Section
    """
    sec = task_heading(
        ctx, p, timeline_table, "task_6", 6, ("04_capacity",), ("capacity.support_policy",)
    )
    s04 = ctx["summaries"]["04_capacity"]
    if s04 is not None:
        allowance = nested_get(p, "capacity", "support_policy", "monthly_allowance_mvnd")
        sec.paragraphs.append(
            f"Đề xuất phụ cấp cho {fmt_number(s04.get('allowance_members'))} thành viên Tổ công nghệ số cộng đồng, "
            f"mức {fmt_number(allowance, 2)} triệu đồng/người/tháng; tổng kinh phí chính sách hỗ trợ cả giai đoạn "
            f"{fmt_number(s04.get('support_policy_cost_mvnd'))} triệu đồng."
        )
        table = lines_by_year(s04, "support_policy")
        if table is not None:
            sec.tables.append(captioned(table, "Kinh phí chính sách hỗ trợ theo năm"))
    sec.figures = split_figures(ctx, "04_capacity")["task_6"]
    return sec
