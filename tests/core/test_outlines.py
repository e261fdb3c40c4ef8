"""Tests for ntmplan.core.outlines: the shipped province outlines of 2025 and point-in-polygon."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from ntmplan.core import outlines, paths
from ntmplan.survey import units

#: Tolerance for a coastal or border commune centre (Natural Earth 1:10m is generalised).
COAST_KM = 5.0
#: The registered centres of the two archipelagos' special zones lie in the sea among islands.
ARCHIPELAGO_KM = 60.0
KM_PER_DEG = 111.2


@pytest.fixture(scope="module")
def features() -> list[dict]:
    return json.loads(outlines.OUTLINES_FILE.read_text(encoding="utf-8"))["features"]


@pytest.fixture(scope="module")
def province_shapes(features) -> dict:
    return {
        f["properties"]["province_code"]: shape(f["geometry"])
        for f in features
        if f["properties"]["kind"] == "province"
    }


def _distances_outside(frame: pd.DataFrame, province_shapes) -> pd.DataFrame:
    """Rows of ``frame`` outside their own province's outline, with the distance in km."""
    inside = np.zeros(len(frame), dtype=bool)
    for code in frame["province_code"].unique():
        rows = (frame["province_code"] == code).to_numpy()
        inside[rows] = outlines.contains(code, frame.loc[rows, "lon"], frame.loc[rows, "lat"])
    out = frame[~inside].copy()
    pts = shapely.points(out["lon"].to_numpy(), out["lat"].to_numpy())
    shapes = out["province_code"].map(province_shapes).to_numpy()
    out["km"] = shapely.distance(shapes, pts) * KM_PER_DEG
    return out


class TestShippedFile:
    def test_covers_the_34_provinces_of_2025(self, province_shapes):
        expected = sorted(units.provinces("current")["province_code"])
        assert len(expected) == 34
        assert sorted(province_shapes) == expected
        assert outlines.province_codes() == expected

    def test_every_shape_is_a_valid_non_empty_polygon(self, features):
        for f in features:
            if f["properties"]["kind"] == "archipelago":
                assert f["geometry"]["type"] == "Point"
                continue
            geom = shape(f["geometry"])
            assert geom.geom_type in ("Polygon", "MultiPolygon"), f["properties"]
            assert geom.is_valid and not geom.is_empty and geom.area > 0, f["properties"]

    def test_provinces_do_not_overlap(self, province_shapes):
        codes = sorted(province_shapes)
        tree = shapely.STRtree([province_shapes[c] for c in codes])
        left, right = tree.query([province_shapes[c] for c in codes], predicate="overlaps")
        overlap = [
            (codes[i], codes[j])
            for i, j in zip(left, right, strict=True)
            if i < j
            and province_shapes[codes[i]].intersection(province_shapes[codes[j]]).area > 1e-6
        ]
        assert overlap == []

    def test_size_precision_and_names(self, features):
        assert outlines.OUTLINES_FILE.stat().st_size <= 300 * 1024
        text = outlines.OUTLINES_FILE.read_text(encoding="utf-8")
        assert not re.search(r"\d\.\d{4,}", text)  # coordinates rounded to 0,001°
        names = dict(
            zip(
                units.provinces("current")["province_code"],
                units.provinces("current")["province_name"],
                strict=True,
            )
        )
        for f in features:
            p = f["properties"]
            if p["kind"] == "province":
                assert p["name"] == names[p["province_code"]]

    def test_package_data_is_installed_with_the_package(self):
        pyproject = (paths.ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert '"core/data/*"' in pyproject
        assert outlines.OUTLINES_FILE.parent.name == "data"
        assert (outlines.OUTLINES_FILE.parent / "README.md").is_file()


class TestArchipelagos:
    def test_hoang_sa_in_da_nang_and_truong_sa_in_khanh_hoa(self, province_shapes):
        paracel = shapely.box(111.0, 15.5, 113.0, 17.3)
        spratly = shapely.box(111.5, 6.0, 117.5, 12.0)
        assert province_shapes["48"].intersects(paracel)
        assert province_shapes["56"].intersects(spratly)
        others = [c for c in province_shapes if c not in ("48", "56")]
        assert not any(province_shapes[c].intersects(paracel | spratly) for c in others)

    def test_labels_and_national_outline(self):
        data = outlines.load_outlines()
        assert data.archipelagos["48"][0] == "Quần đảo Hoàng Sa"
        assert data.archipelagos["56"][0] == "Quần đảo Trường Sa"
        box = data.country.bounds
        assert max(b[2] for b in box) > 115.0  # Trường Sa reaches past 115° E
        assert {n.name for n in data.neighbours} >= {"Trung Quốc", "Lào", "Campuchia"}


class TestCommunesInsideTheirProvince:
    def test_every_registered_unit_of_2025(self, province_shapes):
        cur = units.current_units().reset_index(drop=True)
        out = _distances_outside(cur, province_shapes)
        # measured with the shipped file: 3,274 of 3,321 centres inside (98,6 %), 47 outside
        assert len(cur) - len(out) >= 0.98 * len(cur)
        far = out[out["km"] > COAST_KM]
        assert sorted(far["commune_name"]) == ["Đặc khu Hoàng Sa", "Đặc khu Trường Sa"]
        assert (far["km"] < ARCHIPELAGO_KM).all()

    def test_every_dot_of_the_illustrative_survey(self, province_shapes):
        survey = pd.read_csv(
            paths.SAMPLE_SURVEY, dtype=str, usecols=["province_code", "commune_code"]
        )
        coords = units.current_units()[["commune_code", "lon", "lat"]]
        dots = survey.merge(coords, on="commune_code", how="left").reset_index(drop=True)
        assert dots["lon"].notna().all()
        out = _distances_outside(dots, province_shapes)
        assert len(out) <= 0.02 * len(dots)
        far = out[out["km"] > COAST_KM]
        assert (far["km"] < ARCHIPELAGO_KM).all()
        assert set(far["commune_code"]) <= set(
            units.current_units().query("unit_type == 'đặc khu'")["commune_code"]
        )


class TestContains:
    def test_points_by_hand(self):
        # Hoàn Kiếm (Hà Nội), Đà Lạt (Lâm Đồng), the sea off Đà Nẵng, a missing coordinate
        lon = [105.852, 108.44, 109.5, np.nan]
        lat = [21.029, 11.94, 16.0, 21.0]
        assert outlines.contains("01", lon, lat).tolist() == [True, False, False, False]
        assert outlines.contains("68", lon, lat).tolist() == [False, True, False, False]

    def test_unknown_province(self):
        with pytest.raises(KeyError):
            outlines.contains("99", [105.0], [21.0])

    def test_province_of_points(self):
        assert outlines.province_of_points([105.852, 105.80], [21.029, 21.00]) == "01"
        # one point in Hà Nội, one in Lâm Đồng: nobody holds 60 %
        assert outlines.province_of_points([105.852, 108.44], [21.029, 11.94]) is None
        assert outlines.province_of_points([np.nan], [np.nan]) is None
        assert outlines.provinces_with_points([105.852, 108.44], [21.029, 11.94]) == ["01", "68"]


class TestLoading:
    def test_file_without_country_is_refused(self, tmp_path):
        path = tmp_path / "x.geojson"
        path.write_text(json.dumps({"type": "FeatureCollection", "features": []}), encoding="utf-8")
        with pytest.raises(ValueError, match="no country"):
            outlines.load_outlines.__wrapped__(path)

    def test_ring_areas_by_hand(self, tmp_path):
        square = [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]]  # 2 × 1 square degrees
        feature = {
            "type": "Feature",
            "properties": {"kind": "country", "name": "X"},
            "geometry": {"type": "Polygon", "coordinates": square},
        }
        path = tmp_path / "x.geojson"
        path.write_text(
            json.dumps({"type": "FeatureCollection", "features": [feature]}), encoding="utf-8"
        )
        got = outlines.load_outlines.__wrapped__(path).country
        assert got.areas == (2.0,) and got.bounds == ((0.0, 0.0, 2.0, 1.0),)
