"""Tests for ntmplan.cli.run: exit codes and messages of ``ntmplan run``, no tracebacks."""

from __future__ import annotations

import pytest

from ntmplan import cli


class TestMain:
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

    def test_province_not_in_survey_exits_1_before_any_kernel(self, tmp_path, capsys, monkeypatch):
        from ntmplan.batch import runner
        from ntmplan.survey import loading
        from tests.survey_fixtures import csv_text

        monkeypatch.setattr(loading, "_SURVEY_MEMORY", {})
        monkeypatch.setattr(runner, "run", lambda *a, **k: pytest.fail("a kernel batch started"))
        data = tmp_path / "f.csv"
        data.write_text(csv_text(), encoding="utf-8")  # Hà Nội (01) only
        before = data.read_bytes()
        argv = ["run", "--province", "01", "--province", "04", "--data", str(data)]
        assert cli.main([*argv, "--out", str(tmp_path / "out")]) == 1
        err = capsys.readouterr().err
        assert "Traceback" not in err and str(data) in err
        assert "04 Tỉnh Cao Bằng" in err and "01 Thành phố Hà Nội" in err
        assert "has no row for this province" in err and "không có dòng nào" in err
        assert data.read_bytes() == before

    def test_usage_error_from_argparse_is_2(self):
        with pytest.raises(SystemExit) as exc:
            cli.main(["run", "--jobs", "many"])
        assert exc.value.code == 2


class TestCheckProvincesInSurvey:
    def test_missing_provinces_listed_one_problem_each(self):
        import pandas as pd

        from ntmplan.cli.run import check_provinces_in_survey
        from ntmplan.core.errors import InputError

        survey = pd.DataFrame({"province_code": ["01", "01", "04"]})
        check_provinces_in_survey("f.csv", survey, ["01", "04"])
        with pytest.raises(InputError) as exc:
            check_provinces_in_survey("f.csv", survey, ["01", "08", "11"])
        assert [p.value for p in exc.value.problems] == ["08 Tỉnh Tuyên Quang", "11 Tỉnh Điện Biên"]
        assert all(p.file == "f.csv" and p.column == "province_code" for p in exc.value.problems)
        assert "01 Thành phố Hà Nội, 04 Tỉnh Cao Bằng" in exc.value.problems[0].rule_en


class TestSelectNotebooks:
    def test_number_prefixes_and_full_ids(self):
        from ntmplan.cli.run import select_notebooks

        assert select_notebooks("01, 03_budget", False) == ["01_status", "03_budget"]

    def test_default_set_gets_the_national_roll_up_with_all(self):
        from ntmplan.batch import runner
        from ntmplan.cli.run import select_notebooks
        from ntmplan.core.params import load_params

        default = [
            n for n in load_params()["runner"]["notebooks"] if runner.notebook_path(n).is_file()
        ]
        assert select_notebooks(None, False) == default
        assert select_notebooks(None, True) == [*default, runner.NATIONAL_NOTEBOOK]

    def test_unknown_is_a_usage_error(self):
        from ntmplan.cli.run import select_notebooks

        with pytest.raises(cli.UsageError, match="42"):
            select_notebooks("01,42", False)


def _survey_with_a_2026_row(folder, retype: bool):
    """Province 46's rows of the illustrative 2025 survey, one of them typed 2026.

    ``retype``: the row's year is changed (its commune then has no 2025 row); otherwise the
    2026 row is an extra copy (every commune keeps its 2025 row).
    """
    import pandas as pd

    from ntmplan.core import paths

    rows = pd.read_csv(paths.SAMPLE_SURVEY, dtype=str, keep_default_na=False)
    rows = rows[rows["province_code"] == "46"].reset_index(drop=True)
    odd = rows.iloc[[3]].assign(year="2026")
    rows = pd.concat([rows.drop(index=3), odd] if retype else [rows, odd], ignore_index=True)
    target = folder / "khao_sat_2025.csv"
    rows.to_csv(target, index=False)
    return target, len(rows) - (0 if retype else 1), odd["commune_name"].iloc[0]


@pytest.mark.slow
class TestSurveyYear:
    @pytest.mark.parametrize("retype", [False, True])
    def test_a_row_typed_2026_does_not_shrink_the_province(self, tmp_path, capsys, retype):
        import json

        data, communes, odd_name = _survey_with_a_2026_row(tmp_path, retype)
        out = tmp_path / "out"
        argv = ["run", "--province", "46", "--notebooks", "01", "--data", str(data)]
        assert cli.main([*argv, "--out", str(out), "--quiet"]) == 0
        folder = next(out.glob("46-*"))
        year = json.loads((folder / "summary_01_status.json").read_text(encoding="utf-8"))[
            "survey_year"
        ]
        analysed = communes - 1 if retype else communes
        assert (year["year"], year["units_analysed"], year["units_in_file"]) == (
            2025,
            analysed,
            communes,
        )
        assert year["other_years"] == {"2026": 1}
        # a visible, marked line in the header: units or rows were left out
        said = "<strong>⚠ Năm khảo sát phân tích:</strong> 2025 (năm gần nhất có nhiều đơn vị"
        html = (folder / "01_status.html").read_text(encoding="utf-8")
        assert said in html and f"{analysed}/{communes} đơn vị" in html
        assert "1 dòng năm 2026" in html
        assert (f"Không có dòng năm 2025: {odd_name}." in html) == retype
        stdout = capsys.readouterr().out
        assert f"survey year 2025: {analysed} of {communes} units analysed" in stdout

    def test_a_year_the_province_lacks_is_refused_before_any_kernel(
        self, tmp_path, capsys, monkeypatch
    ):
        from ntmplan.batch import runner

        monkeypatch.setattr(runner, "execute_task", lambda t: pytest.fail("kernel started"))
        data, _, _ = _survey_with_a_2026_row(tmp_path, False)
        argv = ["run", "--province", "46", "--notebooks", "01", "--data", str(data)]
        assert cli.main([*argv, "--year", "2023", "--out", str(tmp_path / "o")]) == 1
        err = capsys.readouterr().err
        assert "the survey has no row of this year for the province; it has: 2025, 2026" in err


class TestYearLines:
    def _folder(self, root, name, year, analysed, total, other=None):
        import json

        folder = root / name
        folder.mkdir()
        record = {
            "year": year,
            "chosen_by": "default",
            "units_analysed": analysed,
            "units_in_file": total,
            "other_years": other or {},
            "missing_units": [],
        }
        merged = {"01_status": {"survey_year": record}}
        (folder / "summary.json").write_text(json.dumps(merged), encoding="utf-8")
        return folder

    def _result(self, folder, code):
        from ntmplan.batch.results import RunResult

        return RunResult("01_status", code, "ok", 1.0, str(folder))

    def test_one_line_when_every_province_is_complete_in_one_year(self, tmp_path):
        from ntmplan.cli.run import year_lines

        a = self._folder(tmp_path, "01-ha-noi", 2025, 126, 126)
        b = self._folder(tmp_path, "04-cao-bang", 2025, 53, 53)
        lines = year_lines([self._result(a, "01"), self._result(b, "04")])
        assert lines == [
            "Năm khảo sát phân tích / survey year analysed: 2025 — đủ mọi đơn vị của 2 tỉnh"
            " / every unit of 2 province(s)"
        ]

    def test_a_province_with_units_left_out_is_named(self, tmp_path):
        from ntmplan.cli.run import year_lines

        a = self._folder(tmp_path, "01-ha-noi", 2025, 126, 126)
        b = self._folder(tmp_path, "04-cao-bang", 2025, 52, 53, {"2026": 1})
        lines = year_lines([self._result(a, "01"), self._result(b, "04")])
        assert len(lines) == 1 and lines[0].startswith("04-cao-bang: Năm khảo sát phân tích: 2025")
        assert lines[0].endswith("/ survey year 2025: 52 of 53 units analysed")
        assert year_lines([]) == []
