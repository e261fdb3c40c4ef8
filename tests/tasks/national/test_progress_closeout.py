"""The national close-out table from hand-made progress summaries."""

from __future__ import annotations

import json

from ntmplan.survey import units
from ntmplan.tasks import national


def write(root, code, closeout, projection=None, at_risk=()):
    folder = root / units.province_dir_name(code)
    folder.mkdir(parents=True)
    summary = {
        "notebook": "07_progress",
        "province_code": code,
        "province_name": f"Tỉnh {code}",
        "closeout": closeout,
        "targets_met": sum(v["met"] for v in closeout.values()),
        "targets_total": len(closeout),
        "projection": projection or {},
        "at_risk": list(at_risk),
    }
    (folder / "summary_07_progress.json").write_text(json.dumps(summary), encoding="utf-8")


def target(met, short, label="Chỉ tiêu A"):
    return {
        "label_vi": label,
        "year": 2025,
        "value": 0.5,
        "target": 0.6,
        "met": met,
        "communes_short": short,
    }


class TestCloseout:
    def test_provinces_needing_attention_first(self, tmp_path):
        write(tmp_path, "01", {"a": target(True, 0), "b": target(True, 0, "B")})
        write(tmp_path, "04", {"a": target(False, 3), "b": target(True, 0, "B")})
        write(tmp_path, "08", {"a": target(False, 1), "b": target(False, 5, "B")})
        (tmp_path / units.province_dir_name("11")).mkdir()  # no 07 summary: left out
        progress = national.read_progress(tmp_path)
        assert sorted(progress) == ["01", "04", "08"]
        table = national.closeout_table(progress)
        assert table["province_code"].tolist() == ["08", "04", "01"]
        assert table.loc[0, "targets_missed"] == "Chỉ tiêu A; B"
        assert table.loc[0, "communes_short"] == 6 and table.loc[2, "targets_missed"] == ""

    def test_counts_per_target(self, tmp_path):
        write(tmp_path, "01", {"a": target(True, 0), "b": target(True, 0, "B")})
        write(tmp_path, "04", {"a": target(False, 3), "b": target(True, 0, "B")})
        counts = national.closeout_counts(national.read_progress(tmp_path))
        assert counts["label_vi"].tolist() == ["Chỉ tiêu A", "B"]
        assert counts["provinces_met"].tolist() == [1, 2]
        assert counts["provinces_not_met"].tolist() == [1, 0]
        assert counts["communes_short"].tolist() == [3, 0]

    def test_no_summaries(self, tmp_path):
        assert national.read_progress(tmp_path / "none") == {}
        assert national.closeout_table({}).empty and national.closeout_counts({}).empty
