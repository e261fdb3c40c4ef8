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


class TestPhase2030:
    def _p26(self):
        from ntmplan.core.params import load_params

        return load_params("24", profile="2026_2030")

    def test_per_group_thresholds_in_the_measure_column(self):
        p = self._p26()
        rows = _section(p, {"01_status": s01()}).tables[0].set_index("Chỉ tiêu / target")
        label = p["status"]["targets"]["c7_households"]["label_vi"]
        assert rows.loc[label, "Cách tính / measure"] == (
            "Tỷ lệ xã đạt; ngưỡng theo nhóm xã: Nhóm 1: 80%; Nhóm 2: 70%; Nhóm 3: 50%"
        )
        assert "924" not in " ".join(_section(p, {"01_status": s01()}).paragraphs)

    def test_completion_table_from_the_01_summary(self):
        p = self._p26()
        s = {
            **s01(),
            "completion": {
                "complete": False,
                "conditions_met": 1,
                "conditions_total": 3,
                "conditions": {
                    "all_communes_ntm": {
                        "label_vi": "x",
                        "value": 0.9,
                        "target": 1.0,
                        "met": False,
                        "communes_needed": 2,
                    }
                },
            },
        }
        sec = _section(p, {"01_status": s, "02_pilots": s02()})
        table = sec.tables[1]
        assert "Phụ lục III" in table.attrs["caption"] and "chưa đạt" in table.attrs["caption"]
        first = table.iloc[0]
        assert first["Hiện trạng của tỉnh / province value"] == "90,0%"
        assert first["Số xã cần đạt thêm / more communes needed"] == "2"
        assert len(table) == 3  # every condition of the profile, found or not

    def test_default_profile_has_no_completion_table(self, params):
        assert len(_section(params, {"01_status": s01(), "02_pilots": s02()}).tables) == 1
