"""Tests for ntmplan.tasks.pilots.choice — pins, excludes, sector diversity, fallback."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    commune,
    only_weight,
    ranked_for,
    survey,
    three_communes,
)


class TestChoosePilots:
    def test_default_one_pilot_is_top_eligible(self, params):
        only_weight(params, "households_connected")
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params)
        assert list(chosen["commune_code"]) == ["0000A"]
        assert chosen["basis"].iloc[0] == "eligible"
        assert chosen["gap_mvnd"].iloc[0] == 0.0

    def test_prefers_different_sectors(self, params):
        only_weight(params, "households_connected")
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=2)
        # A (trong_trot, 90) first; B shares A's sector so C (chan_nuoi, 70) comes next.
        assert list(chosen["commune_code"]) == ["0000A", "0000C"]
        chosen3 = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=3)
        assert list(chosen3["commune_code"]) == ["0000A", "0000C", "0000B"]
        params["pilots"]["prefer_different_sectors"] = False
        plain = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=2)
        assert list(plain["commune_code"]) == ["0000A", "0000B"]

    def test_pin_and_exclude(self, params):
        only_weight(params, "households_connected")
        params["pilots"]["pin"]["smart_commune"] = ["0000D"]  # pinned although not eligible
        params["pilots"]["exclude"] = ["0000A"]
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=2)
        assert list(chosen["commune_code"]) == ["0000D", "0000B"]
        assert list(chosen["basis"]) == ["pinned", "eligible"]
        # D lacks 37 − 30 = 7 computers × 15 = 105 million VND
        assert chosen["gap_mvnd"].iloc[0] == pytest.approx(105.0)

    def test_exclude_wins_over_pin(self, params):
        only_weight(params, "households_connected")
        params["pilots"]["pin"]["smart_commune"] = ["0000A"]
        params["pilots"]["exclude"] = ["0000A"]
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params)
        assert list(chosen["commune_code"]) == ["0000B"]

    def test_unknown_pin_warns(self, params):
        params["pilots"]["pin"]["smart_commune"] = ["99999"]
        with pytest.warns(UserWarning, match="99999"):
            pilots.choose_pilots(ranked_for(three_communes(), params), params)

    def test_no_eligible_falls_back_to_cheapest(self, params):
        df = survey(
            commune("00001", officials_computer=35),  # 2 × 15 = 30
            commune("00002", officials_computer=36),  # 1 × 15 = 15 → cheapest
            commune("00003", prominent_sector=None),  # cannot be bought in
        )
        chosen = pilots.choose_pilots(ranked_for(df, params), params)
        assert list(chosen["commune_code"]) == ["00002"]
        assert chosen["basis"].iloc[0] == "cheapest_path"
        assert chosen["gap_mvnd"].iloc[0] == pytest.approx(15.0)

    def test_ecommerce_lists_only_eligible(self, params):
        df = survey(commune("00001", ocop_products_online=0), commune("00002"))
        chosen = pilots.choose_pilots(ranked_for(df, params, "ecommerce_commune"), params)
        assert list(chosen["commune_code"]) == ["00002"]  # 3 wanted, 1 eligible, no fallback

    def test_errors(self, params):
        ranked = ranked_for(three_communes(), params)
        with pytest.raises(ValueError):
            pilots.choose_pilots(ranked, params, n=-1)
        with pytest.raises(InputError):
            pilots.choose_pilots(ranked.drop(columns=["score"]), params)
