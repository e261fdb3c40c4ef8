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


class TestReadings:
    def test_default_readings_state_each_reading(self):
        from ntmplan.core.params import load_params

        lines = pilots.readings_vi(load_params(None, "2021_2025", None, None))
        assert len(lines) == 5
        assert "ít nhất 1 thôn" in lines[0] and "mục 3a" in lines[0]
        assert "≥ 3 trên thang 1–5 (giả định)" in lines[1]
        assert "«kinh tế»" in lines[2] and "«khác»" in lines[2]
        assert "chỉ gồm xã đủ điều kiện" in lines[3]
        assert lines[4].startswith("Phường không thuộc phạm vi")
        assert not pilots.uses_groups(load_params(None, "2021_2025", None, None))

    def test_group_line_when_a_threshold_is_per_group(self, params):
        params["pilots"]["thresholds"]["households_internet_smart_share"] = {
            "group_1": 0.6,
            "group_2": 0.5,
            "group_3": 0.4,
        }
        assert pilots.uses_groups(params)
        assert "nhóm xã" in pilots.readings_vi(params)[-1]
        assert pilots.readings_markdown(params).startswith("**Cách hiểu")

    def test_group_counts(self):
        import pandas as pd

        out = pilots.group_counts(pd.DataFrame({"commune_group": [1, 3, 3, 2, 3]}))
        assert out["communes"].tolist() == [1, 1, 3]
        assert out["group_vi"].iloc[2].startswith("Nhóm 3")
