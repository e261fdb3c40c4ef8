"""Tests for ntmplan.tasks.budget.costs, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pytest

from ntmplan.tasks import budget
from tests.tasks.budget.helpers import simple_params


class TestActivityCosts:
    def test_totals_by_hand_without_other_notebooks(self, survey):
        costs = budget.activity_costs(
            {"survey": survey, "pilots": None, "capacity": None}, simple_params()
        )
        by = costs.groupby("activity")["cost_mvnd"].sum()
        # scope = 2 rural communes (the ward is out of scope); 3 surveyed units; 5 years
        assert by["plan_preparation"] == pytest.approx(100.0)
        assert by["communication"] == pytest.approx(10 * 5 + 1 * 2 * 5)  # 60
        assert by["pilots"] == pytest.approx(
            1000 + 50 + 500 + 50
        )  # 1 smart + 1 e-commerce, each + gap estimate = 1600
        assert by["training"] == pytest.approx(20 * 5 + 2 * 2 * 5)  # 120
        assert by["data"] == pytest.approx(3 * 3 + 200)  # 209
        assert by["support_policy"] == pytest.approx(
            5 * 2 * 0.5 * 12 * 3
        )  # 10 members, 2023–2025 = 180
        assert costs["cost_mvnd"].sum() == pytest.approx(2269.0)
        assert costs["year"].isna().all()
        assert costs["basis"].str.contains("budget.unit_costs").all()

    def test_uses_capacity_lines_with_years(self, survey):
        cap = {
            "budget_lines": [
                {"activity": "training", "year": 2022, "cost_mvnd": 40.0},
                {"activity": "training", "year": 2023, "cost_mvnd": 60.0},
                {"activity": "support_policy", "year": 2024, "cost_mvnd": 7.0},
            ]
        }
        costs = budget.activity_costs({"survey": survey, "capacity": cap}, simple_params())
        train = costs[costs["activity"] == "training"]
        assert train["cost_mvnd"].sum() == pytest.approx(100.0)
        assert train["year"].tolist() == [2022, 2023]
        assert costs.loc[costs["activity"] == "support_policy", "cost_mvnd"].sum() == pytest.approx(
            7.0
        )
        # communication not in the capacity lines → params estimate (60, see above)
        assert costs.loc[costs["activity"] == "communication", "cost_mvnd"].sum() == pytest.approx(
            60.0
        )

    def test_uses_chosen_pilots_gap_costs(self, survey):
        pil = {
            "chosen": {
                "smart_commune": [
                    {"commune_code": "00001", "commune_name": "Xã Một", "gap_mvnd": 120.0},
                    {"commune_code": "00002", "commune_name": "Xã Hai", "gap_mvnd": 0.0},
                ],
                "ecommerce_commune": [
                    {"commune_code": "00002", "commune_name": "Xã Hai", "gap_mvnd": 30.0}
                ],
            }
        }
        costs = budget.activity_costs({"survey": survey, "pilots": pil}, simple_params())
        # 2 smart × 1000 + gaps 120 + 0; 1 e-commerce × 500 + gap 30 = 2650
        assert costs.loc[costs["activity"] == "pilots", "cost_mvnd"].sum() == pytest.approx(2650.0)
        assert costs["basis"].str.contains("Xã Một").any()

    def test_pilot_count_caps_and_extends(self, survey):
        p = simple_params()
        p["budget"]["pilots"]["smart_count"] = 3
        p["budget"]["pilots"]["ecommerce_count"] = 0
        pil = {
            "chosen": {
                "smart_commune": [
                    {"commune_code": "00001", "commune_name": "Xã Một", "gap_mvnd": 120.0}
                ]
            }
        }
        costs = budget.activity_costs({"survey": survey, "pilots": pil}, p)
        # 3 × 1000 + 120 (known) + 2 × 50 (estimate) = 3220; no e-commerce
        assert costs.loc[costs["activity"] == "pilots", "cost_mvnd"].sum() == pytest.approx(3220.0)
        p["budget"]["pilots"]["smart_count"] = 0
        costs = budget.activity_costs({"survey": survey, "pilots": pil}, p)
        assert "pilots" not in set(costs["activity"])

    def test_bad_pilot_count(self, survey):
        p = simple_params()
        p["budget"]["pilots"]["smart_count"] = -1
        with pytest.raises(ValueError, match="smart_count"):
            budget.activity_costs({"survey": survey}, p)

    def test_unit_cost_factor(self, survey):
        p = simple_params()
        p["budget"]["unit_cost_factor"] = 1.5
        costs = budget.activity_costs({"survey": survey}, p)
        assert costs["cost_mvnd"].sum() == pytest.approx(2269.0 * 1.5)
        assert costs["basis"].str.contains("unit_cost_factor").all()

    def test_other_items(self, survey):
        p = simple_params()
        p["budget"]["other_items"] = {
            "cold_storage": {"label": "Kho lạnh", "cost_mvnd": 300, "year": 2024}
        }
        costs = budget.activity_costs({"survey": survey}, p)
        row = costs[costs["activity"] == "cold_storage"].iloc[0]
        assert row["cost_mvnd"] == 300.0 and row["year"] == 2024 and row["item"] == "Kho lạnh"

    def test_other_items_errors(self, survey):
        p = simple_params()
        p["budget"]["other_items"] = {"pilots": {"cost_mvnd": 1}}
        with pytest.raises(ValueError, match="clashes"):
            budget.activity_costs({"survey": survey}, p)
        p["budget"]["other_items"] = {"x": {"label": "x"}}
        with pytest.raises(ValueError, match="cost_mvnd"):
            budget.activity_costs({"survey": survey}, p)
        p["budget"]["other_items"] = {"x": {"cost_mvnd": 1, "colour": "red"}}
        with pytest.raises(ValueError, match="unknown keys"):
            budget.activity_costs({"survey": survey}, p)

    def test_missing_survey(self):
        with pytest.raises(ValueError, match="survey"):
            budget.activity_costs({"pilots": None}, simple_params())

    def test_missing_column(self, survey):
        with pytest.raises(ValueError, match="missing columns: unit_type"):
            budget.activity_costs({"survey": survey.drop(columns="unit_type")}, simple_params())
