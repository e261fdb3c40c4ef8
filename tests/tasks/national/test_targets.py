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


class TestCompletionTable:
    def test_from_the_01_summaries(self, tmp_path, params):
        from tests.tasks.national.fixtures import status_summary, write_summary

        done = {"complete": True, "conditions_met": 3, "conditions_total": 3, "conditions": {}}
        not_done = {"complete": False, "conditions_met": 1, "conditions_total": 3, "conditions": {}}
        write_summary(
            tmp_path / "01-ha-noi",
            "01_status",
            {**status_summary(70.0, (1, 2), 0.7, 2), "completion": not_done},
        )
        write_summary(
            tmp_path / "04-cao-bang",
            "01_status",
            {**status_summary(40.0, (2, 2), 0.4, 2), "completion": done},
        )
        write_summary(
            tmp_path / "08-tuyen-quang", "01_status", status_summary(40.0, (2, 2), 0.4, 2)
        )
        got = national.completion_table(national.collect_provinces(tmp_path, params))
        # the province that completes first, then the one that does not, then the one without a check
        assert got["province_code"].tolist() == ["04", "01", "08"]
        assert got["completion_met"].tolist()[:2] == [3.0, 1.0]
        assert got["completion_complete"].tolist()[:2] == [True, False]
        assert got["completion_complete"].iloc[2] is None
