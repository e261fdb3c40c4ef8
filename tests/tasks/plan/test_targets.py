"""Tests for ntmplan.tasks.plan.targets: section III, each row saying how its value is computed."""

from __future__ import annotations

from ntmplan.tasks import plan
from ntmplan.tasks.plan.targets import MEASURE_VI, measure_vi, targets_section
from tests.tasks.plan.fixtures import s01, s02


def _section(params, summaries):
    return targets_section(plan.reading.normalise(summaries), params)


class TestMeasure:
    def test_measure_vi(self):
        assert measure_vi({}) == "Tỷ lệ xã đạt"
        spec = {"kind": "weighted_mean", "weight": "officials"}
        assert measure_vi(spec) == "Gia quyền theo số cán bộ"
        assert measure_vi({"kind": "weighted_mean"}) == MEASURE_VI["weighted_mean"]
        assert measure_vi({"kind": "unknown"}) == MEASURE_VI[""]


class TestTargetsSection:
    def test_caption_and_column_say_share_of_communes(self, params):
        sec = _section(params, {"01_status": s01(), "02_pilots": s02()})
        table = sec.tables[0]
        assert "(tỷ lệ xã đạt)" in table.attrs["caption"]
        rows = table.set_index("Chỉ tiêu / target")
        # criterion 8.4: 1 of 2 communes → 50,0%, measured as a share of communes
        label = params["status"]["targets"]["criterion_8_4"]["label_vi"]
        assert rows.loc[label, "Hiện trạng của tỉnh / province value"] == "50,0%"
        assert rows.loc[label, "Cách tính / measure"] == "Tỷ lệ xã đạt"
        files = params["status"]["targets"]["files_online"]["label_vi"]
        assert rows.loc[files, "Cách tính / measure"] == "Gia quyền theo số cán bộ"
        assert table["Cách tính / measure"].tolist()[-1] == "Số xã"  # the smart-commune pilot row

    def test_paragraph_contrasts_with_section_ii(self, params):
        sec = _section(params, {"01_status": s01(), "02_pilots": s02()})
        assert "tỷ lệ xã đạt" in sec.paragraphs[0]
        assert "bình quân gia quyền theo số hộ" in sec.paragraphs[0]

    def test_same_indicator_two_labelled_values(self, params):
        # 8.4 met by 1 of 2 communes (50,0%, share of communes) while households in meeting communes
        # are 60% (household-weighted): each table names its own measure
        s = {**s01(), "indicators_weighted": {"criterion_8_4": 0.6}}
        ctx = plan.reading.normalise({"01_status": s, "02_pilots": s02()})
        ii = plan.current_state.current_state_section(ctx, params).tables[1]
        iii = targets_section(ctx, params).tables[0]
        assert ii.iloc[0, 1] == "60,0%" and "gia quyền theo số hộ" in ii.columns[1]
        label = params["status"]["targets"]["criterion_8_4"]["label_vi"]
        row = iii.set_index("Chỉ tiêu / target").loc[label]
        assert row["Hiện trạng của tỉnh / province value"] == "50,0%"
        assert row["Cách tính / measure"].startswith("Tỷ lệ xã đạt")

    def test_missing_01(self, params):
        sec = _section(params, {})
        assert not sec.available
