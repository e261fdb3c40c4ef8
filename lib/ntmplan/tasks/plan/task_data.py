"""Task 5 (data): quality review, shared data package and legacy conversion, from notebook 05."""

from __future__ import annotations

import pandas as pd

from ntmplan.tasks.plan.formatting import fmt_number, fmt_percent
from ntmplan.tasks.plan.labels import NOT_AVAILABLE
from ntmplan.tasks.plan.section import Section, captioned
from ntmplan.tasks.plan.task_common import task_heading


def generic_table(summary: dict, caption: str) -> pd.DataFrame | None:
    """Scalars of a summary whose keys the plan does not know, as a two-column table.

    Parameters
    ----------
    summary : dict
    caption : str

    Returns
    -------
    pandas.DataFrame or None
        ``Chỉ tiêu / key``, ``Giá trị / value``; None when there is no scalar to show.
    """
    skip = {
        "notebook",
        "province_code",
        "province_name",
        "illustrative",
        "profile",
        "figures",
        "data_file",
    }
    rows = [
        {"Chỉ tiêu / key": k, "Giá trị / value": fmt_number(v) if not isinstance(v, str) else v}
        for k, v in summary.items()
        if k not in skip and (isinstance(v, (str, int, float, bool)) or v is None)
    ]
    return captioned(pd.DataFrame(rows), caption) if rows else None


def _export_paragraph(s05: dict) -> str:
    valid = s05.get("export_valid")
    check = (
        "hợp lệ"
        if valid is True
        else (f"có {fmt_number(s05.get('export_errors'))} lỗi" if valid is False else NOT_AVAILABLE)
    )
    return (
        f"Gói dữ liệu chia sẻ với cơ sở dữ liệu dùng chung: {s05.get('export_path') or ''} "
        f"(phiên bản {s05['export_version']}). "
        f"Gói dữ liệu được kiểm tra theo chuẩn Frictionless Data Package: {check}."
    )


#: The quality findings of the 05 summary: (key, what is counted).
FINDINGS = (
    ("n_range_warnings", "giá trị ngoài khoảng hợp lý"),
    ("n_duplicate_rows", "dòng trùng"),
    ("n_missing_units", "xã trong danh mục chưa có số liệu"),
    ("n_unknown_units", "đơn vị không có trong danh mục"),
    ("n_jumps", "biến động bất thường giữa các năm"),
)


def _findings_sentence(s05: dict) -> str:
    """The quality findings; "nothing found" when every count is 0 (no call to review then)."""
    counts = [(s05.get(k), what) for k, what in FINDINGS]
    if all(isinstance(n, (int, float)) and n == 0 for n, _ in counts):
        return "Không phát hiện " + ", ".join(what for _, what in counts) + "."
    listed = ", ".join(f"{fmt_number(n)} {what}" for n, what in counts)
    return f"Phát hiện {listed}: cần rà soát, cập nhật trước khi chia sẻ."


def data_paragraphs(sec: Section, s05: dict) -> None:
    """Fill task 5 from the 05_data summary (keys documented in :mod:`ntmplan.tasks.datashare`).

    A summary without any known key is shown with :func:`generic_table`.

    Parameters
    ----------
    sec : Section
        The task 5 section (paragraphs and tables are appended).
    s05 : dict
        The 05_data summary.

    Returns
    -------
    None
    """
    known = ("completeness", "n_problems", "export_version", "conversion")
    if not any(k in s05 for k in known):
        table = generic_table(s05, "Kết quả rà soát chất lượng và xuất dữ liệu")
        if table is not None:
            sec.tables.append(table)
        return
    complete, with_missing = s05.get("completeness"), s05.get("completeness_with_missing_units")
    also = (
        ""
        if fmt_percent(with_missing) == fmt_percent(complete)
        else f" (tính cả các xã chưa có trong khảo sát: {fmt_percent(with_missing)})"
    )
    sec.paragraphs.append(
        f"Rà soát chất lượng {fmt_number(s05.get('n_rows'))} dòng số liệu khảo sát: độ đầy đủ "
        f"{fmt_percent(complete)}{also}."
    )
    sec.paragraphs.append(_findings_sentence(s05))
    if s05.get("export_version"):
        sec.paragraphs.append(_export_paragraph(s05))
    conv = s05.get("conversion")
    if isinstance(conv, dict):
        sec.paragraphs.append(
            f"Chuyển số liệu mã đơn vị cũ sang đơn vị hành chính 2025: {fmt_number(conv.get('n_matched'))}/"
            f"{fmt_number(conv.get('n_rows'))} dòng khớp, {fmt_number(conv.get('n_merged'))} gộp, "
            f"{fmt_number(conv.get('n_split'))} tách, {fmt_number(conv.get('n_unmatched'))} không khớp."
        )
    incomplete = s05.get("incomplete_columns")
    if isinstance(incomplete, dict) and incomplete:
        rows = [
            {"Cột / column": k, "Độ đầy đủ / completeness": fmt_percent(v)}
            for k, v in incomplete.items()
        ]
        sec.tables.append(captioned(pd.DataFrame(rows), "Các cột số liệu chưa đầy đủ"))


def data_task(ctx: dict, p: dict, timeline_table: pd.DataFrame) -> Section:
    """Build task 5 from the 05_data summary.

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
    sec = task_heading(ctx, p, timeline_table, "task_5", 5, ("05_data",), ("datashare",))
    s05 = ctx["summaries"]["05_data"]
    if s05 is not None:
        data_paragraphs(sec, s05)
    sec.figures = list(ctx["figures"].get("05_data", []))
    return sec
