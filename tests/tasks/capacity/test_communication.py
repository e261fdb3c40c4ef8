"""Tests of ntmplan.tasks.capacity.communication (communication plan).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import numpy as np
import pytest

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.tasks import capacity


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
