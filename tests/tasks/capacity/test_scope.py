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

    def test_default_params_cover_the_2021_2025_profile(self):
        assert capacity.plan_years() == [2021, 2022, 2023, 2024, 2025]
