"""Tables for display: rows × years pivots with totals, the plan's key figures, and the data the
plan's charts draw (the same for the report's matplotlib charts and the app's HTML ones)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.errors import require_columns
from ntmplan.tasks.capacity.labels import LABELS

#: Label of the total row and column of :func:`wide_by_year`.
TOTAL = "Tổng / total"


def wide_by_year(df: pd.DataFrame, row: str, value: str = "cost_mvnd") -> pd.DataFrame:
    """Pivot a long frame to rows × years (sum of ``value``) with a total column and a total row.

    Parameters
    ----------
    df : pandas.DataFrame
        Needs ``year``, ``row`` and ``value``.
    row : str
        Column whose values become the rows, in order of first appearance.
    value : str
        Column summed.

    Returns
    -------
    pandas.DataFrame
        Index ``row``; one column per year (as text) and :data:`TOTAL`; last row :data:`TOTAL`.

    Raises
    ------
    MissingColumnError
        If a column is missing (an ``InputError``).
    """
    require_columns(df, ["year", row, value], row)
    wide = df.pivot_table(
        index=row, columns="year", values=value, aggfunc="sum", sort=False
    ).fillna(0)
    wide = wide.reindex(list(dict.fromkeys(df[row])))
    wide.columns = [str(int(c)) for c in wide.columns]
    wide[TOTAL] = wide.sum(axis=1)
    wide.loc[TOTAL] = wide.sum(axis=0)
    wide.index.name = LABELS.get(row, row)
    return wide


def by_group_year(plan: pd.DataFrame, value: str = "participants") -> pd.DataFrame:
    """Target groups × years table of participants (people, counted once over topics) or of a summed column.

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`~ntmplan.tasks.capacity.training.training_plan`.
    value : str
        ``participants`` (people per year; each takes every topic of the group),
        or ``classes``, ``days``, ``cost_mvnd`` (summed over topics).

    Returns
    -------
    pandas.DataFrame
        As :func:`wide_by_year`, rows = ``group_vi``.

    Raises
    ------
    MissingColumnError
        If a column is missing (an ``InputError``).
    """
    require_columns(plan, ["year", "group", "group_vi", value], "kế hoạch đào tạo / training plan")
    frame = plan.drop_duplicates(["year", "group"]) if value == "participants" else plan
    return wide_by_year(frame, "group_vi", value)


def key_figures(result: dict) -> pd.DataFrame:
    """A short Vietnamese table of the plan's key figures (for display).

    Parameters
    ----------
    result : dict
        Output of :func:`ntmplan.tasks.capacity.build`.

    Returns
    -------
    pandas.DataFrame
        Columns ``Chỉ tiêu / figure`` and ``Giá trị / value``.

    Raises
    ------
    KeyError
        If ``result`` lacks a frame.
    """
    plan, lines, cov = result["plan"], result["budget_lines"], result["coverage"]
    overflow = (
        float(result["calendar"].loc[~result["calendar"]["scheduled"], "class_days"].sum())
        if len(result["calendar"])
        else 0.0
    )
    people = int(plan.drop_duplicates(["year", "group"])["participants"].sum())
    off = cov[cov["group"] == "officials"]
    by_act = lines.groupby("activity")["cost_mvnd"].sum()

    def money(x: float) -> str:
        return fmt.number(float(x), 1)

    rows = [
        ("Lượt học viên (người·năm) / participant-years", fmt.number(people)),
        ("Số lớp (tổng các chủ đề) / classes", fmt.number(int(plan["classes"].sum()))),
        ("Ngày-lớp / class-days", money(float(plan["days"].sum()))),
        (
            "Cán bộ xã được đào tạo ít nhất 1 lần / officials trained once",
            fmt.percent(float(off["coverage"].iloc[0]), 1) if len(off) else "–",
        ),
        ("Ngày-lớp vượt năng lực / overflow class-days", money(overflow)),
        ("Kinh phí đào tạo (triệu đồng) / training", money(float(by_act.get("training", 0.0)))),
        (
            "Kinh phí truyền thông (triệu đồng) / communication",
            money(float(by_act.get("communication", 0.0))),
        ),
        (
            "Kinh phí chính sách hỗ trợ (triệu đồng) / support policies",
            money(float(by_act.get("support_policy", 0.0))),
        ),
        ("Tổng (triệu đồng) / total", money(float(lines["cost_mvnd"].sum()))),
    ]
    return pd.DataFrame(rows, columns=["Chỉ tiêu / figure", "Giá trị / value"])


#: Columns of the training plan that the participants charts read.
PARTICIPANT_COLUMNS = ["year", "group", "group_vi", "participants", "classes"]
#: Columns of the budget lines that the cost charts read.
COST_COLUMNS = ["year", "activity", "activity_vi", "cost_mvnd"]


def participants_by_group(plan: pd.DataFrame) -> tuple[pd.DataFrame, pd.Series]:
    """Return the participants per group and year, and the classes per group and year.

    Parameters
    ----------
    plan : pandas.DataFrame
        Output of :func:`ntmplan.tasks.capacity.training_plan` (one row per group, year and topic).

    Returns
    -------
    (pandas.DataFrame, pandas.Series)
        The plan's first row of each (year, group) — its ``participants`` count the group's
        learners that year — and the classes summed over topics, indexed by (group, year).

    Raises
    ------
    MissingColumnError
        If a plan column is missing (an ``InputError``).
    """
    require_columns(plan, PARTICIPANT_COLUMNS, "kế hoạch đào tạo / training plan")
    people = plan.drop_duplicates(["year", "group"])
    classes = plan.groupby(["group", "year"], sort=False)["classes"].sum()
    return people, classes


def cost_by_year(lines: pd.DataFrame, key: str = "activity") -> pd.DataFrame:
    """Return the cost of each ``key`` (column) in each year (row), 0 where there is none.

    Parameters
    ----------
    lines : pandas.DataFrame
        Cost lines with ``year``, ``key`` and ``cost_mvnd`` (e.g.
        :func:`ntmplan.tasks.capacity.budget_lines`).
    key : str
        The column whose values become the columns, in order of appearance.

    Returns
    -------
    pandas.DataFrame
        Years × ``key`` values, million VND.
    """
    return lines.pivot_table(
        index="year", columns=key, values="cost_mvnd", aggfunc="sum", sort=False
    ).fillna(0.0)
