"""Stacking tables and sending each problem back to its file and Excel row (by hand)."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.survey.forms.batches import STACK_HEADER, row_keys, stack, unstack_problems


def table(rows, index):
    return pd.DataFrame(rows, index=pd.Index(index, name="excel_row"))


class TestStack:
    def test_rows_keep_their_file_and_excel_row(self):
        a = table({"commune_code": ["1", "2"]}, [3, 5])
        b = table({"commune_code": ["3"]}, [3])
        stacked, origin = stack([a, b])
        assert stacked.index.tolist() == [0, 1, 2] and stacked.attrs["header_row"] == STACK_HEADER
        assert origin.values.tolist() == [[0, 3], [0, 5], [1, 3]]


class TestUnstackProblems:
    def test_each_problem_goes_back_to_its_file_sheet_and_row(self):
        origin = pd.DataFrame({"part": [0, 0, 1], "row": [3, 5, 3]})
        problems = [
            Problem(None, 1, "households", "x", "vi", "en"),
            Problem(None, STACK_HEADER, "ghi_chu", None, "vi", "en", "warning"),
        ]
        out = unstack_problems(problems, origin, ["a.xlsx", "b.csv"], ["khao_sat", None], [1, 2])
        assert [(p.file, p.sheet, p.row, p.column) for p in out[0]] == [
            ("a.xlsx", "khao_sat", 5, "households"),
            ("a.xlsx", "khao_sat", 1, "ghi_chu"),
        ]
        assert [(p.file, p.sheet, p.row, p.column) for p in out[1]] == [
            ("b.csv", None, 2, "ghi_chu")
        ]


class TestRowKeys:
    def test_codes_padded_and_years_whole(self):
        keys = row_keys(
            pd.DataFrame(
                {
                    "commune_code": ["3390", " 03394", "x", None],
                    "year": ["2026", "2026.5", "2026", None],
                }
            )
        )
        assert keys["commune_code"].tolist()[:3] == ["03390", "03394", "x"]
        assert keys["year"].isna().tolist() == [False, True, False, True]
        assert keys["year"].iloc[0] == 2026 and keys["year"].iloc[2] == 2026
