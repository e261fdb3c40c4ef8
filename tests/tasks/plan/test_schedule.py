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


class TestOneSourceOfDates:
    """The timeline and the budget phasing read the same plan.tasks periods."""

    def test_task_starting_2023(self, params):
        from ntmplan.core.schedule import task_years

        p = copy.deepcopy(params)
        p["plan"]["tasks"]["task_2"].update(start="2023Q1", end="2025Q4")
        row = plan.timeline(p).set_index("task").loc["task_2"]
        # 4 × 2023 + 1 − 1 = 8092
        assert row["start"] == "2023Q1" and row["start_index"] == 8092
        assert row["period_vi"] == "Quý I/2023 – Quý IV/2025"
        assert task_years("task_2", p) == [2023, 2024, 2025]

    def test_default_tasks_of_spending_start_after_the_plan(self, params):
        # communication (2), training (4) and allowances (6) start in Quý I/2023, after the plan (Quý IV/2022)
        tl = plan.timeline(params).set_index("task")
        for task in ("task_2", "task_4", "task_6"):
            assert tl.loc[task, "start"] == "2023Q1", task
        # task 6: policies proposed by Quý IV/2023, allowances paid to the end of 2025
        assert tl.loc["task_6", "deadline"] == "2023Q4" and tl.loc["task_6", "end"] == "2025Q4"

    def test_missing_task(self, params):
        p = copy.deepcopy(params)
        del p["plan"]["tasks"]["task_5"]
        with pytest.raises(KeyError, match="task_5"):
            plan.timeline(p)
