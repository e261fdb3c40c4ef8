"""Tests of ntmplan.survey.groups.commune_groups (Decision 51/2025/QĐ-TTg commune groups)."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest

from ntmplan.core.errors import ParamsError
from ntmplan.core.params import default_params
from ntmplan.survey import commune_groups


def frame(**columns) -> pd.DataFrame:
    return pd.DataFrame(columns)


class TestCommuneGroups:
    def test_one_commune_of_each_group(self):
        f = frame(
            ethnic_region=[0, 3, None],
            urban_oriented=[True, False, False],
            agriculture_share=[0.4, 0.6, 0.5],
        )
        # peri-urban → 1; region III → 3; nothing special → 2
        assert commune_groups(f).tolist() == [1, 3, 2]

    def test_agriculture_exactly_ten_percent_is_not_under(self):
        f = frame(agriculture_share=[0.10, 0.0999, 0.1001])
        assert commune_groups(f).tolist() == [2, 1, 2]

    def test_region_ii_and_iii_are_group_3_region_i_is_not(self):
        f = frame(ethnic_region=[1, 2, 3, 0])
        assert commune_groups(f).tolist() == [2, 3, 3, 2]

    def test_group_3_wins_over_group_1_by_default(self):
        f = frame(ethnic_region=[2], urban_oriented=[True], agriculture_share=[0.05])
        assert commune_groups(f).tolist() == [3]

    def test_precedence_param_can_put_group_1_first(self):
        params = copy.deepcopy(default_params())
        params["survey"]["groups"]["precedence"] = [1, 3]
        f = frame(ethnic_region=[2, 3], urban_oriented=[True, False])
        assert commune_groups(f, params).tolist() == [1, 3]

    def test_direct_column_wins(self):
        f = frame(
            commune_group=[2, None, 1],
            ethnic_region=[3, 3, 3],
            urban_oriented=[True, None, None],
        )
        assert commune_groups(f).tolist() == [2, 3, 1]

    def test_no_information_is_group_2(self):
        f = pd.DataFrame({"commune_code": ["00001", "00002"]})
        out = commune_groups(f)
        assert out.tolist() == [2, 2]
        assert out.name == "commune_group"
        assert out.dtype == np.int64

    def test_empty_cells_of_validated_frame(self):
        f = frame(
            commune_group=pd.Series([None, None], dtype=object),
            ethnic_region=pd.Series([None, 2], dtype=object),
            urban_oriented=pd.Series([None, None], dtype=object),
            agriculture_share=pd.Series([None, None], dtype=object),
        )
        assert commune_groups(f).tolist() == [2, 3]

    def test_index_kept(self):
        f = pd.DataFrame({"ethnic_region": [3, 0]}, index=[7, 9])
        assert commune_groups(f).index.tolist() == [7, 9]

    def test_bad_precedence_refused(self):
        params = copy.deepcopy(default_params())
        params["survey"]["groups"]["precedence"] = [3]
        with pytest.raises(ParamsError) as info:
            commune_groups(frame(ethnic_region=[3]), params)
        assert info.value.problems[0].column == "survey.groups.precedence"
