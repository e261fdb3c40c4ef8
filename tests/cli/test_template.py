"""Tests for ntmplan.cli.template: ``ntmplan template``."""

from __future__ import annotations

from ntmplan import cli


class TestTemplateCommand:
    def test_folder_as_output_is_usage_error(self, tmp_path, capsys):
        assert cli.main(["template", "--out", str(tmp_path)]) == 2
        err = capsys.readouterr().err
        assert "Traceback" not in err and "folder" in err

    def test_writes_the_form(self, tmp_path, capsys):
        target = tmp_path / "mau.xlsx"
        assert cli.main(["template", "--out", str(target)]) == 0
        assert target.stat().st_size > 0
