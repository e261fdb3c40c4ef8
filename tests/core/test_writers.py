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
        assert ws["D2"].value is True
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
