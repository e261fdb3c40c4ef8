"""Tests for ntmplan.tasks.national.targets: Decision 924 targets by province and nationally."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ntmplan.tasks import national, status
from tests.tasks.national.fixtures import two_communes


class TestNationalTargets:
    def test_from_summaries_by_hand(self, root, params):
        df = national.collect_provinces(root, params)
        got = national.national_targets(df, params).set_index("target_id")
        # criterion 8.4: (1 + 2) of (2 + 2) communes = 0.75 < 0.97; provinces met: 04 only (2/2)
        assert got.loc["criterion_8_4", "value"] == pytest.approx(0.75)
        assert (
            got.loc["criterion_8_4", "communes_met"] == 3
            and got.loc["criterion_8_4", "provinces_met"] == 1
        )
        assert not got.loc["criterion_8_4", "met"]
        # files online: communes-weighted (2, 2) mean of 0.7 and 0.4 = 0.55 < 0.6
        assert got.loc["files_online", "value"] == pytest.approx(0.55)
        assert "gần đúng" in got.loc["files_online", "method"]

    def test_from_survey_is_exact(self, params):
        survey = two_communes()
        df = pd.DataFrame(
            {
                f"{t}_{k}": [np.nan]
                for t in params["status"]["targets"]
                for k in ("value", "met", "communes_met", "communes_total")
            }
        )
        got = national.national_targets(
            df, params, status.target_progress(survey, params)
        ).set_index("target_id")
        # 8.4 met by 1 of the 2 communes
        assert got.loc["criterion_8_4", "value"] == pytest.approx(0.5)
        assert got.loc["criterion_8_4", "communes_total"] == 2


class TestTargetMatrix:
    def test_shape_and_targets(self, root, params):
        m = national.target_matrix(national.collect_provinces(root, params), params)
        assert m.shape == (2, 4) and list(m.index) == ["Thành phố Hà Nội", "Tỉnh Cao Bằng"]
        assert m.attrs["targets"][params["status"]["targets"]["criterion_8_4"]["label_vi"]] == 0.97
