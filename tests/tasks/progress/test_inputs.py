"""Stacking survey years from several files; the files of notebook 07; the profile targets."""

from __future__ import annotations

import pytest

from ntmplan.core import paths
from ntmplan.core.errors import InputError
from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import survey


class TestStackYears:
    def test_years_of_several_files(self):
        a = survey([("a", 2025, 10, 0.5, True)])
        b = survey([("a", 2024, 10, 0.4, True), ("a", 2026, 10, 0.6, True)])
        out = progress.stack_years([("a.csv", a), ("b.csv", b), ("none", None)], "01")
        assert out["year"].tolist() == [2024, 2025, 2026]
        assert out["source_file"].tolist() == ["b.csv", "a.csv", "b.csv"]

    def test_same_commune_and_year_twice_is_an_error(self):
        a = survey([("a", 2025, 10, 0.5, True)])
        with pytest.raises(InputError) as err:
            progress.stack_years([("a.csv", a), ("b.csv", a)], "01")
        assert err.value.problems[0].value == "a / 2025"

    def test_no_rows(self):
        assert progress.stack_years([("a.csv", None)], "01").empty


class TestMoreSurveyFiles:
    def test_bundled_only_for_the_illustrative_data(self):
        assert progress.more_survey_files("", True) == [paths.SAMPLE_MORE_YEARS_SURVEY]
        assert progress.more_survey_files("", False) == []

    def test_listed_files(self):
        assert [p.name for p in progress.more_survey_files("a.csv; b.xlsx", False)] == [
            "a.csv",
            "b.xlsx",
        ]


class TestProfileTargets:
    def test_both_profiles(self):
        t25 = progress.profile_targets("24", "2021_2025")
        t30 = progress.profile_targets("24", "2026_2030")
        assert t25["criterion_8_4"]["target"] == 0.97
        assert t30 and "criterion_8_4" not in t30
