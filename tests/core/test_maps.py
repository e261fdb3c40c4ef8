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
