"""Limits on what a survey file may ask for: rows, cells, shared strings, OpenDocument."""

import io
import zipfile

import pytest

from ntmplan.core.errors import InputError
from ntmplan.survey.reading import limits, read_table


def test_rows_and_cells_within_limits_pass():
    limits.check_rows(limits.MAX_ROWS, limits.MAX_CELLS, "f.csv")


def test_too_many_rows_names_the_limit():
    with pytest.raises(InputError) as exc:
        limits.check_rows(limits.MAX_ROWS + 1, 10, "f.xlsx", "2")
    p = exc.value.problems[0]
    assert "100,001 rows (sheet 2), beyond the limit of 100,000" in p.rule_en
    assert "100.001 dòng (trang tính thứ 2), vượt giới hạn 100.000 dòng" in p.rule_vi


def test_too_many_cells_names_the_limit():
    with pytest.raises(InputError) as exc:
        limits.check_rows(10, limits.MAX_CELLS + 1, "f.csv")
    assert "1,000,001 cells, beyond the limit of 1,000,000" in exc.value.problems[0].rule_en


def test_a_csv_beyond_the_row_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    path = tmp_path / "s.csv"
    path.write_text("province_code,commune_code,year\n" + "01,00376,2025\n" * 5, encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(InputError) as exc:
        read_table(path)
    assert "6 rows, beyond the limit of 5" in exc.value.problems[0].rule_en
    assert path.read_bytes() == before


def test_an_xlsx_sheet_beyond_the_row_limit_is_refused_before_parsing(tmp_path, monkeypatch):
    import openpyxl

    wb = openpyxl.Workbook()
    for i in range(8):
        wb.active.append(["01", "00376", 2025 + i])
    path = tmp_path / "s.xlsx"
    wb.save(path)
    monkeypatch.setattr(limits, "MAX_ROWS", 7)
    with pytest.raises(InputError) as exc:
        read_table(path)
    assert "8 rows (sheet 1), beyond the limit of 7" in (exc.value.problems[0].rule_en)


def test_shared_strings_counted_when_not_declared(monkeypatch):
    monkeypatch.setattr(limits, "MAX_SHARED_STRINGS", 3)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr(
            "xl/sharedStrings.xml", b"<sst>" + b"<si><t>a</t></si>" * 4 + b"</sst>" + b" " * 200
        )
    with pytest.raises(InputError) as exc:
        limits.check_workbook_archive(buf.getvalue(), "f.xlsx")
    assert "holds 4 shared strings, beyond the limit of 3" in exc.value.problems[0].rule_en


def test_opendocument_by_name_or_content(tmp_path):
    ods = tmp_path / "s.ods"
    ods.write_bytes(b"not even a zip")
    with pytest.raises(InputError) as exc:
        read_table(ods)
    assert "OpenDocument" in exc.value.problems[0].rule_en
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
    renamed = tmp_path / "s.xlsx"
    renamed.write_bytes(buf.getvalue())
    with pytest.raises(InputError) as exc:
        read_table(renamed)
    assert "OpenDocument" in exc.value.problems[0].rule_en
