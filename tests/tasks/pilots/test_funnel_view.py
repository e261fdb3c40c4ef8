"""Tests for ntmplan.tasks.pilots.funnel_view — the funnel as an HTML bar chart."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks.pilots import funnel_view as fv


def _funnel(alone, cum, labels=None) -> pd.DataFrame:
    labels = labels or [f"Điều kiện {i}" for i in range(len(alone))]
    return pd.DataFrame({"condition_vi": labels, "passing_alone": alone, "passing_cumulative": cum})


def _widths(html: str, color: str) -> list[float]:
    return [float(w) for w in re.findall(rf"width:([0-9.]+)%;background:{color}", html)]


class TestBarWidths:
    def test_percent_of_widest_bar(self):
        # widest bar 200 → 200 = 100 %, 150 = 75 %, 50 = 25 %, 0 = 0 %
        out = fv.bar_widths(_funnel([200, 150, 50], [200, 50, 0]))
        assert out["alone_pct"].tolist() == [100.0, 75.0, 25.0]
        assert out["cumulative_pct"].tolist() == [100.0, 25.0, 0.0]

    def test_no_unit_passing_gives_zero_widths(self):
        out = fv.bar_widths(_funnel([0, 0], [0, 0]))
        assert out["alone_pct"].tolist() == [0.0, 0.0]

    def test_missing_column_is_named(self):
        with pytest.raises(MissingColumnError, match="passing_cumulative"):
            fv.bar_widths(pd.DataFrame({"passing_alone": [1]}))


class TestFunnelHtml:
    def test_counts_written_vietnamese_style(self):
        html = fv.funnel_html(_funnel([1500, 1300], [1500, 1200], ["Tất cả", "Đủ điều kiện"]))
        assert ">1.500</div>" in html and ">1.200</div>" in html
        assert "1500" not in html and "1,500" not in html

    def test_bars_in_order_and_last_one_green(self):
        html = fv.funnel_html(_funnel([4, 3, 2], [4, 2, 1]))
        assert _widths(html, fv.COLOR_ALONE) == [100.0, 75.0, 50.0]
        assert _widths(html, fv.COLOR_CUMULATIVE) == [100.0, 50.0]  # 4/4, 2/4
        assert _widths(html, fv.COLOR_ELIGIBLE) == [25.0]  # the eligible 1 of 4
        assert html.index("Điều kiện 0") < html.index("Điều kiện 1") < html.index("Điều kiện 2")

    def test_labels_and_title_escaped(self):
        html = fv.funnel_html(_funnel([1], [1], ["<b>A & B</b>"]), title="Phễu <x>")
        assert "&lt;b&gt;A &amp; B&lt;/b&gt;" in html and "<b>A" not in html
        assert "Phễu &lt;x&gt;" in html

    def test_vietnamese_legend_and_class(self):
        html = fv.funnel_html(_funnel([1], [1]))
        assert html.startswith(f'<div class="{fv.FUNNEL_CLASS}"')
        assert "Đạt riêng điều kiện này" in html and "Đạt đến bước này (cộng dồn)" in html

    def test_missing_column_is_named(self):
        with pytest.raises(MissingColumnError, match="condition_vi"):
            fv.funnel_html(pd.DataFrame({"passing_alone": [1], "passing_cumulative": [1]}))
