"""Tests of ntmplan.tasks.capacity.calendar (quarterly calendar and trainer load).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.core.params import default_params
from ntmplan.tasks import capacity
from tests.tasks.capacity.fixtures import plan_frame


class TestTrainingCalendar:
    def test_greedy_spread_and_overflow_flagged(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [2, 4, 4, 4]
        plan = plan_frame([(2021, "officials", "t1", "prov", 10, 2.0)])
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
        plan = plan_frame(
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
        plan = plan_frame([(2021, "officials", "t1", "prov", 10, 2.0)])
        with pytest.raises(capacity.CapacityError) as exc:
            capacity.training_calendar(plan, params)
        # 3 classes × 2 days = 6 class-days short in 2021
        assert "6" in exc.value.problems[0].rule_en and "2021" in exc.value.problems[0].rule_en

    def test_unlimited_pool_spreads_evenly(self, params):
        plan = plan_frame([(2021, "residents", "t2", "team", 10, 0.5)])
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
        plan = plan_frame(
            [(2021, "officials", f"t{i}", "provincial", n, days[i]) for i, n in enumerate(classes)]
        )
        cal = capacity.training_calendar(plan, p)
        load = cal[cal["scheduled"]].groupby("quarter")["class_days"].sum()
        for q, used in load.items():
            assert used <= caps[int(q) - 1] + 1e-9
        # every class is either scheduled or flagged
        assert cal["classes"].sum() == sum(classes)

    def test_missing_column(self, params):
        plan = plan_frame([(2021, "officials", "t1", "prov", 1, 1.0)]).drop(
            columns=["days_per_class"]
        )
        with pytest.raises(InputError) as exc:
            capacity.training_calendar(plan, params)
        assert exc.value.problems[0].column == "days_per_class"

    def test_bad_capacity_list(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [1, 2, 3]
        with pytest.raises(ParamsError):
            capacity.training_calendar(
                plan_frame([(2021, "officials", "t1", "prov", 1, 1.0)]), params
            )


class TestCalendarLoad:
    def test_load_against_capacity(self, params):
        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [2, 4, 4, 4]
        plan = plan_frame(
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
