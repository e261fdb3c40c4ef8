"""Tests for tools/build_province_outlines.py: the pure steps of the outlines' build.

The build itself needs Natural Earth's file (a maintainer's step, see its docstring); these
tests check its matching, island, rounding and output rules on hand-made shapes.
"""

from __future__ import annotations

import importlib.util

import pandas as pd
import pytest
from shapely.geometry import Polygon, box

from ntmplan.core import outlines, paths

SPEC = importlib.util.spec_from_file_location(
    "build_province_outlines", paths.ROOT / "tools" / "build_province_outlines.py"
)
build = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build)


def _feature(gn_name: str) -> dict:
    return {"properties": {"gn_name": gn_name, "name": gn_name}}


class TestNames:
    def test_prefix_accents_and_alias(self):
        slugs = {"hue": "46", "ba-ria-vung-tau": "77", "dien-bien": "11"}
        assert build.legacy_code_of(_feature("Tinh Thua Thien-Hue"), slugs) == "46"
        assert build.legacy_code_of(_feature("Tinh Ba Ria-Vung Tau"), slugs) == "77"
        assert build.legacy_code_of(_feature("Huyen Dien Bien"), slugs) == "11"

    def test_unknown_name_stops_the_build(self):
        with pytest.raises(SystemExit, match="no province"):
            build.legacy_code_of(_feature("Tinh Atlantis"), {"hue": "46"})


class TestIslands:
    def test_each_piece_goes_to_the_units_on_it(self):
        mainland, island = box(0, 0, 2, 2), box(5, 5, 6, 6)
        pts = pd.DataFrame(
            {"province_code": ["01", "01", "02"], "lon": [1.0, 1.5, 5.5], "lat": [1.0, 1.5, 5.5]}
        )
        got = build.assign_islands([("01", mainland), ("01", island)], pts)
        assert sorted(got) == ["01", "02"]
        assert got["02"].equals(island) and got["01"].equals(mainland)

    def test_a_piece_without_units_keeps_its_province(self):
        none = pd.DataFrame(
            {"province_code": pd.Series([], dtype=str), "lon": [], "lat": []}, dtype=float
        ).astype({"province_code": str})
        got = build.assign_islands([("03", box(0, 0, 1, 1))], none)
        assert list(got) == ["03"]


class TestOutput:
    def test_rounding_and_largest_part_first(self):
        small = box(10.00001, 10.00001, 10.5, 10.5)
        big = Polygon([(0, 0), (3.14159, 0), (3.14159, 2.71828), (0, 2.71828)])
        geom = build.rounded(build.polygonal(small.union(big)))
        assert geom["type"] == "MultiPolygon"
        first = geom["coordinates"][0][0]
        assert {x for x, _ in first} == {0.0, 3.142} and {y for _, y in first} == {0.0, 2.718}

    def test_writes_where_the_package_reads(self):
        assert build.OUT == outlines.OUTLINES_FILE
        assert build.ARCHIPELAGOS == {"Paracel Islands": "48", "Spratly Islands": "56"}


class TestFragments:
    def test_a_unitless_piece_goes_to_the_neighbour_islands_stay(self):
        shapes = {
            "01": box(0, 0, 2, 2),
            # its main land, a sliver west of "01" (no unit of "02" on it), an island
            "02": box(2, 0, 4, 2) | box(-0.5, 0, 0, 1) | box(10, 10, 11, 11),
        }
        pts = pd.DataFrame({"province_code": ["01", "02"], "lon": [1.0, 3.0], "lat": [1.0, 1.0]})
        got, moved = build.merge_fragments(shapes, pts)
        assert moved == 1
        assert got["01"].area == pytest.approx(4.5)  # 2 × 2 + the 0,5 × 1 sliver
        assert got["02"].area == pytest.approx(5.0)  # 2 × 2 + the 1 × 1 island
