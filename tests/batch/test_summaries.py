"""Tests for ntmplan.batch.summaries: per-notebook summaries merged into summary.json."""

from __future__ import annotations

import json

from ntmplan.batch import summaries


class TestMergeSummaries:
    def test_merges_per_notebook_files(self, tmp_path):
        (tmp_path / "summary_01_status.json").write_text(json.dumps({"a": 1}), encoding="utf-8")
        (tmp_path / "summary_02_pilots.json").write_text(json.dumps({"b": 2}), encoding="utf-8")
        merged = json.loads(summaries.merge_summaries(tmp_path).read_text(encoding="utf-8"))
        assert merged == {"01_status": {"a": 1}, "02_pilots": {"b": 2}}

    def test_nothing_to_merge(self, tmp_path):
        assert summaries.merge_summaries(tmp_path) is None
