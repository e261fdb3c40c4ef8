"""Tests for ntmplan.tasks.budget.allocation, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pytest

from ntmplan.core.params import default_params, load_params
from ntmplan.tasks import budget
from tests.tasks.budget.helpers import make_survey, simple_params, tidy_frame


class TestAllocateCentral:
    def test_published_weights_by_hand(self):
        s = make_survey(
            [
                {"commune_code": "00001", "commune_category": "zone_iii"},
                {"commune_code": "00002", "commune_category": "zone_i;border"},
                {"commune_code": "00003", "commune_category": None},
                {"commune_code": "00004", "unit_type": "đặc khu", "commune_category": None},
                {"commune_code": "00005", "commune_category": "zone_ii"},
                {"commune_code": "00006", "unit_type": "phường", "commune_category": "zone_iii"},
            ]
        )
        p = load_params(profile="2026_2030")
        out = budget.allocate_central(s, 2150.0, p).set_index("commune_code")
        # weights 50, max(30, 50) = 50, other 25, special zone → island 50, 40; the ward is out of scope
        # total 215 → 2150 × w / 215 = 10 × w
        assert out["amount_mvnd"].to_dict() == pytest.approx(
            {"00001": 500.0, "00002": 500.0, "00003": 250.0, "00004": 500.0, "00005": 400.0}
        )
        assert out.loc["00002", "category_applied"] == "border"
        assert out.loc["00004", "category_applied"] == "island"
        assert out.loc["00003", "category_applied"] == "other"
        assert out["share"].sum() == pytest.approx(1.0)

    def test_default_profile_weights_are_params(self):
        s = make_survey(
            [{"commune_code": "00001", "commune_category": "zone_iii"}, {"commune_code": "00002"}]
        )
        p = default_params()
        p["budget"]["category_weights"] = dict.fromkeys(p["budget"]["category_weights"], 1.0) | {
            "zone_iii": 3.0
        }
        out = budget.allocate_central(s, 100.0, p).set_index("commune_code")
        assert out["amount_mvnd"].to_dict() == pytest.approx({"00001": 75.0, "00002": 25.0})

    def test_errors(self):
        s = make_survey([{"commune_code": "00001", "commune_category": "zone_x"}])
        with pytest.raises(ValueError, match="zone_x"):
            budget.allocate_central(s, 100.0, default_params())
        with pytest.raises(ValueError, match="≥ 0"):
            budget.allocate_central(make_survey([{}]), -1.0, default_params())
        with pytest.raises(ValueError, match="missing columns: commune_category"):
            budget.allocate_central(
                make_survey([{}]).drop(columns="commune_category"), 1.0, default_params()
            )


class TestCentralEnvelope:
    def test_params_or_central_total(self):
        p = simple_params()
        res = {
            "tidy": tidy_frame(
                [
                    ("A", 2021, "central", 60.0),
                    ("A", 2022, "central", 15.0),
                    ("A", 2021, "commune", 5.0),
                ]
            )
        }
        assert budget.central_envelope(res, p) == pytest.approx(75.0)
        p["budget"]["central_envelope_mvnd"] = 1000.0
        assert budget.central_envelope(res, p) == 1000.0
