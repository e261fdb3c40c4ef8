"""Tests for ntmplan.core.summaries: tolerant reading of the workbooks' summaries."""

from __future__ import annotations

import json

from ntmplan.core import summaries


class TestReadJson:
    def test_reads_any_json_value(self, tmp_path):
        (tmp_path / "a.json").write_text('{"x": 1}', encoding="utf-8")
        (tmp_path / "b.json").write_text("[1, 2]", encoding="utf-8")
        assert summaries.read_json(tmp_path / "a.json") == {"x": 1}
        assert summaries.read_json(tmp_path / "b.json") == [1, 2]

    def test_missing_unreadable_or_not_json_give_none(self, tmp_path):
        (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
        (tmp_path / "latin.json").write_bytes(b"\xff\xfe\x00")
        assert summaries.read_json(tmp_path / "none.json") is None
        assert summaries.read_json(tmp_path / "bad.json") is None
        assert summaries.read_json(tmp_path / "latin.json") is None
        assert summaries.read_json(tmp_path) is None  # a folder


class TestReadSummary:
    def test_file_name_and_read(self, tmp_path):
        assert summaries.summary_file_name("02_pilots") == "summary_02_pilots.json"
        (tmp_path / "summary_02_pilots.json").write_text('{"eligible": 2}', encoding="utf-8")
        assert summaries.read_summary(tmp_path, "02_pilots") == {"eligible": 2}
        assert summaries.read_summary(tmp_path, "04_capacity") is None


class TestReadSummaries:
    def test_own_file_first_then_the_merged_summary(self, tmp_path):
        (tmp_path / "summary_01_status.json").write_text('{"a": 1}', encoding="utf-8")
        (tmp_path / "summary_02_pilots.json").write_text("[1]", encoding="utf-8")
        merged = {"01_status": {"a": 0}, "02_pilots": {"b": 2}, "03_budget": "x"}
        (tmp_path / "summary.json").write_text(json.dumps(merged), encoding="utf-8")
        got = summaries.read_summaries(tmp_path, ["01_status", "02_pilots", "03_budget"])
        assert got == {"01_status": {"a": 1}, "02_pilots": {"b": 2}, "03_budget": None}

    def test_missing_folder(self, tmp_path):
        assert summaries.read_summaries(tmp_path / "none", ["01_status"]) == {"01_status": None}


class TestNestedGet:
    def test_follows_keys_and_falls_back(self):
        data = {"a": {"b": {"c": 3}, "n": None}, "l": [1]}
        assert summaries.nested_get(data, "a", "b", "c") == 3
        assert summaries.nested_get(data, "a", "x", default=0) == 0
        assert summaries.nested_get(data, "a", "n", default="d") == "d"  # None → default
        assert summaries.nested_get(data, "l", "x", default=1) == 1  # not a dict
        assert summaries.nested_get(None, "a") is None


class TestChosenPilots:
    def test_dict_entries_only(self):
        s02 = {"chosen": {"smart_commune": [{"commune_code": "1"}, "junk"], "x": "garbage"}}
        assert summaries.chosen_pilots(s02, "smart_commune") == [{"commune_code": "1"}]
        assert summaries.chosen_pilots(s02, "x") == []
        assert summaries.chosen_pilots(None, "smart_commune") == []


class TestIdentity:
    def test_first_non_empty_values_and_any_illustrative(self):
        got = summaries.identity(
            [
                None,
                {"province_code": "", "illustrative": False},
                {"province_code": "01", "province_name": "Hà Nội", "illustrative": True},
                {"profile": "2021_2025"},
            ]
        )
        assert got == {
            "province_code": "01",
            "province_name": "Hà Nội",
            "profile": "2021_2025",
            "illustrative": True,
        }

    def test_nothing(self):
        assert summaries.identity([]) == {
            "province_code": None,
            "province_name": None,
            "profile": None,
            "illustrative": False,
        }
