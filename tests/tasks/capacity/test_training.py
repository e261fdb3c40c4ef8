"""Tests of ntmplan.tasks.capacity.training (yearly training plan and coverage).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import capacity
from tests.tasks.capacity.fixtures import make_survey


class TestTrainingPlan:
    def test_columns_and_rows(self, survey, params):
        plan = capacity.training_plan(survey, params)
        for col in ("year", "group", "topic", "participants", "classes", "days", "cost_mvnd"):
            assert col in plan.columns
        # officials 2 topics + teachers 1 + residents 1 = 4 rows per year × 3 years
        assert len(plan) == 12

    def test_partial_class_counts_as_a_class(self, survey, params):
        plan = capacity.training_plan(survey, params)
        res = plan[plan["group"] == "residents"]
        # 1610 × 0.05 = 80.5 → 81 participants; 81 / 40 = 2.025 → 3 classes (2 full + 1 partial)
        assert res["participants"].tolist() == [81, 81, 81]
        assert res["classes"].tolist() == [3, 3, 3]
        # class-days = 3 × 0.5 = 1.5
        assert res["days"].tolist() == [1.5, 1.5, 1.5]

    def test_exact_multiple_does_not_add_a_class(self, survey, params):
        params["capacity"]["groups"]["residents"]["class_size"] = 161
        # 1610 × 0.05 = 80.5 → 81 → ⌈81 / 161⌉ = 1; with share 0.1: 161 → exactly 1 class
        params["capacity"]["groups"]["residents"]["share_per_year"] = 0.1
        plan = capacity.training_plan(survey, params)
        assert plan.loc[plan["group"] == "residents", "classes"].tolist() == [1, 1, 1]

    def test_float_noise_does_not_round_up(self, params):
        # 30 officials × 0.1 = 3.0000000000000004 in floating point: must give 3, not 4
        s = make_survey([{"officials": 20}, {"officials": 10}])
        params["capacity"]["groups"]["officials"].update(share_per_year=0.1, min_coverage=0.0)
        plan = capacity.training_plan(s, params)
        assert set(plan.loc[plan["group"] == "officials", "participants"]) == {3}

    def test_zero_participants_zero_classes(self, survey, params):
        params["capacity"]["groups"]["teachers"]["share_per_year"] = 0.0
        plan = capacity.training_plan(survey, params)
        t = plan[plan["group"] == "teachers"]
        assert t["classes"].sum() == 0 and t["cost_mvnd"].sum() == 0.0

    def test_every_official_trained_once_top_up(self, survey, params):
        plan = capacity.training_plan(survey, params)
        off = plan[(plan["group"] == "officials") & (plan["topic"] == "t1")]
        # share 0.3 × 41 = 12.3 → 13 per year; 3 × 13 = 39 < 41 → shortfall 2, spread [1, 1, 0]
        assert off["participants_planned"].tolist() == [13, 13, 13]
        assert off["top_up"].tolist() == [1, 1, 0]
        assert off["participants"].tolist() == [14, 14, 13]
        assert off["participants"].sum() >= 41

    def test_top_up_with_a_later_plan_start(self, survey, params):
        params["capacity"]["plan_start_year"] = 2022
        plan = capacity.training_plan(survey, params)
        off = plan[(plan["group"] == "officials") & (plan["topic"] == "t1")]
        # 2 years × 13 = 26; shortfall 41 − 26 = 15 → [8, 7]; participants [21, 20] = 41
        assert off["year"].tolist() == [2022, 2023]
        assert off["participants"].tolist() == [21, 20]

    def test_no_top_up_when_shares_cover(self, survey, params):
        params["capacity"]["groups"]["officials"]["share_per_year"] = 0.4
        plan = capacity.training_plan(survey, params)
        # 0.4 × 41 = 16.4 → 17 per year; 51 ≥ 41 → no top-up
        assert plan["top_up"].sum() == 0

    def test_coverage_target_is_adjustable(self, survey, params):
        params["capacity"]["groups"]["officials"].update(share_per_year=0.0, min_coverage=0.5)
        plan = capacity.training_plan(survey, params)
        off = plan[(plan["group"] == "officials") & (plan["topic"] == "t1")]
        # ⌈41 × 0.5⌉ = 21 spread over 3 years: [7, 7, 7]
        assert off["participants"].tolist() == [7, 7, 7]

    def test_share_by_year_overrides(self, survey, params):
        params["capacity"]["groups"]["teachers"]["share_by_year"] = {2022: 0.5}
        plan = capacity.training_plan(survey, params)
        # teachers 20: 2021 0.25 → 5; 2022 0.5 → 10; 2023 → 5
        assert plan.loc[plan["group"] == "teachers", "participants"].tolist() == [5, 10, 5]

    def test_costs_by_hand(self, survey, params):
        plan = (
            capacity.training_plan(survey, params)
            .set_index(["group", "topic", "year"])
            .sort_index()
        )
        # officials t1 2021: 1 class × 2 days = 2 class-days × 10 = 20; 14 people × 2 days × 0.1 = 2.8;
        # materials t1 10 (first year) → 32.8
        assert plan.loc[("officials", "t1", 2021), "cost_mvnd"] == pytest.approx(32.8)
        # officials t2 2021: 20 + 2.8 + 0 (t2 has no materials cost) = 22.8
        assert plan.loc[("officials", "t2", 2021), "cost_mvnd"] == pytest.approx(22.8)
        # officials t1 2022: no materials again → 22.8; 2023: 13 × 2 × 0.1 = 2.6 → 22.6
        assert plan.loc[("officials", "t1", 2022), "cost_mvnd"] == pytest.approx(22.8)
        assert plan.loc[("officials", "t1", 2023), "cost_mvnd"] == pytest.approx(22.6)
        # teachers: 5 people, 1 class × 1 day × 4 = 4; + materials t1 10 in 2021 → 14, 4, 4
        assert plan.loc["teachers", "cost_mvnd"].tolist() == pytest.approx([14.0, 4.0, 4.0])
        # residents: 1.5 class-days × 2 = 3; 81 × 0.5 × 0.05 = 2.025 → 5.025 a year
        assert plan.loc["residents", "cost_mvnd"].tolist() == pytest.approx([5.025] * 3)
        # total: officials 32.8 + 22.8 + 22.8 + 22.8 + 22.6 + 22.6 = 146.4; teachers 22; residents 15.075
        assert plan["cost_mvnd"].sum() == pytest.approx(183.475)

    def test_materials_charged_in_first_year_with_classes(self, survey, params):
        params["capacity"]["groups"]["teachers"]["share_by_year"] = {2021: 0.0}
        plan = capacity.training_plan(survey, params)
        t = plan[plan["group"] == "teachers"]
        # no class in 2021 → the materials (10) go to 2022
        assert t["materials_mvnd"].tolist() == [0.0, 10.0, 0.0]

    def test_missing_column(self, survey, params):
        with pytest.raises(InputError):
            capacity.training_plan(survey.drop(columns=["households"]), params)


class TestCoverage:
    def test_officials_all_trained(self, survey, params):
        cov = capacity.coverage(capacity.training_plan(survey, params), params).set_index("group")
        # participants 14 + 14 + 13 = 41 = size
        assert cov.loc["officials", "trained_once"] == 41
        assert cov.loc["officials", "coverage"] == 1.0
        assert bool(cov.loc["officials", "met"])

    def test_target_not_met_when_plan_is_short(self, survey, params):
        plan = capacity.training_plan(survey, params)
        plan.loc[plan["group"] == "officials", "participants"] = 10  # 3 × 10 = 30 < 41
        cov = capacity.coverage(plan, params).set_index("group")
        assert cov.loc["officials", "trained_once"] == 30
        assert not bool(cov.loc["officials", "met"])

    def test_missing_column(self, params):
        with pytest.raises(InputError):
            capacity.coverage(pd.DataFrame({"year": [2021]}), params)
