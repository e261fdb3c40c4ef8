"""Tests for ntmplan.core.writers: deterministic, atomic Excel/CSV/JSON writers and formula neutralising."""

from __future__ import annotations

import codecs
import json
import os
import unicodedata
import zipfile

import numpy as np
import pandas as pd
import pytest

from ntmplan.core import writers
from ntmplan.survey import reading as io


class TestNeutralise:
    @pytest.mark.parametrize(
        "value, expected",
        [
            ("=1+2", "'=1+2"),
            ("+84", "'+84"),
            ("-x", "'-x"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tcmd", "'\tcmd"),
            ("Xã A", "Xã A"),
            ("", ""),
            (5, 5),
            (None, None),
        ],
    )
    def test_values(self, value, expected):
        assert writers.neutralise(value) == expected


def _frame():
    return pd.DataFrame(
        {
            "commune_name": ['=HYPERLINK("http://x")', "Xã Sóc Sơn", "@evil", None],
            "households": [1000, 800, -5, 0],
            "share": [0.65, np.nan, 0.1, 1.0],
            "ok": [True, False, True, False],
        }
    )


class TestWriteExcel:
    def test_deterministic_bytes_and_fixed_metadata(self, tmp_path):
        a = writers.write_excel(
            tmp_path / "a.xlsx", {"bang": _frame()}, labels={"households": "Số hộ"}
        )
        b = writers.write_excel(
            tmp_path / "b.xlsx", {"bang": _frame()}, labels={"households": "Số hộ"}
        )
        assert a.read_bytes() == b.read_bytes()
        with zipfile.ZipFile(a) as zf:
            assert {i.date_time for i in zf.infolist()} == {(2025, 1, 1, 0, 0, 0)}
            core = zf.read("docProps/core.xml").decode()
        assert "2025-01-01T00:00:00Z" in core and core.count("2025-01-01T00:00:00Z") == 2

    def test_content_labels_and_neutralisation(self, tmp_path):
        from openpyxl import load_workbook

        path = writers.write_excel(
            tmp_path / "a.xlsx",
            {"bang": _frame(), "hai": _frame().head(1)},
            labels={"households": "Số hộ"},
        )
        wb = load_workbook(path)
        assert wb.sheetnames == ["bang", "hai"]
        ws = wb["bang"]
        assert [c.value for c in ws[1]] == ["commune_name", "Số hộ", "share", "ok"]
        assert ws["A2"].value == '\'=HYPERLINK("http://x")' and ws["A2"].data_type == "s"
        assert ws["A4"].value == "'@evil"
        assert ws["B4"].value == -5  # numbers are not touched
        assert ws["C3"].value is None  # NaN → empty
        assert ws["D2"].value == "✓" and ws["D3"].value == "✗"  # yes/no as a planner reads it
        assert ws.freeze_panes == "A2"
        assert ws.column_dimensions["A"].width >= 10

    def test_no_formula_cells_anywhere(self, tmp_path):
        path = writers.write_excel(tmp_path / "a.xlsx", {"x": _frame()})
        with zipfile.ZipFile(path) as zf:
            assert b"<f>" not in zf.read("xl/worksheets/sheet1.xml")

    def test_long_and_odd_sheet_names(self, tmp_path):
        from openpyxl import load_workbook

        path = writers.write_excel(
            tmp_path / "a.xlsx", {"a/b:c" * 10: _frame(), "A/B:C" * 10: _frame()}
        )
        names = load_workbook(path).sheetnames
        assert len(names) == 2 and all(len(n) <= 31 and "/" not in n for n in names)

    def test_no_sheets(self, tmp_path):
        with pytest.raises(ValueError):
            writers.write_excel(tmp_path / "a.xlsx", {})

    def test_atomic_no_temp_left(self, tmp_path):
        writers.write_excel(tmp_path / "a.xlsx", {"x": _frame()})
        assert [p.name for p in tmp_path.iterdir()] == ["a.xlsx"]


def _coded():
    """A frame as a task hands it over: codes, yes/no, counts, money, shares, scores, years."""
    return pd.DataFrame(
        {
            "commune_code": ["00376", "00382"],
            "prominent_sector": ["trong_trot", "du_lich_nong_thon"],
            "ntm_level": ["dat_chuan", "nang_cao"],
            "eligible": [True, False],
            "households": [1200, 800],
            "gap_mvnd": [1165.5, 82.0],
            "files_online_share": [0.652, 0.3],
            "overall": [57.59, 40.1],
            "year": [2025, 2026],
            "status": ["ok", "late"],
        }
    )


def _read(path, sheet=None):
    from openpyxl import load_workbook

    wb = load_workbook(path)
    return wb[sheet] if sheet else wb.worksheets[0]


def _column(ws, header_row=1):
    return {c.value: c.column_letter for c in ws[header_row]}


class TestWriteExcelPresentation:
    def test_number_formats_by_column_kind(self, tmp_path):
        ws = _read(writers.write_excel(tmp_path / "a.xlsx", {"x": _coded()}))
        col = _column(ws)
        assert ws[f"{col['households']}2"].number_format == "#,##0"
        assert ws[f"{col['gap_mvnd']}2"].number_format == "#,##0.0"
        assert ws[f"{col['files_online_share']}2"].number_format == "0.0%"
        assert ws[f"{col['overall']}2"].number_format == "#,##0.0"
        assert ws[f"{col['year']}2"].number_format == "0"  # 2025, not 2.025
        assert ws[f"{col['gap_mvnd']}2"].value == 1165.5  # the number itself is kept
        assert ws[f"{col['files_online_share']}2"].value == pytest.approx(0.652)

    def test_kinds_given_by_the_task_win(self, tmp_path):
        # 07_progress.xlsx wrote targets and yearly values as 0.6, 0.62 (no percent format).
        df = pd.DataFrame({"target": [0.6], "2023": [0.62], "households": [10]})
        path = writers.write_excel(
            tmp_path / "k.xlsx", {"x": df}, kinds={"target": "share", "2023": "share"}
        )
        ws = _read(path)
        col = _column(ws)
        assert ws[f"{col['target']}2"].number_format == "0.0%"
        assert ws[f"{col['2023']}2"].number_format == "0.0%"
        assert ws[f"{col['households']}2"].number_format == "#,##0"  # not given: by its name
        assert ws[f"{col['target']}2"].value == pytest.approx(0.6)

    def test_vietnamese_headers_decide_kind_of_renamed_frames(self, tmp_path):
        df = pd.DataFrame(
            {"Năm / Year": [2025], "Số tiền (triệu đồng)": [200], "Tỷ lệ / Share": [0.25]}
        )
        ws = _read(writers.write_excel(tmp_path / "a.xlsx", {"x": df}))
        assert [ws[f"{c}2"].number_format for c in "ABC"] == ["0", "#,##0.0", "0.0%"]

    def test_codes_and_yes_no_become_labels(self, tmp_path):
        path = writers.write_excel(
            tmp_path / "a.xlsx",
            {"x": _coded()},
            value_labels={"status": {"ok": "Đúng hạn", "late": "Chậm"}},
        )
        ws = _read(path)
        col = _column(ws)
        values = [c.value for row in ws.iter_rows(min_row=2) for c in row]
        assert not any(isinstance(v, bool) for v in values)
        assert not {"trong_trot", "dat_chuan", "nang_cao", "ok", "late", "TRUE", "FALSE"} & set(
            values
        )
        assert ws[f"{col['prominent_sector']}2"].value.startswith("Trồng trọt")
        assert ws[f"{col['ntm_level']}3"].value.startswith("NTM nâng cao")
        assert [ws[f"{col['eligible']}{r}"].value for r in (2, 3)] == ["✓", "✗"]
        assert ws[f"{col['status']}3"].value == "Chậm"
        assert ws[f"{col['commune_code']}2"].value == "00376"  # codes of units stay as they are

    def test_params_labels_are_used(self, tmp_path):
        import copy

        from ntmplan.core.params import default_params

        params = copy.deepcopy(default_params())
        params["survey"]["sectors"]["trong_trot"] = "Trồng lúa / rice"
        ws = _read(writers.write_excel(tmp_path / "a.xlsx", {"x": _coded()}, params=params))
        assert ws[f"{_column(ws)['prominent_sector']}2"].value == "Trồng lúa / rice"

    def test_print_setup_wide_and_narrow(self, tmp_path):
        path = writers.write_excel(
            tmp_path / "a.xlsx", {"wide": _coded(), "narrow": _coded()[["households", "year"]]}
        )
        wide, narrow = _read(path, "wide"), _read(path, "narrow")
        for ws in (wide, narrow):
            assert int(ws.page_setup.paperSize) == 9  # A4
            assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
            assert ws.sheet_properties.pageSetUpPr.fitToPage is True
            assert ws.print_title_rows == "$1:$1"
            assert ws.freeze_panes == "A2"
        assert wide.page_setup.orientation == "landscape"  # 10 columns > 8
        assert narrow.page_setup.orientation == "portrait"

    def test_widths_capped_and_header_row_tall_enough(self, tmp_path):
        df = pd.DataFrame(
            {
                "note": ["chưa có cáp quang ở 7 thôn; thiếu máy tính nối mạng cho 4 cán bộ " * 3],
                "n": [1],
            }
        )
        labels = {"n": "Số cán bộ dùng thư điện tử công vụ và văn phòng điện tử"}
        ws = _read(writers.write_excel(tmp_path / "a.xlsx", {"x": df}, labels=labels))
        assert ws.column_dimensions["A"].width == 40.0  # capped
        assert ws["A2"].alignment.wrap_text  # long text wraps …
        assert ws.row_dimensions[2].height > 15  # … in a row tall enough for it
        assert ws.row_dimensions[1].height >= 2 * 15  # the header wraps onto several lines

    def test_id_columns_hidden_not_dropped(self, tmp_path):
        df = pd.DataFrame({"condition": ["gate_rural"], "label": ["Là xã (nông thôn)"]})
        ws = _read(writers.write_excel(tmp_path / "a.xlsx", {"x": df}))
        assert ws["A2"].value == "gate_rural" and ws.column_dimensions["A"].hidden
        assert not ws.column_dimensions["B"].hidden

    def test_code_column_beside_its_label_keeps_codes_hidden(self, tmp_path):
        df = pd.DataFrame(
            {"sector_code": ["trong_trot"], "prominent_sector": ["trong_trot"], "n": [1]}
        )
        labels = {"sector_code": "Mã lĩnh vực", "prominent_sector": "Lĩnh vực"}
        ws = _read(writers.write_excel(tmp_path / "a.xlsx", {"x": df}, labels=labels))
        assert ws["A2"].value == "trong_trot" and ws.column_dimensions["A"].hidden
        assert ws["B2"].value.startswith("Trồng trọt") and not ws.column_dimensions["B"].hidden

    def test_index_0_1_header_gets_two_decimals(self, tmp_path):
        df = pd.DataFrame({"idx": [0.5821, 1.0]})
        ws = _read(
            writers.write_excel(tmp_path / "a.xlsx", {"x": df}, labels={"idx": "Chỉ số (0–1)"})
        )
        assert ws["A2"].number_format == ws["A3"].number_format == "0.00"

    def test_title_rows_above_the_table(self, tmp_path):
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws["A1"] = "Danh sách xã đủ điều kiện — Tỉnh Thanh Hóa"
        writers.fill_sheet(ws, _coded(), {"households": "Số hộ"})
        writers.save_workbook(wb, tmp_path / "t.xlsx")
        ws = _read(tmp_path / "t.xlsx")
        assert ws["A1"].value.startswith("Danh sách")  # the title is kept …
        assert ws["A2"].value == "commune_code"  # … and the header is below it
        assert ws["A3"].value == "00376"
        assert ws.freeze_panes == "A3"
        assert ws.print_title_rows == "$2:$2"
        assert ws.auto_filter.ref == "A2:J4"

    def test_presentation_is_deterministic(self, tmp_path):
        a = writers.write_excel(tmp_path / "a.xlsx", {"x": _coded()})
        b = writers.write_excel(tmp_path / "b.xlsx", {"x": _coded()})
        assert a.read_bytes() == b.read_bytes()


class TestSheetLayout:
    @pytest.mark.parametrize(
        "text, width, lines",
        [
            (None, 10, 1),
            ("", 10, 1),
            ("Mã xã", 10, 1),
            ("aaaa bbbb cccc", 10, 2),  # room 12: "aaaa bbbb" | "cccc"
            ("aaaa bbbb cccc", 20, 1),
            ("dòng một\ndòng hai", 40, 2),
        ],
    )
    def test_wrapped_lines(self, text, width, lines):
        from ntmplan.core.sheet_layout import wrapped_lines

        assert wrapped_lines(text, width) == lines

    def test_is_id_column(self):
        from ntmplan.core.sheet_layout import is_id_column

        assert is_id_column(pd.Series(["gate_rural", "officials", None]))
        assert not is_id_column(pd.Series(["gate_rural", "Xã A"]))
        assert not is_id_column(pd.Series([None, None]))
        assert not is_id_column(pd.Series([1, 2]))


class TestWriteCsv:
    def test_neutralised_deterministic_utf8(self, tmp_path):
        a = writers.write_csv(tmp_path / "a.csv", _frame())
        b = writers.write_csv(tmp_path / "b.csv", _frame())
        assert a.read_bytes() == b.read_bytes()
        data = a.read_bytes()
        assert not data.startswith(codecs.BOM_UTF8)
        text = data.decode("utf-8")
        assert text.splitlines()[0] == "commune_name,households,share,ok"
        assert text.splitlines()[1].startswith("\"'=HYPERLINK(")
        assert "'@evil,-5," in text
        assert "\r" not in text

    def test_nfd_written_as_nfc(self, tmp_path):
        df = pd.DataFrame({"name": [unicodedata.normalize("NFD", "Xã Sóc Sơn")]})
        text = writers.write_csv(tmp_path / "a.csv", df).read_text(encoding="utf-8")
        assert "Xã Sóc Sơn" in text and unicodedata.is_normalized("NFC", text)

    def test_reads_back(self, tmp_path):
        path = writers.write_csv(
            tmp_path / "a.csv", pd.DataFrame({"province_code": ["01"], "households": [10]})
        )
        raw = io.read_table(path)
        assert raw.loc[2, "province_code"] == "01" and raw.loc[2, "households"] == "10"


class TestWriteJson:
    def test_sorted_unicode_indented_with_nulls(self, tmp_path):
        obj = {
            "b": np.int64(2),
            "a": "Xã Sóc Sơn",
            "c": [np.float64("nan"), 1.5, np.bool_(True)],
            "d": {"z": None, "y": pd.Timestamp("2025-01-02")},
        }
        path = writers.write_json(tmp_path / "s.json", obj)
        text = path.read_text(encoding="utf-8")
        assert text == (
            '{\n  "a": "Xã Sóc Sơn",\n  "b": 2,\n  "c": [\n    null,\n    1.5,\n    true\n  ],\n'
            '  "d": {\n    "y": "2025-01-02T00:00:00",\n    "z": null\n  }\n}\n'
        )
        assert json.loads(text)["b"] == 2

    def test_frames_paths_and_problems(self, tmp_path):
        from pathlib import PurePosixPath

        from ntmplan.core.errors import Problem

        obj = {
            "t": pd.DataFrame({"x": [1]}),
            "p": PurePosixPath("a/b"),
            "q": Problem("f", 2, "c", "v", "vi", "en"),
        }
        data = json.loads(
            writers.write_json(
                tmp_path / "s.json", {k: v for k, v in obj.items() if k != "p"}
            ).read_text()
        )
        assert data["t"] == [{"x": 1}] and data["q"]["row"] == 2

    def test_unserialisable(self, tmp_path):
        with pytest.raises(TypeError):
            writers.write_json(tmp_path / "s.json", {"x": object()})
        assert not (tmp_path / "s.json").exists()


class TestAtomicWrite:
    def test_text_and_bytes(self, tmp_path):
        writers.atomic_write_text(tmp_path / "sub" / "a.txt", "Xã")
        assert (tmp_path / "sub" / "a.txt").read_bytes() == "Xã".encode()
        assert [p.name for p in (tmp_path / "sub").iterdir()] == ["a.txt"]

    @pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
    def test_usual_permissions_not_0600(self, tmp_path):
        path = writers.atomic_write_bytes(tmp_path / "a.bin", b"x")
        umask = os.umask(0)
        os.umask(umask)
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask
