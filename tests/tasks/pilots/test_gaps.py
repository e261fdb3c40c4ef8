"""Tests for ntmplan.tasks.pilots.gaps — gap costs and the cheapest path."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    commune,
    elig,
    survey,
)


class TestGapCosts:
    def test_costs_by_hand(self, params):
        df = survey(
            commune(
                households_internet_smart=490,  # 10 × 2.0 = 20
                officials_computer=35,  # 2 × 15 = 30
                officials_email=36,  # 1 × 0.5 = 0.5
                officials_eoffice=34,  # 3 × 0.5 = 1.5
                villages_fiber=8,  # 2 × 150 = 300
                villages_4g=9,  # 1 × 400 = 400
                digital_providers=0,  # 1 × 50 = 50
            )
        )
        gaps = pilots.gap_costs(df, elig(df, params), params)
        row = gaps.iloc[0]
        assert row["cost_households_mvnd"] == 20.0
        assert row["cost_officials_computer_mvnd"] == 30.0
        assert row["cost_officials_email_mvnd"] == 0.5
        assert row["cost_officials_eoffice_mvnd"] == 1.5
        assert row["cost_villages_fiber_mvnd"] == 300.0
        assert row["cost_villages_4g_mvnd"] == 400.0
        assert row["cost_providers_mvnd"] == 50.0
        # 20 + 30 + 0.5 + 1.5 + 300 + 400 + 50 = 802
        assert row["total_gap_mvnd"] == pytest.approx(802.0)
        assert bool(row["attainable"])

    def test_ecommerce_costs(self, params):
        df = survey(commune(ocop_products_online=0, households_selling_online=40))
        gaps = pilots.gap_costs(df, elig(df, params, "ecommerce_commune"), params)
        # 1 product × 10 + (50 − 40) households × 1.0 = 20
        assert gaps["total_gap_mvnd"].iloc[0] == pytest.approx(20.0)

    def test_attainable(self, params):
        df = survey(
            commune("00001"),  # eligible: gap 0
            commune("00002", unit_type="phường", officials_computer=36),
            commune("00003", prominent_sector=None),
            commune("00004", households=0),
        )
        gaps = pilots.gap_costs(df, elig(df, params), params)
        assert list(gaps["attainable"]) == [True, False, False, False]
        assert gaps["total_gap_mvnd"].iloc[0] == 0.0

    def test_missing_column(self, params):
        df = survey(commune())
        with pytest.raises(InputError):
            pilots.gap_costs(df, elig(df, params).drop(columns=["shortfall_providers"]), params)


class TestCheapestPath:
    def test_province_without_eligible_commune(self, params):
        df = survey(
            commune("00001", villages_fiber=9),  # 150
            commune("00002", officials_computer=36, digital_providers=0),  # 15 + 50 = 65
            commune("00003", households_internet_smart=450),  # 50 × 2 = 100
            commune("00004", officials_email=30, prominent_sector=None),  # no sector: left out
            commune("00005", unit_type="phường", officials_email=36),  # ward: left out
        )
        e = elig(df, params)
        assert not e["eligible"].any()
        path = pilots.cheapest_path(df, e, params)
        assert list(path["commune_code"]) == ["00002", "00003", "00001"]
        assert list(path["total_gap_mvnd"]) == pytest.approx([65.0, 100.0, 150.0])
        assert len(pilots.cheapest_path(df, e, params, n=1)) == 1

    def test_eligible_and_excluded_left_out(self, params):
        params["pilots"]["exclude"] = ["00003"]
        df = survey(
            commune("00001"), commune("00002", villages_4g=9), commune("00003", villages_4g=9)
        )
        path = pilots.cheapest_path(df, elig(df, params), params)
        assert list(path["commune_code"]) == ["00002"]
