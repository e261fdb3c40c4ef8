"""One commune's form: names, locked and open cells, dropdowns, village rows, last survey shown."""

from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from ntmplan.survey.forms import form_file_name, read_return, write_commune_form

UNIT = pd.Series(
    {
        "province_code": "12",
        "province_name": "Tỉnh Lai Châu",
        "commune_code": "03390",
        "commune_name": "Xã Bình Lư",
        "unit_type": "xã",
    }
)
LAST = pd.Series(
    {
        "year": 2025,
        "households": 3656,
        "villages": 52,
        "postal_point": True,
        "ntm_level": "dat_chuan",
    }
)


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    path = write_commune_form(tmp_path_factory.mktemp("f") / "f.xlsx", UNIT, 2026, last=LAST)
    return path, openpyxl.load_workbook(path)


class TestFormFileName:
    def test_code_and_ascii_name(self):
        assert form_file_name("26734", "Xã Tân Lập") == "26734_xa_tan_lap.xlsx"
        assert form_file_name("00004", "Phường Đống Đa") == "00004_phuong_dong_da.xlsx"


class TestWriteCommuneForm:
    def test_sheets_in_order(self, form):
        _, wb = form
        assert wb.sheetnames == ["huong_dan", "khao_sat", "thon", "xem_lai", "danh_muc"]
        assert "XÃ BÌNH LƯ — TỈNH LAI CHÂU" in [
            c.value for (c,) in wb["huong_dan"].iter_rows(max_col=1)
        ]

    def test_codes_name_type_and_year_filled_and_locked(self, form):
        _, wb = form
        ws = wb["khao_sat"]
        assert [ws.cell(row=3, column=j).value for j in range(1, 6)] == [
            "12",
            "03390",
            "Xã Bình Lư",
            "Xã",
            2026,
        ]
        assert all(ws.cell(row=3, column=j).protection.locked for j in range(1, 6))
        assert ws.cell(row=2, column=6).value == "households"
        assert not ws.cell(row=3, column=6).protection.locked
        assert ws.protection.sheet and wb["thon"].protection.sheet
        assert (
            ws.freeze_panes == "D3" and wb["thon"].freeze_panes == "E3"
        )  # codes and name stay in view

    def test_last_survey_shown_in_the_comments(self, form):
        _, wb = form
        ws = wb["khao_sat"]
        assert ws.cell(row=3, column=6).comment.text == "Kỳ trước (năm 2025): 3656"
        names = {c.value: c.column for c in ws[2]}
        assert (
            ws.cell(row=3, column=names["postal_point"]).comment.text == "Kỳ trước (năm 2025): Có"
        )
        assert (
            ws.cell(row=3, column=names["ntm_level"]).comment.text
            == "Kỳ trước (năm 2025): Đạt chuẩn NTM"
        )
        review = wb["xem_lai"]
        assert review["C2"].value == "Kỳ trước (năm 2025)"
        assert (
            review["B8"].value == '=IF(khao_sat!F3="","",khao_sat!F3)'
            and review["C8"].value == 3656
        )

    def test_dropdowns_offer_vietnamese_labels(self, form):
        _, wb = form
        ws = wb["khao_sat"]
        names = {c.value: c.column for c in ws[2]}
        letter = openpyxl.utils.get_column_letter(names["postal_point"])
        dv = [d for d in ws.data_validations.dataValidation if str(d.sqref) == f"{letter}3"]
        assert len(dv) == 1 and dv[0].type == "list" and dv[0].formula1.startswith("danh_muc!$C$")
        lists = wb["danh_muc"]
        labels = [lists.cell(row=r, column=3).value for r in range(2, lists.max_row + 1)]
        assert labels[:2] == ["Có", "Không"] and "Thôn" in labels and "Buôn" in labels

    def test_village_rows_prefilled_and_open(self, form):
        _, wb = form
        ws = wb["thon"]
        # 52 villages last time + 10 spare = 62 rows, rows 3–64
        assert [ws.cell(row=64, column=j).value for j in (1, 2, 3)] == ["12", "03390", 2026]
        assert ws.cell(row=65, column=1).value is None
        assert (
            ws.cell(row=3, column=1).protection.locked
            and not ws.cell(row=3, column=4).protection.locked
        )

    def test_an_unfilled_form_reads_back_with_no_village(self, form):
        path, _ = form
        returned = read_return(path)
        assert returned.communes.index.tolist() == [3] and returned.villages is None
        assert returned.communes.loc[3, "commune_code"] == "03390"


class TestLastValues:
    def test_each_communes_latest_year_of_the_province(self):
        survey = pd.DataFrame(
            {
                "province_code": ["12", "12", "12", "11"],
                "commune_code": ["03390", "03390", "03394", "03100"],
                "year": [2025, 2024, 2023, 2025],
                "households": [10, 9, 7, 5],
            }
        )
        from ntmplan.survey.forms.writing import last_values

        last = last_values(survey, "12")
        assert sorted(last.index) == ["03390", "03394"]
        assert last.loc["03390", "households"] == 10 and last.loc["03394", "year"] == 2023
        assert last_values(None, "12").empty
