"""Tests for ntmplan.tasks.pilots.assumptions — conditions in words and params with sources."""

from __future__ import annotations

from ntmplan.tasks import pilots


class TestConditionsTable:
    def test_rules_follow_params(self, params):
        params["pilots"]["thresholds"]["households_internet_smart_share"] = 0.4
        table = pilots.conditions_table(params).set_index("condition")
        assert "≥ 40%" in table.loc["gate_households", "rule_vi"]
        assert table.loc["gate_ocop_online", "Xã nông thôn mới thông minh"] == "—"
        assert table.loc["gate_ocop_online", "Xã thương mại điện tử"] == "✓"


class TestAssumptions:
    def test_every_leaf_has_a_source(self, params):
        table = pilots.assumptions(params)
        assert len(table) > 30
        assert table["key"].str.startswith("pilots.").all()
        assert (table["source"].str.len() > 0).all()
        row = table.set_index("key").loc["pilots.robustness.seed"]
        assert row["value"] == "7"  # the resolved value of this fixture, not the default
