"""The fast reader gives the cells the general reader gives, and steps aside for what it cannot."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from ntmplan.survey.forms.xlsx_cells import plain_form_sheets, sheet_rows


def workbook(path, build):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "khao_sat"
    build(wb, ws)
    wb.save(path)
    return path.read_bytes()


def fill(wb, ws):
    ws.append(["province_code", "households", "files_online_share", "postal_point", "note"])
    ws.append(["12", 1200, 0.65, True, "Xã Bình Lư"])
    ws["A3"] = "04"
    ws["B3"] = dt.date(2026, 3, 4)
    ws["E3"] = "thôn"
    wb.create_sheet("thon")["A1"] = "village_name"


class TestSheetRows:
    def test_values_as_openpyxl_gives_them(self, tmp_path):
        data = workbook(tmp_path / "a.xlsx", fill)
        parts = plain_form_sheets(data, ("khao_sat", "thon"))
        rows = sheet_rows(data, parts)
        assert rows["khao_sat"][:2] == [
            ["province_code", "households", "files_online_share", "postal_point", "note"],
            ["12", 1200, 0.65, True, "Xã Bình Lư"],
        ]
        assert rows["khao_sat"][2] == ["04", dt.datetime(2026, 3, 4), None, None, "thôn"]
        assert rows["thon"] == [["village_name"]]


class TestPlainFormSheets:
    def test_a_formula_in_a_table_sends_the_file_to_the_general_reader(self, tmp_path):
        data = workbook(tmp_path / "f.xlsx", lambda wb, ws: ws.__setitem__("A2", "=1+1"))
        assert plain_form_sheets(data, ("khao_sat", "thon")) is None

    def test_a_merged_cell_too(self, tmp_path):
        data = workbook(tmp_path / "m.xlsx", lambda wb, ws: ws.merge_cells("A1:B1"))
        assert plain_form_sheets(data, ("khao_sat",)) is None

    def test_a_formula_on_another_sheet_does_not(self, tmp_path):
        data = workbook(
            tmp_path / "o.xlsx", lambda wb, ws: wb.create_sheet("xem_lai").__setitem__("A1", "=1")
        )
        assert plain_form_sheets(data, ("khao_sat", "thon")) == {
            "khao_sat": "xl/worksheets/sheet1.xml"
        }

    @pytest.mark.parametrize("data", [b"PK\x03\x04 broken", b"not a zip"])
    def test_what_cannot_be_opened_is_not_plain(self, data):
        assert plain_form_sheets(data, ("khao_sat",)) is None

    def test_without_the_survey_sheet_it_is_not_plain(self, tmp_path):
        data = workbook(tmp_path / "n.xlsx", lambda wb, ws: setattr(ws, "title", "Sheet1"))
        assert plain_form_sheets(data, ("khao_sat",)) is None
