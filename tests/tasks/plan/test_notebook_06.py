"""Tests of notebook 06 (the plan) run end to end (slow)."""

from __future__ import annotations

import json

import pytest

from tests.tasks.plan.fixtures import write_summaries


@pytest.mark.slow
class TestNotebook06:
    def test_runs_with_only_01_and_marks_the_rest_not_available(self, tmp_path):
        import papermill

        from ntmplan.core import paths

        out = write_summaries(tmp_path / "01-ha-noi", ["01_status"])
        papermill.execute_notebook(
            str(paths.NOTEBOOKS_DIR / "06_plan.ipynb"),
            str(out / "06_plan.ipynb"),
            parameters={
                "province": "01",
                "params_file": "",
                "data_file": "",
                "output_dir": str(out),
                "interactive": False,
            },
            kernel_name="python3",
            progress_bar=False,
            cwd=str(paths.ROOT),
        )
        summary = json.loads((out / "summary_06_plan.json").read_text(encoding="utf-8"))
        available = {s["key"]: s["available"] for s in summary["sections"]}
        assert available["current_state"] and available["targets"]
        assert not available["task_3"] and not available["budget"] and not available["task_5"]
        assert summary["missing_notebooks"] == ["02_pilots", "03_budget", "04_capacity", "05_data"]
        assert (out / "ke_hoach_ha-noi.docx").is_file()
        assert (out / "figures" / "06_plan_tien_do.png").is_file()
