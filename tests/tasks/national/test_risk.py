"""Tests for ntmplan.tasks.national.risk: provinces at risk of missing the smart-commune target."""

from __future__ import annotations

import pytest

from ntmplan.tasks import national
from tests.tasks.national.fixtures import provinces_frame


class TestAtRisk:
    def test_rules_by_hand(self, params):
        got = national.at_risk(provinces_frame(), params).set_index("province_code")["risk_reason"]
        # A: 2 eligible, 1 chosen, no gap → fine.
        # B: no eligible, none chosen → at risk.
        # C: 1 chosen with gap 150 > 0 → at risk.
        # D: 02 not run → at risk (missing_is_risk true by default).
        # E: 3 eligible but none chosen (0 < target 1) → at risk.
        assert list(got.index) == ["04", "08", "11", "12"]
        assert got["04"] == "Không có xã đủ điều kiện và chưa chọn xã thí điểm"
        assert (
            got["08"]
            == "Xã thí điểm được chọn chưa đủ điều kiện: cần 150,0 triệu đồng để bù thiếu hụt"
        )
        assert got["11"].startswith("Chưa có số liệu thí điểm")
        assert got["12"] == "Số xã thí điểm đã chọn (0) ít hơn mục tiêu (1)"

    def test_several_reasons_joined(self, params):
        df = provinces_frame(
            target_smart_commune=[1.0, 1.0, 2.0, 1.0, 1.0]
        )  # C: needs 2, chose 1, gap 150
        got = national.at_risk(df, params).set_index("province_code")["risk_reason"]
        assert got["08"] == (
            "Số xã thí điểm đã chọn (1) ít hơn mục tiêu (2); "
            "Xã thí điểm được chọn chưa đủ điều kiện: cần 150,0 triệu đồng để bù thiếu hụt"
        )

    def test_thresholds_from_params(self, params):
        import copy

        p = copy.deepcopy(params)
        p["plan"]["at_risk"]["missing_is_risk"] = False
        p["plan"]["at_risk"]["gap_cost_max_mvnd"] = 200.0
        got = national.at_risk(provinces_frame(), p)
        assert list(got["province_code"]) == ["04", "12"]  # D not listed, C's gap 150 ≤ 200

    def test_target_defaults_to_params(self, params):
        df = provinces_frame().drop(columns="target_smart_commune")
        got = national.at_risk(df, params)
        assert (got["target_smart_commune"] == 1.0).all()

    def test_missing_column(self, params):
        with pytest.raises(KeyError, match="smart_gap_mvnd"):
            national.at_risk(provinces_frame().drop(columns="smart_gap_mvnd"), params)
