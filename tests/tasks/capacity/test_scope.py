"""Tests of ntmplan.tasks.capacity.scope (plan years).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pytest

from ntmplan.core.errors import ParamsError
from ntmplan.tasks import capacity


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

    def test_default_params_start_with_the_plan_tasks(self):
        # tasks 2, 4 and 6 start in Quý I/2023 (plan.tasks), after the plan of Quý IV/2022
        assert capacity.plan_years() == [2023, 2024, 2025]

    def test_follows_the_first_task_start(self, params):
        # first start among tasks 2 (Quý I/2022), 4 (Quý III/2022) and 6 (Quý I/2023) → 2022
        params["plan"]["tasks"]["task_2"]["start"] = "2022Q1"
        params["plan"]["tasks"]["task_6"]["start"] = "2023Q1"
        params["plan"]["tasks"]["task_4"]["start"] = "2022Q3"
        assert capacity.plan_years(params) == [2022, 2023]
        # a task listed before the programme start is clamped to the programme start
        params["plan"]["tasks"]["task_4"]["start"] = "2020Q1"
        assert capacity.plan_years(params) == [2021, 2022, 2023]
