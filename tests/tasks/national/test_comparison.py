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

    def test_no_district_row_for_2025_units_unless_money_is_on_it(self, params):
        # The 2026–2030 national page listed "Ngân sách huyện 0,0 / 0,0%" (no district tier
        # since 01/7/2025).
        df = pd.DataFrame({f"budget_{s}_mvnd": [0.0] for s in params["budget"]["sources"]})
        df["budget_central_mvnd"] = [100.0]
        got = national.budget_by_source(df, params)
        assert "district" not in set(got["source"])
        assert "other" in set(got["source"])  # a zero source that does exist stays
        df["budget_district_mvnd"] = [50.0]
        got = national.budget_by_source(df, params).set_index("source")
        assert got.loc["district", "amount_mvnd"] == 50.0
        assert got.loc["total", "amount_mvnd"] == 150.0

    def test_missing_column(self, params):
        with pytest.raises(KeyError):
            national.budget_by_source(pd.DataFrame({"x": [1]}), params)


class TestPilotsTable:
    def test_columns(self, root, params):
        got = national.pilots_table(national.collect_provinces(root, params))
        assert list(got["chosen_smart_names"]) == ["Xã A", ""]
