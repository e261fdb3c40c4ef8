"""Tests for ntmplan.tasks.plan.schedule: tasks by quarter, deadlines, quarter labels."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from ntmplan.tasks import plan


class TestTimeline:
    def test_default_task_1(self, params):
        row = plan.timeline(params).set_index("task").loc["task_1"]
        assert row["start"] == "2022Q3" and row["deadline"] == "2022Q4"
        # 4 × 2022 + 3 − 1 = 8090 (Q3), 4 × 2022 + 4 − 1 = 8091 (Q4)
        assert (
            row["start_index"] == 8090
            and row["end_index"] == 8091
            and row["deadline_index"] == 8091.0
        )
        assert (
            row["period_vi"] == "Quý III/2022 – Quý IV/2022" and row["deadline_vi"] == "Quý IV/2022"
        )

    def test_no_deadline_is_nan(self, params):
        row = plan.timeline(params).set_index("task").loc["task_2"]
        assert row["deadline"] == "" and pd.isna(row["deadline_index"])

    def test_bad_quarter(self, params):
        p = copy.deepcopy(params)
        p["plan"]["tasks"]["task_3"]["start"] = "2023Q5"
        with pytest.raises(ValueError, match="task_3.start"):
            plan.timeline(p)

    def test_end_before_start(self, params):
        p = copy.deepcopy(params)
        p["plan"]["tasks"]["task_4"]["end"] = "2022Q1"
        with pytest.raises(ValueError, match="task_4"):
            plan.timeline(p)


class TestQuarterLabel:
    def test_quarter_label(self):
        assert plan.quarter_label("2026Q2") == "Quý II/2026"
        assert plan.quarter_label("") == ""
        with pytest.raises(ValueError):
            plan.quarter_label("Q2/2026")
