"""Tests for ntmplan.survey.loading: load_survey reads, validates and raises with every problem."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError
from ntmplan.survey import loading
from tests.survey_fixtures import ROW_A, ROW_B, csv_text


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


class TestLoadSurvey:
    def test_clean(self, tmp_path):
        typed = loading.load_survey(write(tmp_path, "s.csv", csv_text().encode()))
        assert typed["commune_code"].tolist() == ["00376", "00382"]
        assert "problems" not in typed.attrs

    def test_warnings_kept_in_attrs(self, tmp_path):
        typed = loading.load_survey(write(tmp_path, "s.csv", csv_text().encode("utf-16")))
        assert len(typed) == 2 and typed.attrs["problems"][0].severity == "warning"

    def test_errors_raise_with_every_problem(self, tmp_path):
        bad_a = list(ROW_A)
        bad_a[5] = "x"  # households
        bad_b = list(ROW_B)
        bad_b[19] = "70"  # percentage
        path = write(tmp_path, "s.csv", csv_text(rows=(bad_a, bad_b)).encode())
        with pytest.raises(InputError) as exc:
            loading.load_survey(path)
        assert [(p.row, p.column) for p in exc.value.problems] == [
            (2, "households"),
            (3, "files_online_share"),
        ]
