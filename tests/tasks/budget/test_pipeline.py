"""Tests for ntmplan.tasks.budget.pipeline, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pytest

from ntmplan.tasks import budget
from tests.tasks.budget.helpers import simple_params


class TestBuild:
    def test_totals_and_fallback_flags(self, survey):
        res = budget.build({"survey": survey, "pilots": None, "capacity": None}, simple_params())
        assert res["totals"]["total"] == pytest.approx(2269.0)
        assert res["inputs_used"] == {"pilots": "params", "capacity": "params"}
        assert res["checks"]["ok"].all()
        assert res["scheme"] == "current" and "district" not in set(res["tidy"]["source"])

    def test_legacy_scheme_has_district(self, survey):
        res = budget.build({"survey": survey}, simple_params(), scheme="legacy")
        assert "district" in set(res["tidy"]["source"])
        assert res["totals"]["total"] == pytest.approx(2269.0)

    def test_capacity_flag(self, survey):
        cap = {"budget_lines": [{"activity": "training", "year": 2022, "cost_mvnd": 1.0}]}
        assert (
            budget.build({"survey": survey, "capacity": cap}, simple_params())["inputs_used"][
                "capacity"
            ]
            == "04_capacity"
        )
