"""Tests for ntmplan.cli: exit codes, messages, no tracebacks."""

from __future__ import annotations

import pytest

from ntmplan import cli


class TestResolveProvinces:
    def test_codes_and_names(self):
        assert cli.resolve_provinces(["01", "Cao Bằng"], False) == ["01", "04"]

    def test_comma_separated(self):
        assert cli.resolve_provinces(["01,24"], False) == ["01", "24"]

    def test_all(self):
        assert len(cli.resolve_provinces(None, True)) == 34

    @pytest.mark.parametrize("value", ["../../etc", "99", "<script>", "02"])
    def test_unknown_or_unsafe_is_usage_error(self, value):
        with pytest.raises(cli.UsageError):
            cli.resolve_provinces([value], False)

    def test_nothing_selected(self):
        with pytest.raises(cli.UsageError):
            cli.resolve_provinces(None, False)


class TestMain:
    def test_provinces_lists_34(self, capsys):
        assert cli.main(["provinces"]) == 0
        out = capsys.readouterr().out
        assert "Hà Nội" in out and "Cà Mau" in out

    def test_path_like_province_exits_2_without_traceback(self, capsys):
        assert cli.main(["run", "--province", "../../etc"]) == 2
        err = capsys.readouterr().err
        assert "../../etc" in err and "Traceback" not in err

    def test_unknown_notebook_exits_2(self, capsys):
        assert cli.main(["run", "--province", "01", "--notebooks", "42"]) == 2
        assert "42" in capsys.readouterr().err

    def test_bad_params_file_exits_1_with_key_named(self, tmp_path, capsys):
        bad = tmp_path / "p.yaml"
        bad.write_text("programme:\n  end_yaer: 2030\n", encoding="utf-8")
        assert cli.main(["run", "--province", "01", "--params", str(bad)]) == 1
        err = capsys.readouterr().err
        assert "programme.end_yaer" in err and "Traceback" not in err

    def test_usage_error_from_argparse_is_2(self):
        with pytest.raises(SystemExit) as exc:
            cli.main(["run", "--jobs", "many"])
        assert exc.value.code == 2


class TestTemplateCommand:
    def test_folder_as_output_is_usage_error(self, tmp_path, capsys):
        assert cli.main(["template", "--out", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and "folder" in err

    def test_writes_the_form(self, tmp_path, capsys):
        target = tmp_path / "mau.xlsx"
        assert cli.main(["template", "--out", str(target)]) == 0
        assert target.stat().st_size > 0


class TestSummaryTable:
    def test_control_characters_are_not_printed(self):
        from ntmplan.batch.runner import RunResult, summary_table

        text = summary_table(
            [RunResult("01_status", "01", "failed", 1.0, "/x", error="bad\x1b[31m red")]
        )
        assert "\x1b" not in text and "bad" in text
