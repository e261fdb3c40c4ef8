"""Tests for ntmplan.survey.legacy.allocation: largest-remainder allocation of split communes."""

from __future__ import annotations

import pandas as pd

from ntmplan.survey.legacy.allocation import allocate


class TestAllocate:
    def test_ties_go_to_earlier_rows_and_total_is_kept(self):
        # 10 by three equal weights: quotas 3.33 each → floors 3,3,3, one left → first row: 4,3,3
        got = allocate(pd.Series([10, 10, 10]), pd.Series([1.0, 1.0, 1.0]), pd.Series([0, 0, 0]))
        assert got.tolist() == [4, 3, 3]

    def test_largest_remainder(self):
        # 7 by .5/.3/.2: quotas 3.5, 2.1, 1.4 → floors 3,2,1 (6), the one left → largest remainder .5: 4,2,1
        got = allocate(pd.Series([7, 7, 7]), pd.Series([0.5, 0.3, 0.2]), pd.Series([1, 1, 1]))
        assert got.tolist() == [4, 2, 1]

    def test_groups_are_independent(self):
        got = allocate(pd.Series([5, 5, 3]), pd.Series([1.0, 1.0, 2.0]), pd.Series(["a", "a", "b"]))
        assert got.tolist() == [3, 2, 3]  # 2.5/2.5 → 3,2 ; single row keeps 3
