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


class TestChartData:
    def test_participants_by_group_counts_each_year_once_and_sums_classes(self):
        from ntmplan.tasks.capacity.tables import participants_by_group

        plan = pd.DataFrame(
            {
                "year": [2026, 2026, 2027],
                "group": ["cb", "cb", "cb"],
                "group_vi": ["Cán bộ"] * 3,
                "participants": [40, 40, 30],  # the group's learners, repeated on each topic
                "classes": [2, 1, 1],
            }
        )
        people, classes = participants_by_group(plan)
        assert people["participants"].tolist() == [40, 30]
        assert classes[("cb", 2026)] == 3 and classes[("cb", 2027)] == 1

    def test_participants_by_group_names_a_missing_column(self):
        from ntmplan.tasks.capacity.tables import participants_by_group

        with pytest.raises(InputError):
            participants_by_group(pd.DataFrame({"year": [2026]}))

    def test_cost_by_year_in_order_of_appearance_with_zeros(self):
        from ntmplan.tasks.capacity.tables import cost_by_year

        lines = pd.DataFrame(
            {
                "year": [2026, 2026, 2027, 2026],
                "activity": ["training", "communication", "training", "training"],
                "cost_mvnd": [10.0, 5.0, 7.0, 2.5],
            }
        )
        table = cost_by_year(lines)
        assert list(table.columns) == ["training", "communication"]
        assert table.loc[2026].tolist() == [12.5, 5.0]
        assert table.loc[2027].tolist() == [7.0, 0.0]
