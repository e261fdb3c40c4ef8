"""Tests of ntmplan.tasks.capacity.panel (interactive controls).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pytest


class TestCapacityControls:
    def test_controls_update_the_plan(self, survey, params, tmp_path):
        pytest.importorskip("ipywidgets")
        from ntmplan.tasks.capacity import charts as cc

        ui = cc.CapacityControls(survey, params, export_path=tmp_path / "x.xlsx", charts=False)
        before = ui.result["plan"].loc[lambda d: d["group"] == "residents", "classes"].sum()
        ui.class_size["residents"].value = 20  # 81 / 20 → 5 classes a year instead of 3
        after = ui.result["plan"].loc[lambda d: d["group"] == "residents", "classes"].sum()
        assert (before, after) == (9, 15)
        ui.allowance.value = 1.0  # 240 member-months × 1.0 = 240 a year
        pol = ui.result["policy"]
        assert pol["cost_mvnd"].tolist() == [240.0, 240.0, 240.0]
        assert params["capacity"]["groups"]["residents"]["class_size"] == 40  # params untouched
        path = ui.export()
        assert path.is_file()

    def test_charts_are_html_and_redrawn_only_when_their_figures_change(self, survey, params):
        pytest.importorskip("ipywidgets")
        from ntmplan.tasks.capacity import charts as cc

        ui = cc.CapacityControls(survey, params)
        outs = (ui.out_participants, ui.out_calendar, ui.out_costs)
        assert all("<img" not in o.value and o.value.startswith("<div") for o in outs)
        before = [o.value for o in outs]
        ui.allowance.value = 1.0  # only the support policy's cost changes: the costs chart
        assert [o.value for o in outs[:2]] == before[:2]
        assert ui.out_costs.value != before[2]
        ui.class_size["residents"].value = 20  # 5 classes a year instead of 3: all three
        assert all(o.value != b for o, b in zip(outs[:2], before[:2], strict=True))
        assert ">5 lớp</div>" in ui.out_participants.value
