"""Cost lines of the chosen smart villages (02 summary key ``villages``), worked by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.tasks.budget import costs
from ntmplan.tasks.budget import villages as V

CHOSEN = [
    {"village_name": "Thôn 7", "commune_name": "Xã Thạch Xuân", "gap_mvnd": 0.0},
    {"village_name": "Thôn 2", "commune_name": "Xã A", "gap_mvnd": 10.0},
]


def summary(gap=115.0, chosen=CHOSEN):
    return {"chosen": {"smart_commune": []}, "villages": {"chosen": chosen, "gap_mvnd": gap}}


@pytest.fixture()
def params():
    p = default_params()
    p["budget"]["unit_costs"]["smart_village_package_mvnd"] = 300.0
    p["budget"]["unit_cost_factor"] = 1.0
    return p


def lines(pilots_summary, params):
    rows = []
    V.village_rows(
        pilots_summary,
        params["budget"],
        lambda a, item, cost, basis, year=None: rows.append((a, item, cost, basis)),
    )
    return rows


class TestChosenVillages:
    def test_absent_means_none(self):
        assert V.chosen_villages(None) == []
        assert V.chosen_villages({"chosen": {}}) == []
        assert V.chosen_villages({"villages": None}) == []

    def test_malformed(self):
        with pytest.raises(ValueError, match="villages.chosen"):
            V.chosen_villages({"villages": {"chosen": [{"commune_name": "Xã A"}]}})


class TestVillageRows:
    def test_package_and_gap(self, params):
        rows = lines(summary(), params)
        assert [r[1] for r in rows] == [
            "Gói hỗ trợ mô hình thôn nông thôn mới thông minh",
            "Khắc phục thiếu hụt điều kiện — thôn nông thôn mới thông minh",
        ]
        assert rows[0][2] == 600.0  # 300 × 2 villages
        assert rows[1][2] == 115.0  # the summary's total (officials once per commune)
        assert "Thôn 7 (Xã Thạch Xuân), Thôn 2 (Xã A)" in rows[1][3]

    def test_no_gap_line_when_all_eligible(self, params):
        rows = lines(summary(gap=0.0), params)
        assert len(rows) == 1

    def test_negative_gap(self, params):
        with pytest.raises(ValueError, match="gap_mvnd"):
            lines(summary(gap=-1.0), params)

    def test_nothing_without_villages(self, params):
        assert lines({"chosen": {"smart_commune": []}}, params) == []


class TestActivityCosts:
    def test_villages_add_exactly_their_lines(self, params):
        from tests.tasks.budget.helpers import make_survey

        survey = make_survey([{"commune_code": "00001"}])
        base = {"chosen": {"smart_commune": [], "ecommerce_commune": []}}
        without = costs.activity_costs({"survey": survey, "pilots": base}, params)
        with_v = costs.activity_costs({"survey": survey, "pilots": {**base, **summary()}}, params)
        extra = with_v[~with_v["item"].isin(without["item"])]
        assert extra["cost_mvnd"].tolist() == [600.0, 115.0]
        pd.testing.assert_frame_equal(
            with_v[with_v["item"].isin(without["item"])].reset_index(drop=True), without
        )
