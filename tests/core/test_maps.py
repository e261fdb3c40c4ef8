"""Tests for ntmplan.core.maps: the commune dot map."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core import maps
from tests.tasks.status.fixtures import map_frame, render


class TestDotMap:
    def test_figure_with_colorbar(self):
        fig = maps.dot_map(map_frame())
        assert len(fig.axes) == 2  # map + colour bar
        ax = fig.axes[0]
        assert ax.get_xlabel() == "Kinh độ" and ax.get_ylabel() == "Vĩ độ"
        assert len(ax.collections[0].get_offsets()) == 3  # the row without lon is skipped

    def test_highlight(self):
        fig = maps.dot_map(map_frame(), highlight=["00002"])
        ax = fig.axes[0]
        assert len(ax.collections) == 2
        assert len(ax.collections[1].get_offsets()) == 1
        assert [t.get_text() for t in ax.texts] == ["Xã Bình"]
        assert render(fig) == []

    def test_custom_value_column(self):
        fig = maps.dot_map(map_frame().rename(columns={"value": "overall"}), value="overall")
        assert fig.axes[0].collections[0].get_array().tolist() == [20.0, 55.0, 90.0]

    def test_missing_column(self):
        with pytest.raises(KeyError, match="lat"):
            maps.dot_map(map_frame().drop(columns=["lat"]))
        with pytest.raises(KeyError, match="commune_code"):
            maps.dot_map(map_frame().drop(columns=["commune_code"]), highlight=["00001"])


class TestDotMapNumbers:
    def test_coordinates_and_colour_bar_vietnamese_style(self):
        from matplotlib.backends.backend_agg import FigureCanvasAgg

        frame = map_frame().assign(value=[1000.0, 5000.0, 12000.0, 1.0])
        fig = maps.dot_map(frame, vmin=None, vmax=None)
        FigureCanvasAgg(fig).draw()
        ax, bar = fig.axes
        lon = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
        assert lon and all("," in t and "." not in t for t in lon)  # e.g. "105,4"
        ticks = [t.get_text() for t in bar.get_yticklabels() if t.get_text()]
        assert "10.000" in ticks


class TestMapArea:
    def test_given_area_wins(self):
        assert maps.map_area(map_frame(), "48") == "48"
        assert maps.map_area(map_frame(), maps.NATIONAL) == "national"

    def test_province_code_column(self):
        one = map_frame().assign(province_code="56")
        assert maps.map_area(one) == "56"
        two = one.assign(province_code=["56", "56", "48", "48"])
        assert maps.map_area(two) == "national"
        assert maps.map_area(one.assign(province_code="99")) is None

    def test_inferred_from_the_dots(self):
        # Hoàn Kiếm and Cầu Giấy (Hà Nội), Đà Lạt (Lâm Đồng)
        hanoi = pd.DataFrame({"lon": [105.852, 105.80], "lat": [21.029, 21.03]})
        assert maps.map_area(hanoi) == "01"
        both = pd.DataFrame({"lon": [105.852, 108.44], "lat": [21.029, 11.94]})
        assert maps.map_area(both) == "national"
        sea = pd.DataFrame({"lon": [111.0], "lat": [13.0]})
        assert maps.map_area(sea) is None


class TestLabelsAndScale:
    def test_hover_labels(self):
        frame = pd.DataFrame({"commune_name": ["Xã An", None], "v": [55.25, float("nan")]})
        assert maps.hover_labels(frame, "v", "Điểm") == [
            "Xã An — Điểm: 55,2",
            "Điểm: không có số liệu",
        ]
        assert maps.hover_labels(frame, "v", "") == ["Xã An — 55,2", "không có số liệu"]

    def test_colour_scale(self):
        values = pd.Series([3.0, float("nan"), 12.0])
        assert maps.colour_scale(values, None, None) == {"vmin": 3.0, "vmax": 12.0}
        assert maps.colour_scale(values, 0.0, 100.0) == {"vmin": 0.0, "vmax": 100.0}
        assert maps.colour_scale(pd.Series([float("nan")]), None, None) == {
            "vmin": None,
            "vmax": None,
        }


class TestOutlinesUnderTheDots:
    def test_province_map_draws_outlines_and_an_island_inset(self):
        frame = pd.DataFrame(
            {
                "commune_code": ["26734", "26740", "26732"],
                "commune_name": ["Phường Sài Gòn", "Phường Vũng Tàu", "Đặc khu Côn Đảo"],
                "province_code": "79",
                "lon": [106.70, 107.08, 106.6115],
                "lat": [10.78, 10.35, 8.6981],
                "value": [40.0, 60.0, 80.0],
            }
        )
        fig = maps.dot_map(frame, highlight=["26732"])
        ax = fig.axes[0]
        assert len(ax.patches) > 5  # neighbours, provinces, the province
        inset = ax.child_axes[0]
        assert inset.get_title() == "Đặc khu Côn Đảo"
        assert len(ax.collections[0].get_offsets()) == 2  # the main frame's dots
        assert len(inset.collections[0].get_offsets()) == 1  # Côn Đảo in its inset
        assert len(inset.collections) == 2  # its ring: Côn Đảo is highlighted
        assert render(fig) == []

    def test_national_map_labels_the_archipelagos(self):
        frame = map_frame().assign(province_code=["01", "25", "01", "01"])
        fig = maps.dot_map(frame, area=maps.NATIONAL, highlight=["00002"], label_highlight=False)
        ax = fig.axes[0]
        texts = [t.get_text() for t in ax.texts]
        assert "Quần đảo Hoàng Sa" in texts and "Quần đảo Trường Sa" in texts
        assert "Xã Bình" not in texts  # pilots ringed, not named
        x0, x1 = ax.get_xlim()
        assert x0 < 102.2 and x1 > 115.8


class TestLegend:
    def test_legend_only_when_a_commune_is_ringed(self):
        assert maps.dot_map(map_frame(), highlight=["00002"]).axes[0].get_legend() is not None
        assert maps.dot_map(map_frame(), highlight=["99999"]).axes[0].get_legend() is None

    def test_a_province_without_dots_is_still_framed(self):
        empty = pd.DataFrame({"lon": [], "lat": [], "value": []})
        ax = maps.dot_map(empty, area="14").axes[0]  # Sơn La: 103,2–105,0° E
        x0, x1 = ax.get_xlim()
        assert 102.5 < x0 < 103.5 and 104.5 < x1 < 105.8
