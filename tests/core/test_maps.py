"""Tests for ntmplan.core.maps: the commune dot map."""

from __future__ import annotations

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
