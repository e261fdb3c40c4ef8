"""Tests for ntmplan.tasks.datashare.assumptions: every datashare param listed with its source."""

from __future__ import annotations

from ntmplan.tasks.datashare.assumptions import assumptions


class TestAssumptions:
    def test_every_leaf_listed_with_source(self):
        table = assumptions()
        keys = set(table["key"])
        assert {
            "datashare.conversion.bool_rule",
            "datashare.export.hash_length",
            "datashare.quality.ranges.households",
        } <= keys
        assert table["source"].str.len().gt(0).all()
