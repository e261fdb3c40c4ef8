"""Tests for ntmplan.tasks.budget.key_figures, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import budget
from tests.tasks.budget.helpers import gaps_frame, simple_params


class TestSummary:
    def test_keys_and_values(self, survey):
        import json

        p = simple_params()
        p["budget"]["envelopes"] = {"socialised": 0.0}
        res = budget.build({"survey": survey}, p)
        s = budget.summary(res, p, extra={"scenarios": {"base": 1.0}})
        json.dumps(s)
        assert s["total_mvnd"] == pytest.approx(2269.0)
        # socialised envelope 0 and no fallback for socialised → its whole requirement is unfunded
        socialised_required = res["required"].query("source == 'socialised'")["amount_mvnd"].sum()
        assert socialised_required > 0
        assert s["gap_mvnd"] == pytest.approx(socialised_required, abs=1e-3)
        assert s["funded_mvnd"] == pytest.approx(2269.0 - s["gap_mvnd"], abs=1e-3)
        assert sum(s["by_source_mvnd"].values()) == pytest.approx(s["funded_mvnd"], abs=1e-2)
        assert sum(i["amount_mvnd"] for i in s["unfunded_items"]) == pytest.approx(
            s["gap_mvnd"], abs=1e-2
        )
        assert all(i["source"] == "socialised" for i in s["unfunded_items"])
        assert s["checks_failed"] and s["scenarios"] == {"base": 1.0}
        assert list(s["by_year_mvnd"]) == ["2021", "2022", "2023", "2024", "2025"]
        assert s["inputs_used"] == {"pilots": "params", "capacity": "params"}


class TestExtraFigures:
    def test_keys_by_hand(self):
        df = gaps_frame([40, 30, 30, 35, 5, 0], attainable=[True, True, True, True, False, True])
        best = budget.best_use(df, 100.0)
        greedy = budget.greedy_use(df, 100.0)
        alloc = pd.DataFrame({"amount_mvnd": [500.0, 250.0]})
        scen = pd.DataFrame(
            [
                {
                    "scenario": "base",
                    "label": "Cơ sở",
                    "total_mvnd": 10.0,
                    "unfunded_mvnd": 1.0,
                    "socialised_share": 0.2,
                }
            ]
        )
        out = budget.extra_figures(scen, alloc, best, greedy, 100.0)
        assert out["scenarios"]["base"]["total_mvnd"] == 10.0
        assert out["central_allocation"] == {
            "envelope_mvnd": 750.0,
            "communes": 2,
            "max_mvnd": 500.0,
            "min_mvnd": 250.0,
        }
        # 4 candidates (A–D; E cannot meet all, F already meets); B, C, D funded for 95; F + 3 meet after
        assert out["best_use"] == {
            "budget_mvnd": 100.0,
            "candidates": 4,
            "funded": 3,
            "cost_mvnd": 95.0,
            "meets_after": 4,
            "greedy_funded": 3,
            "greedy_cost_mvnd": 95.0,
        }

    def test_empty(self):
        assert budget.extra_figures() == {}
