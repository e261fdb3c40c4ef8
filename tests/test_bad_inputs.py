"""The corpus of bad inputs (tests/data/bad): every file gives a clear report, never a traceback.

For each file the command line (``ntmplan.cli.main``) must exit 1 for problems
in the input, 2 for usage errors and 0 when there are only warnings; print
every problem in one pass with its row, column and rule (Vietnamese / English);
show no traceback; and leave the input's bytes unchanged (hashed before and
after). Files that can be read correctly despite their form (UTF-16, cp1258,
NFD, BOM, title rows, numeric codes, saved formula values, another sheet name)
must give exactly the same survey as the clean rows they were made from.

The corpus is rebuilt by ``tests/data/bad/make_corpus.py``; one test checks
that the committed files are what the script writes.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pandas as pd
import pytest

from ntmplan import cli
from ntmplan.batch import runner
from ntmplan.survey.loading import load_survey
from ntmplan.survey.reading import read_table
from ntmplan.survey.schema import validate_survey
from ntmplan.survey.validate import collect_problems
from tests.conftest import sha256

CORPUS = Path(__file__).parent / "data" / "bad"


def _load_make_corpus():
    spec = importlib.util.spec_from_file_location("make_corpus", CORPUS / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


make_corpus = _load_make_corpus()


def run_cli(capsys, *args: str) -> tuple[int, str]:
    """Run the command line; return (exit code, stdout + stderr), checking for tracebacks."""
    code = cli.main([str(a) for a in args])
    captured = capsys.readouterr()
    text = captured.out + captured.err
    assert "Traceback" not in text
    assert 'File "' not in text  # no stack frames either
    return code, text


def check_validate(
    capsys, name: str, exit_code: int, expected: list[tuple], scheme: str | None = None
) -> str:
    """Validate a corpus file through the CLI and check the exact problems reported.

    ``expected`` lists (row, column, severity, English rule fragment[, Vietnamese fragment])
    in the order reported (by row, then column). Every problem must be expected
    (nothing missing, nothing extra) and printed on one line with its row and column.
    """
    path = CORPUS / name
    before = sha256(path)
    args = ["validate", str(path)] + (["--scheme", scheme] if scheme else [])
    code, text = run_cli(capsys, *args)
    assert code == exit_code, text
    problems = collect_problems(path, scheme=scheme or "current")
    got = [(p.row, p.column, p.severity) for p in problems]
    assert got == [e[:3] for e in expected], text
    lines = text.splitlines()
    for p, (row, column, _severity, en, *vi) in zip(problems, expected, strict=True):
        assert en in p.rule_en
        if vi:
            assert vi[0] in p.rule_vi
        start = "" if row is None else str(row)
        printed = [
            ln
            for ln in lines
            if ln.startswith(start)
            and ln[len(start) : len(start) + 1] in (" ", "")
            and (column or "") in ln
            and en in ln
        ]
        assert printed, f"problem not printed: {row} {column} {en}\n{text}"
    n_err = sum(e[2] == "error" for e in expected)
    assert f"{n_err} lỗi / errors, {len(expected) - n_err} cảnh báo / warnings" in text
    assert sha256(path) == before, "the input file was modified"
    return text


@pytest.fixture(scope="module")
def clean_survey(tmp_path_factory) -> pd.DataFrame:
    """The validated survey of the clean rows every corpus file starts from (first 3 of Hà Nội)."""
    path = tmp_path_factory.mktemp("clean") / "clean.csv"
    path.write_text(
        make_corpus.csv_text(make_corpus.HEADER, make_corpus.base_rows()), encoding="utf-8"
    )
    survey = load_survey(path)
    assert len(survey) == 3 and "problems" not in survey.attrs
    return survey


def assert_reads_as_clean(name: str, clean: pd.DataFrame) -> None:
    """The file, read and validated, gives exactly the clean survey (no silent change)."""
    survey = load_survey(CORPUS / name)
    survey.attrs = {}
    pd.testing.assert_frame_equal(survey, clean)


class TestCorpus:
    def test_committed_files_are_what_the_script_writes(self):
        built = make_corpus.build()
        on_disk = {p.name for p in CORPUS.iterdir() if p.name != "make_corpus.py" and p.is_file()}
        assert set(built) == on_disk
        stale = [n for n, data in built.items() if (CORPUS / n).read_bytes() != data]
        assert stale == [], "run tests/data/bad/make_corpus.py"

    def test_at_least_25_files(self):
        assert len(make_corpus.CASES) >= 25

    def test_every_file_has_a_test(self):
        here = Path(__file__).read_text(encoding="utf-8")
        others = (Path(__file__).parent / "test_unsafe_content.py").read_text(encoding="utf-8")
        untested = [n for n in make_corpus.CASES if f'"{n}"' not in here + others]
        assert untested == []


class TestColumns:
    def test_missing_required_column(self, capsys):
        check_validate(
            capsys,
            "missing_required_column.csv",
            1,
            [(1, "households", "error", "required column missing", "Thiếu cột bắt buộc «Số hộ»")],
        )

    def test_unknown_extra_column_is_a_warning_only(self, capsys, clean_survey):
        check_validate(
            capsys,
            "unknown_extra_column.csv",
            0,
            [(1, "ghi_chu", "warning", "unknown column; it is ignored", "sẽ bị bỏ qua")],
        )
        assert_reads_as_clean("unknown_extra_column.csv", clean_survey)


class TestValues:
    def test_text_in_count(self, capsys):
        text = check_validate(
            capsys,
            "text_in_count.csv",
            1,
            [
                (
                    3,
                    "households",
                    "error",
                    "must be a whole number; the cell holds text",
                    "«Số hộ» phải là số nguyên",
                )
            ],
        )
        assert "khoảng 5700" in text  # the value as typed

    def test_negative_count(self, capsys):
        check_validate(
            capsys,
            "negative_count.csv",
            1,
            [(2, "villages_4g", "error", "must be ≥ 0", "không được âm")],
        )

    def test_share_given_as_percentage_is_detected_and_said(self, capsys, clean_survey):
        check_validate(
            capsys,
            "share_as_percent.csv",
            1,
            [
                (
                    2,
                    "files_online_share",
                    "error",
                    "probably a percentage; enter 65% as 0.65",
                    "có lẽ đã nhập theo phần trăm",
                )
            ],
        )
        # the other row wrote 80.7% with the sign: read as 0.807, like the clean value
        typed, _ = validate_survey(read_table(CORPUS / "share_as_percent.csv"))
        assert typed["files_online_share"].tolist() == pytest.approx(
            clean_survey["files_online_share"].tolist()[1:]
        )

    def test_part_larger_than_total(self, capsys):
        check_validate(
            capsys,
            "part_larger_than_total.csv",
            1,
            [
                (
                    4,
                    "households_internet",
                    "error",
                    "households_internet must not exceed households (9730)",
                    "không được lớn hơn «Số hộ»",
                )
            ],
        )

    def test_same_commune_twice_in_a_year(self, capsys):
        rule = "commune 00376 appears more than once in 2025 (rows 2, 5)"
        check_validate(
            capsys,
            "duplicate_commune.csv",
            1,
            [
                (2, "commune_code", "error", rule, "xuất hiện nhiều lần"),
                (5, "commune_code", "error", rule),
            ],
        )

    def test_yes_no_column_with_other_text(self, capsys):
        check_validate(
            capsys,
            "bad_yes_no.csv",
            1,
            [(3, "postal_point", "error", "must be yes/no", "phải là có/không")],
        )

    def test_thousands_separator_is_not_read_as_a_decimal(self, capsys):
        check_validate(
            capsys,
            "thousands_separator.csv",
            1,
            [
                (
                    2,
                    "households",
                    "error",
                    "without thousands separators",
                    "không dùng dấu phân cách hàng nghìn",
                )
            ],
        )

    def test_two_digit_year(self, capsys):
        check_validate(
            capsys,
            "year_two_digits.csv",
            1,
            [(4, "year", "error", "must be between 2020 and 2035", "phải trong khoảng 2020–2035")],
        )

    def test_unquoted_comma_is_explained_on_its_row(self, capsys):
        text = check_validate(
            capsys,
            "unquoted_comma.csv",
            1,
            [
                (
                    1,
                    "(cột 40 không có tiêu đề / column 40 without header)",
                    "warning",
                    "unknown column",
                ),
                (2, "unit_type", "error", "must be one of"),
                (2, "year", "error", "must be a whole number"),
                (2, "postal_point", "error", "must be yes/no"),
                (2, "households_smart_device", "error", "must not exceed households"),
                (2, "households_internet_smart", "error", "must not exceed households_internet"),
                (
                    2,
                    "households_internet_smart",
                    "error",
                    "must not exceed households_smart_device",
                ),
                (2, "officials_computer", "error", "must not exceed officials"),
                (2, "files_online_share", "error", "probably a percentage"),
                (2, "criterion_8_4", "error", "must be yes/no"),
                (2, "prominent_sector", "error", "must be one of"),
                (2, "digital_providers", "error", "must be a whole number"),
                (2, "ntm_level", "error", "must be one of"),
                (2, "commune_category", "error", "must be one of"),
                (2, "satisfaction_online", "error", "must be yes/no"),
                (2, "urban_oriented", "error", "must be yes/no"),
                (2, None, "error", "perhaps a name contains a comma without quotes", "dấu phẩy"),
            ],
        )
        assert "Hà Nội" in text

    def test_several_mistakes_all_reported_in_one_pass(self, capsys):
        check_validate(
            capsys,
            "several_mistakes.csv",
            1,
            [
                (1, "ghi_chu", "warning", "unknown column"),
                (2, "households", "error", "the cell holds text"),
                (3, "commune_code", "error", "appears more than once in 2025 (rows 3, 7)"),
                (3, "files_online_share", "error", "probably a percentage"),
                (4, "villages_4g", "error", "must be ≥ 0"),
                (5, "households_internet", "error", "must not exceed households (19186)"),
                (6, "postal_point", "error", "must be yes/no"),
                (7, "commune_code", "error", "appears more than once in 2025 (rows 3, 7)"),
                (7, "files_online_share", "error", "probably a percentage"),
            ],
        )


class TestCodes:
    def test_unknown_province_code(self, capsys):
        check_validate(
            capsys,
            "unknown_province_code.csv",
            1,
            [
                (
                    3,
                    "province_code",
                    "error",
                    "unknown province code in the current scheme",
                    "Mã tỉnh không có",
                )
            ],
        )

    def test_commune_code_of_another_province(self, capsys):
        check_validate(
            capsys,
            "commune_not_in_province.csv",
            1,
            [
                (
                    2,
                    "commune_code",
                    "error",
                    "commune 01290 belongs to province 04, not 01",
                    "không thuộc tỉnh 01",
                )
            ],
        )

    def test_codes_of_the_other_scheme_are_named_as_such(self, capsys):
        legacy = "belongs to the legacy scheme (63 provinces, before 1 Jul 2025)"
        check_validate(
            capsys,
            "legacy_codes.csv",
            1,
            [
                (
                    None,
                    None,
                    "error",
                    "most codes in the file belong to the legacy scheme",
                    "ntmplan convert-legacy",
                ),
                (2, "province_code", "error", legacy),
                (3, "province_code", "error", legacy),
                (3, "commune_code", "error", legacy),
                (4, "province_code", "error", legacy),
            ],
        )

    def test_legacy_codes_are_fine_with_scheme_legacy(self, capsys):
        check_validate(capsys, "legacy_codes.csv", 0, [], scheme="legacy")


class TestEmpty:
    def test_empty_file(self, capsys):
        check_validate(
            capsys, "empty.csv", 1, [(None, None, "error", "the file is empty", "Tệp rỗng")]
        )

    def test_header_only(self, capsys):
        check_validate(
            capsys,
            "header_only.csv",
            1,
            [(None, None, "error", "the file has no data rows", "không có dòng dữ liệu")],
        )


class TestEncodings:
    def test_utf16_is_read_correctly_with_a_warning(self, capsys, clean_survey):
        check_validate(
            capsys,
            "utf16.csv",
            0,
            [(None, None, "warning", "the file is UTF-16", "CSV UTF-8 (Comma delimited)")],
        )
        assert_reads_as_clean("utf16.csv", clean_survey)

    def test_cp1258_is_read_correctly_with_a_warning(self, capsys, clean_survey):
        check_validate(
            capsys,
            "cp1258.csv",
            0,
            [(None, None, "warning", "Windows-1258 code page (cp1258)", "bảng mã Windows-1258")],
        )
        assert_reads_as_clean("cp1258.csv", clean_survey)  # "Xã Trung Giã": tone mark recomposed

    def test_tcvn3_is_refused_with_an_explanation(self, capsys):
        check_validate(
            capsys,
            "tcvn3.csv",
            1,
            [(None, None, "error", "perhaps TCVN3/ABC or VNI", "Unikey")],
        )

    def test_nfd_text_is_normalised_to_nfc(self, capsys, clean_survey):
        check_validate(
            capsys,
            "nfd_text.csv",
            0,
            [(None, None, "warning", "decomposed Unicode (NFD); it was normalised to NFC")],
        )
        assert_reads_as_clean("nfd_text.csv", clean_survey)

    def test_byte_order_mark_is_read_silently(self, capsys, clean_survey):
        check_validate(capsys, "utf8_bom.csv", 0, [])
        assert_reads_as_clean("utf8_bom.csv", clean_survey)

    def test_random_bytes(self, capsys):
        check_validate(
            capsys, "binary_junk.csv", 1, [(None, None, "error", "unknown text encoding")]
        )


class TestExcel:
    def test_title_rows_above_the_header(self, capsys, clean_survey):
        check_validate(
            capsys,
            "title_rows.xlsx",
            0,
            [(3, None, "warning", "the header is on row 3; the 2 row(s) above it were skipped")],
        )
        assert_reads_as_clean("title_rows.xlsx", clean_survey)

    def test_merged_cells(self, capsys):
        check_validate(
            capsys,
            "merged_cells.xlsx",
            1,
            [
                (2, "unit_type", "error", "merged cells D2:D4", "bỏ gộp ô"),
                (3, "unit_type", "error", "missing value"),
                (4, "unit_type", "error", "missing value"),
            ],
        )

    def test_formulas_with_saved_values(self, capsys, clean_survey):
        check_validate(
            capsys,
            "formulas_cached.xlsx",
            0,
            [
                (
                    2,
                    "households_internet_smart",
                    "warning",
                    "the values Excel saved were used",
                    "Paste Values",
                )
            ],
        )
        assert_reads_as_clean("formulas_cached.xlsx", clean_survey)

    def test_formulas_never_computed(self, capsys):
        check_validate(
            capsys,
            "formulas_not_computed.xlsx",
            1,
            [
                (
                    2,
                    "households_internet_smart",
                    "error",
                    "3 formula cell(s) without a saved value (rows 2, 3, 4)",
                ),
                (2, "households_internet_smart", "error", "missing value"),
                (3, "households_internet_smart", "error", "missing value"),
                (4, "households_internet_smart", "error", "missing value"),
            ],
        )

    def test_date_where_a_number_belongs(self, capsys):
        text = check_validate(
            capsys,
            "dates_in_numbers.xlsx",
            1,
            [(3, "households", "error", "the cell holds a date", "Excel đã tự đổi số thành ngày")],
        )
        assert "2025-03-12" in text

    def test_codes_stored_as_numbers_are_padded(self, capsys, clean_survey):
        check_validate(capsys, "codes_as_numbers.xlsx", 0, [])
        assert_reads_as_clean("codes_as_numbers.xlsx", clean_survey)

    def test_wrong_sheet_name_reads_the_survey_sheet_and_says_which(self, capsys, clean_survey):
        check_validate(
            capsys,
            "wrong_sheet_name.xlsx",
            0,
            [
                (
                    None,
                    None,
                    "warning",
                    "no sheet named 'khao_sat'; read sheet 'Data 2025'",
                    "Hướng dẫn",
                )
            ],
        )
        assert_reads_as_clean("wrong_sheet_name.xlsx", clean_survey)

    def test_no_survey_sheet(self, capsys):
        check_validate(
            capsys,
            "no_survey_sheet.xlsx",
            1,
            [(None, None, "error", "no survey sheet", "Tổng hợp, Sheet2")],
        )

    def test_chart_sheet_before_the_data(self, capsys, clean_survey):
        check_validate(capsys, "chart_sheet_first.xlsx", 0, [])
        assert_reads_as_clean("chart_sheet_first.xlsx", clean_survey)

    def test_empty_template_sheet_and_survey_pasted_elsewhere(self, capsys, clean_survey):
        check_validate(
            capsys,
            "empty_template_sheet.xlsx",
            0,
            [
                (
                    None,
                    None,
                    "warning",
                    "sheet 'khao_sat' has no survey header row; read sheet 'Dán vào đây'",
                    "không có dòng tiêu đề",
                )
            ],
        )
        assert_reads_as_clean("empty_template_sheet.xlsx", clean_survey)

    def test_truncated_xlsx(self, capsys):
        check_validate(
            capsys,
            "truncated.xlsx",
            1,
            [(None, None, "error", "the Excel file (.xlsx) is corrupt", "bị hỏng")],
        )

    def test_old_xls(self, capsys):
        check_validate(
            capsys,
            "old_excel.xls",
            1,
            [(None, None, "error", "old Excel file (.xls)", "lưu lại thành .xlsx")],
        )


class TestUnsafeTextIsOnlyWarnedAbout:
    """Names holding HTML or formulas are data: kept as typed, flagged against the reference."""

    def test_script_in_a_commune_name(self, capsys):
        text = check_validate(
            capsys,
            "unsafe_script_name.csv",
            0,
            [
                (2, "commune_name", "warning", "name differs from the reference ('Xã Bảo Lâm')"),
                (3, "commune_name", "warning", "name differs from the reference ('Xã Lý Bôn')"),
            ],
        )
        assert "<script>alert(1)</script>" in text  # a terminal shows it as text
        survey = load_survey(CORPUS / "unsafe_script_name.csv")
        assert survey.loc[0, "commune_name"] == "<script>alert(1)</script>"

    def test_formulas_in_commune_names(self, capsys):
        check_validate(
            capsys,
            "formula_injection.csv",
            0,
            [
                (r, "commune_name", "warning", "name differs from the reference")
                for r in (2, 3, 4, 5)
            ],
        )
        survey = load_survey(CORPUS / "formula_injection.csv")
        assert survey["commune_name"].tolist() == [
            '=HYPERLINK("http://example.invalid","Bấm vào đây")',
            "+1+1",
            "-2+3",
            "@SUM(1,2)",
        ]


@pytest.fixture
def no_kernels(monkeypatch):
    """Fail the test if the runner would start a notebook."""
    monkeypatch.setattr(runner, "run", lambda *a, **k: pytest.fail("notebooks were started"))


def check_params(capsys, tmp_path, name: str, column: str | None, en: str, vi: str) -> None:
    path = CORPUS / name
    before = sha256(path)
    out = tmp_path / "out"
    code, text = run_cli(
        capsys, "run", "--province", "01", "--notebooks", "01", "--params", path, "--out", out
    )
    assert code == 1
    assert en in text and vi in text
    if column:
        assert column in text
    assert name in text  # the file is named
    assert sha256(path) == before
    assert not out.exists()


class TestParams:
    def test_misspelt_key(self, capsys, tmp_path, no_kernels):
        check_params(
            capsys,
            tmp_path,
            "params_misspelt_key.yaml",
            "programme.end_yaer",
            "unknown key; did you mean 'end_year'?",
            "có phải 'end_year'?",
        )

    def test_wrong_types_all_reported(self, capsys, tmp_path, no_kernels):
        check_params(
            capsys,
            tmp_path,
            "params_wrong_type.yaml",
            "pilots.thresholds.households_internet_smart_share",
            "wrong type: expected float, got str",
            "Sai kiểu: cần float",
        )
        # the second mistake of the same file, in the same report
        check_params(
            capsys,
            tmp_path,
            "params_wrong_type.yaml",
            "programme.start_year",
            "wrong type: expected int, got str",
            "cần int",
        )

    def test_very_large_document(self, capsys, tmp_path, no_kernels):
        check_params(
            capsys,
            tmp_path,
            "params_huge.yaml",
            None,
            "params file too large",
            "Tệp tham số quá lớn",
        )

    def test_aliases_billion_laughs(self, capsys, tmp_path, no_kernels):
        check_params(
            capsys,
            tmp_path,
            "params_billion_laughs.yaml",
            None,
            "anchors (&name) are not allowed",
            "YAML không hợp lệ (dòng/line 1)",
        )

    def test_deep_nesting(self, capsys, tmp_path, no_kernels):
        check_params(
            capsys,
            tmp_path,
            "params_deep_nesting.yaml",
            None,
            "YAML nested too deeply",
            "YAML lồng quá sâu",
        )

    def test_not_utf8(self, capsys, tmp_path, no_kernels):
        check_params(
            capsys,
            tmp_path,
            "params_not_utf8.yaml",
            None,
            "params file is not UTF-8",
            "không phải UTF-8",
        )

    def test_tab_indentation(self, capsys, tmp_path, no_kernels):
        check_params(
            capsys,
            tmp_path,
            "params_tab_indent.yaml",
            None,
            "invalid YAML (dòng/line 2): found character '\\t'",
            "YAML không hợp lệ",
        )

    def test_terminal_escapes_in_a_value_are_not_sent_to_the_terminal(
        self, capsys, tmp_path, no_kernels
    ):
        path = CORPUS / "params_terminal_escape.yaml"
        code, text = run_cli(
            capsys, "run", "--province", "01", "--params", path, "--out", tmp_path / "o"
        )
        assert code == 1 and "programme.end_yaer" in text and "did you mean 'end_year'?" in text
        assert "\x1b" not in text and "\x07" not in text
        assert "?[2J?]0;pwned? 2030" in text


def check_params_text(capsys, tmp_path, text: str, column: str, en: str, vi: str) -> str:
    """Run with a params file holding ``text``: exit 1 before any kernel, file and key named."""
    path = tmp_path / "bounds.yaml"
    path.write_text(text, encoding="utf-8")
    before = sha256(path)
    out = tmp_path / "out"
    code, text_out = run_cli(
        capsys, "run", "--province", "01", "--notebooks", "01", "--params", path, "--out", out
    )
    assert code == 1, text_out
    assert en in text_out and vi in text_out and column in text_out
    assert "bounds.yaml" in text_out
    assert sha256(path) == before and not out.exists()
    return text_out


class TestParamsBounds:
    """Values out of bounds stop the run before any kernel, naming the file and the key."""

    @pytest.mark.parametrize("value", [".nan", ".inf"])
    def test_threshold_not_finite(self, capsys, tmp_path, no_kernels, value):
        check_params_text(
            capsys,
            tmp_path,
            f"pilots:\n  thresholds:\n    households_internet_smart_share: {value}\n",
            "pilots.thresholds.households_internet_smart_share",
            "must be a finite number",
            "số hữu hạn",
        )

    def test_negative_envelope(self, capsys, tmp_path, no_kernels):
        check_params_text(
            capsys,
            tmp_path,
            "budget:\n  envelopes:\n    central: {2023: -1500}\n",
            "budget.envelopes.central.2023",
            "must be at least 0",
            "phải ≥ 0",
        )

    def test_start_after_end(self, capsys, tmp_path, no_kernels):
        check_params_text(
            capsys,
            tmp_path,
            "programme:\n  start_year: 2026\n  end_year: 2025\n",
            "programme.start_year",
            "must not be after end_year",
            "không được sau",
        )

    def test_absurd_end_year(self, capsys, tmp_path, no_kernels):
        check_params_text(
            capsys,
            tmp_path,
            "programme:\n  end_year: 1000000000\n",
            "programme.end_year",
            "year must be within 2000–2100",
            "Năm phải trong khoảng",
        )

    def test_share_above_one(self, capsys, tmp_path, no_kernels):
        check_params_text(
            capsys,
            tmp_path,
            "status:\n  targets:\n    files_online:\n      target: 60\n",
            "status.targets.files_online.target",
            "share must be between 0 and 1",
            "0–1",
        )

    def test_too_many_other_items(self, capsys, tmp_path, no_kernels):
        items = "".join(f"    i{n}: {{label: x, cost_mvnd: 1.0}}\n" for n in range(22_005))
        check_params_text(
            capsys,
            tmp_path,
            "budget:\n  other_items:\n" + items,
            "budget.other_items",
            "too many entries (22005, at most 500)",
            "Quá nhiều mục",
        )

    def test_exponent_numbers_are_numbers(self, capsys, tmp_path, no_kernels):
        # 5e3 is a number (5000.0), not a string: the only finding is the huge 1.0e308
        text = check_params_text(
            capsys,
            tmp_path,
            "budget:\n  best_use_budget_mvnd: 5e3\n  central_envelope_mvnd: 1.0e308\n",
            "budget.central_envelope_mvnd",
            "value too large",
            "quá lớn",
        )
        assert "wrong type" not in text and "best_use_budget_mvnd" not in text


class TestRunArguments:
    @pytest.mark.parametrize("value", ["../../etc", "99", "../01", "01/../../x", "<script>"])
    def test_unsafe_or_unknown_province_is_a_usage_error(self, capsys, tmp_path, value, no_kernels):
        out = tmp_path / "out"
        code, text = run_cli(capsys, "run", "--province", value, "--notebooks", "01", "--out", out)
        assert code == 2
        assert value in text and "unknown province" in text
        assert not out.exists()  # nothing created from the raw text

    def test_bad_survey_given_to_run_stops_before_any_kernel(self, capsys, tmp_path, no_kernels):
        path = CORPUS / "several_mistakes.csv"
        before = sha256(path)
        out = tmp_path / "out"
        code, text = run_cli(
            capsys, "run", "--province", "01", "--notebooks", "01", "--data", path, "--out", out
        )
        assert code == 1
        assert (
            "khoảng 20000" in text and "probably a percentage" in text and "8 lỗi / errors" in text
        )
        assert sha256(path) == before and not out.exists()

    def test_corrupt_workbook_given_to_run(self, capsys, tmp_path, no_kernels):
        code, text = run_cli(
            capsys,
            "run",
            "--province",
            "01",
            "--notebooks",
            "01",
            "--data",
            CORPUS / "truncated.xlsx",
            "--out",
            tmp_path / "o",
        )
        assert code == 1 and "corrupt" in text

    def test_validate_missing_file(self, capsys, tmp_path):
        code, text = run_cli(capsys, "validate", tmp_path / "khong_co.csv")
        assert code == 1 and "file not found" in text

    def test_convert_legacy_of_a_current_coded_file_is_flagged(self, capsys, tmp_path):
        code, text = run_cli(
            capsys, "convert-legacy", CORPUS / "utf8_bom.csv", "--out", tmp_path / "c.csv"
        )
        assert code == 1
        assert "seems to use 2025 codes already" in text and "Traceback" not in text
        assert not (tmp_path / "c.csv").exists()

    def test_convert_legacy_of_a_bad_file_writes_nothing(self, capsys, tmp_path):
        out = tmp_path / "converted.csv"
        code, text = run_cli(capsys, "convert-legacy", CORPUS / "empty.csv", "--out", out)
        assert code == 1 and "the file is empty" in text
        assert not out.exists()


class TestSilentWrongAnswers:
    """Valid-looking files that once gave a province wrong results with exit 0 and no word."""

    def test_one_mistyped_year_is_named_with_its_row(self, capsys):
        check_validate(
            capsys,
            "mistyped_year.csv",
            0,
            [
                (
                    6,
                    "year",
                    "warning",
                    "year 2026 has only 1 row(s) of province 01 (the best-covered year has 5) — rows 6;",
                    "Năm 2026 chỉ có 1 dòng của tỉnh 01",
                )
            ],
        )
        assert len(load_survey(CORPUS / "mistyped_year.csv")) == 6

    def test_hidden_older_sheet_is_not_read_and_is_named(self, capsys, clean_survey):
        check_validate(
            capsys,
            "hidden_old_sheet.xlsx",
            0,
            [
                (
                    None,
                    None,
                    "warning",
                    "hidden survey-shaped sheet(s) khao_sat ignored; the visible sheet(s) Số liệu 2025 were read",
                    "Bỏ qua trang ẩn",
                )
            ],
        )
        assert_reads_as_clean("hidden_old_sheet.xlsx", clean_survey)
        assert set(load_survey(CORPUS / "hidden_old_sheet.xlsx")["year"]) == {2025}

    def test_survey_split_over_sheets_is_merged_with_a_message(self, capsys, tmp_path):
        check_validate(
            capsys,
            "survey_split_over_sheets.xlsx",
            0,
            [
                (
                    None,
                    None,
                    "warning",
                    "2 sheets look like survey data; all were read and merged: khao_sat, Cụm 2",
                    "đã đọc và gộp cả 2 trang",
                )
            ],
        )
        six = tmp_path / "six.csv"
        six.write_text(
            make_corpus.csv_text(make_corpus.HEADER, make_corpus.base_rows(6)), encoding="utf-8"
        )
        merged = load_survey(CORPUS / "survey_split_over_sheets.xlsx")
        merged.attrs = {}
        pd.testing.assert_frame_equal(merged, load_survey(six))

    def test_same_commune_on_two_sheets_is_an_error_on_both_rows(self, capsys):
        text = check_validate(
            capsys,
            "same_commune_on_two_sheets.xlsx",
            1,
            [
                (None, None, "warning", "all were read and merged"),
                (2, "commune_code", "error", "commune 00376 is on more than one sheet in 2025"),
                (3, "commune_code", "error", "commune 00376 is on more than one sheet in 2025"),
            ],
        )
        assert "› Cụm 2 dòng/row 3" in text

    def test_semicolons_under_a_title_line(self, capsys, clean_survey):
        check_validate(
            capsys,
            "semicolon_under_title.csv",
            0,
            [(2, None, "warning", "the header is on row 2; the 1 row(s) above it were skipped")],
        )
        assert_reads_as_clean("semicolon_under_title.csv", clean_survey)

    def test_opendocument_is_refused_as_such(self, capsys):
        check_validate(
            capsys,
            "opendocument.ods",
            1,
            [(None, None, "error", "OpenDocument spreadsheet (.ods) is not read", "LibreOffice")],
        )

    def test_no_break_space_thousands_get_the_thousands_hint(self, capsys):
        check_validate(
            capsys,
            "nbsp_thousands.csv",
            1,
            [(2, "households", "error", "without thousands separators", "1.234")],
        )

    def test_zero_width_character_in_a_header_is_shown(self, capsys, clean_survey):
        check_validate(
            capsys,
            "zero_width_header.csv",
            0,
            [
                (
                    1,
                    "households",
                    "warning",
                    "invisible characters (house⟨U+200B⟩holds)",
                    "ký tự ẩn",
                )
            ],
        )
        assert_reads_as_clean("zero_width_header.csv", clean_survey)

    def test_unterminated_quote_names_the_lines_it_swallowed(self, capsys):
        path = CORPUS / "unterminated_quote.csv"
        before = sha256(path)
        code, text = run_cli(capsys, "validate", path)
        assert code == 1
        swallowed = [p for p in collect_problems(path) if "swallowed" in p.rule_en]
        assert [(p.row, p.severity) for p in swallowed] == [(3, "error")]
        assert "lines 3–6 were swallowed into one cell" in swallowed[0].rule_en
        assert "các dòng 3–6 bị gộp vào một ô" in text
        assert sha256(path) == before

    def test_millions_of_shared_strings_are_refused_before_parsing(self, capsys):
        check_validate(
            capsys,
            "many_shared_strings.xlsx",
            1,
            [
                (
                    None,
                    None,
                    "error",
                    "holds 1,200,000 shared strings, beyond the limit of 1,000,000",
                    "vượt giới hạn 1.000.000",
                )
            ],
        )
