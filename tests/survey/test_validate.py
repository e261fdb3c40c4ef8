"""Tests for ntmplan.survey.validate: every problem of a survey file, collected and formatted."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import Problem
from ntmplan.survey import validate
from ntmplan.survey.schema import COLUMNS
from tests.survey_fixtures import ROW_A, ROW_B, csv_text, with_cells


def survey_file(tmp_path, rows=(ROW_A, ROW_B), header=COLUMNS, name="khao_sat.csv"):
    path = tmp_path / name
    path.write_text(csv_text(rows, header), encoding="utf-8")
    return path


class TestCollectProblems:
    def test_returns_problems(self, tmp_path):
        path = survey_file(tmp_path, rows=(with_cells(ROW_A, dx_demand="7"),))
        (p,) = validate.collect_problems(path)
        assert (p.file, p.row, p.column, p.value) == (str(path), 2, "dx_demand", "7")


class TestFormatProblems:
    def test_control_characters_and_long_values_are_made_safe(self):
        p = Problem("f.csv", 5, "commune_name", "\x1b[31mred" + "x" * 100, "quy tắc", "rule")
        text = validate.format_problems([p], "f.csv")
        assert "\x1b" not in text
        assert "?[31mred" in text and "…" in text
        assert text.splitlines()[-1].split()[:2] == ["5", "commune_name"]
        assert "quy tắc / rule" in text

    def test_file_level_problem_has_empty_row(self):
        text = validate.format_problems(
            [Problem("f", None, None, None, "tệp rỗng", "empty", "error")], "f"
        )
        assert text.splitlines()[-1].startswith(" ")

    @pytest.mark.parametrize(
        "severity, word", [("error", "lỗi / error"), ("warning", "cảnh báo / warning")]
    )
    def test_severity_words(self, severity, word):
        assert word in validate.format_problems(
            [Problem("f", 2, "x", "v", "a", "b", severity)], "f"
        )
