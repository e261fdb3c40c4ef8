"""Tests for ntmplan.tasks.national.provinces: one row per province folder."""

from __future__ import annotations

import numpy as np

from ntmplan.tasks import national


class TestCollectProvinces:
    def test_one_row_per_province(self, root, params):
        df = national.collect_provinces(root, params).set_index("province_code")
        assert list(df.index) == ["01", "04"]
        assert df.loc["01", "province_name"] == "Thành phố Hà Nội"
        assert df.loc["01", "readiness"] == 70.0 and df.loc["04", "readiness"] == 40.0
        assert (
            df.loc["01", "criterion_8_4_communes_met"] == 1
            and not df.loc["01", "criterion_8_4_met"]
        )
        assert df.loc["04", "criterion_8_4_met"]
        assert (
            df.loc["01", "eligible_smart_commune"] == 2
            and df.loc["01", "chosen_smart_commune"] == 1
        )
        assert (
            df.loc["01", "chosen_smart_codes"] == ["00004"]
            and df.loc["01", "chosen_smart_names"] == "Xã A"
        )
        assert bool(df.loc["04", "pilots_available"]) is False and np.isnan(
            df.loc["04", "eligible_smart_commune"]
        )
        assert df.loc["01", "budget_central_mvnd"] == 400.0 and np.isnan(
            df.loc["01", "budget_commune_mvnd"]
        )
        assert (
            df.loc["01", "status_02_pilots"] == "ok"
            and df.loc["04", "status_02_pilots"] == "failed"
        )
        assert df.loc["04", "status_04_capacity"] == "not_run"

    def test_empty_root(self, tmp_path, params):
        df = national.collect_provinces(tmp_path, params)
        assert df.empty and "readiness" in df.columns
