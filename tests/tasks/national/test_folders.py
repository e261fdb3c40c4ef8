"""Tests for ntmplan.tasks.national.folders: province folders and run status."""

from __future__ import annotations

import json

from ntmplan.tasks import national


class TestProvinceFolders:
    def test_only_valid_province_folders(self, root):
        assert [c for c, _ in national.province_folders(root)] == ["01", "04"]

    def test_missing_root(self, tmp_path):
        assert national.province_folders(tmp_path / "none") == []


class TestRunStatus:
    def test_from_files(self, tmp_path):
        (tmp_path / "01_status.ipynb").write_text(
            json.dumps({"metadata": {"papermill": {"exception": None}}}), encoding="utf-8"
        )
        (tmp_path / "02_pilots.ipynb").write_text(
            json.dumps({"metadata": {"papermill": {"exception": True}}}), encoding="utf-8"
        )
        assert national.run_status(tmp_path, "01_status", False) == "ok"
        assert national.run_status(tmp_path, "02_pilots", True) == "failed"
        assert national.run_status(tmp_path, "03_budget", True) == "ok"
        assert national.run_status(tmp_path, "04_capacity", False) == "not_run"
