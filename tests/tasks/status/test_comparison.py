"""Tests for ntmplan.tasks.status.comparison — two survey years per province."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks import status
from tests.tasks.status.fixtures import make_survey


class TestCompareYears:
    def before_after(self):
        before = make_survey(year=2023)
        before["households_internet_smart"] = [300, 450, 25]
        after = make_survey(year=2025)
        extra = make_survey(province="02").iloc[[0]].assign(commune_code="10001")
        after = pd.concat([after, extra], ignore_index=True)
        return before, after

    def test_by_hand(self, params):
        before, after = self.before_after()
        cmp = status.compare_years(before, after, params)
        assert list(cmp.columns) == [
            "province_code",
            "indicator",
            "label",
            "year_before",
            "year_after",
            "before",
            "after",
            "change",
        ]
        p1 = cmp[cmp["province_code"] == "01"].set_index("indicator")
        assert list(p1.index) == ["overall", "households_internet_smart_share", "has_cooperative"]
        # internet+smart: before (300+450+25)/3500 = 775/3500, after 1550/3500, change 775/3500
        assert p1.loc["households_internet_smart_share", "before"] == pytest.approx(775 / 3500)
        assert p1.loc["households_internet_smart_share", "after"] == pytest.approx(1550 / 3500)
        assert p1.loc["households_internet_smart_share", "change"] == pytest.approx(775 / 3500)
        # overall: society pillar falls by 3×(share points×100)/4 → overall change per commune
        # A 5.625, B 4.21875, C 0.9375; household-weighted 14531.25/3500 = 4.151786
        assert p1.loc["overall", "change"] == pytest.approx(4.151786, abs=1e-5)
        assert p1.loc["overall", "after"] == pytest.approx(60.77381, abs=1e-4)
        assert p1.loc["has_cooperative", "change"] == pytest.approx(0.0)
        assert p1["year_before"].tolist() == [2023] * 3
        assert p1["year_after"].tolist() == [2025] * 3

    def test_province_only_in_one_year(self, params):
        before, after = self.before_after()
        cmp = status.compare_years(before, after, params)
        p2 = cmp[cmp["province_code"] == "02"]
        assert len(p2) == 3
        assert p2["before"].isna().all() and p2["change"].isna().all()
        assert p2["after"].notna().all()

    def test_unknown_indicator(self, params):
        before, after = self.before_after()
        params["status"]["compare_indicators"] = ["overall", "nonsense"]
        with pytest.raises(ValueError, match="nonsense"):
            status.compare_years(before, after, params)

    def test_missing_column(self, params):
        before, after = self.before_after()
        with pytest.raises(MissingColumnError, match="year"):
            status.compare_years(before.drop(columns=["year"]), after, params)
