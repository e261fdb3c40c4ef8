"""Tests for ntmplan.tasks.national.surveys: the survey each province ran on."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from ntmplan.tasks import national


class TestSurveyFiles:
    def test_from_papermill_parameters(self, tmp_path):
        folder = tmp_path / "01-ha-noi"
        folder.mkdir()
        nb = {"metadata": {"papermill": {"parameters": {"data_file": "/data/khao_sat.csv"}}}}
        (folder / "01_status.ipynb").write_text(json.dumps(nb), encoding="utf-8")
        (tmp_path / "04-cao-bang").mkdir()
        assert national.survey_files(tmp_path) == {"01": "/data/khao_sat.csv"}


class TestSurveySources:
    def test_groups_provinces_by_file_in_order(self):
        default = Path("/bundled.csv")
        got = national.survey_sources(
            ["01", "04", "08"], {"01": "/a.csv", "04": "", "08": "/a.csv"}, default
        )
        assert got == {Path("/a.csv"): ["01", "08"], default: ["04"]}


class TestLatestYears:
    def test_latest_year_of_each_province(self):
        a = pd.DataFrame({"province_code": ["01", "01", "04"], "year": [2023, 2025, 2023]})
        b = pd.DataFrame({"province_code": ["04"], "year": [2024]})
        got = national.latest_years([a, b])
        assert list(got["province_code"]) == ["01", "04"] and list(got["year"]) == [2025, 2024]

    def test_no_frames(self):
        assert national.latest_years([]) is None

    def test_a_later_year_on_a_few_rows_does_not_shrink_a_province(self):
        a = pd.DataFrame(
            {
                "province_code": ["46"] * 4,
                "commune_code": ["1", "2", "3", "3"],
                "year": [2025, 2025, 2025, 2026],
            }
        )
        got = national.latest_years([a])
        assert list(got["year"]) == [2025, 2025, 2025]
