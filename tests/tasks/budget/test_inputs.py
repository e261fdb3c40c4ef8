"""Tests for ntmplan.tasks.budget.inputs, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pytest

from ntmplan.tasks import budget


class TestCapacityLines:
    def test_none_and_empty(self):
        assert budget.capacity_lines(None) is None
        assert budget.capacity_lines({"budget_lines": []}) is None
        assert budget.capacity_lines({"other": 1}) is None

    def test_reads_lines(self):
        lines = budget.capacity_lines(
            {"budget_lines": [{"activity": "training", "year": "2022", "cost_mvnd": 12.5}]}
        )
        assert lines.to_dict("records") == [
            {"activity": "training", "year": 2022, "cost_mvnd": 12.5}
        ]

    def test_unknown_activity(self):
        with pytest.raises(ValueError, match="unknown activities"):
            budget.capacity_lines(
                {"budget_lines": [{"activity": "pilots", "year": 2022, "cost_mvnd": 1}]}
            )

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns: cost_mvnd"):
            budget.capacity_lines({"budget_lines": [{"activity": "training", "year": 2022}]})

    def test_negative_cost(self):
        with pytest.raises(ValueError, match="≥ 0"):
            budget.capacity_lines(
                {"budget_lines": [{"activity": "training", "year": 2022, "cost_mvnd": -1}]}
            )


class TestChosenPilots:
    def test_none(self):
        assert budget.chosen_pilots(None) is None
        assert budget.chosen_pilots({"communes": 3}) is None

    def test_reads_types_in_order(self):
        s = {
            "chosen": {
                "smart_commune": [
                    {"commune_code": "00002", "commune_name": "Xã Hai", "gap_mvnd": 0.0},
                    {"commune_code": "00001", "commune_name": "Xã Một", "gap_mvnd": 30.0},
                ],
                "ecommerce_commune": [],
            }
        }
        out = budget.chosen_pilots(s)
        assert out["commune_code"].tolist() == ["00002", "00001"]
        assert out["pilot_type"].tolist() == ["smart_commune", "smart_commune"]
        assert out["gap_cost_mvnd"].tolist() == [0.0, 30.0]

    def test_empty_lists(self):
        out = budget.chosen_pilots({"chosen": {"smart_commune": []}})
        assert out.empty and "gap_cost_mvnd" in out

    def test_bad_shape(self):
        with pytest.raises(ValueError, match="pilot type"):
            budget.chosen_pilots({"chosen": [{"commune_code": "1"}]})

    def test_negative_gap(self):
        with pytest.raises(ValueError, match="≥ 0"):
            budget.chosen_pilots(
                {"chosen": {"smart_commune": [{"commune_code": "1", "gap_mvnd": -5}]}}
            )
