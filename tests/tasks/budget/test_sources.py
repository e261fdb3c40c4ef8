"""Tests for ntmplan.tasks.budget.sources, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.tasks import budget
from tests.tasks.budget.helpers import SOURCES, simple_params, split_params


class TestBudgetTiers:
    def test_current_has_no_district(self):
        assert budget.budget_tiers(default_params(), "current") == [
            "central",
            "provincial",
            "commune",
        ]

    def test_legacy_has_district(self):
        assert "district" in budget.budget_tiers(default_params(), "legacy")

    def test_unknown_scheme(self):
        with pytest.raises(ValueError, match="unknown scheme"):
            budget.budget_tiers(default_params(), "1990")


class TestActiveSources:
    def test_current(self):
        assert budget.active_sources(default_params(), "current") == [
            "central",
            "provincial",
            "commune",
            "socialised",
            "other",
        ]

    def test_legacy(self):
        assert budget.active_sources(default_params(), "legacy") == SOURCES

    def test_tier_not_a_source(self):
        p = default_params()
        p["programme"]["budget_tiers"] = ["central", "ward"]
        with pytest.raises(ValueError, match="ward"):
            budget.active_sources(p, "current")


class TestSourceShares:
    def test_district_redistributed_in_current_scheme(self):
        p = split_params({"central": 0.4, "provincial": 0.3, "district": 0.2, "commune": 0.1})
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        # district 0.2 → provincial : commune = 0.3 : 0.1 → +0.15, +0.05
        assert got.to_dict() == pytest.approx(
            {"central": 0.4, "provincial": 0.45, "commune": 0.15, "socialised": 0.0, "other": 0.0}
        )

    def test_legacy_keeps_district(self):
        p = split_params({"central": 0.4, "provincial": 0.3, "district": 0.2, "commune": 0.1})
        got = budget.source_shares(["pilots"], p, "legacy").set_index("source")["share"]
        assert got["district"] == pytest.approx(0.2) and got["provincial"] == pytest.approx(0.3)

    def test_district_to_zero_targets_split_equally(self):
        p = split_params({"central": 0.8, "district": 0.2})
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        assert got["provincial"] == pytest.approx(0.1) and got["commune"] == pytest.approx(0.1)

    def test_socialised_factor_down(self):
        p = split_params({"central": 0.5, "provincial": 0.3, "socialised": 0.2}, factor=0.5)
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        # socialised 0.2 → 0.1; the 0.1 freed goes 0.5 : 0.3 → +0.0625, +0.0375
        assert got["socialised"] == pytest.approx(0.1)
        assert got["central"] == pytest.approx(0.5625) and got["provincial"] == pytest.approx(
            0.3375
        )

    def test_socialised_factor_capped_at_one(self):
        p = split_params({"central": 0.5, "provincial": 0.3, "socialised": 0.2}, factor=6.0)
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        assert got["socialised"] == pytest.approx(1.0) and got["central"] == pytest.approx(0.0)

    def test_shares_sum_to_one_for_defaults(self):
        p = default_params()
        for scheme in ("current", "legacy"):
            got = budget.source_shares(list(p["budget"]["splits"]), p, scheme)
            assert got.groupby("activity")["share"].sum().to_numpy() == pytest.approx(1.0)

    def test_bad_splits(self):
        with pytest.raises(ValueError, match="sum to 1"):
            budget.source_shares(["pilots"], split_params({"central": 0.5}), "current")
        with pytest.raises(ValueError, match="≥ 0"):
            budget.source_shares(
                ["pilots"], split_params({"central": 1.5, "provincial": -0.5}), "current"
            )
        p = split_params({"central": 1.0})
        p["budget"]["splits"]["pilots"]["bank"] = 0.0
        with pytest.raises(ValueError, match="unknown sources"):
            budget.source_shares(["pilots"], p, "current")

    def test_other_item_own_split(self):
        p = simple_params()
        p["budget"]["other_items"] = {"kho": {"cost_mvnd": 10, "split": {"socialised": 1.0}}}
        got = budget.source_shares(["kho"], p, "current").set_index("source")["share"]
        assert got["socialised"] == 1.0


class TestSplitSources:
    def test_legacy_vs_current(self):
        p = split_params({"central": 0.4, "provincial": 0.3, "district": 0.2, "commune": 0.1})
        phased = pd.DataFrame({"activity": ["pilots"], "year": [2023], "amount_mvnd": [1000.0]})
        cur = (
            budget.split_sources(phased, p, "current").set_index("source")["amount_mvnd"].to_dict()
        )
        leg = budget.split_sources(phased, p, "legacy").set_index("source")["amount_mvnd"].to_dict()
        assert cur == pytest.approx({"central": 400.0, "provincial": 450.0, "commune": 150.0})
        assert leg == pytest.approx(
            {"central": 400.0, "provincial": 300.0, "district": 200.0, "commune": 100.0}
        )

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns: amount_mvnd"):
            budget.split_sources(pd.DataFrame({"activity": [], "year": []}), simple_params())
