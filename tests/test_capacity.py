"""Tests of ntmplan.tasks.capacity (training, communication and support-policy plan).

Expected values are worked out by hand in the comments, from the small fixture
below (two rural communes in scope, one ward out of scope) and the small params
of ``small_params``.
"""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.core.params import default_params
from ntmplan.tasks import capacity

SURVEY_COLUMNS = [
    "province_code", "commune_code", "commune_name", "unit_type", "year", "households", "population",
    "villages", "officials", "villages_fiber", "villages_4g", "postal_point", "radio_it",
    "households_internet", "households_smart_device", "households_internet_smart", "officials_computer",
    "officials_email", "officials_eoffice", "files_online_share", "criterion_8_4", "digital_services",
    "community_tech_members", "cooperatives", "cooperatives_digital", "ocop_products",
    "ocop_products_online", "households_selling_online", "prominent_sector", "digital_providers",
    "dx_demand", "ntm_level", "commune_category",
]  # fmt: skip


def make_survey(rows: list[dict]) -> pd.DataFrame:
    """Build a survey frame with every DESIGN.md column; ``rows`` give the values that matter."""
    base = {
        "province_code": "01", "commune_name": "Xã", "unit_type": "xã", "year": 2025, "households": 100,
        "population": 400, "villages": 1, "officials": 10, "villages_fiber": 1, "villages_4g": 1,
        "postal_point": True, "radio_it": True, "households_internet": 50, "households_smart_device": 50,
        "households_internet_smart": 40, "officials_computer": 10, "officials_email": 10,
        "officials_eoffice": 10, "files_online_share": 0.5, "criterion_8_4": True, "digital_services": 1,
        "community_tech_members": 0, "cooperatives": 0, "cooperatives_digital": 0, "ocop_products": 0,
        "ocop_products_online": 0, "households_selling_online": 0, "prominent_sector": None,
        "digital_providers": 0, "dx_demand": 3, "ntm_level": "dat_chuan", "commune_category": "other",
    }  # fmt: skip
    records = [{**base, "commune_code": f"{i:05d}", **r} for i, r in enumerate(rows, start=1)]
    df = pd.DataFrame(records)[SURVEY_COLUMNS]
    ints = [
        c
        for c in SURVEY_COLUMNS
        if isinstance(base.get(c), int) and not isinstance(base.get(c), bool)
    ]
    return df.astype({c: "int64" for c in ints})


@pytest.fixture
def survey() -> pd.DataFrame:
    # In scope (xã): A and B. Out of scope: the ward C (phường).
    # Totals in scope: officials 22 + 19 = 41; households 1000 + 610 = 1610; villages 6 + 4 = 10;
    # population 4000 + 2500 = 6500; community_tech_members 7 + 3 = 10; cooperatives 2; ocop_products 1 + 3 = 4.
    return make_survey(
        [
            {"unit_type": "xã", "officials": 22, "households": 1000, "population": 4000, "villages": 6,
             "community_tech_members": 7, "cooperatives": 2, "ocop_products": 1},
            {"unit_type": "xã", "officials": 19, "households": 610, "population": 2500, "villages": 4,
             "community_tech_members": 3, "cooperatives": 0, "ocop_products": 3},
            {"unit_type": "phường", "officials": 30, "households": 5000, "population": 20000, "villages": 8,
             "community_tech_members": 10, "cooperatives": 9, "ocop_products": 9},
        ]
    )  # fmt: skip


def _group(**kw) -> dict:
    grp = {
        "name_vi": "Nhóm",
        "size_columns": {},
        "size_per_commune": 0.0,
        "size_per_village": 0.0,
        "topics": ["t1"],
        "share_per_year": 0.0,
        "share_by_year": {},
        "min_coverage": 0.0,
        "class_size": 30,
        "days_per_class": 1.0,
        "cost_per_class_day_mvnd": 0.0,
        "cost_per_participant_day_mvnd": 0.0,
        "mode": "truc_tiep",
        "trainer_pool": "prov",
    }
    grp.update(kw)
    return grp


@pytest.fixture
def params() -> dict:
    """Small params: plan 2021–2023, three groups, two topics, three channels, allowance."""
    p = default_params()
    p["programme"]["start_year"], p["programme"]["end_year"] = 2021, 2023
    cap = p["capacity"]
    cap["plan_start_year"] = 0
    cap["on_overflow"] = "flag"
    cap["topics"] = {
        "t1": {
            "name_vi": "Chủ đề 1",
            "guidance_item": "Nhiệm vụ 4: chủ đề 1",
            "materials_mvnd": 10.0,
        },
        "t2": {
            "name_vi": "Chủ đề 2",
            "guidance_item": "Nhiệm vụ 4: chủ đề 2",
            "materials_mvnd": 0.0,
        },
    }
    cap["trainer_pools"] = {
        "prov": {"name_vi": "Tỉnh", "limited": True, "class_days_per_quarter": [4, 8, 8, 8]},
        "team": {"name_vi": "Tổ", "limited": False, "class_days_per_quarter": [0, 0, 0, 0]},
    }
    cap["groups"] = {
        "officials": _group(
            name_vi="Cán bộ xã", size_columns={"officials": 1.0}, topics=["t1", "t2"], share_per_year=0.3,
            min_coverage=1.0, class_size=30, days_per_class=2.0, cost_per_class_day_mvnd=10.0,
            cost_per_participant_day_mvnd=0.1,
        ),
        "teachers": _group(
            name_vi="Giáo viên", size_per_commune=10.0, topics=["t1"], share_per_year=0.25, class_size=25,
            cost_per_class_day_mvnd=4.0, mode="truc_tuyen",
        ),
        "residents": _group(
            name_vi="Người dân", size_columns={"households": 1.0}, topics=["t2"], share_per_year=0.05,
            class_size=40, days_per_class=0.5, cost_per_class_day_mvnd=2.0,
            cost_per_participant_day_mvnd=0.05, trainer_pool="team",
        ),
    }  # fmt: skip
    cap["communication"]["channels"] = {
        "ch_a": {"name_vi": "Kênh A", "unit_vi": "buổi", "quantity_per_year": 2.0, "quantity_per_commune": 0.0,
                 "quantity_per_village": 0.0, "unit_cost_mvnd": 5.0, "reach_per_unit": 100.0,
                 "reach_population_share": None},
        "ch_b": {"name_vi": "Kênh B", "unit_vi": "chuyên mục", "quantity_per_year": 0.0,
                 "quantity_per_commune": 3.0, "quantity_per_village": 0.0, "unit_cost_mvnd": 0.2,
                 "reach_per_unit": None, "reach_population_share": 0.5},
        "ch_c": {"name_vi": "Kênh C", "unit_vi": "tờ", "quantity_per_year": 0.0, "quantity_per_commune": 0.0,
                 "quantity_per_village": 0.25, "unit_cost_mvnd": 1.0, "reach_per_unit": None,
                 "reach_population_share": None},
    }  # fmt: skip
    cap["support_policy"].update(
        members_basis="target",
        team_size_per_commune=5.0,
        team_size_per_village=1.0,
        monthly_allowance_mvnd=0.5,
        months_per_year=12,
        start_year=0,
        items={},
    )
    return p


def _plan_frame(rows: list[tuple]) -> pd.DataFrame:
    """A hand-made plan: (year, group, topic, pool, classes, days_per_class)."""
    return pd.DataFrame(
        rows, columns=["year", "group", "topic", "trainer_pool", "classes", "days_per_class"]
    )


# ---------------------------------------------------------------- plan_years


class TestPlanYears:
    def test_whole_programme_by_default(self, params):
        assert capacity.plan_years(params) == [2021, 2022, 2023]

    def test_plan_start_year_overrides(self, params):
        params["capacity"]["plan_start_year"] = 2022
        assert capacity.plan_years(params) == [2022, 2023]

    def test_start_outside_programme_is_an_error(self, params):
        params["capacity"]["plan_start_year"] = 2030
        with pytest.raises(ParamsError) as exc:
            capacity.plan_years(params)
        assert exc.value.problems[0].column == "capacity.plan_start_year"

    def test_default_params_cover_the_2021_2025_profile(self):
        assert capacity.plan_years() == [2021, 2022, 2023, 2024, 2025]


# ---------------------------------------------------------------- target_groups


class TestTargetGroups:
    def test_sizes_and_sources(self, survey, params):
        g = capacity.target_groups(survey, params).set_index("group")
        # officials: 22 + 19 = 41 (ward excluded); teachers: 10 per commune × 2 communes = 20;
        # residents: 1000 + 610 = 1610 households × 1 person
        assert g["size"].to_dict() == {"officials": 41, "teachers": 20, "residents": 1610}
        assert g.loc["officials", "source_type"] == "survey"
        assert g.loc["teachers", "source_type"] == "params"
        assert "officials" in g.loc["officials", "size_source"]
        assert "giả định" in g.loc["teachers", "size_source"]

    def test_mixed_source_and_weights(self, survey, params):
        params["capacity"]["groups"]["teachers"].update(
            size_columns={"cooperatives": 2.0}, size_per_village=0.5
        )
        g = capacity.target_groups(survey, params).set_index("group")
        # cooperatives 2 × 2 persons = 4; + 10 per commune × 2 = 20; + 0.5 per village × 10 = 5 → 29
        assert g.loc["teachers", "size"] == 29
        assert g.loc["teachers", "source_type"] == "survey+params"

    def test_fractional_size_rounds_up(self, survey, params):
        params["capacity"]["groups"]["teachers"]["size_per_commune"] = 0.3
        # 0.3 × 2 = 0.6 → 1 person
        assert (
            capacity.target_groups(survey, params).set_index("group").loc["teachers", "size"] == 1
        )

    def test_missing_column(self, survey, params):
        with pytest.raises(InputError) as exc:
            capacity.target_groups(survey.drop(columns=["officials"]), params)
        assert exc.value.problems[0].column == "officials"
        assert "officials" in exc.value.problems[0].rule_vi

    def test_unknown_topic_is_a_params_error(self, survey, params):
        params["capacity"]["groups"]["teachers"]["topics"] = ["khong_co"]
        with pytest.raises(ParamsError) as exc:
            capacity.target_groups(survey, params)
        assert exc.value.problems[0].column == "capacity.groups.teachers.topics"

    def test_every_bad_param_is_reported(self, survey, params):
        params["capacity"]["groups"]["teachers"].update(
            class_size=0, days_per_class=0.0, trainer_pool="x"
        )
        with pytest.raises(ParamsError) as exc:
            capacity.target_groups(survey, params)
        cols = {p.column for p in exc.value.problems}
        assert {"capacity.groups.teachers.class_size", "capacity.groups.teachers.days_per_class",
                "capacity.groups.teachers.trainer_pool"} <= cols  # fmt: skip


# ---------------------------------------------------------------- training_plan


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


# ---------------------------------------------------------------- coverage


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


# ---------------------------------------------------------------- training_calendar


class TestTrainingCalendar:
    def test_greedy_spread_and_overflow_flagged(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [2, 4, 4, 4]
        plan = _plan_frame([(2021, "officials", "t1", "prov", 10, 2.0)])
        cal = capacity.training_calendar(plan, params)
        # capacity 14 class-days = 7 classes of 2 days; order by lowest utilisation after placing:
        # Q2, Q3, Q4 (0.5 each), then Q1 (tie at 1.0 → earliest), then Q2, Q3, Q4; 3 classes left over
        sched = cal[cal["scheduled"]].set_index("quarter")["classes"].to_dict()
        assert sched == {1: 1, 2: 2, 3: 2, 4: 2}
        over = cal[~cal["scheduled"]]
        assert over["classes"].sum() == 3 and over["class_days"].sum() == 6.0
        assert over["quarter"].isna().all()
        assert over["period"].iloc[0] == "2021-chưa xếp"

    def test_short_capacity_is_shared_in_proportion(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [0, 5, 5, 5]
        plan = _plan_frame(
            [(2021, "officials", "t1", "prov", 20, 1.0), (2021, "teachers", "t1", "prov", 10, 1.0)]
        )
        cal = capacity.training_calendar(plan, params)
        done = cal[cal["scheduled"]].groupby("group")["classes"].sum()
        # capacity 15 class-days for 30 one-day classes: ranks (k + ½)/n interleave the rows 2:1, so the
        # first 15 are officials k < 9.5 (10 classes) and teachers k < 4.5 (5 classes)
        assert done.to_dict() == {"officials": 10, "teachers": 5}
        assert cal.loc[~cal["scheduled"], "classes"].sum() == 15

    def test_raise_when_configured(self, params):
        params["capacity"]["on_overflow"] = "raise"
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [2, 4, 4, 4]
        plan = _plan_frame([(2021, "officials", "t1", "prov", 10, 2.0)])
        with pytest.raises(capacity.CapacityError) as exc:
            capacity.training_calendar(plan, params)
        # 3 classes × 2 days = 6 class-days short in 2021
        assert "6" in exc.value.problems[0].rule_en and "2021" in exc.value.problems[0].rule_en

    def test_unlimited_pool_spreads_evenly(self, params):
        plan = _plan_frame([(2021, "residents", "t2", "team", 10, 0.5)])
        cal = capacity.training_calendar(plan, params)
        # least-loaded quarter each time: 3, 3, 2, 2
        assert cal.set_index("quarter")["classes"].to_dict() == {1: 3, 2: 3, 3: 2, 4: 2}
        assert cal["scheduled"].all()

    def test_deterministic(self, survey, params):
        plan = capacity.training_plan(survey, params)
        a = capacity.training_calendar(plan, params)
        b = capacity.training_calendar(plan, params)
        pd.testing.assert_frame_equal(a, b)

    def test_fixture_plan_fits(self, survey, params):
        cal = capacity.training_calendar(capacity.training_plan(survey, params), params)
        # provincial load per year: officials 2 topics × 2 + teachers 1 = 5 class-days ≤ 28
        assert cal["scheduled"].all()
        assert cal["classes"].sum() == capacity.training_plan(survey, params)["classes"].sum()

    @settings(max_examples=60, deadline=None)
    @given(
        classes=st.lists(st.integers(0, 30), min_size=1, max_size=5),
        days=st.lists(st.sampled_from([0.5, 1.0, 2.0, 3.0]), min_size=5, max_size=5),
        caps=st.lists(st.integers(0, 20), min_size=4, max_size=4),
    )
    def test_capacity_never_exceeded(self, classes, days, caps):
        p = default_params()
        p["capacity"]["trainer_pools"]["provincial"]["class_days_per_quarter"] = caps
        p["capacity"]["trainer_pools"]["provincial"]["class_days_per_quarter_per_100_communes"] = [
            0,
            0,
            0,
            0,
        ]
        plan = _plan_frame(
            [(2021, "officials", f"t{i}", "provincial", n, days[i]) for i, n in enumerate(classes)]
        )
        cal = capacity.training_calendar(plan, p)
        load = cal[cal["scheduled"]].groupby("quarter")["class_days"].sum()
        for q, used in load.items():
            assert used <= caps[int(q) - 1] + 1e-9
        # every class is either scheduled or flagged
        assert cal["classes"].sum() == sum(classes)

    def test_missing_column(self, params):
        plan = _plan_frame([(2021, "officials", "t1", "prov", 1, 1.0)]).drop(
            columns=["days_per_class"]
        )
        with pytest.raises(InputError) as exc:
            capacity.training_calendar(plan, params)
        assert exc.value.problems[0].column == "days_per_class"

    def test_bad_capacity_list(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [1, 2, 3]
        with pytest.raises(ParamsError):
            capacity.training_calendar(
                _plan_frame([(2021, "officials", "t1", "prov", 1, 1.0)]), params
            )


class TestTrainerCapacity:
    def test_fixed_plus_per_commune(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter_per_100_communes"] = [
            10,
            20,
            20,
            10,
        ]
        cap = capacity.trainer_capacity(params, n_communes=50)
        prov = cap[cap["trainer_pool"] == "prov"]["capacity_class_days"].tolist()
        # fixed [4, 8, 8, 8] + [10, 20, 20, 10] × 50 / 100 = [9, 18, 18, 13]
        assert prov == [9.0, 18.0, 18.0, 13.0]
        assert cap[cap["trainer_pool"] == "team"]["capacity_class_days"].isna().all()

    def test_calendar_uses_the_scaled_capacity(self, params):
        params["capacity"]["trainer_pools"]["prov"].update(
            class_days_per_quarter=[0, 0, 0, 0],
            class_days_per_quarter_per_100_communes=[0, 20, 0, 0],
        )
        plan = _plan_frame([(2021, "officials", "t1", "prov", 5, 2.0)])
        # 10 communes → Q2 capacity 2 class-days: 1 class scheduled, 4 flagged
        cal = capacity.training_calendar(plan, params, n_communes=10)
        assert cal.loc[cal["scheduled"], "classes"].sum() == 1
        assert cal.loc[~cal["scheduled"], "classes"].sum() == 4

    def test_n_communes_required_when_capacity_scales(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter_per_100_communes"] = [
            1,
            1,
            1,
            1,
        ]
        with pytest.raises(ValueError, match="n_communes"):
            capacity.training_calendar(
                _plan_frame([(2021, "officials", "t1", "prov", 1, 1.0)]), params
            )

    def test_bad_list(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter_per_100_communes"] = [
            1,
            -1,
            1,
            1,
        ]
        with pytest.raises(ParamsError):
            capacity.trainer_capacity(params, 10)


class TestCalendarLoad:
    def test_load_against_capacity(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [2, 4, 4, 4]
        plan = _plan_frame(
            [(2021, "officials", "t1", "prov", 10, 2.0), (2021, "residents", "t2", "team", 4, 1.0)]
        )
        load = capacity.calendar_load(capacity.training_calendar(plan, params), params)
        prov = load[load["trainer_pool"] == "prov"].set_index("quarter")
        # Q1 2/2, Q2–Q4 4/4; 6 class-days overflow on every row of the year
        assert prov["class_days"].tolist() == [2.0, 4.0, 4.0, 4.0]
        assert prov["utilisation"].tolist() == [1.0, 1.0, 1.0, 1.0]
        assert (prov["overflow_class_days"] == 6.0).all()
        assert not prov["within_capacity"].any()
        team = load[load["trainer_pool"] == "team"]
        assert team["capacity_class_days"].isna().all() and team["within_capacity"].all()

    def test_missing_column(self, params):
        with pytest.raises(InputError):
            capacity.calendar_load(pd.DataFrame({"year": [2021]}), params)


# ---------------------------------------------------------------- curriculum


class TestCurriculum:
    def test_rows_per_group_topic(self, params):
        cur = capacity.curriculum(params)
        # officials 2 topics + teachers 1 + residents 1 = 4
        assert len(cur) == 4
        assert cur.loc[cur["topic"] == "t2", "guidance_item"].iloc[0] == "Nhiệm vụ 4: chủ đề 2"

    def test_default_curriculum_answers_task_4(self):
        cur = capacity.curriculum()
        assert set(cur["group"]) == {
            "officials",
            "teachers",
            "extension_groups",
            "economic_actors",
            "residents",
            "community_tech_members",
        }
        assert cur["guidance_item"].str.startswith("Nhiệm vụ 4").all()

    def test_unknown_mode(self, params):
        params["capacity"]["groups"]["teachers"]["mode"] = "bay"
        with pytest.raises(ParamsError):
            capacity.curriculum(params)


# ---------------------------------------------------------------- communication_plan


class TestCommunicationPlan:
    def test_quantities_costs_reach_by_hand(self, survey, params):
        comm = capacity.communication_plan(survey, params)
        assert len(comm) == 9  # 3 channels × 3 years
        y = comm[comm["year"] == 2021].set_index("channel")
        # ch_a: 2 a year × 5 = 10; reach 2 × 100 = 200
        assert (y.loc["ch_a", "quantity"], y.loc["ch_a", "cost_mvnd"], y.loc["ch_a", "reach"]) == (
            2,
            10.0,
            200.0,
        )
        # ch_b: 3 per commune × 2 communes = 6 × 0.2 = 1.2; reach 0.5 × 6500 = 3250
        assert y.loc["ch_b", "quantity"] == 6
        assert y.loc["ch_b", "cost_mvnd"] == pytest.approx(1.2)
        assert y.loc["ch_b", "reach"] == 3250.0
        # ch_c: 0.25 per village × 10 villages = 2.5 → 3 × 1.0 = 3.0; no reach parameter
        assert y.loc["ch_c", "quantity"] == 3 and y.loc["ch_c", "cost_mvnd"] == 3.0
        assert np.isnan(y.loc["ch_c", "reach"])
        # three years: (10 + 1.2 + 3) × 3 = 42.6
        assert comm["cost_mvnd"].sum() == pytest.approx(42.6)

    def test_negative_price_is_a_params_error(self, survey, params):
        params["capacity"]["communication"]["channels"]["ch_a"]["unit_cost_mvnd"] = -1.0
        with pytest.raises(ParamsError) as exc:
            capacity.communication_plan(survey, params)
        assert exc.value.problems[0].column == "capacity.communication.channels.ch_a.unit_cost_mvnd"

    def test_missing_column(self, survey, params):
        with pytest.raises(InputError) as exc:
            capacity.communication_plan(survey.drop(columns=["population"]), params)
        assert exc.value.problems[0].column == "population"

    def test_default_channels_are_the_task_2_list(self, survey):
        comm = capacity.communication_plan(survey)
        assert comm["channel"].nunique() == 12
        assert (comm["cost_mvnd"] >= 0).all()


# ---------------------------------------------------------------- support policies


class TestTeamMembers:
    def test_bases(self, survey, params):
        pol = params["capacity"]["support_policy"]
        # target: 5 per commune × 2 + 1 per village × 10 = 20
        assert capacity.team_members(survey, params) == 20
        pol["members_basis"] = "survey"
        assert capacity.team_members(survey, params) == 10  # 7 + 3
        pol.update(members_basis="max", team_size_per_village=0.0)
        # per commune max(7, 5) + max(3, 5) = 12
        assert capacity.team_members(survey, params) == 12

    def test_bad_basis(self, survey, params):
        params["capacity"]["support_policy"]["members_basis"] = "all"
        with pytest.raises(ParamsError):
            capacity.team_members(survey, params)


class TestSupportPolicyCosts:
    def test_allowance_by_hand(self, survey, params):
        pol = capacity.support_policy_costs(survey, params)
        # 20 members × 12 months = 240 member-months × 0.5 = 120 a year; 3 years = 360
        assert pol["item"].unique().tolist() == ["allowance"]
        assert pol["quantity"].tolist() == [240, 240, 240]
        assert pol["cost_mvnd"].tolist() == [120.0, 120.0, 120.0]
        assert pol["cost_mvnd"].sum() == 360.0

    def test_start_year_and_listed_items(self, survey, params):
        sp = params["capacity"]["support_policy"]
        sp.update(members_basis="max", team_size_per_village=0.0, start_year=2022)
        sp["items"] = {
            "data": {"name_vi": "Hỗ trợ cước 4G", "unit_vi": "người·năm", "quantity_per_member": 1,
                     "quantity_per_commune": 1, "unit_cost_mvnd": 0.1},
        }  # fmt: skip
        pol = capacity.support_policy_costs(survey, params)
        allow = pol[pol["item"] == "allowance"]
        # allowance from 2022 only: 12 members × 12 × 0.5 = 72
        assert allow["year"].tolist() == [2022, 2023]
        assert allow["cost_mvnd"].tolist() == [72.0, 72.0]
        data = pol[pol["item"] == "data"]
        # every plan year: 12 members × 1 + 2 communes × 1 = 14 × 0.1 = 1.4
        assert data["year"].tolist() == [2021, 2022, 2023]
        assert data["quantity"].tolist() == [14, 14, 14]
        assert data["cost_mvnd"].tolist() == pytest.approx([1.4] * 3)

    def test_item_without_name(self, survey, params):
        params["capacity"]["support_policy"]["items"] = {"x": {"unit_cost_mvnd": 1.0}}
        with pytest.raises(ParamsError):
            capacity.support_policy_costs(survey, params)

    def test_missing_column(self, survey, params):
        with pytest.raises(InputError) as exc:
            capacity.support_policy_costs(survey.drop(columns=["community_tech_members"]), params)
        assert exc.value.problems[0].column == "community_tech_members"


# ---------------------------------------------------------------- budget_lines, build, summary


class TestBudgetLines:
    def test_totals_equal_plan_totals(self, survey, params):
        plan = capacity.training_plan(survey, params)
        comm = capacity.communication_plan(survey, params)
        pol = capacity.support_policy_costs(survey, params)
        lines = capacity.budget_lines(plan, comm, pol)
        assert list(lines.columns) == ["activity", "activity_vi", "year", "cost_mvnd"]
        tot = lines.groupby("activity")["cost_mvnd"].sum()
        # by hand: training 183.475, communication 42.6, allowance 360
        assert tot["training"] == pytest.approx(183.475) == pytest.approx(plan["cost_mvnd"].sum())
        assert tot["communication"] == pytest.approx(42.6) == pytest.approx(comm["cost_mvnd"].sum())
        assert (
            tot["support_policy"] == pytest.approx(360.0) == pytest.approx(pol["cost_mvnd"].sum())
        )
        assert len(lines) == 9

    def test_missing_column(self, survey, params):
        plan = capacity.training_plan(survey, params)
        comm = capacity.communication_plan(survey, params)
        with pytest.raises(InputError):
            capacity.budget_lines(plan, comm.drop(columns=["cost_mvnd"]), plan)


class TestBuild:
    def test_all_frames(self, survey, params):
        res = capacity.build(survey, params)
        for key in (
            "groups",
            "plan",
            "coverage",
            "curriculum",
            "calendar",
            "load",
            "communication",
            "policy",
            "budget_lines",
        ):
            assert isinstance(res[key], pd.DataFrame)
        assert res["n_communes"] == 2


class TestSummary:
    def test_keys_and_budget_interface(self, survey, params):
        s = capacity.summary(capacity.build(survey, params), params)
        json.dumps(s)  # serialisable
        assert s["plan_years"] == [2021, 2023]
        assert s["officials_all_trained"] is True
        assert s["calendar_within_capacity"] is True
        assert s["training_cost_mvnd"] == pytest.approx(183.475)
        assert s["total_mvnd"] == pytest.approx(183.475 + 42.6 + 360.0)
        # the budget notebook reads these records; their sums equal the plan totals
        lines = pd.DataFrame(s["budget_lines"])
        assert set(lines.columns) == {"activity", "year", "cost_mvnd"}
        assert lines.groupby("activity")["cost_mvnd"].sum().to_dict() == pytest.approx(
            s["totals_by_activity"]
        )
        assert (
            s["participants_total"] == 41 + 15 + 243
        )  # officials 14+14+13, teachers 3 × (20 × 0.25 = 5), residents 3 × 81
        assert s["groups"]["officials"]["size"] == 41

    def test_overflow_reported(self, survey, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [0, 1, 1, 1]
        s = capacity.summary(capacity.build(survey, params), params)
        # provincial demand 5 class-days a year; officials' 2-day classes never fit a 1-day quarter,
        # teachers' 1-day class fits: 4 class-days a year overflow × 3 years = 12
        assert s["calendar_overflow_class_days"] == 12.0
        assert s["calendar_within_capacity"] is False

    def test_budget_module_reads_it(self, survey, params):
        budget = pytest.importorskip("ntmplan.tasks.budget")
        s = capacity.summary(capacity.build(survey, params), params)
        lines = budget.capacity_lines(s)
        assert lines["cost_mvnd"].sum() == pytest.approx(s["total_mvnd"])


class TestWithControls:
    def test_applies_without_mutating(self, params):
        out = capacity.with_controls(
            params,
            class_sizes={"teachers": 50},
            shares={"teachers": 0.5},
            monthly_allowance_mvnd=1.0,
        )
        assert out["capacity"]["groups"]["teachers"]["class_size"] == 50
        assert out["capacity"]["groups"]["teachers"]["share_per_year"] == 0.5
        assert out["capacity"]["support_policy"]["monthly_allowance_mvnd"] == 1.0
        assert params["capacity"]["groups"]["teachers"]["class_size"] == 25

    def test_unknown_group(self, params):
        with pytest.raises(KeyError):
            capacity.with_controls(params, class_sizes={"khong_co": 1})


class TestExcelSheets:
    def test_sheet_names(self, survey, params):
        sheets = capacity.excel_sheets(capacity.build(survey, params))
        assert all(len(name) <= 31 for name in sheets)
        assert {
            "Kế hoạch đào tạo",
            "Chương trình đào tạo",
            "Lịch theo quý",
            "Truyền thông",
            "Chính sách hỗ trợ",
        } <= set(sheets)
        for df in sheets.values():
            assert set(df.columns) <= set(capacity.LABELS), set(df.columns) - set(capacity.LABELS)


class TestAssumptions:
    def test_every_price_is_marked_as_assumption(self):
        a = capacity.assumptions()
        prices = a[a["key"].str.contains("mvnd") | a["key"].str.contains("channels")]
        assert len(prices) > 10
        assert prices["source"].str.contains("assumption").all()

    def test_resolved_values_and_province_items(self, params):
        params["capacity"]["support_policy"]["monthly_allowance_mvnd"] = 0.75
        params["capacity"]["support_policy"]["items"] = {
            "x": {"name_vi": "X", "unit_cost_mvnd": 1.0}
        }
        a = capacity.assumptions(params).set_index("key")
        assert a.loc["capacity.support_policy.monthly_allowance_mvnd", "value"] == "0.75"
        assert "tỉnh" in a.loc["capacity.support_policy.items.x", "source"]


class TestTablesForDisplay:
    def test_by_group_year_counts_people_once(self, survey, params):
        wide = capacity.by_group_year(capacity.training_plan(survey, params), "participants")
        # officials: 14, 14, 13 (not doubled by their two topics); total 41
        assert wide.loc["Cán bộ xã", ["2021", "2022", "2023"]].tolist() == [14, 14, 13]
        assert wide.loc["Cán bộ xã", capacity.TOTAL] == 41
        # total row: 41 + 15 + 243 = 299
        assert wide.loc[capacity.TOTAL, capacity.TOTAL] == 299

    def test_by_group_year_sums_classes_over_topics(self, survey, params):
        wide = capacity.by_group_year(capacity.training_plan(survey, params), "classes")
        # officials: 1 class × 2 topics a year
        assert wide.loc["Cán bộ xã", "2021"] == 2

    def test_missing_column(self):
        with pytest.raises(InputError):
            capacity.wide_by_year(pd.DataFrame({"year": [2021]}), "channel_vi")


# ---------------------------------------------------------------- charts and controls (capacity_charts)


class TestCharts:
    def test_every_chart_builds(self, survey, params):
        from ntmplan.tasks.capacity import charts as cc

        res = capacity.build(survey, params)
        figs = [
            cc.participants_chart(res["plan"]),
            cc.calendar_gantt(res["calendar"], res["load"]),
            cc.communication_chart(res["communication"]),
            cc.policy_chart(res["policy"]),
            cc.budget_chart(res["budget_lines"]),
        ]
        assert all(fig.axes for fig in figs)
        assert cc.png_bytes(figs[1])[:4] == b"\x89PNG"

    def test_gantt_shows_overflow(self, survey, params):
        from ntmplan.tasks.capacity import charts as cc

        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [0, 1, 1, 1]
        res = capacity.build(survey, params)
        fig = cc.calendar_gantt(res["calendar"], res["load"])
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert any("chưa xếp" in t for t in texts)

    def test_missing_column(self):
        from ntmplan.tasks.capacity import charts as cc

        with pytest.raises(InputError):
            cc.communication_chart(pd.DataFrame({"year": [2021]}))


class TestCapacityControls:
    def test_controls_update_the_plan(self, survey, params, tmp_path):
        pytest.importorskip("ipywidgets")
        from ntmplan.tasks.capacity import charts as cc

        ui = cc.CapacityControls(survey, params, export_path=tmp_path / "x.xlsx", charts=False)
        before = ui.result["plan"].loc[lambda d: d["group"] == "residents", "classes"].sum()
        ui.class_size["residents"].value = 20  # 81 / 20 → 5 classes a year instead of 3
        after = ui.result["plan"].loc[lambda d: d["group"] == "residents", "classes"].sum()
        assert (before, after) == (9, 15)
        ui.allowance.value = 1.0  # 240 member-months × 1.0 = 240 a year
        pol = ui.result["policy"]
        assert pol["cost_mvnd"].tolist() == [240.0, 240.0, 240.0]
        assert params["capacity"]["groups"]["residents"]["class_size"] == 40  # params untouched
        path = ui.export()
        assert path.is_file()


class TestNoCommuneInScope:
    def test_only_wards_gives_an_empty_but_valid_plan(self, params):
        s = make_survey([{"unit_type": "phường", "officials": 30, "households": 5000}])
        res = capacity.build(s, params)
        s = capacity.summary(res, params)
        json.dumps(s)
        # no commune in scope: no training, no allowance; only fixed channel quantities (ch_a: 2 × 5 × 3 years)
        assert s["n_communes"] == 0
        assert s["training_cost_mvnd"] == 0.0 and s["support_policy_cost_mvnd"] == 0.0
        assert s["communication_cost_mvnd"] == pytest.approx(30.0)
        assert res["calendar"].empty and s["calendar_within_capacity"] is True


class TestBudgetIntegration:
    def test_budget_figures_equal_the_capacity_plan(self, survey):
        """The budget (notebook 03) reads the 04 summary: its training, communication and
        support-policy amounts per year equal this plan's, when both run with the default params."""
        budget = pytest.importorskip("ntmplan.tasks.budget")
        p = default_params()
        cap = capacity.summary(capacity.build(survey, p), p)
        res = budget.build({"survey": survey, "pilots": None, "capacity": cap}, p)
        assert res["inputs_used"]["capacity"] == "04_capacity"
        phased = res["phased"].groupby(["activity", "year"])["amount_mvnd"].sum()
        for line in cap["budget_lines"]:
            assert phased[(line["activity"], line["year"])] == pytest.approx(
                line["cost_mvnd"], abs=1e-3
            )
        by_activity = budget.summary(res, p)["by_activity_mvnd"]
        for activity, total in cap["totals_by_activity"].items():
            assert by_activity[activity] == pytest.approx(total, abs=1e-3)


# ---------------------------------------------------------------- notebook 04


class TestNotebook:
    def test_stored_without_outputs_with_the_parameters_cell(self):
        import nbformat

        from ntmplan.core import paths

        nb = nbformat.read(str(paths.NOTEBOOKS_DIR / "04_capacity.ipynb"), as_version=4)
        code = [c for c in nb.cells if c.cell_type == "code"]
        assert "parameters" in code[0].metadata.get("tags", [])
        assert code[0].source.splitlines() == [
            'province = "01"',
            'params_file = ""',
            'data_file = ""',
            'output_dir = ""',
            "interactive = True",
        ]
        assert nb.cells[1].cell_type == "markdown" and nb.cells[1].source.startswith("# ")
        assert all(c.outputs == [] and c.execution_count is None for c in code)
        assert "ctx.write_summary(" in "".join(c.source for c in code)
        assert any("Giả định & lưu ý" in c.source for c in nb.cells if c.cell_type == "markdown")

    @pytest.mark.slow
    def test_runs_in_batch_and_exports(self, tmp_path):
        pm = pytest.importorskip("papermill")
        from ntmplan.core import paths

        out = tmp_path / "out"
        pm.execute_notebook(
            str(paths.NOTEBOOKS_DIR / "04_capacity.ipynb"),
            str(tmp_path / "o04.ipynb"),
            parameters={"province": "46", "interactive": False, "output_dir": str(out)},
            progress_bar=False,
            cwd=str(tmp_path),
        )
        from openpyxl import load_workbook

        wb = load_workbook(out / "capacity.xlsx")
        assert {
            "Kế hoạch đào tạo",
            "Chương trình đào tạo",
            "Lịch theo quý",
            "Truyền thông",
            "Chính sách hỗ trợ",
        } <= set(wb.sheetnames)
        assert wb["Kế hoạch đào tạo"]["A1"].value == "Năm / year"
        s = json.loads((out / "summary_04_capacity.json").read_text(encoding="utf-8"))
        lines = pd.DataFrame(s["budget_lines"])
        assert lines["cost_mvnd"].sum() == pytest.approx(s["total_mvnd"], abs=0.01)
        assert s["officials_all_trained"] is True
