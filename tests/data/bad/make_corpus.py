"""Build the corpus of bad inputs in this folder (deterministic: same bytes every run).

Each file starts from a few real rows of the bundled illustrative survey
(``data/sample/khao_sat_2025_du_lieu_minh_hoa.csv``) and breaks one thing the
way people really break survey files: Excel turning numbers into dates, a
percentage typed where a share belongs, a CSV saved as "Unicode text", a
workbook with a title above the table, a params file with a typo, …

Run from the project root::

    .venv/bin/python tests/data/bad/make_corpus.py

``CASES`` (file name → what is wrong) documents every file; the tests in
``tests/test_bad_inputs.py`` assert the exact problem reported for each.
"""

from __future__ import annotations

import codecs
import csv
import io
import random
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
SAMPLE = ROOT / "data" / "sample" / "khao_sat_2025_du_lieu_minh_hoa.csv"
LEGACY_SAMPLE = ROOT / "data" / "sample" / "khao_sat_2023_ma_cu_du_lieu_minh_hoa.csv"

#: File name → what is wrong with it (English; the tests hold the exact messages).
CASES: dict[str, str] = {
    "missing_required_column.csv": "the households column was deleted",
    "unknown_extra_column.csv": "an extra notes column (warning only)",
    "text_in_count.csv": "words typed in a count column",
    "negative_count.csv": "a negative count",
    "share_as_percent.csv": "a share typed as a percentage (68.8 for 0.688); another as 80.7% (accepted)",
    "part_larger_than_total.csv": "more households with internet than households",
    "duplicate_commune.csv": "the same commune twice in one year (a row pasted twice)",
    "unknown_province_code.csv": "a province code that does not exist",
    "commune_not_in_province.csv": "a commune code of Cao Bằng (04) under Hà Nội (01)",
    "legacy_codes.csv": "codes of the legacy (63-province) scheme validated as current",
    "empty.csv": "zero bytes",
    "header_only.csv": "the header row and nothing else",
    "utf16.csv": "saved by Excel as 'Unicode text' (UTF-16 LE, BOM, tab-separated); read with a warning",
    "cp1258.csv": "saved in the Windows Vietnamese code page cp1258; read with a warning",
    "tcvn3.csv": "names in the old TCVN3 (ABC) font encoding; refused with an explanation",
    "nfd_text.csv": "names in decomposed Unicode (NFD, as macOS writes them); normalised to NFC",
    "utf8_bom.csv": "UTF-8 with a byte-order mark; read silently",
    "bad_yes_no.csv": "a yes/no column holding 'có lẽ' (maybe)",
    "thousands_separator.csv": "a count written with a thousands separator (19.764)",
    "year_two_digits.csv": "the survey year written as 25",
    "unquoted_comma.csv": "a commune name with a comma but no quotes (row longer than the header)",
    "binary_junk.csv": "random bytes named .csv",
    "several_mistakes.csv": "five rows with several different mistakes (the README example)",
    "title_rows.xlsx": "two merged title rows above the header",
    "merged_cells.xlsx": "the unit type merged down three data rows",
    "formulas_cached.xlsx": "a column of formulas with the values Excel saved; read with a warning",
    "formulas_not_computed.xlsx": "formulas never computed (no saved values)",
    "dates_in_numbers.xlsx": "Excel turned a household count into a date",
    "codes_as_numbers.xlsx": "codes stored as numbers (leading zeros lost); padded back, no problem",
    "wrong_sheet_name.xlsx": "the survey on a sheet named 'Data 2025' next to an instructions sheet; read with a warning",
    "no_survey_sheet.xlsx": "no sheet holds the survey header",
    "chart_sheet_first.xlsx": "a chart sheet before the data sheet (it made the reader fail)",
    "empty_template_sheet.xlsx": "the template's khao_sat sheet left empty, the survey pasted on another sheet",
    "truncated.xlsx": "an .xlsx cut in half (interrupted download)",
    "old_excel.xls": "an old binary .xls (OLE) file",
    "unsafe_script_name.csv": "Cao Bằng (04) with a commune name holding <script>alert(1)</script>",
    "formula_injection.csv": "commune names starting with = + - @ (spreadsheet formula injection)",
    # -- second round: valid-looking files that used to give wrong results silently
    "mistyped_year.csv": "Hà Nội's 2025 survey with one row typed 2026 (a sparse year)",
    "hidden_old_sheet.xlsx": "a hidden, older sheet named khao_sat next to this year's visible sheet",
    "survey_split_over_sheets.xlsx": "a province's communes split over two visible sheets (merged)",
    "same_commune_on_two_sheets.xlsx": "one commune on two sheets for the same year",
    "semicolon_under_title.csv": "a ;-separated file under a title line",
    "opendocument.ods": "an OpenDocument spreadsheet (.ods)",
    "nbsp_thousands.csv": "a count with a no-break space as thousands separator (19 764)",
    "zero_width_header.csv": "a zero-width space inside the households header",
    "unterminated_quote.csv": "a commune name with an opening quote that is never closed",
    "many_shared_strings.xlsx": "a small workbook declaring 1.2 million shared strings",
    "params_misspelt_key.yaml": "programme.end_yaer instead of end_year",
    "params_wrong_type.yaml": "a share given as the text '50%' and a year as text",
    "params_huge.yaml": "a params document larger than the 1 MB limit",
    "params_billion_laughs.yaml": "aliases expanding exponentially (billion laughs)",
    "params_deep_nesting.yaml": "a list nested 5,000 levels deep",
    "params_not_utf8.yaml": "a params file saved in cp1258",
    "params_tab_indent.yaml": "indented with a tab (invalid YAML)",
    "params_terminal_escape.yaml": "a misspelt key whose value holds terminal escape sequences",
}

FIXED_STAMP = (2025, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- helpers


def sample_rows(path: Path = SAMPLE) -> tuple[list[str], list[list[str]]]:
    """Header and rows (strings) of a bundled sample CSV."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    return rows[0], rows[1:]


HEADER, ROWS = sample_rows()
COL = {c: i for i, c in enumerate(HEADER)}


def base_rows(n: int = 3, province: str = "01") -> list[list[str]]:
    """The first ``n`` rows of a province in the bundled sample (copies)."""
    return [list(r) for r in ROWS if r[0] == province][:n]


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def with_value(rows: list[list[str]], i: int, column: str, value: str) -> list[list[str]]:
    rows[i][COL[column]] = value
    return rows


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def encode_cp1258(text: str) -> bytes:
    """Encode Vietnamese text as Windows writes cp1258: base letter + combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
        tones = "".join(c for c in parts if c in _TONES)
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


#: The TCVN3 (ABC) font encoding of the lower-case Vietnamese letters (and Đ), as bytes 0x80–0xFF.
_TCVN3_LETTERS = {
    "àảãáạ": "\xb5\xb6\xb7\xb8\xb9",
    "ăằẳẵắặ": "\xa8\xbb\xbc\xbd\xbe\xc6",
    "âầẩẫấậ": "\xa9\xc7\xc8\xc9\xca\xcb",
    "đĐ": "\xae\xa7",
    "èẻẽéẹ": "\xcc\xce\xcf\xd0\xd1",
    "êềểễếệ": "\xaa\xd2\xd3\xd4\xd5\xd6",
    "ìỉĩíị": "\xd7\xd8\xdc\xdd\xde",
    "òỏõóọ": "\xdf\xe1\xe2\xe3\xe4",
    "ôồổỗốộ": "\xab\xe5\xe6\xe7\xe8\xe9",
    "ơờởỡớợ": "\xac\xea\xeb\xec\xed\xee",
    "ùủũúụ": "\xef\xf1\xf2\xf3\xf4",
    "ưừửữứự": "\xad\xf5\xf6\xf7\xf8\xf9",
    "ỳỷỹýỵ": "\xfa\xfb\xfc\xfd\xfe",
}
_TCVN3 = {
    letter: byte
    for letters, codes in _TCVN3_LETTERS.items()
    for letter, byte in zip(letters, codes, strict=True)
}


def encode_tcvn3(text: str) -> bytes:
    """Encode text as TCVN3 (upper-case accented letters other than Đ are not in the font: kept)."""
    return "".join(_TCVN3.get(ch, ch) for ch in unicodedata.normalize("NFC", text)).encode(
        "latin-1"
    )


def xlsx_bytes(wb) -> bytes:
    """Save an openpyxl workbook with fixed metadata and zip times (same bytes every run)."""
    import datetime as dt

    stamp = dt.datetime(*FIXED_STAMP)
    wb.properties.creator = "ntmplan-tests"
    wb.properties.lastModifiedBy = "ntmplan-tests"
    wb.properties.created = stamp
    wb.properties.modified = stamp
    buf = io.BytesIO()
    wb.save(buf)
    return normalise_zip(buf.getvalue())


def normalise_zip(data: bytes, edit=None) -> bytes:
    """Rewrite a zip with fixed entry times; ``edit(name, bytes) -> bytes`` may change entries."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)",
                    rb"\g<1>2025-01-01T00:00:00Z\g<3>",
                    content,
                )
            if edit is not None:
                content = edit(info.filename, content)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_STAMP)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0o600 << 16
            dst.writestr(zi, content)
    return out.getvalue()


def typed(column: str, value: str):
    """A sample cell as Excel would hold it: numbers as numbers, codes as text."""
    if column in ("province_code", "commune_code") or value == "":
        return value or None
    try:
        return int(value)
    except ValueError:
        pass
    try:
        return float(value)
    except ValueError:
        return value


def survey_workbook(rows: list[list[str]], title: str = "khao_sat"):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    ws.append(HEADER)
    for r in rows:
        ws.append([typed(c, v) for c, v in zip(HEADER, r, strict=True)])
    return wb


# ---------------------------------------------------------------- the cases


def build() -> dict[str, bytes]:
    """Return file name → bytes for every case in :data:`CASES`."""
    import datetime as dt

    import openpyxl

    files: dict[str, bytes] = {}
    utf8 = lambda header, rows: csv_text(header, rows).encode("utf-8")  # noqa: E731

    # -- columns
    drop = COL["households"]
    files["missing_required_column.csv"] = utf8(
        [c for i, c in enumerate(HEADER) if i != drop],
        [[v for i, v in enumerate(r) if i != drop] for r in base_rows()],
    )
    files["unknown_extra_column.csv"] = utf8(
        [*HEADER, "ghi_chu"],
        [
            [*r, note]
            for r, note in zip(base_rows(), ["đã kiểm tra", "", "gọi lại xã"], strict=True)
        ],
    )

    # -- cell values
    files["text_in_count.csv"] = utf8(
        HEADER, with_value(base_rows(), 1, "households", "khoảng 5700")
    )
    files["negative_count.csv"] = utf8(HEADER, with_value(base_rows(), 0, "villages_4g", "-5"))
    rows = with_value(base_rows(), 0, "files_online_share", "68.8")
    files["share_as_percent.csv"] = utf8(HEADER, with_value(rows, 1, "files_online_share", "80.7%"))
    rows = base_rows()
    households = int(rows[2][COL["households"]])
    files["part_larger_than_total.csv"] = utf8(
        HEADER, with_value(rows, 2, "households_internet", str(households + 250))
    )
    rows = base_rows()
    files["duplicate_commune.csv"] = utf8(HEADER, [*rows, list(rows[0])])
    files["bad_yes_no.csv"] = utf8(HEADER, with_value(base_rows(), 1, "postal_point", "có lẽ"))
    files["thousands_separator.csv"] = utf8(
        HEADER, with_value(base_rows(), 0, "households", "19.764")
    )
    files["year_two_digits.csv"] = utf8(HEADER, with_value(base_rows(), 2, "year", "25"))

    # -- codes
    files["unknown_province_code.csv"] = utf8(
        HEADER, with_value(base_rows(), 1, "province_code", "99")
    )
    cao_bang = base_rows(1, "04")[0]
    rows = base_rows()
    rows[0][COL["commune_code"]] = cao_bang[COL["commune_code"]]
    rows[0][COL["commune_name"]] = cao_bang[COL["commune_name"]]
    files["commune_not_in_province.csv"] = utf8(HEADER, rows)
    lh, lrows = sample_rows(LEGACY_SAMPLE)
    assert lh == HEADER
    files["legacy_codes.csv"] = utf8(HEADER, [r for r in lrows if r[0] == "02"][:3])

    # -- empty
    files["empty.csv"] = b""
    files["header_only.csv"] = utf8(HEADER, [])

    # -- encodings and Unicode
    text = csv_text(HEADER, base_rows(), delimiter="\t")
    files["utf16.csv"] = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    files["cp1258.csv"] = encode_cp1258(csv_text(HEADER, base_rows()))
    files["tcvn3.csv"] = encode_tcvn3(csv_text(HEADER, base_rows()))
    nfd = [[unicodedata.normalize("NFD", v) for v in r] for r in base_rows()]
    files["nfd_text.csv"] = utf8(HEADER, nfd)
    files["utf8_bom.csv"] = codecs.BOM_UTF8 + utf8(HEADER, base_rows())
    rows = base_rows()
    name = rows[0][COL["commune_name"]]
    line = csv_text(HEADER, rows).replace(f",{name},", f",{name}, Hà Nội,", 1)
    files["unquoted_comma.csv"] = line.encode("utf-8")
    files["binary_junk.csv"] = random.Random(924).randbytes(3000)

    # -- the README example: five rows, several kinds of mistakes
    rows = base_rows(5)
    with_value(rows, 0, "households", "khoảng 20000")
    with_value(rows, 1, "files_online_share", "80.7")
    with_value(rows, 2, "villages_4g", "-2")
    with_value(rows, 3, "households_internet", "999999")
    with_value(rows, 4, "postal_point", "có lẽ")
    rows.append(list(rows[1]))
    files["several_mistakes.csv"] = utf8([*HEADER, "ghi_chu"], [[*r, ""] for r in rows])

    # -- Excel
    wb = survey_workbook(base_rows())
    ws = wb.active
    ws.insert_rows(1, 2)
    ws["A1"] = "UBND TỈNH HÀ NỘI — VĂN PHÒNG ĐIỀU PHỐI NÔNG THÔN MỚI"
    ws["A2"] = "BIỂU TỔNG HỢP KHẢO SÁT CHUYỂN ĐỔI SỐ CẤP XÃ NĂM 2025"
    ws.merge_cells("A1:H1")
    ws.merge_cells("A2:H2")
    files["title_rows.xlsx"] = xlsx_bytes(wb)

    wb = survey_workbook(base_rows())
    ws = wb.active
    ws.merge_cells("D2:D4")  # unit_type "xã" merged down the three rows
    files["merged_cells.xlsx"] = xlsx_bytes(wb)

    def formula_book():
        wb = survey_workbook(base_rows())
        ws = wb.active
        letter = openpyxl.utils.get_column_letter(COL["households_internet_smart"] + 1)
        for r, row in zip(range(2, 5), base_rows(), strict=True):
            v = int(row[COL["households_internet_smart"]])  # the sum of two villages' counts
            ws[f"{letter}{r}"] = f"=SUM({v // 2},{v - v // 2})"
        return wb, letter

    wb, letter = formula_book()
    files["formulas_not_computed.xlsx"] = xlsx_bytes(wb)
    cached = {
        f"{letter}{r}": row[COL["households_internet_smart"]]
        for r, row in zip(range(2, 5), base_rows(), strict=True)
    }

    def add_cached(name: str, content: bytes) -> bytes:
        if not name.startswith("xl/worksheets/"):
            return content
        for ref, value in cached.items():
            content = re.sub(
                rb'(<c r="' + ref.encode() + rb'"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?',
                rb"\g<1><v>" + value.encode() + rb"</v>",
                content,
            )
        return content

    files["formulas_cached.xlsx"] = normalise_zip(xlsx_bytes(formula_book()[0]), add_cached)

    wb = survey_workbook(base_rows())
    ws = wb.active
    cell = ws.cell(row=3, column=COL["households"] + 1)
    cell.value = dt.datetime(2025, 3, 12)  # someone typed 12/3 and Excel made it a date
    cell.number_format = "dd/mm/yyyy"
    files["dates_in_numbers.xlsx"] = xlsx_bytes(wb)

    wb = survey_workbook(base_rows())
    ws = wb.active
    for r in range(2, 5):
        for c in ("province_code", "commune_code"):
            cell = ws.cell(row=r, column=COL[c] + 1)
            cell.value = int(cell.value)
    files["codes_as_numbers.xlsx"] = xlsx_bytes(wb)

    wb = survey_workbook(base_rows(), title="Data 2025")
    guide = wb.create_sheet("Hướng dẫn", 0)
    guide.append(["Điền mỗi xã một dòng ở trang Data 2025."])
    files["wrong_sheet_name.xlsx"] = xlsx_bytes(wb)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tổng hợp"
    ws.append(["Tỉnh", "Số xã", "Ghi chú"])
    ws.append(["Hà Nội", 3, "xem trang sau"])
    other = wb.create_sheet("Sheet2")
    other.append(["STT", "Nội dung"])
    other.append([1, "chưa nhập"])
    files["no_survey_sheet.xlsx"] = xlsx_bytes(wb)

    wb = survey_workbook(base_rows(), title="Số liệu")
    chart = openpyxl.chart.BarChart()
    chart.add_data(
        openpyxl.chart.Reference(wb.active, min_col=COL["households"] + 1, min_row=1, max_row=4)
    )
    wb.create_chartsheet("Biểu đồ", 0).add_chart(chart)
    files["chart_sheet_first.xlsx"] = xlsx_bytes(wb)

    wb = survey_workbook(base_rows(), title="Dán vào đây")
    wb.create_sheet("khao_sat", 0)
    files["empty_template_sheet.xlsx"] = xlsx_bytes(wb)

    whole = xlsx_bytes(survey_workbook(base_rows()))
    files["truncated.xlsx"] = whole[: len(whole) // 2]
    files["old_excel.xls"] = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504) + random.Random(318).randbytes(1536)
    )

    # -- unsafe content (valid surveys whose text must never run)
    rows = [list(r) for r in ROWS if r[0] == "04"]
    with_value(rows, 0, "commune_name", "<script>alert(1)</script>")
    with_value(rows, 1, "commune_name", 'Xã "><img src=x onerror=alert(2)>')
    files["unsafe_script_name.csv"] = utf8(HEADER, rows)
    rows = base_rows(4)
    for i, name in enumerate(
        ['=HYPERLINK("http://example.invalid","Bấm vào đây")', "+1+1", "-2+3", "@SUM(1,2)"]
    ):
        with_value(rows, i, "commune_name", name)
    files["formula_injection.csv"] = utf8(HEADER, rows)

    # -- second round (issue: no silent wrong answers)
    rows = base_rows(6)
    rows[4][COL["year"]] = "2026"  # one mistyped year
    files["mistyped_year.csv"] = utf8(HEADER, rows)

    wb = survey_workbook(base_rows(), title="Số liệu 2025")
    older = wb.create_sheet("khao_sat", 0)
    older.append(HEADER)
    for r in base_rows():
        old_row = with_value([list(r)], 0, "year", "2024")[0]
        older.append([typed(c, v) for c, v in zip(HEADER, old_row, strict=True)])
    older.sheet_state = "hidden"
    wb.active = 1
    files["hidden_old_sheet.xlsx"] = xlsx_bytes(wb)

    six = base_rows(6)
    wb = survey_workbook(six[:3])
    part = wb.create_sheet("Cụm 2")
    part.append(HEADER)
    for r in six[3:]:
        part.append([typed(c, v) for c, v in zip(HEADER, r, strict=True)])
    files["survey_split_over_sheets.xlsx"] = xlsx_bytes(wb)

    wb = survey_workbook(six[:3])
    part = wb.create_sheet("Cụm 2")
    part.append(HEADER)
    for r in [six[3], six[0]]:
        part.append([typed(c, v) for c, v in zip(HEADER, r, strict=True)])
    files["same_commune_on_two_sheets.xlsx"] = xlsx_bytes(wb)

    files["semicolon_under_title.csv"] = (
        "Biểu khảo sát chuyển đổi số, tỉnh Hà Nội, năm 2025\n"
        + csv_text(HEADER, base_rows(), delimiter=";")
    ).encode("utf-8")

    ods = io.BytesIO()
    with zipfile.ZipFile(ods, "w") as zf:
        zi = zipfile.ZipInfo("mimetype", date_time=(2025, 1, 1, 0, 0, 0))
        zf.writestr(zi, "application/vnd.oasis.opendocument.spreadsheet")
        zi = zipfile.ZipInfo("content.xml", date_time=(2025, 1, 1, 0, 0, 0))
        zf.writestr(zi, '<?xml version="1.0" encoding="UTF-8"?><office:document-content/>')
    files["opendocument.ods"] = ods.getvalue()

    files["nbsp_thousands.csv"] = utf8(
        HEADER, with_value(base_rows(), 0, "households", "19\u00a0764")
    )
    header = [
        c.replace("households", "house\u200bholds") if c == "households" else c for c in HEADER
    ]
    files["zero_width_header.csv"] = utf8(header, base_rows())
    rows = base_rows(5)
    text = csv_text(HEADER, rows)
    name = rows[1][COL["commune_name"]]
    files["unterminated_quote.csv"] = text.replace(f",{name},", f',"{name},', 1).encode("utf-8")

    strings = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        b'count="1200000" uniqueCount="1200000">' + b"<si><t>x</t></si>" * 1_200_000 + b"</sst>"
    )
    book = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx_bytes(survey_workbook(base_rows())))) as src,
        zipfile.ZipFile(book, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        entries = [(i.filename, src.read(i)) for i in src.infolist()]
        for entry, data in [*entries, ("xl/sharedStrings.xml", strings)]:
            zi = zipfile.ZipInfo(entry, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(zi, data)
    files["many_shared_strings.xlsx"] = book.getvalue()

    # -- params YAML
    files["params_misspelt_key.yaml"] = (
        "# tham số tỉnh — gõ nhầm tên khóa\nprogramme:\n  end_yaer: 2030\n".encode()
    )
    files["params_wrong_type.yaml"] = (
        'pilots:\n  thresholds:\n    households_internet_smart_share: "50%"\n'
        'programme:\n  start_year: "năm 2021"\n'.encode()
    )
    filler = "  # dòng ghi chú lặp lại cho đủ dung lượng / filler comment line\n" * 16_000
    files["params_huge.yaml"] = ("programme:\n" + filler + "  end_year: 2030\n").encode()
    laughs = ['a0: &a0 ["ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha", "ha"]']
    for i in range(1, 10):
        laughs.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]")
    laughs.append("programme:\n  name_vi: *a9")
    files["params_billion_laughs.yaml"] = ("\n".join(laughs) + "\n").encode()
    files["params_deep_nesting.yaml"] = ("programme: " + "[" * 5000 + "]" * 5000 + "\n").encode()
    files["params_not_utf8.yaml"] = encode_cp1258(
        'programme:\n  name_vi: "Chuyển đổi số nông thôn mới tỉnh Cao Bằng"\n'
    )
    files["params_tab_indent.yaml"] = b"programme:\n\tend_year: 2030\n"
    files["params_terminal_escape.yaml"] = b'programme:\n  end_yaer: "\\e[2J\\e]0;pwned\\a 2030"\n'

    assert set(files) == set(CASES), set(files) ^ set(CASES)
    return files


def main(argv: list[str] | None = None) -> int:
    """Write every corpus file into this folder; ``--check`` only compares bytes."""
    check = "--check" in (argv or [])
    differ = []
    for name, data in sorted(build().items()):
        path = HERE / name
        if check:
            if not path.is_file() or path.read_bytes() != data:
                differ.append(name)
            continue
        path.write_bytes(data)
    if check and differ:
        print("corpus out of date:", ", ".join(differ))
        return 1
    print(f"{len(CASES)} files {'checked' if check else 'written'} in {HERE}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
