"""Tests of ntmplan.tasks.capacity.charts.

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.tasks import capacity


class TestCharts:
    def test_every_chart_builds(self, survey, params):
        from ntmplan.tasks.capacity import charts as cc

        res = capacity.build(survey, params)
        figs = [
            cc.participants_chart(res["plan"]),
            cc.calendar_gantt(res["calendar"], res["load"]),
            cc.communication_chart(res["communication"]),
            cc.policy_chart(res["policy"]),
            cc.budget_chart(res["budget_lines"]),
        ]
        assert all(fig.axes for fig in figs)
        assert cc.png_bytes(figs[1])[:4] == b"\x89PNG"

    def test_gantt_shows_overflow(self, survey, params):
        from ntmplan.tasks.capacity import charts as cc

        params["capacity"]["trainer_pools"]["prov"]["class_days_per_quarter"] = [0, 1, 1, 1]
        res = capacity.build(survey, params)
        fig = cc.calendar_gantt(res["calendar"], res["load"])
        texts = [t.get_text() for t in fig.axes[0].texts]
        assert any("chưa xếp" in t for t in texts)

    def test_missing_column(self):
        from ntmplan.tasks.capacity import charts as cc

        with pytest.raises(InputError):
            cc.communication_chart(pd.DataFrame({"year": [2021]}))


def drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return fig


class TestVietnameseNumbers:
    def test_stacked_totals_and_ticks(self):
        from ntmplan.tasks.capacity import charts as cc

        # 2021: 1000.4 + 500 = 1500.4 → "1.500"; 2022: 12000 → "12.000"
        comm = pd.DataFrame(
            {
                "year": [2021, 2021, 2022],
                "channel": ["radio", "web", "radio"],
                "channel_vi": ["Đài truyền thanh", "Cổng thông tin", "Đài truyền thanh"],
                "cost_mvnd": [1000.4, 500.0, 12000.0],
            }
        )
        ax = drawn(cc.communication_chart(comm)).axes[0]
        assert [t.get_text() for t in ax.texts] == ["1.500", "12.000"]
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert "10.000" in ticks and not any("," in t for t in ticks)

    def test_participants_class_labels(self):
        from ntmplan.tasks.capacity import charts as cc

        plan = pd.DataFrame(
            {
                "year": [2021, 2021],
                "group": ["officials", "officials"],
                "group_vi": ["Cán bộ xã", "Cán bộ xã"],
                "participants": [2400, 2400],
                "classes": [600, 600],  # two topics: 1200 classes in 2021
            }
        )
        ax = drawn(cc.participants_chart(plan)).axes[0]
        assert [t.get_text() for t in ax.texts] == ["1.200 lớp"]
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert "2.000" in ticks and not any("," in t for t in ticks)


class TestKeyFigures:
    def test_vietnamese_numbers(self):
        from ntmplan.tasks.capacity import charts as cc

        result = {
            # 1500 + 250 participant-years; 1200 + 34 classes; 2500.25 class-days
            "plan": pd.DataFrame(
                {
                    "year": [2021, 2022],
                    "group": ["officials", "officials"],
                    "participants": [1500, 250],
                    "classes": [1200, 34],
                    "days": [2500.25, 0.0],
                }
            ),
            "budget_lines": pd.DataFrame(
                {"activity": ["training", "communication"], "cost_mvnd": [12989.6, 10.0]}
            ),
            "coverage": pd.DataFrame({"group": ["officials"], "coverage": [0.679]}),
            "calendar": pd.DataFrame({"scheduled": [True, False], "class_days": [5.0, 1234.5]}),
        }
        got = dict(cc.key_figures(result).to_numpy().tolist())
        assert got["Lượt học viên (người·năm) / participant-years"] == "1.750"
        assert got["Số lớp (tổng các chủ đề) / classes"] == "1.234"
        assert got["Ngày-lớp / class-days"] == "2.500,2"  # 2500.25 rounds half to even
        assert got["Cán bộ xã được đào tạo ít nhất 1 lần / officials trained once"] == "67,9%"
        assert got["Ngày-lớp vượt năng lực / overflow class-days"] == "1.234,5"
        assert got["Kinh phí đào tạo (triệu đồng) / training"] == "12.989,6"
        assert got["Kinh phí chính sách hỗ trợ (triệu đồng) / support policies"] == "0,0"
        assert got["Tổng (triệu đồng) / total"] == "12.999,6"
