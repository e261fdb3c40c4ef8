"""Tests for ntmplan.tasks.budget.html_view — the panel's year × source chart as HTML."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import default_params
from ntmplan.tasks.budget import html_view as hv
from ntmplan.tasks.budget.codes import UNFUNDED


def test_bars_per_year_sources_in_params_order_unfunded_last():
    p = default_params()
    central, provincial = list(p["budget"]["sources"])[:2]
    tidy = pd.DataFrame(
        {
            "activity": ["a", "a", "a", "a"],
            "year": [2026, 2026, 2027, 2027],
            "source": [UNFUNDED, central, provincial, central],
            "amount_mvnd": [100.0, 1000.0, 250.0, 50.0],
        }
    )
    html = hv.by_year_html(tidy, p)
    assert ">1.100</div>" in html and ">300</div>" in html  # 1.000 + 100; 250 + 50
    legend = html[html.rindex("font-size:11px;margin-top") :]
    colors = [hv.SOURCE_COLORS[s] for s in (central, provincial, UNFUNDED)]
    assert [legend.index(c) for c in colors] == sorted(legend.index(c) for c in colors)
