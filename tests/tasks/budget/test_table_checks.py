"""Tests for ntmplan.tasks.budget.table_checks, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import budget
from tests.tasks.budget.helpers import simple_params, tidy_frame


class TestChecks:
    def test_all_ok(self, small_tidy):
        p = simple_params()
        p["budget"]["share_bounds"] = {"c": {"sources": ["central"], "min": 0.0, "max": 1.0}}
        out = budget.checks(small_tidy, p)
        assert out["ok"].all()

    def test_unfunded_and_bounds_fail(self, small_tidy):
        p = simple_params()
        # central 110 of 120 funded = 91.7% > 60%
        p["budget"]["share_bounds"] = {"c": {"sources": ["central"], "min": 0.0, "max": 0.6}}
        tidy = pd.concat(
            [small_tidy, tidy_frame([("B", 2022, budget.UNFUNDED, 5.0)])], ignore_index=True
        )
        out = budget.checks(tidy, p).set_index(["check", "subject"])
        assert not out.loc[("financed", "B"), "ok"] and out.loc[("financed", "B"), "value"] == 5.0
        assert out.loc[("financed", "A"), "ok"]
        assert not out.loc[("share_bounds", "c"), "ok"]
        assert out.loc[("share_bounds", "c"), "value"] == pytest.approx(110 / 120)

    def test_total_kept_and_years(self, small_tidy):
        costs = pd.DataFrame({"activity": ["A", "B"], "cost_mvnd": [80.0, 41.0]})
        tidy = pd.concat([small_tidy, tidy_frame([("A", 2019, "central", 0.0)])], ignore_index=True)
        out = budget.checks(tidy, simple_params(), costs).set_index(["check", "subject"])
        assert out.loc[("total_kept", "A"), "ok"] and not out.loc[("total_kept", "B"), "ok"]
        assert not out.loc[("years_in_period", "year"), "ok"]

    def test_unknown_bound_source(self, small_tidy):
        p = simple_params()
        p["budget"]["share_bounds"] = {"x": {"sources": ["bank"], "min": 0.0, "max": 1.0}}
        with pytest.raises(ValueError, match="bank"):
            budget.checks(small_tidy, p)
