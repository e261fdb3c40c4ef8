"""Tests of ntmplan.tasks.capacity.tables (display tables).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import capacity


class TestTablesForDisplay:
    def test_by_group_year_counts_people_once(self, survey, params):
        wide = capacity.by_group_year(capacity.training_plan(survey, params), "participants")
        # officials: 14, 14, 13 (not doubled by their two topics); total 41
        assert wide.loc["Cán bộ xã", ["2021", "2022", "2023"]].tolist() == [14, 14, 13]
        assert wide.loc["Cán bộ xã", capacity.TOTAL] == 41
        # total row: 41 + 15 + 243 = 299
        assert wide.loc[capacity.TOTAL, capacity.TOTAL] == 299

    def test_by_group_year_sums_classes_over_topics(self, survey, params):
        wide = capacity.by_group_year(capacity.training_plan(survey, params), "classes")
        # officials: 1 class × 2 topics a year
        assert wide.loc["Cán bộ xã", "2021"] == 2

    def test_missing_column(self):
        with pytest.raises(InputError):
            capacity.wide_by_year(pd.DataFrame({"year": [2021]}), "channel_vi")
