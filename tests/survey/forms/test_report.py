"""The returns report from a hand-made collection: Vietnamese tables, relative paths, the printout."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.survey.forms import Collection, format_returns, returns_tables, write_returns_report

ROOT = Path("/nhan")


def collection() -> Collection:
    files = pd.DataFrame(
        {
            "file": ["/nhan/a.xlsx", "/nhan/sua/b.xlsx", "/nhan/c.pdf"],
            "province_code": ["12", "12", None],
            "commune_code": ["03390", "03394", None],
            "commune_name": ["Xã Bình Lư", "Xã Sin Suối Hồ", None],
            "year": pd.array([2026, 2026, None], dtype="Int64"),
            "status": ["submitted", "errors", "unrecognised"],
            "errors": [0, 1, 1],
            "warnings": [0, 0, 0],
            "note": ["", "", ""],
        }
    )
    problems = [
        Problem(
            "/nhan/sua/b.xlsx",
            4,
            "households_internet",
            "90",
            "«Số hộ có kết nối Internet» quá lớn",
            "too big",
            sheet="thon",
        ),
        Problem("/nhan/c.pdf", None, None, ".pdf", "Không phải tệp Excel", "not Excel"),
    ]
    missing = pd.DataFrame(
        {
            "province_code": ["12"],
            "commune_code": ["03613"],
            "commune_name": ["Xã Nậm Sỏ"],
            "unit_type": ["xã"],
        }
    )
    communes = pd.DataFrame({"commune_code": ["03390"]})
    return Collection(
        files, problems, missing, communes, pd.DataFrame({"village_name": ["A", "B"]})
    )


class TestReturnsTables:
    def test_summary_counts_and_labels(self):
        tables = returns_tables(collection(), root=ROOT, merged="partial")
        summary = dict(zip(tables["summary"]["item"], tables["summary"]["count"], strict=True))
        assert summary["Tệp đã đọc"] == 3
        assert (
            summary["Tệp đã nộp"] == 1 and summary["Tệp có lỗi"] == 1 and summary["Tệp trùng"] == 0
        )
        assert summary["Xã chưa nộp phiếu"] == 1 and summary["Thôn trong bản tổng hợp"] == 2
        assert "Bản tổng hợp: MỘT PHẦN (chỉ xã hợp lệ)" in summary

    def test_files_and_problems_in_vietnamese_with_relative_paths(self):
        tables = returns_tables(collection(), root=ROOT)
        assert tables["files"]["file"].tolist() == ["a.xlsx", "sua/b.xlsx", "c.pdf"]
        assert tables["files"]["status"].tolist() == ["đã nộp", "có lỗi", "không nhận ra"]
        first = tables["problems"].iloc[0].to_dict()
        assert first["file"] == "sua/b.xlsx" and first["sheet"] == "thon" and first["row"] == 4
        assert first["column"] == "Số hộ có kết nối Internet (households_internet)"
        assert first["severity"] == "lỗi"


class TestWriteAndFormat:
    def test_workbook_sheets_and_printout(self, tmp_path):
        tables = returns_tables(collection(), root=ROOT)
        wb = openpyxl.load_workbook(
            write_returns_report(tmp_path / "r.xlsx", tables, title="Tỉnh Lai Châu")
        )
        assert wb.sheetnames == ["tong_hop", "tep", "van_de", "chua_nop"]
        assert wb["chua_nop"]["A2"].value == "03613"
        assert "Tỉnh Lai Châu — các xã chưa nộp phiếu" in wb["chua_nop"].oddHeader.center.text
        text = format_returns(tables)
        assert "sua/b.xlsx" in text and "Xã Nậm Sỏ" in text and "không nhận ra" in text
