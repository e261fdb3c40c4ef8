"""Tests of ntmplan.tasks.capacity.export (Excel sheets).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

from ntmplan.tasks import capacity


class TestExcelSheets:
    def test_sheet_names(self, survey, params):
        sheets = capacity.excel_sheets(capacity.build(survey, params))
        assert all(len(name) <= 31 for name in sheets)
        assert {
            "Kế hoạch đào tạo",
            "Chương trình đào tạo",
            "Lịch theo quý",
            "Truyền thông",
            "Chính sách hỗ trợ",
        } <= set(sheets)
        for df in sheets.values():
            assert set(df.columns) <= set(capacity.LABELS), set(df.columns) - set(capacity.LABELS)
