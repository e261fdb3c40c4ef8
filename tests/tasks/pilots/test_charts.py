"""Tests for ntmplan.tasks.pilots.charts — funnel chart and interactive controls of notebook 02."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from ntmplan.tasks import pilots
from ntmplan.tasks.pilots import charts as pilot_charts
from tests.tasks.pilots.fixtures import commune, survey


@pytest.fixture()
def frame() -> pd.DataFrame:
    return survey(commune("00001"), commune("00002", households_internet_smart=100))


class TestFunnelChart:
    def test_returns_figure(self, frame):
        f = pilots.funnel(pilots.check_eligibility(frame, default_params()))
        fig = pilot_charts.funnel_chart(f, "Phễu")
        ax = fig.axes[0]
        assert ax.get_title() == "Phễu"
        assert len(ax.patches) == 2 * len(f)  # light + dark bar per step

    def test_missing_column(self):
        with pytest.raises(KeyError):
            pilot_charts.funnel_chart(pd.DataFrame({"condition_vi": ["a"]}))


class TestThresholdControls:
    def test_one_control_per_setting(self):
        p = default_params()
        controls = pilot_charts.threshold_controls(p)
        n = len(p["pilots"]["thresholds"]) + len(p["pilots"]["weights"]) + len(p["pilots"]["types"])
        assert len(controls) == n
        assert controls["thresholds.households_internet_smart_share"].value == pytest.approx(
            p["pilots"]["thresholds"]["households_internet_smart_share"]
        )


class TestRecompute:
    def test_keys(self, frame):
        out = pilot_charts.recompute(frame, default_params(), "smart_commune")
        assert set(out) == {"eligibility", "ranked", "chosen", "funnel", "ms"}
        # 00002 has 100 of 1000 households connected (< 50%): only 00001 is eligible
        assert int(out["eligibility"]["eligible"].sum()) == 1


class TestInteractivePanel:
    def test_slider_updates_in_place(self, frame):
        p = default_params()
        panel = pilot_charts.interactive_panel(frame, p)
        _, accordion, status, _ = panel.children
        assert "<b>1</b> xã đủ điều kiện" in status.value
        share = next(c for c in accordion.children[0].children if "Hộ có Internet" in c.description)
        share.value = 0.1  # 100 of 1000 now passes a 10% threshold → both eligible
        assert "<b>2</b> xã đủ điều kiện" in status.value
        assert (
            p["pilots"]["thresholds"]["households_internet_smart_share"] != 0.1
        )  # params untouched

    def test_funnel_is_html_redrawn_on_a_threshold_only(self, frame):
        import ipywidgets as w

        from ntmplan.tasks.pilots.funnel_view import COLOR_ELIGIBLE, FUNNEL_CLASS

        panel = pilot_charts.interactive_panel(frame, default_params())
        _, accordion, _, results = panel.children
        funnel = results.children[0]
        assert isinstance(funnel, w.HTML) and FUNNEL_CLASS in funnel.value
        # 2 units, 1 eligible: the green bar is 1/2 = 50 % wide
        assert f"width:50.00%;background:{COLOR_ELIGIBLE}" in funnel.value
        before = funnel.value
        weight = next(
            c for c in accordion.children[1].children if c.description.startswith("Trọng")
        )
        weight.value = weight.value + 0.5
        assert funnel.value == before  # a weight does not change the funnel
        share = next(c for c in accordion.children[0].children if "Hộ có Internet" in c.description)
        share.value = 0.1  # both pass now: the green bar is 2/2 = 100 % wide
        assert f"width:100.00%;background:{COLOR_ELIGIBLE}" in funnel.value


class TestFunnelNumbers:
    def test_counts_written_vietnamese_style(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        f = pd.DataFrame(
            {
                "condition_vi": ["Cáp quang", "Đủ điều kiện"],
                "passing_alone": [1500, 1200],
                "passing_cumulative": [1500, 1200],
            }
        )
        fig = pilot_charts.funnel_chart(f)
        FigureCanvasAgg(fig).draw()
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.texts] == ["1.500", "1.200"]
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert "1.000" in ticks and not any("," in t for t in ticks)
