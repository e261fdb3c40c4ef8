"""Tests for ntmplan.tasks.budget.aggregates, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.tasks import budget


class TestTotals:
    def test_by_hand(self, small_tidy):
        t = budget.totals(small_tidy)
        assert t["total"] == pytest.approx(120.0)
        assert t["by_source"].to_dict() == pytest.approx({"central": 110.0, "provincial": 10.0})
        assert t["by_year"].to_dict() == pytest.approx({2021: 110.0, 2022: 10.0})
        assert t["by_activity"].to_dict() == pytest.approx({"A": 80.0, "B": 40.0})
        assert t["year_x_source"].loc[2022, "provincial"] == 0.0

    def test_every_grouping_sums_to_total(self, survey):
        p = default_params()
        p["budget"]["envelopes"] = {"central": 300.0}
        res = budget.build({"survey": survey}, p)
        t = res["totals"]
        for key in ("by_source", "by_year", "by_activity"):
            assert t[key].sum() == pytest.approx(t["total"])
        for key in ("year_x_source", "activity_x_source"):
            assert t[key].to_numpy().sum() == pytest.approx(t["total"])
        assert t["total"] == pytest.approx(res["costs"]["cost_mvnd"].sum())
        for rows in ("year", "activity"):
            piv = budget.pivot(res["tidy"], rows, p)
            total_row = piv.iloc[-1, 1:]
            assert total_row.iloc[-1] == pytest.approx(t["total"])
            assert piv.iloc[:-1, -1].sum() == pytest.approx(t["total"])

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns"):
            budget.totals(pd.DataFrame({"activity": []}))
