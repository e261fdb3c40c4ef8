"""Tests for ntmplan.tasks.budget.charts, through the package re-exports; values worked out by hand."""

from __future__ import annotations

from ntmplan.tasks import budget
from tests.tasks.budget.helpers import simple_params


class TestBudgetCharts:
    """Smoke tests of ntmplan.tasks.budget.charts (figures are built, nothing shown)."""

    def test_every_chart_builds(self, survey):
        from ntmplan.tasks.budget import charts as bc

        p = simple_params()
        p["budget"]["envelopes"] = {"central": 10.0}
        res = budget.build({"survey": survey}, p)
        assert not res["gaps"].empty
        figs = [
            bc.by_year_chart(res["tidy"], p),
            bc.by_activity_chart(res["tidy"], p),
            bc.shares_chart(res["tidy"], p),
            bc.gap_chart(res["gaps"], p),
            bc.gap_chart(res["gaps"].iloc[0:0], p),
            bc.scenario_chart(budget.scenarios({"survey": survey}, p), p),
            bc.allocation_chart(budget.allocate_central(survey, 100.0, p), p, top=1),
        ]
        assert all(len(f.axes) >= 1 for f in figs)
