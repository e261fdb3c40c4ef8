"""Tests for ntmplan.tasks.status.summary — key figures of summary_01_status.json."""

from __future__ import annotations

import json

import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks import status
from ntmplan.tasks.status.scope import province_units
from tests.tasks.status.fixtures import computed


class TestSummary:
    def test_key_figures(self, survey, params):
        ind, idx = computed(survey, params)
        tp = status.target_progress(survey, params)
        s = status.summary(survey, ind, idx, tp, params)
        json.dumps(s)  # serialisable
        assert s["year"] == 2025
        assert s["n_communes"] == 3 and s["n_units"] == 3
        assert s["readiness_overall_mean"] == pytest.approx(54.4097, abs=1e-4)
        assert s["readiness_overall"] == s["readiness_overall_weighted"]
        assert s["readiness_overall_weighted"] == pytest.approx(60.7738, abs=1e-4)
        assert s["readiness_pillars"]["infrastructure"] == pytest.approx(
            175 / 3, abs=1e-4
        )  # (75+100+0)/3
        assert set(s["readiness_pillars"]) == set(status.PILLARS)
        assert s["readiness_quantiles"] == {"p50": 64.6875}
        assert s["targets_total"] == 4 and s["targets_met"] == 1
        assert s["targets"]["files_online"] == {
            "label_vi": "Hồ sơ trực tuyến",
            "value": 0.525,
            "target": 0.6,
            "met": False,
            "communes_met": 1,
            "communes_total": 3,
            "communes_needed": 1,
            "note": "",
        }
        assert "satisfaction_online" in s["targets"]["digital_service"]["note"]
        assert s["completion"] is None and s["groups"] is None
        assert [c["commune_name"] for c in s["weakest_communes"]] == ["Xã Cường"]
        assert [c["commune_name"] for c in s["strongest_communes"]] == ["Xã An"]
        assert s["indicators_weighted"]["households_internet_smart_share"] == pytest.approx(
            0.4429, abs=1e-4
        )

    def test_nan_becomes_none(self, survey, params):
        survey["cooperatives"] = 0
        survey["cooperatives_digital"] = 0
        ind, idx = computed(survey, params)
        tp = status.target_progress(survey, params)
        s = status.summary(survey, ind, idx, tp, params)
        assert s["indicators_weighted"]["cooperatives_digital_share"] is None
        assert "NaN" not in json.dumps(s)

    def test_missing_column(self, survey, params):
        ind, idx = computed(survey, params)
        tp = status.target_progress(survey, params)
        with pytest.raises(MissingColumnError, match="year"):
            status.summary(survey.drop(columns=["year"]), ind, idx, tp, params)


class TestUnitsInProvince:
    """The province's real number of units comes from the administrative tables, not the survey."""

    def test_bac_ninh(self, survey, params):
        # Bắc Ninh (24) in the 2025 tables: 66 xã + 33 phường = 99 units; in scope (xã, đặc khu) = 66
        survey["province_code"] = "24"
        ind, idx = computed(survey, params)
        tp = status.target_progress(survey, params)
        s = status.summary(survey, ind, idx, tp, params)
        assert s["n_communes"] == 3
        assert s["units_in_province"] == {
            "by_type": {"xã": 66, "phường": 33, "đặc khu": 0},
            "total": 99,
            "in_scope": 66,
            "scope_unit_types": ["xã", "đặc khu"],
        }
        json.dumps(s)

    def test_special_zones_count_when_in_scope(self, survey, params):
        # Quảng Ninh (22): 22 xã, 30 phường, 2 đặc khu = 54; in scope 22 + 2 = 24, or 22 without đặc khu
        survey["province_code"] = "22"
        assert province_units(survey, params["status"])["in_scope"] == 24
        sp = {**params["status"], "scope_unit_types": ["xã"]}
        out = province_units(survey, sp)
        assert out["in_scope"] == 22 and out["total"] == 54

    def test_unknown_or_mixed_province_is_none(self, survey, params):
        survey["province_code"] = "99"
        assert province_units(survey, params["status"]) is None
        survey.loc[survey.index[0], "province_code"] = "24"
        assert province_units(survey, params["status"]) is None  # two provinces
        assert province_units(survey.drop(columns="province_code"), params["status"]) is None
