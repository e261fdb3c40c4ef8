"""Tests for ntmplan.tasks.plan.key_figures: summary_06_plan.json."""

from __future__ import annotations

import json

from ntmplan.tasks import plan
from tests.tasks.plan.fixtures import write_summaries


class TestSummary:
    def test_keys(self, tmp_path, params):
        collected = plan.collect(write_summaries(tmp_path, ["01_status", "03_budget"]))
        secs = plan.plan_sections(collected, params)
        got = plan.summary(secs, collected, params)
        assert got["missing_notebooks"] == ["02_pilots", "04_capacity", "05_data"]
        assert got["sections_total"] == 15 and got["deadline_plan"] == "2022Q4"
        assert got["sections_available"] == sum(s.available for s in secs)
        json.dumps(got)
