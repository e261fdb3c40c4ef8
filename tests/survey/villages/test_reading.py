"""Where village rows live and load_villages: CSV beside the survey, sheet thon, none at all."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from ntmplan.core.errors import InputError
from ntmplan.survey.villages import (
    VILLAGE_COLUMNS,
    load_villages,
    read_villages,
    village_source,
    workbook_sheets,
)
from tests.conftest import sha256

ROW = ["12", "03390", 2026, "Thôn Nà Khan", "thon", 120, 90, 100, "có", "có", None, 3, 1]


def write_csv(path, rows):
    pd.DataFrame(rows, columns=list(VILLAGE_COLUMNS)).to_csv(path, index=False)


def write_xlsx(path, sheets: dict):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r in rows:
            ws.append(r)
    wb.save(path)


class TestVillageSource:
    def test_csv_survey_has_its_villages_beside_it(self, tmp_path):
        (tmp_path / "khao_sat.csv").write_text("x\n", encoding="utf-8")
        assert village_source(tmp_path / "khao_sat.csv") is None
        write_csv(tmp_path / "khao_sat_thon.csv", [ROW])
        assert village_source(tmp_path / "khao_sat.csv") == (tmp_path / "khao_sat_thon.csv", None)

    def test_xlsx_survey_has_them_on_sheet_thon(self, tmp_path):
        write_xlsx(tmp_path / "a.xlsx", {"khao_sat": [["x"]], "Thon": [list(VILLAGE_COLUMNS), ROW]})
        assert workbook_sheets((tmp_path / "a.xlsx").read_bytes()) == ["khao_sat", "Thon"]
        assert village_source(tmp_path / "a.xlsx") == (tmp_path / "a.xlsx", "Thon")
        write_xlsx(tmp_path / "b.xlsx", {"khao_sat": [["x"]]})
        assert village_source(tmp_path / "b.xlsx") is None


class TestLoadVillages:
    def test_csv_villages_are_loaded_and_the_files_untouched(self, tmp_path):
        (tmp_path / "s.csv").write_text("x\n", encoding="utf-8")
        write_csv(
            tmp_path / "s_thon.csv",
            [ROW, [*ROW[:3], "Bản Hon", "ban", 80, 40, 50, "không", "có", "trong_trot", 2, 0]],
        )
        before = sha256(tmp_path / "s_thon.csv")
        villages = load_villages(tmp_path / "s.csv")
        assert villages["village_name"].tolist() == ["Thôn Nà Khan", "Bản Hon"]
        assert villages["fixed_broadband"].tolist() == [True, False]
        assert villages.attrs["problems"] == []
        assert sha256(tmp_path / "s_thon.csv") == before

    def test_no_village_data_gives_none(self, tmp_path):
        write_xlsx(tmp_path / "a.xlsx", {"khao_sat": [["x"]], "thon": [list(VILLAGE_COLUMNS)]})
        assert load_villages(tmp_path / "a.xlsx") is None
        write_xlsx(tmp_path / "b.xlsx", {"khao_sat": [["x"]], "thon": []})
        assert load_villages(tmp_path / "b.xlsx") is None

    def test_rows_holding_only_the_prefilled_codes_are_blank(self, tmp_path):
        blank = ["12", "03390", 2026] + [None] * 10
        write_xlsx(
            tmp_path / "a.xlsx",
            {"khao_sat": [["x"]], "thon": [list(VILLAGE_COLUMNS), ROW, blank, blank]},
        )
        raw = read_villages(tmp_path / "a.xlsx")
        assert raw.index.tolist() == [2] and raw.attrs["sheet"] == "thon"
        assert len(load_villages(tmp_path / "a.xlsx")) == 1

    def test_an_error_raises_with_file_sheet_row_and_column(self, tmp_path):
        bad = [*ROW[:3], "Bản Hon", "ban", 120, 130, 100, *ROW[8:]]
        write_xlsx(
            tmp_path / "a.xlsx", {"khao_sat": [["x"]], "thon": [list(VILLAGE_COLUMNS), ROW, bad]}
        )
        with pytest.raises(InputError) as exc:
            load_villages(tmp_path / "a.xlsx")
        (p,) = exc.value.errors
        assert (p.file, p.sheet, p.row, p.column) == (
            str(tmp_path / "a.xlsx"),
            "thon",
            3,
            "households_internet",
        )
        assert "Số hộ có kết nối Internet" in p.rule_vi and "must not exceed" in p.rule_en
