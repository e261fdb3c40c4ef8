"""The projection method, on hand-worked cases (every expected value computed by hand)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import measures, params, series


class TestYearReached:
    def test_linear_pace(self):
        # 0.7 in 2025 at +0.1 a year reaches 0.97 after 2.7 years: 2027.7 -> 2028.
        assert progress.year_reached(2025, 0.7, 0.1, 0.97, 2040) == 2028

    def test_already_met_is_the_last_year(self):
        assert progress.year_reached(2025, 0.97, 0.0, 0.97, 2040) == 2025

    def test_wrong_way_or_flat_is_never(self):
        assert progress.year_reached(2025, 0.7, -0.05, 0.97, 2040) is None
        assert progress.year_reached(2025, 0.7, 0.0, 0.97, 2040) is None

    def test_unknown_pace_is_never(self):
        assert progress.year_reached(2025, 0.7, float("nan"), 0.97, 2040) is None

    def test_after_the_last_projected_year_is_never(self):
        # 0.27 / 0.01 = 27 years -> 2052 > 2040.
        assert progress.year_reached(2025, 0.7, 0.01, 0.97, 2040) is None

    def test_whole_year_exactly(self):
        # 0.7 + 3 × 0.1 = 1.0 ≥ 1.0 exactly in 2028 (no rounding up to 2029).
        assert progress.year_reached(2025, 0.7, 0.1, 1.0, 2040) == 2028


class TestTrendProjection:
    def test_linear_trend_on_three_points(self):
        s = series({2023: 0.5, 2024: 0.6, 2025: 0.7})
        # communes a (0,1,1) and b (0,0,1): slope 0.5 each; c (1,1): slope 0.
        m = measures(
            [("a", 2023, 0), ("a", 2024, 1), ("a", 2025, 1)]
            + [("b", 2023, 0), ("b", 2024, 0), ("b", 2025, 1)]
            + [("c", 2024, 1), ("c", 2025, 1)]
        )
        row = progress.trend_projection(s, m, params()).iloc[0]
        assert row["slope"] == pytest.approx(0.1)
        assert row["status"] == "reached" and row["year_trend"] == 2028
        # sd of (0.5, 0.5, 0) = 0.288675; se = sd/√3 = 0.166667; × 1.645 = 0.274167.
        assert row["slope_high"] == pytest.approx(0.374167, abs=1e-6)
        assert row["slope_low"] == pytest.approx(-0.174167, abs=1e-6)
        assert row["communes_trend"] == 3
        # fast: 0.27 / 0.374167 = 0.72 -> 2026; slow pace below 0: never.
        assert row["year_early"] == 2026 and pd.isna(row["year_late"])

    def test_target_already_met(self):
        s = series({2023: 0.96, 2024: 0.98, 2025: 0.99})
        row = progress.trend_projection(s, measures([]), params()).iloc[0]
        assert row["status"] == "met"
        assert row["year_met"] == 2024 and row["year_trend"] == 2024

    def test_trend_going_the_wrong_way(self):
        s = series({2023: 0.8, 2024: 0.75, 2025: 0.7})
        row = progress.trend_projection(s, measures([]), params()).iloc[0]
        assert row["slope"] == pytest.approx(-0.05)
        assert row["status"] == "not_reached" and pd.isna(row["year_trend"])

    def test_one_year_gives_no_trend(self):
        s = series({2025: 0.7})
        row = progress.trend_projection(s, measures([("a", 2025, 1)]), params()).iloc[0]
        assert row["status"] == "no_trend"
        assert math.isnan(row["slope"]) and pd.isna(row["year_trend"])

    def test_commune_appearing_in_a_later_year(self):
        # d appears in 2025 only: it counts in the province value, not in the range.
        s = series({2024: 0.5, 2025: 0.6})
        m = measures(
            [("a", 2024, 0), ("a", 2025, 1), ("b", 2024, 1), ("b", 2025, 1), ("d", 2025, 0)]
        )
        row = progress.trend_projection(s, m, params(min_communes_for_range=2)).iloc[0]
        assert row["communes_trend"] == 2
        # slopes a = 1, b = 0: sd 0.707107, se 0.5, × 1.645 = 0.8225 around 0.1.
        assert row["slope_high"] == pytest.approx(0.9225)
        # too few communes for a range: none given.
        row = progress.trend_projection(s, m, params(min_communes_for_range=3)).iloc[0]
        assert pd.isna(row["slope_low"]) and pd.isna(row["year_early"])

    def test_missing_column(self):
        with pytest.raises(KeyError, match="value"):
            progress.trend_projection(series({2025: 0.7}).drop(columns="value"), measures([]))


class TestPlanProjection:
    def frame(self, values, communes=10):
        s = series(values, target=0.8)
        trend = progress.trend_projection(s, measures([], target=0.8), params())
        return trend.assign(communes=communes)

    def test_plan_brings_the_year_forward(self):
        # trend +0.02 from 0.7: 0.1 / 0.02 = 5 years -> 2030.
        # plan: 5 of 10 communes funded, 30% missing -> uplift 0.15 over 2025–2030 = 0.03 a year;
        # pace 0.05: 0.1 / 0.05 = 2 years -> 2027.
        out = progress.plan_projection(self.frame({2024: 0.68, 2025: 0.7}), 5, 2030, params())
        row = out.iloc[0]
        assert row["year_trend"] == 2030
        assert row["uplift"] == pytest.approx(0.15)
        assert row["plan_slope"] == pytest.approx(0.05)
        assert row["year_plan"] == 2027

    def test_plan_without_trend(self):
        # one year: pace only from the plan, 0.03 a year: 0.1 / 0.03 = 3.33 -> 2029.
        row = progress.plan_projection(self.frame({2025: 0.7}), 5, 2030, params()).iloc[0]
        assert row["year_plan"] == 2029

    def test_plan_that_has_ended_adds_nothing(self):
        row = progress.plan_projection(self.frame({2024: 0.68, 2025: 0.7}), 5, 2025, params())
        assert row.iloc[0]["uplift"] == 0.0
        assert row.iloc[0]["year_plan"] == row.iloc[0]["year_trend"] == 2030

    def test_after_the_plan_the_trend_goes_on(self):
        # plan to 2026 only: uplift 0.15 in one year -> 0.85 + ... reached during the plan.
        row = progress.plan_projection(self.frame({2024: 0.68, 2025: 0.7}), 5, 2026, params())
        assert row.iloc[0]["year_plan"] == 2026
        # 1 of 10 funded: uplift 0.03 by 2026 -> 0.7 + 0.02 + 0.03 = 0.75 in 2026, then +0.02:
        # 0.05 / 0.02 = 2.5 -> 2029.
        row = progress.plan_projection(self.frame({2024: 0.68, 2025: 0.7}), 1, 2026, params())
        assert row.iloc[0]["year_plan"] == 2029


class TestAtRisk:
    def test_flags(self):
        frame = pd.DataFrame(
            {
                "status": ["met", "reached", "reached", "not_reached", "no_trend"],
                "year_plan": pd.array([2024, 2030, 2031, None, None], dtype="Int64"),
            }
        )
        flags = progress.at_risk_flags(frame, params(horizon_year=2030))
        assert flags.tolist() == [False, False, True, True, True]
        p = params()
        p["progress"]["at_risk"]["no_trend_is_risk"] = False
        assert progress.at_risk_flags(frame, p).tolist() == [False, False, True, True, False]
