"""Tests for ntmplan.core.map_layout: frames, island insets and their corners."""

from __future__ import annotations

import numpy as np

from ntmplan.core import map_layout as ml
from ntmplan.core.outlines import load_outlines


class TestPartGroups:
    def test_near_parts_join_far_ones_stay_apart(self):
        # at 10° N one degree of longitude ≈ 109,6 km: the second box is ≈ 11 km east of the
        # first, the third ≈ 330 km east
        a = (105.0, 10.0, 106.0, 11.0)
        b = (106.1, 10.2, 106.3, 10.4)
        c = (109.0, 10.0, 109.1, 10.1)
        groups = ml.part_groups([c, a, b], areas=[0.01, 1.0, 0.04])
        assert groups == [(105.0, 10.0, 106.3, 11.0), c]

    def test_land_not_box_decides_the_main_group(self):
        # a scatter of tiny islands spans a big box, the mainland has more land
        islands = [(114.0, 9.0, 114.01, 9.01), (114.5, 9.5, 114.51, 9.51)]
        mainland = (108.5, 11.0, 109.0, 12.0)
        groups = ml.part_groups([*islands, mainland], areas=[0.0001, 0.0001, 0.4])
        assert groups[0] == mainland

    def test_no_parts(self):
        assert ml.part_groups([]) == []


class TestProvinceViews:
    def test_con_dao_gets_an_inset(self):
        shape = load_outlines().provinces["79"]
        lon = np.array([106.70, 107.08, 106.6115])  # Sài Gòn, Vũng Tàu, Côn Đảo
        lat = np.array([10.78, 10.35, 8.6981])
        views = ml.province_views(shape, lon, lat)
        assert len(views) == 2
        assert views[0].dots.tolist() == [True, True, False]
        assert views[1].dots.tolist() == [False, False, True]
        assert views[1].corner == "lower left"  # Côn Đảo lies south-west of the main land
        x0, y0, x1, y1 = views[1].bounds
        assert x0 < 106.6115 < x1 and y0 < 8.6981 < y1

    def test_archipelago_inset_takes_its_name(self):
        data = load_outlines()
        views = ml.province_views(
            data.provinces["48"],
            np.array([108.2, 112.135]),
            np.array([16.05, 16.568]),
            data.archipelagos["48"],
        )
        assert [v.title for v in views] == ["", "Quần đảo Hoàng Sa"]
        assert views[1].corner == "upper right"

    def test_inland_province_has_one_frame(self):
        shape = load_outlines().provinces["14"]  # Sơn La
        views = ml.province_views(shape, np.array([103.9]), np.array([21.3]))
        assert len(views) == 1

    def test_no_shape_frames_the_dots(self):
        views = ml.province_views(None, np.array([105.0, 106.0]), np.array([20.0, 21.0]))
        x0, y0, x1, y1 = views[0].bounds
        # margin 6 % of the larger side (1°) on each side
        assert np.allclose([x0, y0, x1, y1], [104.94, 19.94, 106.06, 21.06])


class TestCorners:
    def test_inset_rect_by_hand(self):
        assert ml.inset_rect("upper right", 0.3, 0.2) == (0.69, 0.79, 0.3, 0.2)
        assert ml.inset_rect("lower left", 0.3, 0.2) == (0.01, 0.01, 0.3, 0.2)

    def test_free_corner_avoids_points(self):
        bounds = (0.0, 0.0, 10.0, 10.0)
        crowded = np.array([[9.0, 9.0], [8.5, 9.5], [9.5, 8.5]])  # the upper right corner
        assert ml.free_corner(bounds, "upper right", crowded, (0.3, 0.3)) == "lower right"
        empty = np.zeros((0, 2))
        assert ml.free_corner(bounds, "upper left", empty, (0.3, 0.3)) == "upper left"
        taken = ["lower right"]
        assert ml.free_corner(bounds, "upper right", crowded, (0.3, 0.3), taken) == "lower left"


class TestNationalView:
    def test_whole_country_with_both_archipelagos(self):
        view = ml.national_view(np.array([105.0, 106.0]))
        x0, y0, x1, y1 = view.bounds
        assert x0 < 102.2 and x1 > 115.8  # Trường Sa reaches 115,8° E
        assert y0 < 8.6 and y1 > 23.3
        assert view.dots.all()
