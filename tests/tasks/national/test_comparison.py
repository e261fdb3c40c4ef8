"""Tests for ntmplan.tasks.national.comparison: pilots per province, budget by source."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import national


class TestBudgetBySource:
    def test_sums_by_hand(self, root, params):
        got = national.budget_by_source(national.collect_provinces(root, params), params).set_index(
            "source"
        )
        # central 400 + 100, provincial 600, commune 400 → total 1500
        assert got.loc["central", "amount_mvnd"] == 500.0
        assert got.loc["commune", "amount_mvnd"] == 400.0
        assert got.loc["total", "amount_mvnd"] == 1500.0
        assert got.loc["provincial", "share"] == pytest.approx(0.4)

    def test_missing_column(self, params):
        with pytest.raises(KeyError):
            national.budget_by_source(pd.DataFrame({"x": [1]}), params)


class TestPilotsTable:
    def test_columns(self, root, params):
        got = national.pilots_table(national.collect_provinces(root, params))
        assert list(got["chosen_smart_names"]) == ["Xã A", ""]
