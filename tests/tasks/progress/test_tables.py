"""Tables a planner reads: projection years as text, money and capacity with Vietnamese names."""

from __future__ import annotations

import pandas as pd

from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import params


def projection():
    return pd.DataFrame(
        {
            "label_vi": ["A", "B", "C"],
            "status": ["reached", "not_reached", "no_trend"],
            "last_year": [2026] * 3,
            "last_value": [0.5, 0.3, 0.2],
            "target": [0.65] * 3,
            "slope": [0.05, -0.01, float("nan")],
            "slope_low": [0.02, -0.02, float("nan")],
            "year_trend": pd.array([2029, None, None], dtype="Int64"),
            "year_early": pd.array([2028, None, None], dtype="Int64"),
            "year_late": pd.array([None, None, None], dtype="Int64"),
            "year_plan": pd.array([2029, None, None], dtype="Int64"),
            "at_risk": [False, True, True],
        }
    )


class TestProjectionView:
    def test_years_as_text(self):
        view = progress.projection_view(projection(), params(last_projected_year=2040))
        assert view["year_trend_text"].tolist() == ["2029", "sau 2040", "—"]
        assert view["year_range"].tolist() == ["2028 – sau 2040", "sau 2040", "—"]
        assert view["status_vi"].tolist()[2].startswith("Chưa tính được xu hướng")


class TestUpstreamFigures:
    def test_from_summaries(self):
        s02 = {"chosen": {"smart_commune": [{"commune_name": "Xã A", "commune_code": "1"}]}}
        s03 = {"best_use": {"funded": 7}, "end_year": 2030, "by_activity_mvnd": {"training": 5.0}}
        s04 = {"groups": {"officials": {"participants": 10, "name_vi": "Cán bộ / officials"}}}
        up = progress.upstream_figures(s02, s03, s04, params())
        assert up["funded"] == 7 and up["plan_end"] == 2030
        assert up["chosen"][0]["pilot_type"] == "smart_commune"
        assert up["groups_planned"] == {"officials": 10}
        assert up["planned_mvnd"] == {"training": 5.0}

    def test_nothing_run(self):
        up = progress.upstream_figures(None, None, None, params())
        assert up["funded"] == 0 and up["chosen"] == [] and up["plan_end"] == 2025


class TestViews:
    def test_money_and_capacity_names(self):
        money = progress.money_table({"training": 10.0}, None, params())
        view = progress.money_view(money, {"training": "Đào tạo, tập huấn / training"})
        assert view["activity_vi"].tolist() == ["Đào tạo, tập huấn"]
        cap = progress.capacity_table({"officials": 5}, None, None, params())
        view = progress.capacity_view(cap, {"officials": "Cán bộ / officials"})
        assert view["item_vi"].tolist() == ["Cán bộ"]


class TestSentences:
    def test_closeout_and_risk_sentences(self):
        closeout = pd.DataFrame(
            {
                "label_vi": ["8.4"],
                "year": [2025],
                "value": [0.9],
                "target": [0.97],
                "met": [False],
                "communes_short": [1],
            }
        )
        key = {
            "targets_met": 0,
            "targets_total": 1,
            "survey_years": [2024, 2025],
            "projection": {"x": {"label_vi": "C7", "at_risk": True}},
        }
        out = progress.report_sentences(key, closeout, 0, 2025, params())
        assert "0/1" in out["closeout"][0]
        assert "8.4 (90,0% so với mục tiêu 97%, còn thiếu 1 xã)" in out["closeout"][1]
        assert "1 (C7)" in out["projection"][1]


class TestChangeView:
    def test_in_the_targets_order(self):
        change = pd.DataFrame(
            {
                "province_code": "01",
                "target_id": ["b", "a"],
                "value_from": [0.1, 0.2],
                "value_to": [0.3, 0.5],
                "change": [0.2, 0.3],
            }
        )
        view = progress.change_view(change, {"a": "A", "b": "B"})
        assert view["label_vi"].tolist() == ["A", "B"]
        assert view["change"].tolist() == [0.3, 0.2]
