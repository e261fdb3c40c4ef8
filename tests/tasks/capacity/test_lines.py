"""Tests of ntmplan.tasks.capacity.lines (budget lines).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import capacity


class TestBudgetLines:
    def test_totals_equal_plan_totals(self, survey, params):
        plan = capacity.training_plan(survey, params)
        comm = capacity.communication_plan(survey, params)
        pol = capacity.support_policy_costs(survey, params)
        lines = capacity.budget_lines(plan, comm, pol)
        assert list(lines.columns) == ["activity", "activity_vi", "year", "cost_mvnd"]
        tot = lines.groupby("activity")["cost_mvnd"].sum()
        # by hand: training 183.475, communication 42.6, allowance 360
        assert tot["training"] == pytest.approx(183.475) == pytest.approx(plan["cost_mvnd"].sum())
        assert tot["communication"] == pytest.approx(42.6) == pytest.approx(comm["cost_mvnd"].sum())
        assert (
            tot["support_policy"] == pytest.approx(360.0) == pytest.approx(pol["cost_mvnd"].sum())
        )
        assert len(lines) == 9

    def test_missing_column(self, survey, params):
        plan = capacity.training_plan(survey, params)
        comm = capacity.communication_plan(survey, params)
        with pytest.raises(InputError):
            capacity.budget_lines(plan, comm.drop(columns=["cost_mvnd"]), plan)
