"""Tests of ntmplan.tasks.capacity.trainers (trainer capacity).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pytest

from ntmplan.core.errors import ParamsError
from ntmplan.tasks import capacity
from tests.tasks.capacity.fixtures import plan_frame


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
        plan = plan_frame([(2021, "officials", "t1", "prov", 5, 2.0)])
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
                plan_frame([(2021, "officials", "t1", "prov", 1, 1.0)]), params
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
