"""Tests for ntmplan.tasks.datashare.quality (completeness, ranges, duplicates, coverage, jumps).

Fixtures: :mod:`tests.survey.legacy_fixtures` (current-units fixture, province "70").
"""

from __future__ import annotations

import numpy as np
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks.datashare.quality import quality_report
from tests.survey.legacy_fixtures import Q1, Q2, UNITS, survey


class TestQualityReport:
    def report(self, frame, previous=None):
        return quality_report(frame, None, previous, units=UNITS)

    def test_completeness(self):
        q = self.report(survey(Q1, Q2))
        comp = q["completeness"].set_index("column")
        assert comp.loc["prominent_sector", "completeness"] == pytest.approx(0.5)  # 1 of 2
        assert comp.loc["households", "completeness"] == 1.0
        # matrix: 4 rural units (2 surveyed + 20004, 20005 missing) × 33 columns; missing ones all 0
        m = q["completeness_matrix"]
        assert list(m.columns) == ["20001", "20002", "20004", "20005"]
        assert m["20004"].sum() == 0 and m.loc["prominent_sector", "20002"] == 0
        assert q["completeness_by_province"].loc["households", "70"] == pytest.approx(
            0.5
        )  # 2 of 4 units

    def test_range_warnings(self):
        q = self.report(survey(Q1, Q2))
        found = set(zip(q["ranges"]["commune_code"], q["ranges"]["check"], strict=True))
        assert found == {("20002", "households"), ("20002", "persons_per_household")}
        assert set(q["ranges"]["severity"]) == {"warning"}
        assert q["ranges"].set_index("check").loc[
            "persons_per_household", "value"
        ] == pytest.approx(10.0)

    def test_missing_and_unknown_units(self):
        q = self.report(survey(Q1, Q2, {**Q1, "commune_code": "29999", "households": 2100}))
        assert sorted(q["missing_units"]["commune_code"]) == [
            "20004",
            "20005",
        ]  # phường 20003 not expected
        assert list(q["unknown_units"]["commune_code"]) == ["29999"]

    def test_duplicates(self):
        q = self.report(
            survey(Q1, Q1, Q2, {**Q2, "commune_code": "20004", "commune_name": "Xã Đông"})
        )
        kinds = sorted(zip(q["duplicates"]["commune_code"], q["duplicates"]["check"], strict=True))
        assert kinds == [
            ("20001", "duplicate_key"),
            ("20001", "duplicate_key"),
            ("20002", "identical_values"),
            ("20004", "identical_values"),
        ]

    def test_jumps_against_previous(self):
        previous = survey({**Q1, "year": 2023, "households": 1000, "population": 6500})
        q = self.report(survey(Q1, Q2), previous)
        jumps = q["jumps"]
        # households 1000 → 2000: ratio 2 > 1.5 and change 1000 ≥ 300 → flagged
        # population 6500 → 7000: ratio 1.08 → not flagged
        assert list(zip(jumps["commune_code"], jumps["column"], strict=True)) == [
            ("20001", "households")
        ]
        assert (
            jumps.iloc[0]["ratio"] == pytest.approx(2.0) and jumps.iloc[0]["year_previous"] == 2023
        )

    def test_zero_previous_counts_as_infinite_ratio(self):
        previous = survey({**Q1, "year": 2023, "cooperatives": 0})
        q = self.report(survey({**Q1, "cooperatives": 12}), previous)
        # 0 → 12: change 12 ≥ 10, ratio infinite → flagged
        assert list(q["jumps"]["column"]) == ["cooperatives"] and np.isinf(
            q["jumps"].iloc[0]["ratio"]
        )

    def test_overview_counts(self):
        q = self.report(survey(Q1, Q2))
        counts = q["overview"].set_index("check")["count"]
        assert counts["ranges"] == 2 and counts["missing_units"] == 2 and counts["jumps"] == 0

    def test_missing_column(self):
        with pytest.raises(MissingColumnError, match="year"):
            self.report(survey(Q1).drop(columns="year"))
