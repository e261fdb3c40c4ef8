"""Tests of ntmplan.tasks.capacity.summary_json (summary read by notebooks 03 and 06).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.tasks import capacity


class TestSummary:
    def test_keys_and_budget_interface(self, survey, params):
        s = capacity.summary(capacity.build(survey, params), params)
        json.dumps(s)  # serialisable
        assert s["plan_years"] == [2021, 2023]
        assert s["officials_all_trained"] is True
        assert s["calendar_within_capacity"] is True
        assert s["training_cost_mvnd"] == pytest.approx(183.475)
        assert s["total_mvnd"] == pytest.approx(183.475 + 42.6 + 360.0)
        # the budget notebook reads these records; their sums equal the plan totals
        lines = pd.DataFrame(s["budget_lines"])
        assert set(lines.columns) == {"activity", "year", "cost_mvnd"}
        assert lines.groupby("activity")["cost_mvnd"].sum().to_dict() == pytest.approx(
            s["totals_by_activity"]
        )
        assert (
            s["participants_total"] == 41 + 15 + 243
        )  # officials 14+14+13, teachers 3 × (20 × 0.25 = 5), residents 3 × 81
        assert s["groups"]["officials"]["size"] == 41

    def test_overflow_reported(self, survey, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [0, 1, 1, 1]
        s = capacity.summary(capacity.build(survey, params), params)
        # provincial demand 5 class-days a year; officials' 2-day classes never fit a 1-day quarter,
        # teachers' 1-day class fits: 4 class-days a year overflow × 3 years = 12
        assert s["calendar_overflow_class_days"] == 12.0
        assert s["calendar_within_capacity"] is False

    def test_budget_module_reads_it(self, survey, params):
        budget = pytest.importorskip("ntmplan.tasks.budget")
        s = capacity.summary(capacity.build(survey, params), params)
        lines = budget.capacity_lines(s)
        assert lines["cost_mvnd"].sum() == pytest.approx(s["total_mvnd"])


class TestBudgetIntegration:
    def test_budget_figures_equal_the_capacity_plan(self, survey):
        """The budget (notebook 03) reads the 04 summary: its training, communication and
        support-policy amounts per year equal this plan's, when both run with the default params."""
        budget = pytest.importorskip("ntmplan.tasks.budget")
        p = default_params()
        cap = capacity.summary(capacity.build(survey, p), p)
        res = budget.build({"survey": survey, "pilots": None, "capacity": cap}, p)
        assert res["inputs_used"]["capacity"] == "04_capacity"
        phased = res["phased"].groupby(["activity", "year"])["amount_mvnd"].sum()
        for line in cap["budget_lines"]:
            assert phased[(line["activity"], line["year"])] == pytest.approx(
                line["cost_mvnd"], abs=1e-3
            )
        by_activity = budget.summary(res, p)["by_activity_mvnd"]
        for activity, total in cap["totals_by_activity"].items():
            assert by_activity[activity] == pytest.approx(total, abs=1e-3)
