"""Tests for ntmplan.tasks.budget.export, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import load_params
from ntmplan.tasks import budget
from tests.tasks.budget.helpers import simple_params, tidy_frame


class TestLabelled:
    def test_labels(self, small_tidy):
        p = simple_params()
        tidy = tidy_frame(
            [("pilots", 2021, "central", 1.0), ("pilots", 2021, budget.UNFUNDED, 1.0)]
        )
        out = budget.labelled(tidy, p)
        assert out["activity"].iloc[0] == p["budget"]["activities"]["pilots"]
        assert out["source"].tolist() == [
            p["budget"]["sources"]["central"],
            p["budget"]["unfunded_label"],
        ]

    def test_check_subjects_never_show_a_bound_key(self):
        # The checks table named the local-counterpart bound by its key "local_counterpart".
        p = simple_params()
        p["budget"]["share_bounds"] = {
            "local": {"label": "Vốn đối ứng", "sources": ["provincial"], "min": 0, "max": 1},
            "central": {"sources": ["central"], "min": 0, "max": 1},
        }
        checks = pd.DataFrame({"subject": ["local", "central", "year"]})
        out = budget.labelled(checks, p)["subject"].tolist()
        assert out == ["Vốn đối ứng", p["budget"]["sources"]["central"], "year"]

    def test_shipped_bounds_all_have_a_label_or_are_a_source(self):
        b = load_params()["budget"]
        for name, bound in b["share_bounds"].items():
            assert bound.get("label") or name in b["sources"], name


class TestPivot:
    def test_year_by_source_with_totals(self, small_tidy):
        p = simple_params()
        piv = budget.pivot(small_tidy, "year", p)
        central = p["budget"]["sources"]["central"]
        assert piv.columns[0] == budget.LABELS["year"]
        assert piv[central].tolist() == [100.0, 10.0, 110.0]
        assert piv["Tổng / Total"].tolist() == [110.0, 10.0, 120.0]

    def test_bad_rows(self, small_tidy):
        with pytest.raises(ValueError, match="'year' or 'activity'"):
            budget.pivot(small_tidy, "source", simple_params())


class TestExportTables:
    def test_sheets_and_headers(self, survey):
        p = simple_params()
        res = budget.build({"survey": survey}, p)
        sheets = budget.export_tables(
            res, p, extra={"Phân bổ xã": budget.allocate_central(survey, 10.0, p)}
        )
        assert list(sheets) == [
            "Chi tiết",
            "Năm x Nguồn (triệu đồng)",
            "Hoạt động x Nguồn (triệu đồng)",
            "Chi phí",
            "Vượt trần",
            "Phân bổ xã",
        ]
        assert budget.LABELS["amount_mvnd"] in sheets["Chi tiết"].columns
        assert sheets["Chi tiết"][budget.LABELS["amount_mvnd"]].sum() == pytest.approx(2269.0)
        assert budget.LABELS["commune_code"] in sheets["Phân bổ xã"].columns


class TestWriteXlsx:
    def test_number_formats_and_headers(self, survey, tmp_path):
        from openpyxl import load_workbook

        p = simple_params()
        res = budget.build({"survey": survey}, p)
        path = budget.write_xlsx(tmp_path / "budget.xlsx", budget.export_tables(res, p))
        wb = load_workbook(path)
        ws = wb["Chi tiết"]
        headers = [c.value for c in ws[1]]
        assert budget.LABELS["amount_mvnd"] in headers
        col = headers.index(budget.LABELS["amount_mvnd"]) + 1
        assert ws.cell(row=2, column=col).number_format == "#,##0.0"
        assert sum(
            ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)
        ) == pytest.approx(2269.0)
        piv = wb["Năm x Nguồn (triệu đồng)"]
        assert piv.cell(row=piv.max_row, column=1).value == "Tổng / Total"
        assert piv.cell(row=piv.max_row, column=piv.max_column).value == pytest.approx(2269.0)

    def test_same_bytes_twice(self, survey, tmp_path):
        p = simple_params()
        sheets = budget.export_tables(budget.build({"survey": survey}, p), p)
        a = budget.write_xlsx(tmp_path / "a.xlsx", sheets).read_bytes()
        b = budget.write_xlsx(tmp_path / "b.xlsx", sheets).read_bytes()
        assert a == b

    def test_empty(self, tmp_path):
        with pytest.raises(ValueError, match="sheet"):
            budget.write_xlsx(tmp_path / "x.xlsx", {})
