"""Tests of notebook 04 (capacity): stored form and a batch run.

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest


class TestNotebook:
    def test_stored_without_outputs_with_the_parameters_cell(self):
        import nbformat

        from ntmplan.core import paths

        nb = nbformat.read(str(paths.NOTEBOOKS_DIR / "04_capacity.ipynb"), as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", [])
        assert code[0].source.splitlines() == [
            'province = "01"',
            'params_file = ""',
            'data_file = ""',
            'output_dir = ""',
            "interactive = True",
            'profile = ""',
            "survey_year = 0",
        ]
        markdown = [c for c in nb.cells if c.cell_type == "markdown"]
        assert markdown[0].source.startswith("# ")  # the title comes first of the text
        assert (
            nb.cells.index(markdown[0]) <= 2
        )  # after the parameters (and the app's settings) cell
        assert all(c.outputs == [] and c.execution_count is None for c in code)
        assert "ctx.write_summary(" in "".join(c.source for c in code)
        assert any("Giả định & lưu ý" in c.source for c in nb.cells if c.cell_type == "markdown")

    @pytest.mark.slow
    def test_runs_in_batch_and_exports(self, tmp_path):
        pm = pytest.importorskip("papermill")
        from ntmplan.core import paths

        out = tmp_path / "out"
        pm.execute_notebook(
            str(paths.NOTEBOOKS_DIR / "04_capacity.ipynb"),
            str(tmp_path / "o04.ipynb"),
            parameters={"province": "46", "interactive": False, "output_dir": str(out)},
            progress_bar=False,
            cwd=str(tmp_path),
        )
        from openpyxl import load_workbook

        wb = load_workbook(out / "capacity.xlsx")
        assert {
            "Kế hoạch đào tạo",
            "Chương trình đào tạo",
            "Lịch theo quý",
            "Truyền thông",
            "Chính sách hỗ trợ",
        } <= set(wb.sheetnames)
        assert wb["Kế hoạch đào tạo"]["A1"].value == "Năm / year"
        s = json.loads((out / "summary_04_capacity.json").read_text(encoding="utf-8"))
        lines = pd.DataFrame(s["budget_lines"])
        assert lines["cost_mvnd"].sum() == pytest.approx(s["total_mvnd"], abs=0.01)
        assert s["officials_all_trained"] is True
