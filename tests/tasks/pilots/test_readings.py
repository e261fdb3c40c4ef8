"""The guidance's conditions as written (issue 16): broadband, demand, sectors, groups, pins.

Module under test: the rules of :mod:`ntmplan.tasks.pilots.checks` through
``check_eligibility``; the registration and choice of pins through ``registration_table`` and
``choose_pilots``. Every expected value is worked out by hand in the comments.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import ParamsError
from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import commune, elig, ranked_for, survey

PER_GROUP = {"group_1": 0.7, "group_2": 0.5, "group_3": 0.3}


def broadband_reading(params):
    """The 2021–2025 default reading: fibre in at least one village, no shares."""
    th = params["pilots"]["thresholds"]
    th.update(villages_fiber_min=1, villages_fiber_share=0.0, villages_4g_share=0.0)
    return params


class TestBroadbandReading:
    def test_one_village_with_fibre_is_enough(self, params):
        broadband_reading(params)
        df = survey(
            commune("00001", villages_fiber=1, villages_4g=0),  # 1 of 10 villages, no 4G
            commune("00002", villages_fiber=0, villages_4g=10),  # no fixed broadband
        )
        out = elig(df, params)
        assert out["gate_infrastructure"].tolist() == [True, False]
        # fibre short by max(1 − 0, 0) = 1 village; 4G share 0 → never short
        assert out["shortfall_villages_fiber"].tolist() == [0, 1]
        assert out["shortfall_villages_4g"].tolist() == [0, 0]
        assert out["missing_vi"].iloc[1] == "thiếu cáp quang ở 1 thôn"

    def test_stricter_reading_through_the_shares(self, params):
        broadband_reading(params)
        params["pilots"]["thresholds"].update(villages_fiber_share=0.5, villages_4g_share=1.0)
        out = elig(survey(commune(villages_fiber=4, villages_4g=9)), params)
        # fibre: ceil(0.5 × 10) = 5 needed, 4 → short 1; 4G: 10 needed, 9 → short 1
        assert not out["gate_infrastructure"].iloc[0]
        assert out["shortfall_villages_fiber"].iloc[0] == 1
        assert out["shortfall_villages_4g"].iloc[0] == 1

    def test_minimum_capped_at_the_villages(self, params):
        broadband_reading(params)
        params["pilots"]["thresholds"]["villages_fiber_min"] = 3
        # a commune of 2 villages, both with fibre: min(3, 2) = 2 → passes
        out = elig(survey(commune(villages=2, villages_fiber=2, villages_4g=2)), params)
        assert out["gate_infrastructure"].iloc[0]

    def test_reading_in_force_is_written(self, params):
        broadband_reading(params)
        table = pilots.conditions_table(params)
        rule = table.loc[table["condition"] == "gate_infrastructure", "rule_vi"].iloc[0]
        assert "ít nhất 1 thôn" in rule
        assert "không đặt tỷ lệ thôn có cáp quang" in rule
        assert "không đặt tỷ lệ thôn có 4G/5G" in rule


class TestDemandCounts:
    @pytest.mark.parametrize(("dx", "passes"), [(2, False), (3, True), (5, True)])
    def test_minimum_demand_from_params(self, params, dx, passes):
        params["pilots"]["thresholds"]["sector_min_dx_demand"] = 3
        out = elig(survey(commune(dx_demand=dx)), params)
        assert bool(out["gate_sector"].iloc[0]) is passes
        if not passes:
            assert out["missing_vi"].iloc[0] == "nhu cầu chuyển đổi số dưới mức yêu cầu"

    def test_default_demand_is_three(self):
        out = pilots.check_eligibility(survey(commune(dx_demand=2)), None, "smart_commune")
        assert not out["gate_sector"].iloc[0]


class TestOtherSector:
    def test_other_sector_needs_its_text(self, params):
        params["pilots"]["eligible_sectors"].append("khac")
        df = survey(
            commune("00001", prominent_sector="khac", prominent_sector_other="Làng nghề gốm"),
            commune("00002", prominent_sector="khac", prominent_sector_other=None),
        )
        out = elig(df, params)
        assert out["gate_sector"].tolist() == [True, False]
        assert out["missing_vi"].iloc[1] == "chưa ghi rõ lĩnh vực nổi bật «khác»"


class TestThresholdsByGroup:
    def test_each_commune_meets_its_groups_value(self, params):
        params["pilots"]["thresholds"]["households_internet_smart_share"] = PER_GROUP
        # 600 of 1,000 households: group 1 needs 700 (short 100), group 2 needs 500, group 3 300
        df = survey(
            commune("00001", households_internet_smart=600, commune_group=1),
            commune("00002", households_internet_smart=600, commune_group=2),
            commune("00003", households_internet_smart=600, ethnic_region=3),  # → group 3
        )
        out = elig(df, params)
        assert out["commune_group"].tolist() == [1, 2, 3]
        assert out["gate_households"].tolist() == [False, True, True]
        assert out["shortfall_households"].tolist() == [100, 0, 0]

    def test_group_minimum_and_gap_cost(self, params):
        params["pilots"]["thresholds"]["digital_providers_min"] = {
            "group_1": 3,
            "group_2": 1,
            "group_3": 0,
        }
        df = survey(
            commune("00001", digital_providers=1, urban_oriented=True),  # group 1: short 2
            commune("00002", digital_providers=0, ethnic_region=2),  # group 3: 0 needed
        )
        out = elig(df, params)
        assert out["shortfall_providers"].tolist() == [2, 0]
        gaps = pilots.gap_costs(df, out, params)
        # 2 providers × 50 million VND
        assert gaps["cost_providers_mvnd"].tolist() == [100.0, 0.0]

    def test_incomplete_mapping_is_a_params_error(self, params):
        params["pilots"]["thresholds"]["households_internet_smart_share"] = {"group_1": 0.5}
        with pytest.raises(ParamsError) as info:
            elig(survey(commune()), params)
        assert "group_2" in info.value.problems[0].rule_en

    def test_rule_written_per_group(self, params):
        params["pilots"]["thresholds"]["households_internet_smart_share"] = PER_GROUP
        table = pilots.conditions_table(params)
        rule = table.loc[table["condition"] == "gate_households", "rule_vi"].iloc[0]
        assert "Nhóm 1: 70%; Nhóm 2: 50%; Nhóm 3: 30%" in rule


class TestPinsGoThroughTheConditions:
    def test_ineligible_pin_is_shown_with_its_shortfalls(self, params):
        params["pilots"]["pin"]["smart_commune"] = ["00002"]
        df = survey(commune("00001"), commune("00002", officials_computer=30))
        chosen = pilots.choose_pilots(ranked_for(df, params), params, n=1)
        pin = chosen.iloc[0]
        assert pin["commune_code"] == "00002" and not pin["eligible"]
        assert pin["basis_vi"].startswith("Tỉnh ghim nhưng chưa đủ điều kiện")
        # 37 officials, 30 with a computer → 7 short
        assert pin["missing_vi"] == "thiếu máy tính nối mạng cho 7 cán bộ"
        figures = pilots.summary(df, params)
        assert figures["ineligible_pins"]["smart_commune"][0]["commune_code"] == "00002"
        assert "chưa đủ điều kiện" in figures["statement_vi"]

    def test_registration_lists_only_eligible_communes(self, params):
        params["pilots"]["pin"]["smart_commune"] = ["00002"]
        df = survey(commune("00001"), commune("00002", officials_computer=30))
        reg = pilots.registration_table(df, params)
        smart = reg[reg["pilot_type"] == "smart_commune"]
        assert smart["commune_code"].tolist() == ["00001"]

    def test_override_with_reason_is_registered_and_printed(self, params):
        params["pilots"]["pin"]["smart_commune"] = ["00002"]
        params["pilots"]["registration_overrides"] = [
            {"commune_code": "00002", "pilot_type": "smart_commune", "reason": "Xã điểm của tỉnh"}
        ]
        df = survey(commune("00001"), commune("00002", officials_computer=30))
        reg = pilots.registration_table(df, params)
        smart = reg[reg["pilot_type"] == "smart_commune"].set_index("commune_code")
        assert sorted(smart.index) == ["00001", "00002"]
        assert smart.loc["00002", "override_reason"] == "Xã điểm của tỉnh"
        assert pd.isna(smart.loc["00001", "override_reason"])
        assert list(smart["rank"]) == [1, 2]

    def test_override_without_reason_is_refused(self, params):
        params["pilots"]["registration_overrides"] = [
            {"commune_code": "00002", "pilot_type": "smart_commune", "reason": " "}
        ]
        with pytest.raises(ParamsError) as info:
            pilots.registration_table(survey(commune()), params)
        assert info.value.problems[0].column == "pilots.registration_overrides[0]"


class TestWards:
    def test_wards_stay_outside_with_the_rule_shown(self, params):
        df = survey(commune("00001"), commune("00002", unit_type="phường"))
        figures = pilots.summary(df, params)
        assert figures["rural_communes"] == 1
        assert "1 đơn vị là phường, không thuộc phạm vi thí điểm" in figures["statement_vi"]
        table = pilots.conditions_table(params)
        assert "phường không thuộc phạm vi" in table["rule_vi"].iloc[0]
