"""Tests for ntmplan.core.html_charts — bar charts as HTML for the interactive panels."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntmplan.core import html_charts as hc


def _heights(html: str, color: str) -> list[float]:
    return [float(h) for h in re.findall(rf"height:([0-9.]+)%;background:{color}", html)]


class TestStackedHeights:
    def test_percent_of_the_tallest_bar(self):
        # totals 40 and 80 → the tallest bar (80) is 100 %: 10 → 12,5 %, 30 → 37,5 %, 80 → 100 %
        t = pd.DataFrame({"a": [10.0, 80.0], "b": [30.0, 0.0]}, index=[2024, 2025])
        out = hc.stacked_heights(t)
        assert out["a"].tolist() == [12.5, 100.0]
        assert out["b"].tolist() == [37.5, 0.0]

    def test_nan_is_zero_and_all_zero_stays_zero(self):
        t = pd.DataFrame({"a": [float("nan"), 0.0]})
        assert hc.stacked_heights(t)["a"].tolist() == [0.0, 0.0]

    def test_negative_value_refused(self):
        with pytest.raises(ValueError, match="âm"):
            hc.stacked_heights(pd.DataFrame({"a": [-1.0]}))


class TestStackedBarsHtml:
    def test_totals_vietnamese_style_and_segments(self):
        t = pd.DataFrame({"Trung ương": [1000.0, 2500.5], "Tỉnh": [250.0, 0.0]}, index=[2024, 2025])
        html = hc.stacked_bars_html(
            t, {"Trung ương": "#111111", "Tỉnh": "#222222"}, "Vốn", "triệu đồng", digits=1
        )
        assert ">1.250,0</div>" in html and ">2.500,5</div>" in html  # totals on top
        # tallest bar 2.500,5: 1000/2500,5 = 39,99 %; 250/2500,5 = 10,00 %
        assert _heights(html, "#111111") == [39.99, 100.0]
        assert _heights(html, "#222222") == [10.0, 0.0]
        assert "2024 · Trung ương: 1.000,0 triệu đồng" in html  # tooltip
        assert html.startswith(f'<div class="{hc.CHART_CLASS}"')

    def test_first_series_drawn_at_the_bottom(self):
        t = pd.DataFrame({"A": [1.0], "B": [1.0]}, index=["x"])
        html = hc.stacked_bars_html(t, {"A": "#aaaaaa", "B": "#bbbbbb"})
        # in a bottom-aligned column the last segment written is the lowest
        assert html.index("background:#bbbbbb;width") < html.index("background:#aaaaaa;width")

    def test_notes_legend_and_escaping(self):
        t = pd.DataFrame({"<s>": [3.0]}, index=["<y>"])
        html = hc.stacked_bars_html(t, title="T & U", notes={"<y>": "3 lớp"})
        assert "&lt;s&gt;" in html and "&lt;y&gt;" in html and "T &amp; U" in html
        assert "<s>" not in html and "<y>" not in html
        assert ">3 lớp</div>" in html
        assert hc.DEFAULT_COLOR in html  # no colour given

    def test_no_legend(self):
        t = pd.DataFrame({"Học viên": [3.0]}, index=[2024])
        assert "</span>Học viên" not in hc.stacked_bars_html(t, legend=False)
        assert "</span>Học viên" in hc.stacked_bars_html(t, legend=True)
