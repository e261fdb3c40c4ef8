"""Tests for ntmplan.survey.legacy.province: the legacy source of a run, one province's conversion."""

from __future__ import annotations

import pytest

from ntmplan.core import paths
from ntmplan.survey.legacy import convert_legacy_province, legacy_source


class TestLegacySource:
    def test_choice(self, tmp_path):
        assert legacy_source(tmp_path / "x.csv", "legacy", False) == tmp_path / "x.csv"
        assert (
            legacy_source(tmp_path / "x.csv", "current", False) is None
        )  # never mix with real data
        if paths.SAMPLE_LEGACY_SURVEY.is_file():
            assert legacy_source(tmp_path / "x.csv", "current", True) == paths.SAMPLE_LEGACY_SURVEY


needs_sample = pytest.mark.skipif(
    not paths.SAMPLE_LEGACY_SURVEY.is_file(), reason="illustrative legacy sample not generated yet"
)


@pytest.mark.slow
@needs_sample
def test_province_selection():
    out, report = convert_legacy_province(paths.SAMPLE_LEGACY_SURVEY, "37")
    assert set(out["province_code"]) == {"37"} and report.n_unmatched == 0
    assert set(report.mapping["legacy_province_code"]) >= {
        "36"
    }  # Nam Định became part of Ninh Bình
