"""Tests for ntmplan.batch.index_pages: the programme phase named on the index pages."""

from __future__ import annotations

import json

from ntmplan.batch.index_pages import key_figures, phase_links, profile_html, write_index
from ntmplan.batch.results import RunResult


class TestProfile:
    def test_key_figures_name_the_profile(self):
        assert key_figures({"01_status": {"profile": "2026_2030"}})["profile"] == "2026_2030"
        assert key_figures({})["profile"] is None

    def test_profile_line(self):
        html = profile_html({"2026_2030"})
        assert "2026–2030" in html and "Giai đoạn" in html
        assert profile_html(set()) == ""

    def test_links_between_phases(self, tmp_path):
        (tmp_path / "index.html").write_text("x", encoding="utf-8")
        other = tmp_path / "giai_doan_2026_2030"
        other.mkdir()
        (other / "index.html").write_text("x", encoding="utf-8")
        assert 'href="giai_doan_2026_2030/index.html"' in phase_links(tmp_path)
        assert 'href="../index.html"' in phase_links(other)
        assert phase_links(tmp_path / "nothing") == ""


def test_index_names_the_profile_of_the_provinces(tmp_path):
    folder = tmp_path / "24-bac-ninh"
    folder.mkdir()
    summary = {"01_status": {"profile": "2026_2030", "readiness_overall": 50.0}}
    (folder / "summary.json").write_text(json.dumps(summary), encoding="utf-8")
    run = RunResult(
        notebook="01_status",
        province_code="24",
        out_dir=str(folder),
        status="ok",
        seconds=1.0,
        error="",
        html=str(folder / "01_status.html"),
        ipynb=str(folder / "01_status.ipynb"),
    )
    text = write_index(tmp_path, [run]).read_text(encoding="utf-8")
    assert "2026–2030" in text
    assert "2026–2030" in (folder / "index.html").read_text(encoding="utf-8")
