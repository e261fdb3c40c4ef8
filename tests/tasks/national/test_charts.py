"""Tests for ntmplan.tasks.national.charts: per-commune index, dot map, target heatmap."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import national
from tests.tasks.national.fixtures import readiness_of, two_communes


class TestTargetHeatmap:
    def test_heatmap_draws_even_when_empty(self, params):
        empty = national.target_matrix(
            pd.DataFrame(
                columns=["province_name"] + [f"{t}_value" for t in params["status"]["targets"]]
            ),
            params,
        )
        assert national.target_heatmap(empty).axes


class TestCommuneIndex:
    def test_index_and_coordinates(self, params):
        survey = two_communes()
        got = national.commune_index(survey, readiness_of(survey, params))
        assert len(got) == 2 and got["lon"].notna().all() and got["lat"].notna().all()
        assert got["overall"].between(0, 100).all()
        # the second commune has half its villages on fibre: lower infrastructure score
        assert got.loc[1, "infrastructure"] < got.loc[0, "infrastructure"]

    def test_missing_column(self, params):
        with pytest.raises(KeyError):
            survey = two_communes().drop(columns="villages")
            national.commune_index(survey, readiness_of(survey, params))

    def test_dot_map_rings_pilots(self, params):
        survey = two_communes()
        frame = national.commune_index(survey, readiness_of(survey, params))
        fig = national.national_dot_map(frame, [frame.loc[0, "commune_code"]])
        assert fig.axes and fig.axes[0].get_title().startswith("Chỉ số sẵn sàng")


class TestHeatmapNumbers:
    def test_cells_and_targets_in_vietnamese_percent(self):
        matrix = pd.DataFrame(
            {"Hồ sơ trực tuyến": [0.679, 0.9]}, index=["Tỉnh Thừa Thiên Huế", "Tỉnh Cao Bằng"]
        )
        matrix.attrs["targets"] = {"Hồ sơ trực tuyến": 0.805}
        ax = national.target_heatmap(matrix).axes[0]
        assert [t.get_text() for t in ax.texts] == ["68%", "90% ✓"]
        assert ax.get_xticklabels()[0].get_text().replace("\n", " ") == "Hồ sơ trực tuyến (≥ 80%)"
