"""Tests of ntmplan.tasks.capacity.pipeline (build, interactive choices).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from ntmplan.tasks import capacity
from tests.tasks.capacity.fixtures import make_survey


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
