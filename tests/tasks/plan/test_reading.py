"""Tests for ntmplan.tasks.plan.reading: collecting summaries, figures and exports."""

from __future__ import annotations

import json

from ntmplan.tasks import plan
from tests.tasks.plan.fixtures import ALL, s01, s04, write_summaries


class TestCollect:
    def test_reads_every_summary_figures_and_exports(self, tmp_path):
        write_summaries(tmp_path, ALL)
        (tmp_path / "figures").mkdir()
        for name in ("01_dot_map", "02_funnel", "status_other", "zz_unrelated"):
            (tmp_path / "figures" / f"{name}.png").write_bytes(b"png")
        (tmp_path / "pilots.xlsx").write_bytes(b"x")
        got = plan.collect(tmp_path)
        assert got["missing"] == []
        assert got["summaries"]["03_budget"]["total_mvnd"] == 1000.0
        # 01 figures: prefix "01_" and the notebook's name "status_"; unrelated files are not picked
        assert [p.name for p in got["figures"]["01_status"]] == [
            "01_dot_map.png",
            "status_other.png",
        ]
        assert [p.name for p in got["figures"]["02_pilots"]] == ["02_funnel.png"]
        assert list(got["exports"]) == ["pilots.xlsx"]
        assert got["province_code"] == "01" and got["illustrative"] is True

    def test_missing_and_unreadable_summaries_are_marked_not_raised(self, tmp_path):
        write_summaries(tmp_path, ["01_status"])
        (tmp_path / "summary_02_pilots.json").write_text("{not json", encoding="utf-8")
        (tmp_path / "summary_03_budget.json").write_text(
            "[1, 2]", encoding="utf-8"
        )  # not a mapping
        got = plan.collect(tmp_path)
        assert got["missing"] == ["02_pilots", "03_budget", "04_capacity", "05_data"]
        assert got["summaries"]["02_pilots"] is None

    def test_falls_back_on_the_merged_summary(self, tmp_path):
        (tmp_path / "summary.json").write_text(json.dumps({"04_capacity": s04()}), encoding="utf-8")
        got = plan.collect(tmp_path)
        assert got["summaries"]["04_capacity"]["allowance_members"] == 10
        assert "04_capacity" not in got["missing"]

    def test_missing_folder_gives_everything_missing(self, tmp_path):
        got = plan.collect(tmp_path / "nope")
        assert len(got["missing"]) == 5 and got["figures"]["01_status"] == []

    def test_listed_figures_outside_the_folder_are_ignored(self, tmp_path):
        summary = s01() | {"figures": ["figures/01_a.png", "/etc/passwd", "../x.png"]}
        (tmp_path / "figures").mkdir()
        (tmp_path / "figures" / "01_a.png").write_bytes(b"png")
        (tmp_path / "summary_01_status.json").write_text(json.dumps(summary), encoding="utf-8")
        got = plan.collect(tmp_path)
        assert [p.name for p in got["figures"]["01_status"]] == ["01_a.png"]


class TestAvailability:
    def test_lists_each_notebook(self, tmp_path):
        got = plan.availability(plan.collect(write_summaries(tmp_path, ["02_pilots"])))
        assert list(got.iloc[:, 1]) == [
            "chưa có số liệu",
            "có",
            "chưa có số liệu",
            "chưa có số liệu",
            "chưa có số liệu",
        ]
