"""Tests for ntmplan.batch.summaries: successful runs' summaries merged into summary.json."""

from __future__ import annotations

import json

from ntmplan.batch import summaries


def _summary(folder, notebook, data, recorded=True):
    (folder / f"summary_{notebook}.json").write_text(json.dumps(data), encoding="utf-8")
    if recorded:
        (folder / ".cache").mkdir(exist_ok=True)
        record = {"key": "k", "outputs": [f"summary_{notebook}.json"], "seconds": 1.0}
        (folder / ".cache" / f"{notebook}.json").write_text(json.dumps(record), encoding="utf-8")


class TestMergeSummaries:
    def test_merges_per_notebook_files_of_recorded_runs(self, tmp_path):
        _summary(tmp_path, "01_status", {"a": 1})
        _summary(tmp_path, "02_pilots", {"b": 2})
        merged = json.loads(summaries.merge_summaries(tmp_path).read_text(encoding="utf-8"))
        assert merged == {"01_status": {"a": 1}, "02_pilots": {"b": 2}}

    def test_a_summary_without_a_record_is_not_merged(self, tmp_path):
        _summary(tmp_path, "01_status", {"a": 1})
        _summary(tmp_path, "03_budget", {"c": 3}, recorded=False)  # an interrupted run's
        merged = json.loads(summaries.merge_summaries(tmp_path).read_text(encoding="utf-8"))
        assert merged == {"01_status": {"a": 1}}

    def test_nothing_to_merge_removes_an_older_merge(self, tmp_path):
        (tmp_path / "summary.json").write_text("{}", encoding="utf-8")
        _summary(tmp_path, "03_budget", {"c": 3}, recorded=False)
        assert summaries.merge_summaries(tmp_path) is None
        assert not (tmp_path / "summary.json").exists()


class TestOrphans:
    def test_drops_only_summaries_without_a_record(self, tmp_path):
        _summary(tmp_path, "01_status", {"a": 1})
        _summary(tmp_path, "03_budget", {"c": 3}, recorded=False)
        assert summaries.drop_orphan_summaries(tmp_path) == ["summary_03_budget.json"]
        assert (tmp_path / "summary_01_status.json").is_file()

    def test_province_results_needs_a_recorded_summary(self, tmp_path):
        hanoi, caobang = tmp_path / "01-ha-noi", tmp_path / "04-cao-bang"
        hanoi.mkdir()
        caobang.mkdir()
        _summary(hanoi, "01_status", {"a": 1})
        _summary(caobang, "01_status", {"a": 1}, recorded=False)
        (tmp_path / "junk").mkdir()
        assert summaries.province_results(tmp_path) == [hanoi]
        assert summaries.province_results(tmp_path / "missing") == []
