"""Tests for ntmplan.survey.years: the survey year a province's reports analyse."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.survey import years


def rows(*cells):
    """Province rows from (commune code, name, year) triples."""
    return pd.DataFrame(cells, columns=["commune_code", "commune_name", "year"])


FOUR_2025 = [("1", "Xã A", 2025), ("2", "Xã B", 2025), ("3", "Xã C", 2025), ("4", "Xã D", 2025)]


class TestChooseYear:
    def test_one_extra_row_typed_2026_keeps_2025_with_every_unit(self):
        choice = years.choose_year(rows(*FOUR_2025, ("2", "Xã B", 2026)))
        assert (choice.year, choice.chosen_by) == (2025, "default")
        assert (choice.units_analysed, choice.units_in_file) == (4, 4)
        assert choice.other_years == {2026: 1}
        assert choice.missing_units == () and not choice.complete

    def test_one_row_retyped_2026_keeps_2025_and_names_the_unit_left_out(self):
        retyped = [*FOUR_2025[:3], ("4", "Xã D", 2026)]
        choice = years.choose_year(rows(*retyped))
        assert choice.year == 2025  # 3 units against 1: not the latest year, the covering one
        assert (choice.units_analysed, choice.units_in_file) == (3, 4)
        assert choice.missing_units == ("Xã D",)
        assert choice.other_years == {2026: 1}

    def test_two_full_years_take_the_latest_and_a_tie_too(self):
        both = [*FOUR_2025, *[(c, n, 2024) for c, n, _ in FOUR_2025]]
        assert years.choose_year(rows(*both)).year == 2025
        half = rows(("1", "Xã A", 2024), ("2", "Xã B", 2025))
        assert years.choose_year(half).year == 2025

    def test_year_asked_for(self):
        both = [*FOUR_2025, ("1", "Xã A", 2024)]
        choice = years.choose_year(rows(*both), 2024)
        assert (choice.year, choice.chosen_by, choice.units_analysed) == (2024, "asked", 1)
        assert choice.missing_units == ("Xã B", "Xã C", "Xã D")
        assert list(years.rows_of_year(rows(*both), choice)["commune_code"]) == ["1"]

    def test_year_the_province_does_not_have_is_refused_with_the_years_it_has(self):
        with pytest.raises(InputError) as exc:
            years.choose_year(rows(*FOUR_2025), 2023, "khao_sat.csv")
        problem = exc.value.problems[0]
        assert (problem.file, problem.column, problem.value) == ("khao_sat.csv", "year", 2023)
        assert "it has: 2025" in problem.rule_en

    def test_no_row(self):
        choice = years.choose_year(rows())
        assert choice.year is None and choice.units_in_file == 0


class TestYearLine:
    def test_complete_year(self):
        choice = years.choose_year(rows(*FOUR_2025))
        assert years.year_line(choice) == (
            "Năm khảo sát phân tích: 2025 (năm gần nhất có nhiều đơn vị của tỉnh nhất; chọn năm"
            " khác bằng --year) — 4/4 đơn vị của tỉnh có trong tệp."
        )
        assert choice.complete

    def test_rows_and_units_left_out_are_named(self):
        choice = years.choose_year(rows(*FOUR_2025[:3], ("4", "Xã D", 2026)), 2025)
        assert years.year_line(choice) == (
            "Năm khảo sát phân tích: 2025 (năm được chọn bằng --year) — 3/4 đơn vị của tỉnh có"
            " trong tệp. Không phân tích: 1 dòng năm 2026. Không có dòng năm 2025: Xã D."
        )

    def test_long_lists_are_cut(self):
        many = rows(*[(str(i), f"Xã {i:02d}", 2024) for i in range(8)], ("9", "Xã 99", 2025))
        choice = years.choose_year(many, 2025)
        assert "Xã 00, Xã 01, Xã 02 và 5 đơn vị khác." in years.year_line(choice, listed=3)
        assert "8 dòng năm 2024" in years.year_line(choice)
        assert choice.as_dict()["other_years"] == {"2024": 8}


class TestDefaultYears:
    def test_per_province_the_covering_year(self):
        survey = pd.DataFrame(
            {
                "province_code": ["01", "01", "01", "04", "04"],
                "commune_code": ["1", "2", "2", "7", "7"],
                "year": [2025, 2025, 2026, 2024, 2025],
            }
        )
        assert years.default_years(survey).to_dict() == {"01": 2025, "04": 2025}
