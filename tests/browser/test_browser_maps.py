"""Browser test of the map tooltips: hovering a commune dot in a report names it and its score."""

from __future__ import annotations

from ntmplan.core import map_svg, maps
from tests.tasks.status.fixtures import map_frame


def test_hovering_a_dot_finds_its_title(page, tmp_path):
    svg = map_svg.hover_svg(maps.dot_map(map_frame()), width_px=700)
    html = tmp_path / "map.html"
    html.write_text(
        f'<!doctype html><meta charset="utf-8"><figure class="ntm-map">{svg}</figure>',
        encoding="utf-8",
    )
    page.goto(html.as_uri())
    dots = page.query_selector_all("g.ntm-dot")
    assert len(dots) == 3
    found = []
    for dot in dots:
        box = dot.bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.mouse.move(x, y)
        found.append(
            page.evaluate(
                "([x, y]) => { const g = document.elementFromPoint(x, y).closest('g.ntm-dot');"
                " return g ? g.querySelector('title').textContent : null; }",
                [x, y],
            )
        )
    assert found == [
        "Xã An — Điểm (0–100): 20,0",
        "Xã Bình — Điểm (0–100): 55,0",
        "Xã Cường — Điểm (0–100): 90,0",
    ]
    assert page.blocked_requests == []  # nothing fetched: the page stays offline
