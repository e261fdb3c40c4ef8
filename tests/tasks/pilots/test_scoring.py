"""Tests for ntmplan.tasks.pilots.scoring — the weighted score and the ranking."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    commune,
    elig,
    only_weight,
    survey,
)


class TestRankCandidates:
    def test_score_by_hand(self, params):
        # Baseline indicators: households 500/1000 = 0.5; 4G 10/10 = 1; files 0.7/0.6 → 1 (capped);
        # coops 2/4 = 0.5; OCOP 2/4 = 0.5; tech 20/4000×1000 = 5 → 5/5 = 1; dx (4−1)/(5−1) = 0.75;
        # providers 2/3 = 0.666667; priority (du_lich) = 1.
        # Σ w·x = 2×0.5 + 1 + 1 + 0.5 + 0.5 + 1 + 2×0.75 + 0.666667 + 2×1 = 9.166667; Σ w = 12
        # score = 100 × 9.166667 / 12 = 76.388889
        df = survey(commune())
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert ranked["score"].iloc[0] == pytest.approx(76.388889, abs=1e-4)
        assert ranked["ind_files_online"].iloc[0] == 1.0
        assert ranked["rank"].iloc[0] == 1

    def test_order_and_rank_eligible_only(self, params):
        only_weight(params, "households_connected")
        df = survey(
            commune("00001", households_internet_smart=500),  # score 50
            commune("00002", households_internet_smart=800),  # score 80
            commune("00003", households_internet_smart=900, unit_type="phường"),  # 90, ward
        )
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert list(ranked["commune_code"]) == ["00002", "00001", "00003"]
        assert list(ranked["score"]) == pytest.approx([80.0, 50.0, 90.0])
        assert ranked["rank"].tolist()[:2] == [1, 2]
        assert pd.isna(ranked["rank"].iloc[2])

    def test_priority_sector_bonus(self, params):
        only_weight(params, "priority_sector")
        df = survey(
            commune("00001", prominent_sector="trong_trot"),
            commune("00002", prominent_sector="thuong_mai_dien_tu"),
        )
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert list(ranked["commune_code"]) == ["00002", "00001"]
        assert list(ranked["score"]) == [100.0, 0.0]

    def test_ties_broken_by_code(self, params):
        df = survey(commune("00009"), commune("00002"))
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert list(ranked["commune_code"]) == ["00002", "00009"]

    def test_zero_denominators_score_zero(self, params):
        only_weight(params, "cooperatives_digital")
        df = survey(commune(cooperatives=0, cooperatives_digital=0))
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert ranked["score"].iloc[0] == 0.0

    def test_errors(self, params):
        df = survey(commune())
        e = elig(df, params)
        with pytest.raises(InputError):
            pilots.rank_candidates(df.drop(columns=["population"]), e, params)
        with pytest.raises(ValueError):
            pilots.rank_candidates(df, e.set_axis([5]), params)
        params["pilots"]["weights"]["dx_demand"] = -1.0
        with pytest.raises(ParamsError):
            pilots.rank_candidates(df, e, params)
