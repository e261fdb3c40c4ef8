"""Tests for ntmplan.tasks.national.key_figures: summary_00_national.json."""

from __future__ import annotations

import json

import pandas as pd

from ntmplan.tasks import national


class TestSummary:
    def test_keys(self, root, params):
        df = national.collect_provinces(root, params)
        got = national.summary(
            df,
            national.at_risk(df, params),
            national.budget_by_source(df, params),
            pd.DataFrame({"a": [1, 2]}),
        )
        assert got["provinces"] == 2 and got["at_risk"] == ["04"] and got["registrations"] == 2
        assert got["budget_total_mvnd"] == 1500.0 and got["readiness_mean"] == 55.0
        json.dumps(got)
