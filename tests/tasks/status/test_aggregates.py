"""Tests for ntmplan.tasks.status.aggregates — province aggregates and extremes."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks import status
from tests.tasks.status.fixtures import computed, make_survey


class TestProvinceAggregates:
    def test_household_weighted_by_hand(self, survey, params):
        ind, idx = computed(survey, params)
        agg = status.province_aggregates(survey, ind, idx, params)
        # overall weighted by households 1000, 2000, 500:
        # (68.125×1000 + 64.6875×2000 + 30.416667×500)/3500 = 212708.33/3500 = 60.77381
        assert agg.loc["overall", "weighted_mean"] == pytest.approx(60.77381, abs=1e-4)
        # plain mean (68.125 + 64.6875 + 30.416667)/3 = 54.40972
        assert agg.loc["overall", "mean"] == pytest.approx(54.40972, abs=1e-4)
        assert agg.loc["overall", "p50"] == pytest.approx(64.6875)
        # internet+smart: (600+900+50)/3500 = 0.442857
        assert agg.loc["households_internet_smart_share", "weighted_mean"] == pytest.approx(
            1550 / 3500
        )
        # has cooperative: households in A and C = 1500/3500; share of communes 2/3
        assert agg.loc["has_cooperative", "weighted_mean"] == pytest.approx(1500 / 3500)
        assert agg.loc["has_cooperative", "mean"] == pytest.approx(2 / 3)

    def test_nan_skipped_with_its_weight(self, survey, params):
        ind, idx = computed(survey, params)
        agg = status.province_aggregates(survey, ind, idx, params)
        # cooperative digital share: B is NaN → (0.5×1000 + 1.0×500)/1500 = 0.6667, n = 2
        assert agg.loc["cooperatives_digital_share", "weighted_mean"] == pytest.approx(1000 / 1500)
        assert agg.loc["cooperatives_digital_share", "n"] == 2

    def test_scope_excludes_wards(self, params):
        ward = (
            make_survey(unit_type="phường")
            .iloc[[1]]
            .assign(commune_code="00009", households=100000)
        )
        s = pd.concat([make_survey(), ward], ignore_index=True)
        ind, idx = computed(s, params)
        agg = status.province_aggregates(s, ind, idx, params)
        assert agg.loc["overall", "weighted_mean"] == pytest.approx(
            60.77381, abs=1e-4
        )  # as without the ward
        assert agg.loc["overall", "n"] == 3

    def test_labels_and_quantile_columns(self, survey, params):
        ind, idx = computed(survey, params)
        agg = status.province_aggregates(survey, ind, idx, params)
        assert list(agg.columns) == ["label", "weighted_mean", "mean", "n", "p50"]
        assert agg.loc["overall", "label"].startswith("Chỉ số sẵn sàng chung")

    def test_misaligned_frames(self, survey, params):
        ind, idx = computed(survey, params)
        with pytest.raises(ValueError, match="index"):
            status.province_aggregates(survey, ind, idx.iloc[:2], params)

    def test_missing_weight_column(self, survey, params):
        ind, idx = computed(survey, params)
        with pytest.raises(MissingColumnError, match="households"):
            status.province_aggregates(survey.drop(columns=["households"]), ind, idx, params)


class TestExtremes:
    def test_weakest_and_strongest(self, survey, params):
        _, idx = computed(survey, params)
        ext = status.extremes(survey, idx, params)
        # overall: A 68.1, B 64.7, C 30.4 → weakest C, strongest A (N = 1)
        assert ext["group"].tolist() == ["yếu nhất", "mạnh nhất"]
        assert ext["commune_name"].tolist() == ["Xã Cường", "Xã An"]
        assert ext["rank"].tolist() == [1, 1]

    def test_ties_broken_by_code(self, survey, params):
        idx = pd.DataFrame({"overall": [50.0, 50.0, 50.0]}, index=survey.index)
        params["status"]["n_extremes"] = 2
        ext = status.extremes(survey, idx, params)
        assert ext["commune_code"].tolist() == ["00001", "00002", "00001", "00002"]

    def test_by_pillar_column(self, survey, params):
        _, idx = computed(survey, params)
        ext = status.extremes(survey, idx, params, column="digital_government")
        # government: A 90, B 25, C 60 → weakest B, strongest A
        assert ext["commune_code"].tolist() == ["00002", "00001"]

    def test_missing_column(self, survey, params):
        _, idx = computed(survey, params)
        with pytest.raises(MissingColumnError, match="commune_name"):
            status.extremes(survey.drop(columns=["commune_name"]), idx, params)
