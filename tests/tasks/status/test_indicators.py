"""Tests for ntmplan.tasks.status.indicators — per-commune indicators, NaN on zero denominators."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks import status
from tests.tasks.status.fixtures import make_survey


class TestCommuneIndicators:
    def test_shares_by_hand(self, survey, params):
        ind = status.commune_indicators(survey, params)
        assert list(ind.columns) == list(status.INDICATORS)
        assert ind.index.equals(survey.index)
        # fibre: 2/4, 5/5, 0/2
        assert ind["villages_fiber_share"].tolist() == pytest.approx([0.5, 1.0, 0.0])
        # 4G: 4/4, 5/5, 1/2
        assert ind["villages_4g_share"].tolist() == pytest.approx([1.0, 1.0, 0.5])
        # computers: 20/20, 25/25, 10/15
        assert ind["officials_computer_share"].tolist() == pytest.approx([1.0, 1.0, 10 / 15])
        # e-mail 10/20, 25/25, 5/15; e-office 5/20, 25/25, 0/15
        assert ind["officials_email_share"].tolist() == pytest.approx([0.5, 1.0, 1 / 3])
        assert ind["officials_eoffice_share"].tolist() == pytest.approx([0.25, 1.0, 0.0])
        # both internet and smart device: 600/1000, 900/2000, 50/500
        assert ind["households_internet_smart_share"].tolist() == pytest.approx([0.6, 0.45, 0.1])
        assert ind["households_internet_share"].tolist() == pytest.approx([0.8, 0.5, 0.2])
        assert ind["households_smart_device_share"].tolist() == pytest.approx([0.7, 0.6, 0.2])
        # OCOP online: 1/4, (0 products → NaN), 2/2
        assert ind["ocop_online_share"].iloc[0] == pytest.approx(0.25)
        assert ind["ocop_online_share"].iloc[2] == pytest.approx(1.0)

    def test_per_1000_by_hand(self, survey, params):
        ind = status.commune_indicators(survey, params)
        # selling online: 50/1000*1000 = 50; 300/2000*1000 = 150; 0
        assert ind["selling_online_per_1000_households"].tolist() == pytest.approx(
            [50.0, 150.0, 0.0]
        )
        # community tech members: 20/4000*1000 = 5; 40/8000*1000 = 5; 0
        assert ind["community_tech_per_1000_residents"].tolist() == pytest.approx([5.0, 5.0, 0.0])

    def test_flags(self, survey, params):
        ind = status.commune_indicators(survey, params)
        assert ind["postal_point"].dtype == bool
        assert ind["has_cooperative"].tolist() == [
            True,
            False,
            True,
        ]  # cooperatives 2, 0, 1 (min 1)
        assert ind["has_digital_service"].tolist() == [
            True,
            False,
            True,
        ]  # services 3, 0, 1 (min 1)
        assert ind["criterion_8_4"].tolist() == [True, False, True]

    def test_zero_cooperatives_gives_nan_share(self, survey, params):
        ind = status.commune_indicators(survey, params)
        # B has 0 cooperatives and 0 OCOP products → no share (NaN), not 0
        assert math.isnan(ind.loc[1, "cooperatives_digital_share"])
        assert math.isnan(ind.loc[1, "ocop_online_share"])
        assert ind.loc[0, "cooperatives_digital_share"] == pytest.approx(0.5)  # 1/2
        assert ind.loc[2, "cooperatives_digital_share"] == pytest.approx(1.0)  # 1/1

    def test_zero_other_denominators_give_nan(self, survey, params):
        survey.loc[0, ["villages", "officials", "households", "population"]] = 0
        ind = status.commune_indicators(survey, params)
        for col in [
            "villages_fiber_share",
            "officials_email_share",
            "households_internet_share",
            "selling_online_per_1000_households",
            "community_tech_per_1000_residents",
        ]:
            assert math.isnan(ind.loc[0, col]), col
        assert not np.isinf(ind.select_dtypes("number").to_numpy()).any()

    def test_min_count_from_params(self, survey, params):
        params["status"]["flag_minimums"]["has_cooperative"] = 2
        ind = status.commune_indicators(survey, params)
        assert ind["has_cooperative"].tolist() == [True, False, False]  # 2 ≥ 2 only for A

    def test_keeps_input_index(self, params):
        s = make_survey().set_axis([10, 20, 30])
        assert status.commune_indicators(s, params).index.tolist() == [10, 20, 30]

    def test_missing_column_names_it(self, survey, params):
        with pytest.raises(MissingColumnError, match="households_selling_online") as err:
            status.commune_indicators(survey.drop(columns=["households_selling_online"]), params)
        assert isinstance(err.value, KeyError) and isinstance(err.value, ValueError)
        assert err.value.columns == ["households_selling_online"]

    def test_default_params(self, survey):
        ind = status.commune_indicators(survey)  # params=None → defaults
        assert len(ind) == 3
