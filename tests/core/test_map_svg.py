"""Tests for ntmplan.core.map_svg: dot maps as SVG with a tooltip per dot."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ntmplan.core import charts, map_svg, maps
from tests.tasks.status.fixtures import map_frame

SVG = "{http://www.w3.org/2000/svg}"


def _titles(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    return [g.find(f"{SVG}title").text for g in root.iter(f"{SVG}g") if g.get("class") == "ntm-dot"]


class TestHoverSvg:
    def test_one_title_per_dot(self):
        svg = map_svg.hover_svg(maps.dot_map(map_frame()))
        # 3 dots with coordinates, drawn lowest value first: An 20, Bình 55, Cường 90
        assert _titles(svg) == [
            "Xã An — Điểm (0–100): 20,0",
            "Xã Bình — Điểm (0–100): 55,0",
            "Xã Cường — Điểm (0–100): 90,0",
        ]
        assert "<a " not in svg and "ntm-dot:" not in svg  # links turned into groups

    def test_names_cannot_add_markup(self):
        frame = map_frame().assign(commune_name=['<script>alert("x")</script>', "B", "C", "D"])
        svg = map_svg.hover_svg(maps.dot_map(frame))
        assert "<script" not in svg
        assert '&lt;script&gt;alert("x")&lt;/script&gt; — Điểm (0–100): 20,0' in svg
        assert _titles(svg)[0].startswith('<script>alert("x")')

    def test_same_figure_same_bytes_and_no_date(self):
        first = map_svg.hover_svg(maps.dot_map(map_frame()))
        second = map_svg.hover_svg(maps.dot_map(map_frame()))
        assert first == second
        assert "<dc:date>" not in first and "matplotlib.org" not in first

    def test_width_in_pixels_keeps_proportions(self):
        fig = maps.dot_map(map_frame())  # 7 × 7 inches
        root = ET.fromstring(map_svg.hover_svg(fig, width_px=700))
        assert root.get("width") == "700px" and root.get("height") == "700px"
        assert "max-width: 100%" in root.get("style")

    def test_a_chart_without_dots_is_not_rendered(self):
        fig = charts.new_figure()
        fig.add_subplot().bar([1, 2], [3, 4])
        assert not map_svg.has_hover(fig)
        assert map_svg.hover_svg(fig) is None

    def test_dot_url_round_trip(self):
        url = map_svg.dot_url("Xã A & B — 1,5")
        assert url.startswith(map_svg.DOT_PREFIX) and " " not in url and "&" not in url
