"""Tests for ntmplan.tasks.datashare.summary: the key figures of notebook 05."""

from __future__ import annotations

import json

from ntmplan.tasks.datashare.export import export_package
from ntmplan.tasks.datashare.quality import quality_report
from ntmplan.tasks.datashare.summary import summary
from tests.survey.legacy_fixtures import Q1, Q2, UNITS, convert, current_fixture, survey


class TestSummary:
    def test_keys_and_values(self, tmp_path):
        q = quality_report(survey(Q1, Q2), None, None, units=UNITS)
        folder = export_package(current_fixture(), tmp_path, "70-thu", date="2025-07-01")
        _, report = convert()
        s = summary(q, folder, tmp_path, (True, []), report)
        json.dumps(s)
        assert s["n_rows"] == 2
        # 2 rows × 33 columns = 66 cells, one empty (Q2's sector); commune_category filled
        assert s["completeness"] == round(65 / 66, 4)
        assert s["incomplete_columns"] == {"prominent_sector": 0.5}
        assert s["n_problems"] == s["n_range_warnings"] + s["n_missing_units"] == 4
        assert (
            s["export_path"] == f"data_export/{folder.name}" and s["export_version"] == folder.name
        )
        assert s["export_valid"] is True and s["export_errors"] == 0
        assert s["conversion"]["n_unmatched"] == 3 and s["conversion"]["totals_preserved"] is True

    def test_empty(self):
        s = summary()
        assert s["export_version"] is None and s["conversion"] is None
