"""Fixtures of the pilot tests: the params every expectation is worked out with."""

from __future__ import annotations

import pytest

from ntmplan.core.params import default_params
from tests.survey_fixtures import PILOT_THRESHOLDS


@pytest.fixture()
def params() -> dict:
    """Defaults with every threshold, weight, scale and unit cost used here set explicitly."""
    p = default_params()
    pp = p["pilots"]
    pp["rural_unit_types"] = ["xã", "đặc khu"]
    pp["eligible_sectors"] = ["du_lich_nong_thon", "trong_trot", "chan_nuoi", "thuong_mai_dien_tu"]
    pp["priority_sectors"] = ["du_lich_nong_thon", "thuong_mai_dien_tu"]
    pp["thresholds"] = dict(PILOT_THRESHOLDS)
    pp["types"]["smart_commune"]["number"] = 1
    pp["types"]["smart_commune"]["fallback_cheapest"] = True
    pp["types"]["ecommerce_commune"]["number"] = 3
    pp["types"]["ecommerce_commune"]["fallback_cheapest"] = False
    pp["prefer_different_sectors"] = True
    pp["pin"] = {"smart_commune": [], "ecommerce_commune": []}
    pp["exclude"] = []
    pp["registration_top_n"] = 3
    pp["weights"] = {
        "households_connected": 2.0,
        "coverage_4g": 1.0,
        "files_online": 1.0,
        "cooperatives_digital": 1.0,
        "ocop_online": 1.0,
        "tech_members": 1.0,
        "dx_demand": 2.0,
        "providers": 1.0,
        "priority_sector": 2.0,
    }
    pp["scales"] = {
        "households_connected": {"low": 0.0, "high": 1.0},
        "coverage_4g": {"low": 0.0, "high": 1.0},
        "files_online": {"low": 0.0, "high": 0.6},
        "cooperatives_digital": {"low": 0.0, "high": 1.0},
        "ocop_online": {"low": 0.0, "high": 1.0},
        "tech_members": {"low": 0.0, "high": 5.0},
        "dx_demand": {"low": 1.0, "high": 5.0},
        "providers": {"low": 0.0, "high": 3.0},
        "priority_sector": {"low": 0.0, "high": 1.0},
    }
    pp["unit_costs_mvnd"] = {
        "household_connection": 2.0,
        "official_computer": 15.0,
        "official_account": 0.5,
        "village_fiber": 150.0,
        "village_4g": 400.0,
        "provider": 50.0,
        "ocop_online_product": 10.0,
        "household_selling_online": 1.0,
    }
    pp["cheapest_path_n"] = 3
    pp["robustness"] = {"draws": 200, "spread": 0.2, "seed": 7, "k": 2}
    return p
