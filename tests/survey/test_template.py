"""Tests for ntmplan.survey.template: the Excel survey form."""

from __future__ import annotations

import copy

import pytest

from ntmplan.core.params import default_params
from ntmplan.survey import schema, template
from ntmplan.survey.reading import read_table

# Two real 2025 units (Hà Nội), as a planner types them into the form (numbers as numbers).
FILLED = [
    [
        "01",
        "00376",
        "Xã Sóc Sơn",
        "xã",
        2025,
        1000,
        4000,
        10,
        20,
        8,
        10,
        "có",
        "có",
        600,
        700,
        550,
        20,
        18,
        20,
        0.65,
        "không",
        1,
        5,
        2,
        1,
        3,
        1,
        40,
        "trong_trot",
        2,
        3,
        "dat_chuan",
        None,
    ],
    [
        "01",
        "00382",
        "Xã Kim Anh",
        "xã",
        2025,
        800,
        3000,
        8,
        18,
        8,
        8,
        "có",
        "không",
        500,
        600,
        450,
        18,
        18,
        18,
        0.7,
        "có",
        2,
        6,
        1,
        1,
        2,
        0,
        20,
        None,
        1,
        2,
        "nang_cao",
        "zone_i",
    ],
]


@pytest.fixture(scope="module")
def form(tmp_path_factory):
    return template.write_template(tmp_path_factory.mktemp("t") / "mau.xlsx")


def _validations(ws):
    """Column letter → the data validation covering its data rows."""
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            out[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    return out


class TestWriteTemplate:
    def test_sheets_and_header_rows(self, form):
        from openpyxl import load_workbook

        wb = load_workbook(form)
        assert wb.sheetnames == ["khao_sat", "tu_dien", "danh_muc", "huong_dan"]
        ws = wb["khao_sat"]
        assert [c.value for c in ws[1]] == [f.label_vi for f in schema.FIELDS]
        assert [c.value for c in ws[2]] == list(schema.COLUMNS)
        assert ws["F1"].comment is not None and "households" in ws["F1"].comment.text
        assert ws.freeze_panes == "C3"
        assert ws.column_dimensions["A"].number_format == "@"  # codes keep leading zeros
        assert ws.max_row == 2  # no data rows

    def test_dropdowns_for_enumerated_and_yes_no_columns(self, form):
        from openpyxl import load_workbook
        from openpyxl.utils import get_column_letter

        wb = load_workbook(form)
        dvs = _validations(wb["khao_sat"])
        lists = wb["danh_muc"]
        col = {f.name: get_column_letter(i) for i, f in enumerate(schema.FIELDS, start=1)}
        for name in (
            "unit_type",
            "postal_point",
            "radio_it",
            "criterion_8_4",
            "ntm_level",
            "prominent_sector",
            "commune_category",
        ):
            dv = dvs[col[name]]
            assert dv.type == "list", name
            # the formula points at the lists sheet; read the values it covers
            ref = dv.formula1.split("!")[1].replace("$", "")
            values = [c.value for row in lists[ref] for c in row]
            # the dropdowns offer Vietnamese labels, not codes
            survey = default_params()["survey"]
            expected = {
                "unit_type": ["Xã", "Phường", "Đặc khu"],
                "ntm_level": [
                    "Chưa đạt chuẩn NTM",
                    "Đạt chuẩn NTM",
                    "NTM nâng cao",
                    "NTM kiểu mẫu",
                ],
            }
            if name in expected:
                assert values == expected[name]
            elif name == "prominent_sector":
                assert values == [lab.split(" / ")[0] for lab in survey["sectors"].values()]
                assert values[2] == "Trồng trọt" and "trong_trot" not in values
                assert "Kinh tế" in values and values[-1] == "Khác"
            elif name == "commune_category":
                assert values == [
                    lab.split(" / ")[0] for lab in survey["commune_categories"].values()
                ]
                assert "Xã khu vực II" in values and "zone_ii" not in values
                assert dv.allow_blank
            else:
                assert values == ["Có", "Không"]
            assert "Chọn trong danh sách: " + values[0] in dv.prompt
        assert str(dvs[col["unit_type"]].sqref) == "D3:D5002"

    def test_number_checks(self, form):
        from openpyxl import load_workbook

        dvs = _validations(load_workbook(form)["khao_sat"])
        assert (dvs["F"].type, dvs["F"].operator, dvs["F"].formula1) == (
            "whole",
            "greaterThanOrEqual",
            "1",
        )  # households ≥ 1
        assert (dvs["J"].type, dvs["J"].formula1) == ("whole", "0")  # villages_fiber ≥ 0
        assert (dvs["E"].type, dvs["E"].formula1, dvs["E"].formula2) == (
            "whole",
            "2020",
            "2035",
        )  # year
        assert (dvs["T"].type, dvs["T"].formula1, dvs["T"].formula2) == (
            "decimal",
            "0",
            "1",
        )  # share
        assert (dvs["AE"].formula1, dvs["AE"].formula2) == ("1", "5")  # dx_demand
        assert "C" not in dvs  # commune_name: free text
        assert all(len(dv.error) <= 255 and len(dv.promptTitle) <= 32 for dv in dvs.values())

    def test_dictionary_sheet(self, form):
        from openpyxl import load_workbook

        ws = load_workbook(form)["tu_dien"]
        assert [c.value for c in ws[1]] == list(schema.DICTIONARY_LABELS.values())
        assert ws.max_row == len(schema.COLUMNS) + 2  # header + 33 columns + note
        assert "minh họa" in ws.cell(row=ws.max_row, column=2).value

    def test_filled_form_reads_back_and_validates(self, form, tmp_path):
        from openpyxl import load_workbook

        wb = load_workbook(form)
        ws = wb["khao_sat"]
        for r, values in enumerate(FILLED, start=3):
            for c, v in enumerate(values, start=1):
                ws.cell(row=r, column=c, value=v)
        path = tmp_path / "filled.xlsx"
        wb.save(path)
        raw = read_table(path)
        assert raw.index.tolist() == [3, 4]  # first data row is Excel row 3
        typed, problems = schema.validate_survey(raw)
        assert problems == []
        assert typed["commune_code"].tolist() == ["00376", "00382"]
        assert typed["radio_it"].tolist() == [True, False]

    def test_error_in_filled_form_names_excel_row(self, form, tmp_path):
        from openpyxl import load_workbook

        wb = load_workbook(form)
        ws = wb["khao_sat"]
        for r, values in enumerate(FILLED, start=3):
            for c, v in enumerate(values, start=1):
                ws.cell(row=r, column=c, value=v)
        ws["T4"] = 70  # share typed as a percentage
        path = tmp_path / "filled.xlsx"
        wb.save(path)
        _, problems = schema.validate_survey(read_table(path))
        assert [(p.row, p.column) for p in problems] == [(4, "files_online_share")]

    def test_deterministic(self, form, tmp_path):
        again = template.write_template(tmp_path / "again.xlsx")
        assert again.read_bytes() == form.read_bytes()

    def test_params_lists_are_used(self, tmp_path):
        params = copy.deepcopy(default_params())
        params["survey"]["sectors"]["nuoi_ong"] = "Nuôi ong / beekeeping"
        lists = template.dropdown_lists(params)
        assert "nuoi_ong" in lists.loc[lists["list"] == "prominent_sector", "code"].tolist()

    def test_legacy_scheme_unit_types(self):
        lists = template.dropdown_lists(scheme="legacy")
        assert lists.loc[lists["list"] == "unit_type", "code"].tolist() == [
            "xã",
            "phường",
            "thị trấn",
        ]

    def test_unknown_scheme(self, tmp_path):
        with pytest.raises(ValueError):
            template.write_template(tmp_path / "x.xlsx", scheme="old")


def _labelled_rows():
    """FILLED with every coded cell replaced by what the dropdown offers (Vietnamese labels)."""
    col = {f.name: i for i, f in enumerate(schema.FIELDS)}
    rows = [list(r) for r in FILLED]
    rows[0][col["unit_type"]] = "Xã"
    rows[0][col["postal_point"]] = "Có"
    rows[0][col["criterion_8_4"]] = "Không"
    rows[0][col["prominent_sector"]] = "Trồng trọt"
    rows[0][col["ntm_level"]] = "Đạt chuẩn NTM"
    rows[1][col["ntm_level"]] = "NTM nâng cao"
    rows[1][col["commune_category"]] = "Xã khu vực I"
    return rows


class TestLabelsRoundTrip:
    def test_dropdown_labels_validate_to_codes(self, form, tmp_path):
        from openpyxl import load_workbook

        wb = load_workbook(form)
        ws = wb["khao_sat"]
        for r, values in enumerate(_labelled_rows(), start=3):
            for c, v in enumerate(values, start=1):
                ws.cell(row=r, column=c, value=v)
        path = tmp_path / "filled.xlsx"
        wb.save(path)
        typed, problems = schema.validate_survey(read_table(path))
        assert problems == []
        assert typed["unit_type"].tolist() == ["xã", "xã"]
        assert typed["ntm_level"].tolist() == ["dat_chuan", "nang_cao"]
        assert typed["prominent_sector"].tolist()[0] == "trong_trot"
        assert typed["commune_category"].tolist()[1] == "zone_i"
        assert typed["postal_point"].tolist() == [True, True]
        assert typed["criterion_8_4"].tolist()[0] is False or not typed["criterion_8_4"].iloc[0]

    def test_every_offered_label_reads_back_as_its_code(self):
        lists = template.dropdown_lists()
        for name, grp in lists[lists["list"] != "yes_no"].groupby("list"):
            lookup = {schema.fold(k): v for k, v in zip(grp["label"], grp["code"], strict=True)}
            assert len(lookup) == len(grp), name  # no two codes share a label
        for _, row in lists.iterrows():
            assert row["label"][:1].isupper(), row["label"]
            assert " / " not in row["label"]


class TestFormLayout:
    def test_form_prints_a4_landscape_fit_to_width_with_headers(self, form):
        from openpyxl import load_workbook

        ws = load_workbook(form)["khao_sat"]
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.orientation == "landscape"
        assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.print_title_rows == "$1:$2"
        assert ws.oddHeader.center.text == "Phiếu khảo sát chuyển đổi số cấp xã"
        assert ws.oddFooter.center.text == "Trang &P/&N"

    def test_instructions_use_decimal_comma_and_labels(self, form):
        from openpyxl import load_workbook

        wb = load_workbook(form)
        text = "\n".join(str(c.value) for (c,) in wb["huong_dan"].iter_rows())
        assert "0,75" in text and "0.6" not in text
        assert "«Có» hoặc «Không»" in text
        lists = wb["danh_muc"]
        shown = [c.value for c in lists["A"]][1:]
        assert "yes_no" not in shown and "Có/Không" in shown
        assert "Mức đạt chuẩn nông thôn mới" in shown and "ntm_level" not in shown
