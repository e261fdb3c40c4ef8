"""Tests for ntmplan.tasks.plan.charts: the Gantt chart of the tasks."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import plan


class TestTimelineChart:
    def test_one_bar_per_task(self, params):
        fig = plan.timeline_chart(plan.timeline(params), years=(2021, 2025))
        ax = fig.axes[0]
        assert len(ax.patches) == 7
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "2021",
            "2022",
            "2023",
            "2024",
            "2025",
        ]

    def test_missing_column(self):
        with pytest.raises(KeyError, match="deadline_index"):
            plan.timeline_chart(
                pd.DataFrame({"task": [], "name_vi": [], "start_index": [], "end_index": []})
            )

    def test_no_task_gives_none(self, params):
        # nothing to draw: None, which the Word draft replaces by a sentence
        empty = plan.timeline(params).iloc[0:0]
        assert plan.timeline_chart(empty) is None
