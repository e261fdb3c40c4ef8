"""Tests for ntmplan.tasks.pilots.summary — the whole run, summary keys and the statement."""

from __future__ import annotations

import json
import warnings

from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    commune,
    survey,
)


class TestEvaluate:
    def test_all_types(self, params):
        out = pilots.evaluate(survey(commune()), params)
        assert set(out) == {"smart_commune", "ecommerce_commune"}
        assert set(out["smart_commune"]) == {
            "eligibility",
            "ranked",
            "chosen",
            "funnel",
            "cheapest",
        }


class TestSummary:
    def test_keys_and_json(self, params):
        s = pilots.summary(survey(commune("00001"), commune("00002", unit_type="phường")), params)
        json.dumps(s)  # JSON-serialisable
        assert s["communes"] == 2
        assert s["rural_communes"] == 1
        assert s["eligible_count"] == {"smart_commune": 1, "ecommerce_commune": 1}
        assert s["chosen_smart_codes"] == ["00001"]
        assert s["smart_pilots_gap_mvnd"] == 0.0
        assert s["smart_target_met"] is True
        assert s["cheapest_path"]["smart_commune"] == []
        # funnel in condition order: all 2 → rural 1 → … (the ward drops at the first gate)
        assert s["funnel"]["smart_commune"][:2] == [
            {"condition": "all", "passing": 2},
            {"condition": "gate_rural", "passing": 1},
        ]
        assert s["robustness"][0] == {"commune_code": "00001", "rank": 1, "share_top_k": 1.0}
        assert "1 xã đủ điều kiện" in s["statement_vi"]

    def test_no_eligible_gives_path(self, params):
        df = survey(commune("00001", villages_fiber=9), commune("00002", prominent_sector=None))
        s = pilots.summary(df, params)
        assert s["eligible_count"]["smart_commune"] == 0
        assert s["communes_without_sector"] == 1
        assert [c["commune_code"] for c in s["cheapest_path"]["smart_commune"]] == ["00001"]
        assert s["chosen_smart_codes"] == ["00001"]  # fallback to the cheapest path
        assert s["smart_pilots_gap_mvnd"] == 150.0  # one village of fibre
        assert s["smart_target_met"] is False
        assert "Chưa có xã nào đủ điều kiện" in s["statement_vi"]

    def test_pin_not_found_reported(self, params):
        params["pilots"]["pin"]["smart_commune"] = ["77777"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            s = pilots.summary(survey(commune()), params)
        assert s["pins_not_found"] == ["77777"]


class TestStatementVi:
    def test_wording(self, params):
        figures = {
            "eligible_count": {"smart_commune": 0},
            "has_eligible": {"smart_commune": False},
            "cheapest_path": {"smart_commune": []},
        }
        assert "không xã nào có thể bù" in pilots.statement_vi(figures, params)
