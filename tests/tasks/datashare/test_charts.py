"""Tests for ntmplan.tasks.datashare.charts: the completeness heat map."""

from __future__ import annotations

import pandas as pd

from ntmplan.tasks import datashare


class TestCompletenessHeatmap:
    def test_colour_bar_in_vietnamese_percent_and_title_wrapped(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        matrix = pd.DataFrame({"00001": [1.0, 0.5], "00002": [0.0, 1.0]}, index=["households", "x"])
        title = "Mức đầy đủ dữ liệu theo cột và xã — Thành phố Hồ Chí Minh (cột đỏ: xã chưa có)"
        fig = datashare.completeness_heatmap(matrix, title)
        FigureCanvasAgg(fig).draw()
        ax, bar = fig.axes
        ticks = [t.get_text() for t in bar.get_yticklabels() if t.get_text()]
        assert ticks[0] == "0%" and ticks[-1] == "100%"
        assert " ".join(ax.get_title().split()) == title and "\n" in ax.get_title()
        assert [t.get_text() for t in ax.get_xticklabels()] == ["00001", "00002"]
