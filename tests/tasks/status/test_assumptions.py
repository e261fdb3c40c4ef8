"""Tests for ntmplan.tasks.status.assumptions — status params with their sources."""

from __future__ import annotations

from ntmplan.core.params import default_params
from ntmplan.tasks import status


class TestAssumptions:
    def test_defaults_every_target_has_a_source(self):
        table = status.assumptions()
        assert list(table.columns) == ["key", "value", "source"]
        keys = set(table["key"])
        for tid in ("files_online", "criterion_8_4", "cooperatives", "digital_service"):
            assert f"status.targets.{tid}.target" in keys
        row = table.set_index("key").loc["status.targets.criterion_8_4.target"]
        assert row["value"] == "0.97" and "QĐ 924/QĐ-TTg" in row["source"]

    def test_sources_of_the_2030_profile(self):
        from ntmplan.core.params import load_params

        table = status.assumptions(load_params("24", profile="2026_2030")).set_index("key")
        assert "NQ 257/2025/QH15" in table.loc["status.targets.ntm_standard.target", "source"]
        assert not any(k.startswith("status.targets.files_online") for k in table.index)

    def test_resolved_values_are_shown(self):
        full = default_params()["status"]
        merged = {"status": {**full, "n_extremes": 7}}
        row = status.assumptions(merged).set_index("key").loc["status.n_extremes"]
        assert row["value"] == "7"
