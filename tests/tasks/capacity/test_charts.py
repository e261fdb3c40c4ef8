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
