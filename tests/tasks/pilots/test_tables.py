"""Tests for ntmplan.tasks.pilots.tables — the condition funnel and the commune table."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    SMART_GATES,
    commune,
    elig,
    only_weight,
    survey,
)


class TestFunnel:
    def test_counts_in_turn(self, params):
        df = survey(
            commune("00001"),  # passes all
            commune("00002", unit_type="phường"),  # drops at rural
            commune("00003", villages_4g=9),  # drops at infrastructure
            commune("00004", officials_computer=1, villages_4g=9),  # drops at infrastructure too
        )
        f = pilots.funnel(elig(df, params))
        assert list(f["condition"]) == ["all", *SMART_GATES]
        # all 4 → rural 3 → infrastructure 1 → 1 … 1
        assert list(f["passing_cumulative"]) == [4, 3, 1, 1, 1, 1, 1, 1]
        assert list(f["dropped"]) == [0, 1, 2, 0, 0, 0, 0, 0]
        # alone: officials_computer passes for 3 of 4
        assert f.set_index("condition").loc["gate_officials_computer", "passing_alone"] == 3

    def test_requires_gates(self):
        with pytest.raises(InputError):
            pilots.funnel(pd.DataFrame({"eligible": [True]}))


class TestCommuneTable:
    def test_marks_and_order(self, params):
        only_weight(params, "households_connected")
        df = survey(
            commune("00001", households_internet_smart=600),
            commune("00002", households_internet_smart=900),
        )
        e = elig(df, params)
        table = pilots.commune_table(df, e, pilots.rank_candidates(df, e, params))
        assert list(table["commune_code"]) == ["00002", "00001"]
        assert set(table["gate_households"]) == {"✓"}
        assert table["sector_vi"].iloc[0] == "Du lịch nông thôn"
        raw = pilots.commune_table(df, e, marks=False)
        assert raw["eligible"].dtype == bool
