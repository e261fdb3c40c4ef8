"""Whole-file checks of a survey: sheets merged, a commune on two sheets, a sparse year."""

import pandas as pd

from ntmplan.survey.survey_file import cross_sheet_duplicates, sparse_year_problems


def sheet(file: str, rows: list[tuple], first_row: int = 2) -> pd.DataFrame:
    """A read sheet: (province_code, commune_code, year) text rows with Excel row numbers."""
    frame = pd.DataFrame(rows, columns=["province_code", "commune_code", "year"], dtype=object)
    frame.index = pd.Index(range(first_row, first_row + len(rows)), name="excel_row")
    frame.attrs["file"] = file
    return frame


class TestSparseYear:
    def test_one_row_of_another_year_is_named(self):
        rows = [("01", f"{i:05d}", "2025") for i in range(9)] + [("01", "00099", "2026")]
        (p,) = sparse_year_problems([sheet("f.csv", rows)])
        # 1 row in 2026 against 9 in 2025: 1 < 0.5 × 9
        assert (p.file, p.row, p.column, p.value, p.severity) == (
            "f.csv",
            11,
            "year",
            "2026",
            "warning",
        )
        assert (
            "year 2026 has only 1 row(s) of province 01 (the best-covered year has 9) — rows 11;"
            in p.rule_en
        )

    def test_each_province_is_judged_on_its_own_rows(self):
        rows = [("01", "a", "2025"), ("01", "b", "2025"), ("02", "c", "2024"), ("02", "d", "2025")]
        assert sparse_year_problems([sheet("f.csv", rows)]) == []

    def test_exactly_half_is_not_sparse(self):
        rows = [("01", c, "2025") for c in "abcd"] + [("01", c, "2024") for c in "ab"]
        assert sparse_year_problems([sheet("f.csv", rows)]) == []
        rows = rows[:-1]  # 1 < 0.5 × 4
        assert [p.value for p in sparse_year_problems([sheet("f.csv", rows)])] == ["2024"]

    def test_share_comes_from_params(self):
        from ntmplan.core.params import default_params

        params = default_params()
        params["survey"]["sparse_year_share"] = 0.9
        rows = [("01", c, "2025") for c in "abcdefghij"] + [("01", c, "2024") for c in "abcdefgh"]
        # 8 < 0.9 × 10 = 9
        assert [p.value for p in sparse_year_problems([sheet("f.csv", rows)], params)] == ["2024"]

    def test_rows_listed_are_capped(self):
        rows = [("01", f"{i:05d}", "2025") for i in range(60)] + [
            ("01", f"{i:05d}", "2024") for i in range(25)
        ]
        (p,) = sparse_year_problems([sheet("f.csv", rows)])
        assert p.rule_en.count(";") >= 19 and "… (+5)" in p.rule_en

    def test_missing_year_column_is_left_to_validation(self):
        frame = sheet("f.csv", [("01", "a", "2025")]).drop(columns="year")
        assert sparse_year_problems([frame]) == []


class TestCrossSheetDuplicates:
    def test_commune_on_two_sheets_same_year(self):
        a = sheet("f.xlsx › A", [("01", "00376", "2025"), ("01", "00382", "2025")])
        b = sheet("f.xlsx › B", [("01", "00385", "2025"), ("01", "00376", " 2025")])
        problems = cross_sheet_duplicates([a, b])
        assert [(p.file, p.row, p.value) for p in problems] == [
            ("f.xlsx › A", 2, "00376"),
            ("f.xlsx › B", 3, "00376"),
        ]
        assert "(f.xlsx › A dòng/row 2; f.xlsx › B dòng/row 3)" in problems[0].rule_en

    def test_same_commune_other_year_is_fine(self):
        a = sheet("A", [("01", "00376", "2024")])
        b = sheet("B", [("01", "00376", "2025")])
        assert cross_sheet_duplicates([a, b]) == []

    def test_duplicates_within_one_sheet_are_left_to_validation(self):
        a = sheet("A", [("01", "00376", "2025"), ("01", "00376", "2025")])
        assert cross_sheet_duplicates([a]) == []
