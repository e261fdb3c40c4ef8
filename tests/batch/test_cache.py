"""Tests for ntmplan.batch.cache: the success records that make a run's outputs visible."""

from __future__ import annotations

import json

from ntmplan.batch import cache
from ntmplan.batch.results import RunResult
from ntmplan.batch.tasks import RunTask


def _task(folder, notebook="02_pilots"):
    return RunTask(notebook, "04", str(folder), {}, "nb.ipynb")


class TestExports:
    def test_catalogue_names_and_patterns(self, tmp_path):
        for name in ("pilots.xlsx", "cong_van_dang_ky_thi_diem_cao-bang.docx", "other.xlsx"):
            (tmp_path / name).write_bytes(b"x")
        (tmp_path / ".pilots.xlsx.abc.tmp").write_bytes(b"x")  # an atomic write's temp file
        names = [p.name for p in cache.export_files(tmp_path, "02_pilots")]
        assert names == ["cong_van_dang_ky_thi_diem_cao-bang.docx", "pilots.xlsx"]
        assert cache.export_files(tmp_path, "unknown_notebook") == []


class TestRecords:
    def test_record_lists_summary_and_exports_and_clear_removes_them(self, tmp_path):
        task = _task(tmp_path)
        for name in ("02_pilots.ipynb", "02_pilots.html", "summary_02_pilots.json", "pilots.xlsx"):
            (tmp_path / name).write_bytes(b"x")
        cache.write_cache_record(task, "k1", RunResult("02_pilots", "04", "ok", 1.0, ""))
        record = cache.read_record(tmp_path, "02_pilots")
        assert record["outputs"] == [
            "02_pilots.ipynb",
            "02_pilots.html",
            "summary_02_pilots.json",
            "pilots.xlsx",
        ]
        assert cache.is_fresh(task, "k1") and not cache.is_fresh(task, "k2")
        assert cache.recorded_outputs(tmp_path) == {"02_pilots": record["outputs"]}
        cache.clear_cache_record(task)
        assert cache.read_record(tmp_path, "02_pilots") is None
        assert not (tmp_path / "pilots.xlsx").exists()
        assert not (tmp_path / "summary_02_pilots.json").exists()
        assert (tmp_path / "02_pilots.html").exists()  # replaced by the rerun, not removed

    def test_unreadable_record_is_none(self, tmp_path):
        (tmp_path / ".cache").mkdir()
        (tmp_path / ".cache" / "x.json").write_text("{", encoding="utf-8")
        (tmp_path / ".cache" / "y.json").write_text(json.dumps([1]), encoding="utf-8")
        assert cache.read_record(tmp_path, "x") is None
        assert cache.read_record(tmp_path, "y") is None
        assert cache.recorded_outputs(tmp_path) == {}
