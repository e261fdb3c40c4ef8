"""Excel export of the capacity plan: the sheets of ``capacity.xlsx``."""

from __future__ import annotations

import pandas as pd

#: Sheet name (Vietnamese, ≤ 31 characters) → key of :func:`~ntmplan.tasks.capacity.pipeline.build` exported to ``capacity.xlsx``.
EXCEL_SHEETS: dict[str, str] = {
    "Kế hoạch đào tạo": "plan",
    "Chương trình đào tạo": "curriculum",
    "Lịch theo quý": "calendar",
    "Năng lực giảng dạy": "load",
    "Nhóm đối tượng": "groups",
    "Truyền thông": "communication",
    "Chính sách hỗ trợ": "policy",
    "Tổng hợp kinh phí": "budget_lines",
}


def excel_sheets(result: dict) -> dict[str, pd.DataFrame]:
    """Frames to write to ``capacity.xlsx``, keyed by Vietnamese sheet name.

    Parameters
    ----------
    result : dict
        Output of :func:`~ntmplan.tasks.capacity.pipeline.build`.

    Returns
    -------
    dict of str → pandas.DataFrame
        Headers stay English here; pass :data:`~ntmplan.tasks.capacity.labels.LABELS` to ``ntmplan.core.writers.write_excel``.

    Raises
    ------
    KeyError
        If ``result`` lacks a frame.
    """
    return {sheet: result[key] for sheet, key in EXCEL_SHEETS.items()}
