"""Tests for ntmplan.tasks.status.readiness — the 0–100 readiness index."""

from __future__ import annotations

import math

import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks import status
from tests.tasks.status.fixtures import computed


class TestReadinessIndex:
    def test_by_hand(self, survey, params):
        _, idx = computed(survey, params)
        assert list(idx.columns) == [*status.PILLARS, "overall"]
        # A: infra (50+100)/2 = 75; gov (80+100)/2 = 90; econ (50 + 50/100→50)/2 = 50;
        #    society (3×60 + 1×(3/6→50))/4 = 57.5; overall (75+90+50+57.5)/4 = 68.125
        assert idx.loc[0].tolist() == pytest.approx([75.0, 90.0, 50.0, 57.5, 68.125])
        # B: infra (100+100)/2 = 100; gov (50+0)/2 = 25; econ: cooperative share NaN → re-weighted,
        #    selling 150/100 capped → 100; society (3×45 + 0)/4 = 33.75;
        #    overall (100+25+100+33.75)/4 = 64.6875
        assert idx.loc[1].tolist() == pytest.approx([100.0, 25.0, 100.0, 33.75, 64.6875])
        # C: infra (0+0)/2 = 0; gov (20+100)/2 = 60; econ (100+0)/2 = 50;
        #    society (3×10 + 100/6)/4 = 11.6667; overall (0+60+50+11.6667)/4 = 30.4167
        assert idx.loc[2].tolist() == pytest.approx([0.0, 60.0, 50.0, 11.666667, 30.416667])

    def test_missing_indicator_zero_rule(self, survey, params):
        params["status"]["missing_indicator"] = "zero"
        _, idx = computed(survey, params)
        # B econ: (0 + 100)/2 = 50; overall (100+25+50+33.75)/4 = 52.1875
        assert idx.loc[1, "digital_economy"] == pytest.approx(50.0)
        assert idx.loc[1, "overall"] == pytest.approx(52.1875)

    def test_pillar_all_missing_reweights_overall(self, survey, params):
        # B loses its selling figure too (households 0 → NaN) — its economy pillar has no value
        survey.loc[1, "households"] = 0
        ind = status.commune_indicators(survey, params)
        idx = status.readiness_index(ind, params)
        assert math.isnan(idx.loc[1, "digital_economy"])
        # society: internet-smart share NaN too, only services 0 → 0; infra 100, gov 25
        # overall over 3 pillars: (100 + 25 + 0)/3 = 41.6667
        assert idx.loc[1, "digital_society"] == pytest.approx(0.0)
        assert idx.loc[1, "overall"] == pytest.approx(125 / 3)

    def test_pillar_weights(self, survey, params):
        params["status"]["pillar_weights"] = {
            "infrastructure": 2.0,
            "digital_government": 0.0,
            "digital_economy": 0.0,
            "digital_society": 0.0,
        }
        _, idx = computed(survey, params)
        assert idx["overall"].tolist() == pytest.approx(idx["infrastructure"].tolist())

    def test_scores_are_clipped(self, survey, params):
        _, idx = computed(survey, params)
        assert ((idx >= 0) & (idx <= 100)).all().all()

    def test_negative_weight_is_error(self, survey, params):
        params["status"]["indicators"]["infrastructure"]["postal_point"]["weight"] = -1
        ind = status.commune_indicators(survey, params)
        with pytest.raises(ValueError, match="postal_point"):
            status.readiness_index(ind, params)

    def test_unknown_missing_rule_is_error(self, survey, params):
        params["status"]["missing_indicator"] = "drop"
        ind = status.commune_indicators(survey, params)
        with pytest.raises(ValueError, match="missing_indicator"):
            status.readiness_index(ind, params)

    def test_missing_indicator_column(self, survey, params):
        ind = status.commune_indicators(survey, params).drop(columns=["digital_services"])
        with pytest.raises(MissingColumnError, match="digital_services"):
            status.readiness_index(ind, params)

    def test_default_params_in_range(self, survey):
        idx = status.readiness_index(status.commune_indicators(survey))
        assert ((idx >= 0) & (idx <= 100)).all().all()
