"""Tests for ntmplan.tasks.budget.charts, through the package re-exports; values worked out by hand."""

from __future__ import annotations

from ntmplan.tasks import budget
from tests.tasks.budget.helpers import simple_params


class TestBudgetCharts:
    """Smoke tests of ntmplan.tasks.budget.charts (figures are built, nothing shown)."""

    def test_every_chart_builds(self, survey):
        from ntmplan.tasks.budget import charts as bc

        p = simple_params()
        p["budget"]["envelopes"] = {"central": 10.0}
        res = budget.build({"survey": survey}, p)
        assert not res["gaps"].empty
        figs = [
            bc.by_year_chart(res["tidy"], p),
            bc.by_activity_chart(res["tidy"], p),
            bc.shares_chart(res["tidy"], p),
            bc.gap_chart(res["gaps"], p),
            bc.gap_chart(res["gaps"].iloc[0:0], p),
            bc.scenario_chart(budget.scenarios({"survey": survey}, p), p),
            bc.allocation_chart(budget.allocate_central(survey, 100.0, p), p, top=1),
        ]
        assert all(len(f.axes) >= 1 for f in figs)


def drawn(fig):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig).draw()
    return fig


class TestVietnameseNumbers:
    def test_by_year_ticks_and_bar_labels(self):
        from ntmplan.tasks.budget import charts as bc
        from tests.tasks.budget.helpers import tidy_frame

        tidy = tidy_frame(
            [
                ("A", 2021, "central", 1200.0),
                ("A", 2021, "provincial", 34.4),  # 2021 total 1234.4 → "1.234"
                ("A", 2022, "central", 12000.0),  # 2022 total "12.000"
            ]
        )
        fig = drawn(bc.by_year_chart(tidy, simple_params()))
        ax = fig.axes[0]
        assert [t.get_text() for t in ax.texts] == ["1.234", "12.000"]
        ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert "10.000" in ticks and not any("," in t for t in ticks)
        assert [t.get_text() for t in ax.get_xticklabels()] == ["2021", "2022"]  # years as-is

    def test_shares_are_vietnamese_percentages(self):
        from ntmplan.tasks.budget import charts as bc
        from tests.tasks.budget.helpers import tidy_frame

        # central 679 of 1000 → 67,9%; provincial 321 → 32,1%
        tidy = tidy_frame([("A", 2021, "central", 679.0), ("A", 2021, "provincial", 321.0)])
        fig = drawn(bc.shares_chart(tidy, simple_params()))
        ax = fig.axes[0]
        assert [t.get_text().strip() for t in ax.texts] == ["67,9%", "32,1%"]
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert ticks[0] == "0%" and ticks[-1] == "100%"

    def test_allocation_amounts_on_the_bars(self):
        import pandas as pd

        from ntmplan.tasks.budget import charts as bc

        alloc = pd.DataFrame(
            {
                "commune_name": ["Xã Một", "Xã Hai"],
                "category_applied": ["zone_iii", "zone_i"],
                "amount_mvnd": [1239.45, 143.6],
            }
        )
        ax = drawn(bc.allocation_chart(alloc, simple_params())).axes[0]
        assert [t.get_text().strip() for t in ax.texts] == ["1.239,5", "143,6"]
        ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert "1.000" in ticks
