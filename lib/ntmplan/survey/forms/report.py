"""The returns report of a collection: per file, per problem, the communes not returned.

:func:`returns_tables` gives the report's tables in Vietnamese (what an office reads);
:func:`write_returns_report` writes them as one workbook; :func:`format_returns` is the
table the command line prints.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ntmplan.core import fmt
from ntmplan.survey.forms.collect import STATUS_LABELS, Collection
from ntmplan.survey.schema.fields import LABELS as COMMUNE_LABELS
from ntmplan.survey.villages.fields import VILLAGE_LABELS

#: Sheets of the returns report.
SHEETS = {"summary": "tong_hop", "files": "tep", "problems": "van_de", "missing": "chua_nop"}
#: What each sheet shows (page headers).
TITLES = {
    "summary": "tổng hợp",
    "files": "từng tệp đã nhận",
    "problems": "các lỗi và cảnh báo cần xem",
    "missing": "các xã chưa nộp phiếu",
}
#: Column labels of the report's tables.
LABELS = {
    "item": "Nội dung",
    "count": "Số lượng",
    "file": "Tệp",
    "commune_code": "Mã xã",
    "commune_name": "Tên xã",
    "unit_type": "Loại đơn vị",
    "year": "Năm",
    "status": "Trạng thái",
    "errors": "Số lỗi",
    "warnings": "Số cảnh báo",
    "note": "Ghi chú",
    "sheet": "Trang tính",
    "row": "Dòng",
    "column": "Cột",
    "value": "Giá trị",
    "severity": "Mức",
    "rule": "Quy tắc",
}
#: Words of the merged survey's state (summary table).
MERGED_STATES = {
    "complete": "đầy đủ",
    "partial": "MỘT PHẦN (chỉ xã hợp lệ)",
    "none": "chưa ghi (còn lỗi)",
}


def _shown_path(path, root: Path | None) -> str:
    if path is None:
        return ""
    p = Path(path)
    try:
        return str(p.relative_to(root)) if root is not None else str(p)
    except ValueError:
        return str(p)


def _column_label(column) -> str:
    if not column:
        return ""
    label = COMMUNE_LABELS.get(column) or VILLAGE_LABELS.get(column)
    return f"{label} ({column})" if label else str(column)


def returns_tables(
    collection: Collection, root: Path | None = None, merged: str = "none"
) -> dict[str, pd.DataFrame]:
    """Return the report's tables, in Vietnamese, keyed by :data:`SHEETS`' keys.

    Parameters
    ----------
    collection : Collection
    root : Path, optional
        The folder collected: paths are shown relative to it.
    merged : {"complete", "partial", "none"}
        What was written of the merged survey (:data:`MERGED_STATES`).

    Returns
    -------
    dict of str → pandas.DataFrame
        ``summary`` (item, count), ``files``, ``problems``, ``missing``; columns named by the
        keys of :data:`LABELS`.
    """
    files = collection.files
    counts = files["status"].value_counts()
    summary = pd.DataFrame(
        {
            "item": [
                "Tệp đã đọc",
                *(f"Tệp {label}" for label in STATUS_LABELS.values()),
                "Xã chưa nộp phiếu",
                "Xã trong bản tổng hợp",
                "Thôn trong bản tổng hợp",
                f"Bản tổng hợp: {MERGED_STATES[merged]}",
            ],
            "count": [
                len(files),
                *(int(counts.get(code, 0)) for code in STATUS_LABELS),
                len(collection.missing),
                len(collection.communes) if merged != "none" else 0,
                len(collection.villages) if merged != "none" else 0,
                None,
            ],
        }
    )
    shown_files = pd.DataFrame(
        {
            "file": files["file"].map(lambda p: _shown_path(p, root)),
            "commune_code": files["commune_code"],
            "commune_name": files["commune_name"],
            "year": files["year"],
            "status": files["status"].map(STATUS_LABELS),
            "errors": files["errors"],
            "warnings": files["warnings"],
            "note": files["note"].str.replace(str(root) + "/", "", regex=False)
            if root
            else files["note"],
        }
    )
    problems = pd.DataFrame(
        [
            {
                "file": _shown_path(p.file, root),
                "sheet": p.sheet or "",
                "row": p.row,
                "column": _column_label(p.column),
                "value": "" if p.value is None else str(p.value),
                "severity": "lỗi" if p.severity == "error" else "cảnh báo",
                "rule": p.rule_vi.replace(str(root) + "/", "") if root else p.rule_vi,
            }
            for p in collection.problems
        ],
        columns=["file", "sheet", "row", "column", "value", "severity", "rule"],
    ).astype({"row": "Int64"})
    missing = collection.missing[["commune_code", "commune_name", "unit_type"]]
    return {"summary": summary, "files": shown_files, "problems": problems, "missing": missing}


def write_returns_report(
    path: str | Path, tables: dict[str, pd.DataFrame], title: str = ""
) -> Path:
    """Write the returns report workbook (sheets :data:`SHEETS`, each page headed by its title).

    Parameters
    ----------
    path : str or Path
    tables : dict
        From :func:`returns_tables`.
    title : str, optional
        Added to every page header (e.g. the province's name).

    Returns
    -------
    Path
    """
    from openpyxl import Workbook

    from ntmplan.core.writers import fill_sheet, save_workbook

    wb = Workbook()
    wb.remove(wb.active)
    for key, sheet in SHEETS.items():
        ws = wb.create_sheet(sheet)
        fill_sheet(ws, tables[key], LABELS)
        head = f"Báo cáo thu phiếu khảo sát{' — ' + title if title else ''} — {TITLES[key]}"
        ws.oddHeader.center.text = head.replace("&", "&&")
    return save_workbook(wb, path)


def _text_table(frame: pd.DataFrame, max_width: int = 60) -> str:
    """A frame as aligned plain text with Vietnamese headers (long cells cut)."""
    heads = [LABELS.get(c, c) for c in frame.columns]

    def cell(v) -> str:
        if v is None or (not isinstance(v, str) and pd.isna(v)):
            return ""
        if isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool):
            text = fmt.number(int(v) if float(v).is_integer() else float(v))
        else:
            text = str(v)
        return text if len(text) <= max_width else text[: max_width - 1] + "…"

    cells = [[cell(v) for v in row] for row in frame.itertuples(index=False, name=None)]
    widths = [max([len(h), *(len(r[j]) for r in cells)]) for j, h in enumerate(heads)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines)


def format_returns(tables: dict[str, pd.DataFrame]) -> str:
    """Return the printed returns report: summary, files, problems, communes not returned.

    Parameters
    ----------
    tables : dict
        From :func:`returns_tables`.

    Returns
    -------
    str
    """
    summary = tables["summary"]
    parts = [
        "PHIẾU ĐÃ THU / RETURNS",
        _text_table(summary),
        "",
        "Từng tệp / per file:",
        _text_table(tables["files"].drop(columns=["year"])),
    ]
    if len(tables["problems"]):
        parts += ["", "Vấn đề / problems:", _text_table(tables["problems"], max_width=90)]
    if len(tables["missing"]):
        parts += [
            "",
            f"Xã chưa nộp phiếu / not returned ({len(tables['missing'])}):",
            _text_table(tables["missing"]),
        ]
    return "\n".join(parts)
