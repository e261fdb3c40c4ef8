"""Tests for ntmplan.tasks.pilots.robustness — top-k shares under moving weights."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    commune,
    elig,
    survey,
)


class TestRobustness:
    def frame(self):
        # A dominates every indicator; B and C are close to each other.
        return survey(
            commune("0000A", households_internet_smart=950, dx_demand=5, digital_providers=3),
            commune("0000B", households_internet_smart=700, dx_demand=3),
            commune("0000C", households_internet_smart=650, dx_demand=3, community_tech_members=24),
            commune("0000D", unit_type="phường"),
        )

    def test_deterministic_and_bounded(self, params):
        df = self.frame()
        e = elig(df, params)
        r1 = pilots.robustness(df, e, params, seed=11)
        r2 = pilots.robustness(df, e, params, seed=11)
        pd.testing.assert_frame_equal(r1, r2)
        assert r1["share_top_k"].between(0, 1).all()
        assert r1["share_first"].between(0, 1).all()
        assert list(r1["commune_code"])[0] == "0000A"
        assert "0000D" not in set(r1["commune_code"])  # ward not eligible

    def test_dominant_candidate_always_first(self, params):
        df = self.frame()
        r = pilots.robustness(df, elig(df, params), params, draws=100, k=1)
        assert r["share_first"].iloc[0] == 1.0
        assert r["share_top_k"].iloc[0] == 1.0
        # the k = 1 shares of all candidates sum to 1 (one winner per draw)
        assert r["share_top_k"].sum() == pytest.approx(1.0)

    def test_no_spread_keeps_base_order(self, params):
        df = self.frame()
        r = pilots.robustness(df, elig(df, params), params, spread=0.0, k=2)
        assert list(r["share_top_k"]) == [1.0, 1.0, 0.0]

    def test_empty_and_errors(self, params):
        df = survey(commune(unit_type="phường"))
        r = pilots.robustness(df, elig(df, params), params)
        assert r.empty and "share_top_k" in r.columns
        with pytest.raises(ValueError):
            pilots.robustness(df, elig(df, params), params, draws=0)
