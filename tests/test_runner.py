"""Tests for ntmplan.runner: parameter checks, failure isolation, summaries, index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ntmplan import runner
from ntmplan.errors import InputError

NB_DIR = Path(__file__).parent / "data" / "notebooks"


@pytest.fixture
def fake_notebooks(monkeypatch):
    """Point the runner at the tiny test notebooks (ok / fail / die)."""
    monkeypatch.setattr(runner, "notebook_path", lambda nb: NB_DIR / f"{nb}.ipynb")


class TestCheckParameters:
    def test_matching_parameters_pass(self):
        params = {"province": "01", "params_file": "", "data_file": "", "output_dir": "/tmp/x", "interactive": False}
        assert runner.check_parameters(NB_DIR / "ok.ipynb", params) == []

    def test_misspelt_name_is_an_error(self):
        problems = runner.check_parameters(NB_DIR / "ok.ipynb", {"provnce": "01"})
        assert [p.column for p in problems] == ["provnce"]
        assert "unknown notebook parameter" in problems[0].rule_en

    def test_wrong_type_is_an_error(self):
        problems = runner.check_parameters(NB_DIR / "ok.ipynb", {"interactive": "no", "province": 1})
        assert sorted(p.column for p in problems) == ["interactive", "province"]


@pytest.mark.slow
class TestRun:
    def test_failure_is_isolated_and_reported(self, tmp_path, fake_notebooks):
        results = runner.run(["01", "02"], ["ok", "fail"], out_root=tmp_path, jobs=2, progress=False)
        by = {(r.province_code, r.notebook): r for r in results}
        assert len(results) == 4
        assert by[("01", "ok")].status == "ok" and by[("02", "ok")].status == "ok"
        for code in ("01", "02"):
            failed = by[(code, "fail")]
            assert failed.status == "failed"
            assert "deliberate failure" in failed.error
            assert Path(failed.ipynb).is_file()  # papermill's error notebook kept
        assert (tmp_path / "01-ha-noi" / "done.txt").read_text() == "01"
        html = (tmp_path / "01-ha-noi" / "ok.html").read_text(encoding="utf-8")
        assert "xong 01" in html and "pathlib" not in html  # output shown, code hidden
        index = (tmp_path / "index.html").read_text(encoding="utf-8")
        assert "01-ha-noi/index.html" in index
        summary = runner.summary_table(results)
        assert "2 lỗi / failed" in summary

    def test_dead_kernel_is_a_failed_run_not_a_crash(self, tmp_path, fake_notebooks):
        results = runner.run(["01", "04"], ["die"], out_root=tmp_path, jobs=2, progress=False)
        by = {r.province_code: r for r in results}
        assert by["01"].status == "ok"
        assert by["04"].status == "failed" and by["04"].error

    def test_unknown_parameter_stops_before_any_kernel(self, tmp_path, fake_notebooks, monkeypatch):
        monkeypatch.setattr(runner, "execute_task", lambda t: pytest.fail("kernel started"))
        with pytest.raises(InputError):
            runner.run(["01"], ["missing_notebook"], out_root=tmp_path, progress=False)


class TestMergeSummaries:
    def test_merges_per_notebook_files(self, tmp_path):
        (tmp_path / "summary_01_status.json").write_text(json.dumps({"a": 1}), encoding="utf-8")
        (tmp_path / "summary_02_pilots.json").write_text(json.dumps({"b": 2}), encoding="utf-8")
        merged = json.loads(runner.merge_summaries(tmp_path).read_text(encoding="utf-8"))
        assert merged == {"01_status": {"a": 1}, "02_pilots": {"b": 2}}

    def test_nothing_to_merge(self, tmp_path):
        assert runner.merge_summaries(tmp_path) is None
