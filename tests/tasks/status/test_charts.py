"""Tests for ntmplan.tasks.status.charts — status figures with Vietnamese text."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ntmplan.tasks.status import charts
from tests.tasks.status.fixtures import VI_TITLE, progress_frame, render


class TestBarChart:
    def test_figure_axes_title(self):
        fig = charts.bar_chart({"Xã An": 10.0, "Xã Bình": 20.0}, "Số hộ bán hàng trực tuyến", "Hộ")
        assert len(fig.axes) == 1
        ax = fig.axes[0]
        assert ax.get_title() == "Số hộ bán hàng trực tuyến"
        assert ax.get_xlabel() == "Hộ"
        # first item at the top: y positions 1 (An), 0 (Bình)
        labels = {
            t.get_text(): y for t, y in zip(ax.get_yticklabels(), ax.get_yticks(), strict=True)
        }
        assert labels == {"Xã An": 1, "Xã Bình": 0}

    def test_nan_bar_and_reference(self):
        fig = charts.bar_chart(
            pd.Series({"a": np.nan, "b": 0.5}), "T", reference=0.6, reference_label="Mục tiêu"
        )
        ax = fig.axes[0]
        texts = [t.get_text() for t in ax.texts]
        assert any("không có số liệu" in t for t in texts)
        assert ax.get_legend().get_texts()[0].get_text() == "Mục tiêu"


class TestPillarBars:
    def test_figure(self):
        fig = charts.pillar_bars(pd.Series({"Hạ tầng số": 70.0, "Chính quyền số": 55.5}))
        ax = fig.axes[0]
        assert ax.get_title() == "Chỉ số sẵn sàng chuyển đổi số theo trụ cột"
        assert ax.get_xlim() == (0.0, 105.0)
        assert len(ax.patches) == 2
        assert render(fig) == []


class TestIndexHistogram:
    def test_figure(self):
        fig = charts.index_histogram(pd.Series([10.0, 12.0, 50.0, np.nan]))
        ax = fig.axes[0]
        assert ax.get_ylabel() == "Số xã"
        # 20 bins of width 5; the three values fall in [10,15) twice and [50,55) once
        heights = [p.get_height() for p in ax.patches]
        assert len(heights) == 20 and sum(heights) == 3
        assert ax.get_legend().get_texts()[0].get_text() == "Trung vị: 12,0"

    def test_empty_series(self):
        fig = charts.index_histogram(pd.Series([], dtype=float))
        assert fig.axes[0].get_legend() is None


class TestTargetProgressChart:
    def test_figure(self):
        fig = charts.target_progress_chart(progress_frame())
        ax = fig.axes[0]
        assert ax.get_title().startswith("Tiến độ so với mục tiêu Quyết định 924")
        texts = [t.get_text() for t in ax.texts]
        assert any("52,5%" in t and "chưa đạt" in t for t in texts)
        assert any("98,0%" in t and "✓ đạt" in t for t in texts)
        assert render(fig) == []

    def test_missing_column(self):
        with pytest.raises(KeyError, match="met"):
            charts.target_progress_chart(progress_frame().drop(columns=["met"]))


class TestVietnameseGlyphs:
    def test_title_renders_without_missing_glyphs(self):
        fig = charts.bar_chart(
            {"Xã Hướng Phùng": 1.0, "Đặc khu Phú Quốc": 2.0}, VI_TITLE, "Điểm ưu tiên"
        )
        assert not [w for w in render(fig) if "Glyph" in w or "missing" in w.lower()]


def drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return fig


class TestVietnameseNumbers:
    def test_bar_values_and_ticks_in_thousands(self):
        fig = charts.bar_chart(
            {"Trung ương": 12000.0, "Tỉnh": 1234.5}, "Kinh phí", "Triệu đồng", digits=0
        )
        ax = drawn(fig).axes[0]
        assert [t.get_text().strip() for t in ax.texts] == ["12.000", "1.234"]
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert "10.000" in ticks and not any("," in t for t in ticks)

    def test_default_one_decimal_and_percent(self):
        ax = charts.bar_chart({"a": 55.25, "b": -3.0}, "T").axes[0]
        assert [t.get_text().strip() for t in ax.texts] == ["55,2", "-3,0"]
        ax = drawn(charts.bar_chart({"a": 0.679}, "T", percent=True, xlim=(0, 1))).axes[0]
        assert ax.texts[0].get_text().strip() == "67,9%"
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert ticks[0] == "0%" and ticks[-1] == "100%"

    def test_pillar_and_progress_ticks(self):
        ax = drawn(charts.pillar_bars({"Hạ tầng số": 70.0})).axes[0]
        assert ax.texts[0].get_text().strip() == "70,0"
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert ticks[:2] == ["0", "20"]
        ax = drawn(charts.target_progress_chart(progress_frame())).axes[0]
        assert [t.get_text() for t in ax.get_xticklabels()] == ["0", "20", "40", "60", "80", "100"]
