"""Tests for ntmplan.survey.reading: read_table on CSV and XLSX files (never writing them)."""

from __future__ import annotations

import codecs
import io as _io
import unicodedata
import zipfile

import pytest

from ntmplan.core.errors import InputError
from ntmplan.survey import reading as io
from ntmplan.survey.schema import COLUMNS, LABELS, validate_survey
from tests.survey_fixtures import ROW_A, ROW_B, csv_text


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: letters with ơ ư â ă ê ô precomposed, tone marks combining."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(m for m in parts[1:] if m in "\u0300\u0301\u0303\u0309\u0323")
            shape = unicodedata.normalize(
                "NFC", parts[0] + "".join(m for m in parts[1:] if m not in tones)
            )
            out.append((shape + tones).encode("cp1258"))
    return b"".join(out)


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def xlsx(tmp_path, rows: list[list], name="s.xlsx", title="khao_sat", extra_sheets=()):
    """Write rows (lists of values) to an xlsx with openpyxl; return the path."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = title
    for r in rows:
        ws.append(r)
    for s in extra_sheets:
        wb.create_sheet(s)
    path = tmp_path / name
    wb.save(path)
    return path


def typed_values(row: list[str]) -> list:
    """The row with numbers as numbers (as a person types them into Excel)."""
    out = []
    for v in row:
        try:
            out.append(
                int(v)
                if v.isdigit() and len(v) < 5 and not v.startswith("0")
                else float(v)
                if "." in v
                else v
            )
        except ValueError:
            out.append(v)
    return [None if v == "" else v for v in out]


class TestReadTable:
    def test_utf8_csv(self, tmp_path, file_hash):
        path = write(tmp_path, "s.csv", csv_text().encode("utf-8"))
        before = file_hash(path)
        raw = io.read_table(path)
        assert file_hash(path) == before
        assert list(raw.columns) == list(COLUMNS)
        assert raw.index.tolist() == [2, 3] and raw.index.name == "excel_row"
        assert raw.loc[2, "commune_name"] == "Xã Sóc Sơn"
        assert raw.loc[2, "commune_category"] is None
        assert raw.attrs["problems"] == [] and raw.attrs["header_row"] == 1
        _, problems = validate_survey(raw)
        assert problems == []

    def test_bom_is_removed_silently(self, tmp_path):
        path = write(tmp_path, "s.csv", codecs.BOM_UTF8 + csv_text().encode("utf-8"))
        raw = io.read_table(path)
        assert raw.columns[0] == "province_code"
        assert raw.attrs["problems"] == []

    def test_nfd_text_is_normalised_with_a_warning(self, tmp_path):
        path = write(tmp_path, "s.csv", unicodedata.normalize("NFD", csv_text()).encode("utf-8"))
        raw = io.read_table(path)
        assert raw.loc[2, "commune_name"] == "Xã Sóc Sơn"  # NFC again
        assert unicodedata.is_normalized("NFC", raw.loc[2, "commune_name"])
        (p,) = raw.attrs["problems"]
        assert p.severity == "warning" and "NFD" in p.rule_vi

    def test_vietnamese_headers_map_to_columns(self, tmp_path):
        header = [LABELS[c] for c in COLUMNS]
        path = write(tmp_path, "s.csv", csv_text(header=header).encode("utf-8"))
        assert list(io.read_table(path).columns) == list(COLUMNS)

    def test_utf16_with_bom_tab_separated(self, tmp_path):
        # Excel's "Unicode Text": UTF-16 LE with BOM, tab-separated
        path = write(tmp_path, "s.txt", csv_text(sep="\t").encode("utf-16"))
        raw = io.read_table(path)
        assert raw.loc[3, "commune_name"] == "Xã Kim Anh"
        (p,) = raw.attrs["problems"]
        assert p.severity == "warning" and "UTF-16" in p.rule_vi

    def test_utf16_without_bom(self, tmp_path):
        path = write(tmp_path, "s.csv", csv_text().encode("utf-16-le"))
        raw = io.read_table(path)
        assert raw.loc[2, "commune_name"] == "Xã Sóc Sơn"
        assert "UTF-16" in raw.attrs["problems"][0].rule_vi

    def test_cp1258_is_converted_with_a_warning(self, tmp_path):
        # "Hội" has a combining dot below after ô in cp1258 (0xF4 0xF2)
        path = write(
            tmp_path, "s.csv", to_cp1258(csv_text().replace("Xã Kim Anh", "Xã Kim Anh Hội"))
        )
        assert b"S\xf3c S\xf5n" in path.read_bytes() and b"H\xf4\xf2i" in path.read_bytes()
        raw = io.read_table(path)
        assert raw.loc[2, "commune_name"] == "Xã Sóc Sơn"
        assert raw.loc[3, "commune_name"] == "Xã Kim Anh Hội" and unicodedata.is_normalized(
            "NFC", raw.loc[3, "commune_name"]
        )
        (p,) = raw.attrs["problems"]
        assert p.severity == "warning" and "cp1258" in p.rule_vi

    def test_unknown_legacy_encoding_is_refused_with_explanation(self, tmp_path):
        # "Hà Nội" in TCVN3 (ABC): H, 0xB5 (à), space, N, 0xE9 (ộ), i — not UTF-8, not Vietnamese in cp1258
        data = (
            csv_text().encode("utf-8").replace("Xã Sóc Sơn".encode(), b"H\xb5 N\xe9i \xb8\xb9\xb6")
        )
        path = write(tmp_path, "s.csv", data)
        with pytest.raises(InputError) as exc:
            io.read_table(path)
        (p,) = exc.value.problems
        assert "TCVN3" in p.rule_vi and "UTF-8" in p.rule_vi

    def test_semicolon_separator(self, tmp_path):
        path = write(tmp_path, "s.csv", csv_text(sep=";").encode("utf-8"))
        raw = io.read_table(path)
        assert raw.loc[3, "ntm_level"] == "nang_cao"

    @pytest.mark.parametrize("data", [b"", b"   \r\n\n", codecs.BOM_UTF8])
    def test_empty_file(self, tmp_path, data):
        path = write(tmp_path, "s.csv", data)
        with pytest.raises(InputError) as exc:
            io.read_table(path)
        assert exc.value.problems[0].rule_vi == "Tệp rỗng"

    def test_header_only(self, tmp_path):
        path = write(tmp_path, "s.csv", csv_text(rows=()).encode("utf-8"))
        raw = io.read_table(path)
        assert len(raw) == 0 and list(raw.columns) == list(COLUMNS)
        _, problems = validate_survey(raw)
        assert "không có dòng dữ liệu" in problems[0].rule_vi

    def test_missing_file(self, tmp_path):
        with pytest.raises(InputError) as exc:
            io.read_table(tmp_path / "nope.csv")
        assert exc.value.problems[0].rule_vi == "Không tìm thấy tệp"

    def test_directory_is_not_a_file(self, tmp_path):
        with pytest.raises(InputError, match="1 vấn đề"):
            io.read_table(tmp_path)

    def test_old_xls_is_refused(self, tmp_path):
        path = write(tmp_path, "s.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100)
        with pytest.raises(InputError) as exc:
            io.read_table(path)
        assert ".xls" in exc.value.problems[0].rule_vi

    def test_blank_rows_skipped_and_row_numbers_kept(self, tmp_path):
        text = csv_text().replace("\n01,00382", "\n,,,\n01,00382")
        raw = io.read_table(write(tmp_path, "s.csv", text.encode()))
        assert raw.index.tolist() == [2, 4]

    def test_row_with_more_cells_than_header(self, tmp_path):
        text = csv_text().replace("Xã Kim Anh", "Xã Kim Anh, Sóc Sơn")
        raw = io.read_table(write(tmp_path, "s.csv", text.encode()))
        errs = [p for p in raw.attrs["problems"] if p.severity == "error"]
        assert [(p.row, p.value) for p in errs] == [(3, "1")]  # the last cell (ethnic_region)
        assert "dấu phẩy" in errs[0].rule_vi

    def test_duplicate_header(self, tmp_path):
        text = csv_text(header=[*COLUMNS[:-1], "households"])
        raw = io.read_table(write(tmp_path, "s.csv", text.encode()))
        (p,) = raw.attrs["problems"]
        assert (p.row, p.column, p.severity) == (1, "households", "error")

    def test_xlsx_with_numbers_bools_and_empty_cells(self, tmp_path, file_hash):
        path = xlsx(tmp_path, [list(COLUMNS), typed_values(ROW_A), typed_values(ROW_B)])
        before = file_hash(path)
        raw = io.read_table(path)
        assert file_hash(path) == before
        assert raw.loc[2, "households"] == "1000" and raw.loc[2, "files_online_share"] == "0.65"
        assert raw.loc[3, "prominent_sector"] is None
        typed, problems = validate_survey(raw)
        assert problems == [] and len(typed) == 2

    def test_xlsx_codes_typed_as_numbers_are_padded(self, tmp_path):
        row = typed_values(ROW_A)
        row[0], row[1] = 1, 376  # Excel dropped the leading zeros
        typed, problems = validate_survey(io.read_table(xlsx(tmp_path, [list(COLUMNS), row])))
        assert problems == []
        assert typed.loc[0, ["province_code", "commune_code"]].tolist() == ["01", "00376"]

    def test_xlsx_title_rows_above_header(self, tmp_path):
        rows = [
            ["BÁO CÁO KHẢO SÁT CHUYỂN ĐỔI SỐ"],
            ["Tỉnh: Hà Nội"],
            [],
            [LABELS[c] for c in COLUMNS],
            typed_values(ROW_A),
            typed_values(ROW_B),
        ]
        raw = io.read_table(xlsx(tmp_path, rows))
        assert raw.attrs["header_row"] == 4
        assert raw.index.tolist() == [5, 6]
        (p,) = raw.attrs["problems"]
        assert p.severity == "warning" and "dòng 4" in p.rule_vi
        raw.loc[6, "villages_4g"] = "99"
        _, problems = validate_survey(raw)
        assert [(x.row, x.column) for x in problems if x.severity == "error"] == [
            (6, "villages_4g")
        ]

    def test_xlsx_wrong_sheet_name_requested(self, tmp_path):
        path = xlsx(tmp_path, [list(COLUMNS)], title="Sheet1")
        with pytest.raises(InputError) as exc:
            io.read_table(path, sheet="khao_sat_2025")
        assert "Sheet1" in exc.value.problems[0].rule_vi

    def test_xlsx_survey_found_on_another_sheet(self, tmp_path):
        path = xlsx(
            tmp_path, [list(COLUMNS), typed_values(ROW_A)], title="Data", extra_sheets=("Ghi chú",)
        )
        raw = io.read_table(path)
        assert len(raw) == 1
        (p,) = raw.attrs["problems"]
        assert p.severity == "warning" and "«Data»" in p.rule_vi

    def test_xlsx_without_any_survey_sheet(self, tmp_path):
        path = xlsx(tmp_path, [["a", "b"], [1, 2]], title="Bảng 1", extra_sheets=("Bảng 2",))
        with pytest.raises(InputError) as exc:
            io.read_table(path)
        assert "Không tìm thấy trang khảo sát" in exc.value.problems[0].rule_vi

    def test_xlsx_sheet_name_case_insensitive(self, tmp_path):
        path = xlsx(tmp_path, [list(COLUMNS), typed_values(ROW_A)], title="Khao_Sat")
        assert len(io.read_table(path, sheet="khao_sat")) == 1

    def test_xlsx_merged_cells_are_errors(self, tmp_path):
        from openpyxl import load_workbook

        path = xlsx(tmp_path, [list(COLUMNS), typed_values(ROW_A), typed_values(ROW_B)])
        wb = load_workbook(path)
        wb.active.merge_cells("E2:E3")  # the year, merged over both rows
        wb.save(path)
        raw = io.read_table(path)
        merged = [p for p in raw.attrs["problems"] if "merged" in p.rule_vi]
        assert [(p.row, p.column, p.value) for p in merged] == [(2, "year", "E2:E3")]
        _, problems = validate_survey(raw)
        assert {(p.row, p.column) for p in problems if p.severity == "error"} == {
            (2, "year"),
            (3, "year"),
        }

    def test_xlsx_merged_title_above_header_is_fine(self, tmp_path):
        from openpyxl import load_workbook

        path = xlsx(tmp_path, [["Khảo sát"], list(COLUMNS), typed_values(ROW_A)])
        wb = load_workbook(path)
        wb.active.merge_cells("A1:F1")
        wb.save(path)
        raw = io.read_table(path)
        assert [p.severity for p in raw.attrs["problems"]] == ["warning"]  # only "header on row 2"

    def test_xlsx_formula_with_saved_value_is_used_with_warning(self, tmp_path):
        row = typed_values(ROW_A)
        row[5] = "=500*2"  # households
        path = xlsx(tmp_path, [list(COLUMNS), row])
        # add the value Excel would have saved next to the formula
        buf = _io.BytesIO()
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(buf, "w") as dst:
            for item in src.infolist():
                data = src.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"<f>500*2</f><v></v>", b"<f>500*2</f><v>1000</v>").replace(
                        b"<f>500*2</f><v />", b"<f>500*2</f><v>1000</v>"
                    )
                dst.writestr(item, data)
        path.write_bytes(buf.getvalue())
        raw = io.read_table(path)
        assert raw.loc[2, "households"] == "1000"
        (p,) = raw.attrs["problems"]
        assert (p.row, p.column, p.severity, p.value) == (2, "households", "warning", "=500*2")

    def test_xlsx_formula_without_saved_value_is_an_error(self, tmp_path):
        row = typed_values(ROW_A)
        row[5] = "=500*2"
        raw = io.read_table(xlsx(tmp_path, [list(COLUMNS), row]))
        (p,) = raw.attrs["problems"]
        assert (p.row, p.column, p.severity) == (2, "households", "error")
        assert "không lưu giá trị" in p.rule_vi

    def test_xlsx_date_in_number_column_is_explained(self, tmp_path):
        import datetime

        row = typed_values(ROW_A)
        row[7] = datetime.datetime(2025, 1, 10)  # villages: "10/1" turned into a date
        raw = io.read_table(xlsx(tmp_path, [list(COLUMNS), row]))
        assert raw.loc[2, "villages"] == "2025-01-10"
        _, problems = validate_survey(raw)
        (p,) = [x for x in problems if x.severity == "error"]
        assert (p.row, p.column) == (2, "villages") and "ngày tháng" in p.rule_vi

    def test_xlsx_nfd_text_is_normalised(self, tmp_path):
        row = typed_values(ROW_A)
        row[2] = unicodedata.normalize("NFD", "Xã Sóc Sơn")
        raw = io.read_table(xlsx(tmp_path, [list(COLUMNS), row]))
        assert raw.loc[2, "commune_name"] == "Xã Sóc Sơn"
        assert "NFD" in raw.attrs["problems"][0].rule_vi

    @pytest.mark.parametrize("cut", [0.5, 0.9])
    def test_truncated_xlsx(self, tmp_path, cut):
        good = xlsx(tmp_path, [list(COLUMNS), typed_values(ROW_A)]).read_bytes()
        path = write(tmp_path, "broken.xlsx", good[: int(len(good) * cut)])
        with pytest.raises(InputError) as exc:
            io.read_table(path)
        assert "bị hỏng" in exc.value.problems[0].rule_vi

    def test_csv_named_xlsx(self, tmp_path):
        path = write(tmp_path, "s.xlsx", csv_text().encode())
        with pytest.raises(InputError, match="vấn đề"):
            io.read_table(path)

    def test_xlsx_template_english_row_is_skipped(self, tmp_path):
        path = xlsx(tmp_path, [[LABELS[c] for c in COLUMNS], list(COLUMNS), typed_values(ROW_A)])
        raw = io.read_table(path)
        assert raw.index.tolist() == [3]
        assert raw.attrs["problems"] == []


class TestRequireDataFile:
    def test_existing_file_is_returned_as_path(self, tmp_path):
        path = tmp_path / "khao_sat.csv"
        path.write_text("x\n", encoding="utf-8")
        assert io.require_data_file(str(path)) == path

    @pytest.mark.parametrize("name", ["missing.csv", ""])
    def test_missing_file_or_folder_is_refused(self, tmp_path, name):
        target = tmp_path / name
        with pytest.raises(InputError) as err:
            io.require_data_file(target)
        (problem,) = err.value.problems
        assert (problem.file, problem.row, problem.column, problem.value) == (
            str(target),
            None,
            None,
            None,
        )
        assert (problem.rule_vi, problem.rule_en) == (
            "Không tìm thấy tệp dữ liệu",
            "data file not found",
        )
