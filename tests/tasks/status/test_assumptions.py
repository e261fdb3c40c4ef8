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
        assert row["value"] == "0.97" and "[924]" in row["source"]

    def test_resolved_values_are_shown(self):
        full = default_params()["status"]
        merged = {"status": {**full, "n_extremes": 7}}
        row = status.assumptions(merged).set_index("key").loc["status.n_extremes"]
        assert row["value"] == "7"
