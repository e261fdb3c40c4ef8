"""Tests for ntmplan.cli.validate: the ``ntmplan validate FILE`` report and exit code."""

from __future__ import annotations

import pytest

from ntmplan.cli import validate
from ntmplan.survey.schema import COLUMNS
from tests.survey.test_validate import survey_file
from tests.survey_fixtures import ROW_A, ROW_B, with_cells


class TestRunValidate:
    def test_clean_file_exits_0(self, tmp_path, capsys):
        assert validate.run_validate(survey_file(tmp_path)) == 0
        out = capsys.readouterr().out
        assert "0 lỗi / errors, 0 cảnh báo / warnings" in out
        assert "Không có vấn đề nào" in out

    def test_several_mistakes_all_listed_file_unchanged(self, tmp_path, capsys, file_hash):
        a = with_cells(
            ROW_A, households="mười", files_online_share="65"
        )  # row 2: text in a count, a percentage
        b = with_cells(
            ROW_B, province_code="02", villages_4g="9"
        )  # row 3: legacy province, 9 > 8 villages
        path = survey_file(tmp_path, rows=(a, b, ROW_A))  # row 4 repeats row 2's commune
        before = file_hash(path)
        code = validate.run_validate(path)
        assert file_hash(path) == before
        assert code == 1
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert "6 lỗi / errors, 0 cảnh báo / warnings" in lines[1]
        body = "\n".join(lines[3:])
        for row, column in [
            (2, "households"),
            (2, "files_online_share"),
            (2, "commune_code"),
            (3, "province_code"),
            (3, "villages_4g"),
            (4, "commune_code"),
        ]:
            assert any(line.split()[:2] == [str(row), column] for line in lines[5:]), (
                row,
                column,
                body,
            )
        assert "phần trăm" in out and "danh mục cũ" in out
        assert "Traceback" not in out

    def test_warnings_only_exit_0(self, tmp_path, capsys):
        header = [*COLUMNS, "ghi_chu"]
        path = survey_file(tmp_path, rows=(ROW_A + ["x"], ROW_B + [""]), header=header)
        assert validate.run_validate(path) == 0
        out = capsys.readouterr().out
        assert "0 lỗi / errors, 1 cảnh báo / warnings" in out and "ghi_chu" in out

    def test_missing_file(self, tmp_path, capsys):
        assert validate.run_validate(tmp_path / "khong_co.csv") == 1
        assert "Không tìm thấy tệp" in capsys.readouterr().out

    def test_corrupt_xlsx(self, tmp_path, capsys):
        path = tmp_path / "hong.xlsx"
        path.write_bytes(b"PK\x03\x04 not really a zip")
        assert validate.run_validate(path) == 1
        out = capsys.readouterr().out
        assert "bị hỏng" in out and "Traceback" not in out

    def test_unexpected_error_is_reported_not_raised(self, tmp_path, capsys, monkeypatch):
        from ntmplan.survey import schema

        def boom(*args, **kwargs):
            raise RuntimeError("bất ngờ")

        monkeypatch.setattr(schema, "validate_survey", boom)
        assert validate.run_validate(survey_file(tmp_path)) == 1
        out = capsys.readouterr().out
        assert "Lỗi không mong đợi" in out and "bất ngờ" in out

    def test_legacy_scheme(self, tmp_path, capsys):
        row = with_cells(
            ROW_A, commune_code="00001", commune_name="Phường Phúc Xá", unit_type="phường"
        )
        path = survey_file(tmp_path, rows=(row,))
        assert validate.run_validate(path, scheme="legacy") == 0
        assert validate.run_validate(path, scheme="current") == 1


class TestBundledSample:
    def test_illustrative_sample_validates_cleanly(self, capsys):
        from ntmplan.core import paths

        if not paths.SAMPLE_SURVEY.is_file():
            pytest.skip("illustrative sample not generated yet")
        assert validate.run_validate(paths.SAMPLE_SURVEY) == 0
        assert "0 lỗi / errors, 0 cảnh báo / warnings" in capsys.readouterr().out
