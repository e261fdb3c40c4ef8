"""Tests for ntmplan.tasks.status — a hand-made 3-commune fixture, expected values computed by hand."""

from __future__ import annotations

import copy
import json
import math

import numpy as np
import pandas as pd
import pytest

from ntmplan.tasks import status
from ntmplan.tasks.status import MissingColumnError

# ----------------------------------------------------------------- fixtures

#: Three rural communes A, B, C (see the hand computations in each test).
ROWS = {
    #                          A        B        C
    "commune_code": ["00001", "00002", "00003"],
    "commune_name": ["Xã An", "Xã Bình", "Xã Cường"],
    "households": [1000, 2000, 500],
    "population": [4000, 8000, 2000],
    "villages": [4, 5, 2],
    "officials": [20, 25, 15],
    "villages_fiber": [2, 5, 0],
    "villages_4g": [4, 5, 1],
    "postal_point": [True, True, False],
    "radio_it": [True, False, False],
    "households_internet": [800, 1000, 100],
    "households_smart_device": [700, 1200, 100],
    "households_internet_smart": [600, 900, 50],
    "officials_computer": [20, 25, 10],
    "officials_email": [10, 25, 5],
    "officials_eoffice": [5, 25, 0],
    "files_online_share": [0.8, 0.5, 0.2],
    "criterion_8_4": [True, False, True],
    "digital_services": [3, 0, 1],
    "community_tech_members": [20, 40, 0],
    "cooperatives": [2, 0, 1],
    "cooperatives_digital": [1, 0, 1],
    "ocop_products": [4, 0, 2],
    "ocop_products_online": [1, 0, 2],
    "households_selling_online": [50, 300, 0],
    "prominent_sector": ["trong_trot", None, "du_lich_nong_thon"],
    "digital_providers": [1, 0, 2],
    "dx_demand": [4, 2, 3],
    "ntm_level": ["nang_cao", "dat_chuan", "chua_dat"],
    "commune_category": ["zone_i", "zone_ii", "zone_iii"],
}

COUNTS = [
    "households",
    "population",
    "villages",
    "officials",
    "villages_fiber",
    "villages_4g",
    "households_internet",
    "households_smart_device",
    "households_internet_smart",
    "officials_computer",
    "officials_email",
    "officials_eoffice",
    "digital_services",
    "community_tech_members",
    "cooperatives",
    "cooperatives_digital",
    "ocop_products",
    "ocop_products_online",
    "households_selling_online",
    "digital_providers",
    "dx_demand",
]


def make_survey(
    rows: dict | None = None, province: str = "01", year: int = 2025, unit_type: str = "xã"
) -> pd.DataFrame:
    """Build a typed survey frame (DESIGN.md columns) from column lists."""
    rows = copy.deepcopy(rows or ROWS)
    n = len(rows["commune_code"])
    df = pd.DataFrame({"province_code": [province] * n, **rows})
    df.insert(3, "unit_type", [unit_type] * n)
    df.insert(4, "year", [year] * n)
    df = df.astype({c: "int64" for c in COUNTS})
    df = df.astype(
        {"postal_point": bool, "radio_it": bool, "criterion_8_4": bool, "files_online_share": float}
    )
    return df


def test_params() -> dict:
    """Small params with simple weights so the index can be computed by hand."""
    return {
        "status": {
            "scope_unit_types": ["xã", "đặc khu"],
            "aggregate_weight": "households",
            "quantiles": [0.5],
            "n_extremes": 1,
            "missing_indicator": "reweight",
            "pillar_weights": {
                "infrastructure": 1.0,
                "digital_government": 1.0,
                "digital_economy": 1.0,
                "digital_society": 1.0,
            },
            "indicators": {
                "infrastructure": {
                    "villages_fiber_share": {"weight": 1.0, "cap": 1.0},
                    "postal_point": {"weight": 1.0, "cap": 1.0},
                },
                "digital_government": {
                    "files_online_share": {"weight": 1.0, "cap": 1.0},
                    "criterion_8_4": {"weight": 1.0, "cap": 1.0},
                },
                "digital_economy": {
                    "cooperatives_digital_share": {"weight": 1.0, "cap": 1.0},
                    "selling_online_per_1000_households": {"weight": 1.0, "cap": 100.0},
                },
                "digital_society": {
                    "households_internet_smart_share": {"weight": 3.0, "cap": 1.0},
                    "digital_services": {"weight": 1.0, "cap": 6.0},
                },
            },
            "targets": {
                "files_online": {
                    "label_vi": "Hồ sơ trực tuyến",
                    "target": 0.6,
                    "method": "officials_weighted",
                },
                "criterion_8_4": {"label_vi": "Đạt 8.4", "target": 0.97},
                "cooperatives": {"label_vi": "Có HTX", "target": 0.7, "min_count": 1},
                "digital_service": {"label_vi": "Có dịch vụ số", "target": 0.4, "min_count": 1},
            },
            "compare_indicators": ["overall", "households_internet_smart_share", "has_cooperative"],
        }
    }


# Prevent pytest from collecting the helper above as a test.
test_params.__test__ = False  # type: ignore[attr-defined]


@pytest.fixture
def survey() -> pd.DataFrame:
    return make_survey()


@pytest.fixture
def params() -> dict:
    return test_params()


def computed(survey, params):
    ind = status.commune_indicators(survey, params)
    idx = status.readiness_index(ind, params)
    return ind, idx


# ----------------------------------------------------------------- commune_indicators


class TestCommuneIndicators:
    def test_shares_by_hand(self, survey, params):
        ind = status.commune_indicators(survey, params)
        assert list(ind.columns) == list(status.INDICATORS)
        assert ind.index.equals(survey.index)
        # fibre: 2/4, 5/5, 0/2
        assert ind["villages_fiber_share"].tolist() == pytest.approx([0.5, 1.0, 0.0])
        # 4G: 4/4, 5/5, 1/2
        assert ind["villages_4g_share"].tolist() == pytest.approx([1.0, 1.0, 0.5])
        # computers: 20/20, 25/25, 10/15
        assert ind["officials_computer_share"].tolist() == pytest.approx([1.0, 1.0, 10 / 15])
        # e-mail 10/20, 25/25, 5/15; e-office 5/20, 25/25, 0/15
        assert ind["officials_email_share"].tolist() == pytest.approx([0.5, 1.0, 1 / 3])
        assert ind["officials_eoffice_share"].tolist() == pytest.approx([0.25, 1.0, 0.0])
        # both internet and smart device: 600/1000, 900/2000, 50/500
        assert ind["households_internet_smart_share"].tolist() == pytest.approx([0.6, 0.45, 0.1])
        assert ind["households_internet_share"].tolist() == pytest.approx([0.8, 0.5, 0.2])
        assert ind["households_smart_device_share"].tolist() == pytest.approx([0.7, 0.6, 0.2])
        # OCOP online: 1/4, (0 products → NaN), 2/2
        assert ind["ocop_online_share"].iloc[0] == pytest.approx(0.25)
        assert ind["ocop_online_share"].iloc[2] == pytest.approx(1.0)

    def test_per_1000_by_hand(self, survey, params):
        ind = status.commune_indicators(survey, params)
        # selling online: 50/1000*1000 = 50; 300/2000*1000 = 150; 0
        assert ind["selling_online_per_1000_households"].tolist() == pytest.approx(
            [50.0, 150.0, 0.0]
        )
        # community tech members: 20/4000*1000 = 5; 40/8000*1000 = 5; 0
        assert ind["community_tech_per_1000_residents"].tolist() == pytest.approx([5.0, 5.0, 0.0])

    def test_flags(self, survey, params):
        ind = status.commune_indicators(survey, params)
        assert ind["postal_point"].dtype == bool
        assert ind["has_cooperative"].tolist() == [
            True,
            False,
            True,
        ]  # cooperatives 2, 0, 1 (min 1)
        assert ind["has_digital_service"].tolist() == [
            True,
            False,
            True,
        ]  # services 3, 0, 1 (min 1)
        assert ind["criterion_8_4"].tolist() == [True, False, True]

    def test_zero_cooperatives_gives_nan_share(self, survey, params):
        ind = status.commune_indicators(survey, params)
        # B has 0 cooperatives and 0 OCOP products → no share (NaN), not 0
        assert math.isnan(ind.loc[1, "cooperatives_digital_share"])
        assert math.isnan(ind.loc[1, "ocop_online_share"])
        assert ind.loc[0, "cooperatives_digital_share"] == pytest.approx(0.5)  # 1/2
        assert ind.loc[2, "cooperatives_digital_share"] == pytest.approx(1.0)  # 1/1

    def test_zero_other_denominators_give_nan(self, survey, params):
        survey.loc[0, ["villages", "officials", "households", "population"]] = 0
        ind = status.commune_indicators(survey, params)
        for col in [
            "villages_fiber_share",
            "officials_email_share",
            "households_internet_share",
            "selling_online_per_1000_households",
            "community_tech_per_1000_residents",
        ]:
            assert math.isnan(ind.loc[0, col]), col
        assert not np.isinf(ind.select_dtypes("number").to_numpy()).any()

    def test_min_count_from_params(self, survey, params):
        params["status"]["targets"]["cooperatives"]["min_count"] = 2
        ind = status.commune_indicators(survey, params)
        assert ind["has_cooperative"].tolist() == [True, False, False]  # 2 ≥ 2 only for A

    def test_keeps_input_index(self, params):
        s = make_survey().set_axis([10, 20, 30])
        assert status.commune_indicators(s, params).index.tolist() == [10, 20, 30]

    def test_missing_column_names_it(self, survey, params):
        with pytest.raises(MissingColumnError, match="households_selling_online") as err:
            status.commune_indicators(survey.drop(columns=["households_selling_online"]), params)
        assert isinstance(err.value, KeyError) and isinstance(err.value, ValueError)
        assert err.value.columns == ["households_selling_online"]

    def test_default_params(self, survey):
        ind = status.commune_indicators(survey)  # params=None → defaults
        assert len(ind) == 3


# ----------------------------------------------------------------- readiness_index


class TestReadinessIndex:
    def test_by_hand(self, survey, params):
        _, idx = computed(survey, params)
        assert list(idx.columns) == [*status.PILLARS, "overall"]
        # A: infra (50+100)/2 = 75; gov (80+100)/2 = 90; econ (50 + 50/100→50)/2 = 50;
        #    society (3×60 + 1×(3/6→50))/4 = 57.5; overall (75+90+50+57.5)/4 = 68.125
        assert idx.loc[0].tolist() == pytest.approx([75.0, 90.0, 50.0, 57.5, 68.125])
        # B: infra (100+100)/2 = 100; gov (50+0)/2 = 25; econ: cooperative share NaN → re-weighted,
        #    selling 150/100 capped → 100; society (3×45 + 0)/4 = 33.75;
        #    overall (100+25+100+33.75)/4 = 64.6875
        assert idx.loc[1].tolist() == pytest.approx([100.0, 25.0, 100.0, 33.75, 64.6875])
        # C: infra (0+0)/2 = 0; gov (20+100)/2 = 60; econ (100+0)/2 = 50;
        #    society (3×10 + 100/6)/4 = 11.6667; overall (0+60+50+11.6667)/4 = 30.4167
        assert idx.loc[2].tolist() == pytest.approx([0.0, 60.0, 50.0, 11.666667, 30.416667])

    def test_missing_indicator_zero_rule(self, survey, params):
        params["status"]["missing_indicator"] = "zero"
        _, idx = computed(survey, params)
        # B econ: (0 + 100)/2 = 50; overall (100+25+50+33.75)/4 = 52.1875
        assert idx.loc[1, "digital_economy"] == pytest.approx(50.0)
        assert idx.loc[1, "overall"] == pytest.approx(52.1875)

    def test_pillar_all_missing_reweights_overall(self, survey, params):
        # B loses its selling figure too (households 0 → NaN) — its economy pillar has no value
        survey.loc[1, "households"] = 0
        ind = status.commune_indicators(survey, params)
        idx = status.readiness_index(ind, params)
        assert math.isnan(idx.loc[1, "digital_economy"])
        # society: internet-smart share NaN too, only services 0 → 0; infra 100, gov 25
        # overall over 3 pillars: (100 + 25 + 0)/3 = 41.6667
        assert idx.loc[1, "digital_society"] == pytest.approx(0.0)
        assert idx.loc[1, "overall"] == pytest.approx(125 / 3)

    def test_pillar_weights(self, survey, params):
        params["status"]["pillar_weights"] = {
            "infrastructure": 2.0,
            "digital_government": 0.0,
            "digital_economy": 0.0,
            "digital_society": 0.0,
        }
        _, idx = computed(survey, params)
        assert idx["overall"].tolist() == pytest.approx(idx["infrastructure"].tolist())

    def test_scores_are_clipped(self, survey, params):
        _, idx = computed(survey, params)
        assert ((idx >= 0) & (idx <= 100)).all().all()

    def test_negative_weight_is_error(self, survey, params):
        params["status"]["indicators"]["infrastructure"]["postal_point"]["weight"] = -1
        ind = status.commune_indicators(survey, params)
        with pytest.raises(ValueError, match="postal_point"):
            status.readiness_index(ind, params)

    def test_unknown_missing_rule_is_error(self, survey, params):
        params["status"]["missing_indicator"] = "drop"
        ind = status.commune_indicators(survey, params)
        with pytest.raises(ValueError, match="missing_indicator"):
            status.readiness_index(ind, params)

    def test_missing_indicator_column(self, survey, params):
        ind = status.commune_indicators(survey, params).drop(columns=["digital_services"])
        with pytest.raises(MissingColumnError, match="digital_services"):
            status.readiness_index(ind, params)

    def test_default_params_in_range(self, survey):
        idx = status.readiness_index(status.commune_indicators(survey))
        assert ((idx >= 0) & (idx <= 100)).all().all()


# ----------------------------------------------------------------- province_aggregates


class TestProvinceAggregates:
    def test_household_weighted_by_hand(self, survey, params):
        ind, idx = computed(survey, params)
        agg = status.province_aggregates(survey, ind, idx, params)
        # overall weighted by households 1000, 2000, 500:
        # (68.125×1000 + 64.6875×2000 + 30.416667×500)/3500 = 212708.33/3500 = 60.77381
        assert agg.loc["overall", "weighted_mean"] == pytest.approx(60.77381, abs=1e-4)
        # plain mean (68.125 + 64.6875 + 30.416667)/3 = 54.40972
        assert agg.loc["overall", "mean"] == pytest.approx(54.40972, abs=1e-4)
        assert agg.loc["overall", "p50"] == pytest.approx(64.6875)
        # internet+smart: (600+900+50)/3500 = 0.442857
        assert agg.loc["households_internet_smart_share", "weighted_mean"] == pytest.approx(
            1550 / 3500
        )
        # has cooperative: households in A and C = 1500/3500; share of communes 2/3
        assert agg.loc["has_cooperative", "weighted_mean"] == pytest.approx(1500 / 3500)
        assert agg.loc["has_cooperative", "mean"] == pytest.approx(2 / 3)

    def test_nan_skipped_with_its_weight(self, survey, params):
        ind, idx = computed(survey, params)
        agg = status.province_aggregates(survey, ind, idx, params)
        # cooperative digital share: B is NaN → (0.5×1000 + 1.0×500)/1500 = 0.6667, n = 2
        assert agg.loc["cooperatives_digital_share", "weighted_mean"] == pytest.approx(1000 / 1500)
        assert agg.loc["cooperatives_digital_share", "n"] == 2

    def test_scope_excludes_wards(self, params):
        ward = (
            make_survey(unit_type="phường")
            .iloc[[1]]
            .assign(commune_code="00009", households=100000)
        )
        s = pd.concat([make_survey(), ward], ignore_index=True)
        ind, idx = computed(s, params)
        agg = status.province_aggregates(s, ind, idx, params)
        assert agg.loc["overall", "weighted_mean"] == pytest.approx(
            60.77381, abs=1e-4
        )  # as without the ward
        assert agg.loc["overall", "n"] == 3

    def test_labels_and_quantile_columns(self, survey, params):
        ind, idx = computed(survey, params)
        agg = status.province_aggregates(survey, ind, idx, params)
        assert list(agg.columns) == ["label", "weighted_mean", "mean", "n", "p50"]
        assert agg.loc["overall", "label"].startswith("Chỉ số sẵn sàng chung")

    def test_misaligned_frames(self, survey, params):
        ind, idx = computed(survey, params)
        with pytest.raises(ValueError, match="index"):
            status.province_aggregates(survey, ind, idx.iloc[:2], params)

    def test_missing_weight_column(self, survey, params):
        ind, idx = computed(survey, params)
        with pytest.raises(MissingColumnError, match="households"):
            status.province_aggregates(survey.drop(columns=["households"]), ind, idx, params)


# ----------------------------------------------------------------- extremes


class TestExtremes:
    def test_weakest_and_strongest(self, survey, params):
        _, idx = computed(survey, params)
        ext = status.extremes(survey, idx, params)
        # overall: A 68.1, B 64.7, C 30.4 → weakest C, strongest A (N = 1)
        assert ext["group"].tolist() == ["yếu nhất", "mạnh nhất"]
        assert ext["commune_name"].tolist() == ["Xã Cường", "Xã An"]
        assert ext["rank"].tolist() == [1, 1]

    def test_ties_broken_by_code(self, survey, params):
        idx = pd.DataFrame({"overall": [50.0, 50.0, 50.0]}, index=survey.index)
        params["status"]["n_extremes"] = 2
        ext = status.extremes(survey, idx, params)
        assert ext["commune_code"].tolist() == ["00001", "00002", "00001", "00002"]

    def test_by_pillar_column(self, survey, params):
        _, idx = computed(survey, params)
        ext = status.extremes(survey, idx, params, column="digital_government")
        # government: A 90, B 25, C 60 → weakest B, strongest A
        assert ext["commune_code"].tolist() == ["00002", "00001"]

    def test_missing_column(self, survey, params):
        _, idx = computed(survey, params)
        with pytest.raises(MissingColumnError, match="commune_name"):
            status.extremes(survey.drop(columns=["commune_name"]), idx, params)


# ----------------------------------------------------------------- target_progress


class TestTargetProgress:
    def test_by_hand(self, survey, params):
        tp = status.target_progress(survey, params).set_index("target_id")
        assert list(tp.index) == [
            "files_online",
            "criterion_8_4",
            "cooperatives",
            "digital_service",
        ]
        # files online, officials-weighted: (20×0.8 + 25×0.5 + 15×0.2)/60 = 31.5/60 = 0.525 < 0.6
        # deficit 0.6×60 − 31.5 = 4.5; gains to 0.6: C 15×0.4 = 6, B 25×0.1 = 2.5 → C alone suffices
        assert tp.loc["files_online", "value"] == pytest.approx(0.525)
        assert not tp.loc["files_online", "met"]
        assert tp.loc["files_online", "communes_needed"] == 1
        assert tp.loc["files_online", "communes_met"] == 1  # only A ≥ 0.6
        # 8.4: A, C → 2/3; ⌈0.97×3⌉ = 3 → 1 more
        assert tp.loc["criterion_8_4", "value"] == pytest.approx(2 / 3)
        assert not tp.loc["criterion_8_4", "met"]
        assert tp.loc["criterion_8_4", "communes_needed"] == 1
        # cooperatives: A, C → 2/3 < 0.7; ⌈2.1⌉ = 3 → 1 more
        assert not tp.loc["cooperatives", "met"]
        assert tp.loc["cooperatives", "communes_needed"] == 1
        # digital service: A, C → 2/3 ≥ 0.4 → met, none needed
        assert tp.loc["digital_service", "met"]
        assert tp.loc["digital_service", "communes_needed"] == 0
        assert tp["communes_total"].tolist() == [3, 3, 3, 3]
        assert tp.loc["cooperatives", "label_vi"] == "Có HTX"

    def test_files_online_needs_two(self, survey, params):
        params["status"]["targets"]["files_online"]["target"] = 0.7
        tp = status.target_progress(survey, params).set_index("target_id")
        # deficit 0.7×60 − 31.5 = 10.5; gains to 0.7: C 15×0.5 = 7.5, B 25×0.2 = 5 → 7.5 < 10.5 ≤ 12.5 → 2
        assert tp.loc["files_online", "communes_needed"] == 2

    def test_files_online_met(self, survey, params):
        survey["files_online_share"] = 0.6
        tp = status.target_progress(survey, params).set_index("target_id")
        assert tp.loc["files_online", "value"] == pytest.approx(0.6)
        assert tp.loc["files_online", "met"]
        assert tp.loc["files_online", "communes_needed"] == 0

    def test_no_float_off_by_one(self, params):
        # 100 communes, 97 meet 8.4: 0.97×100 = 97.00000000000001 in floating point → still met
        base = make_survey()
        s = pd.concat([base.iloc[[0]]] * 100, ignore_index=True)
        s["commune_code"] = [f"{i:05d}" for i in range(100)]
        s["criterion_8_4"] = [True] * 97 + [False] * 3
        tp = status.target_progress(s, params).set_index("target_id")
        assert tp.loc["criterion_8_4", "met"]
        assert tp.loc["criterion_8_4", "communes_needed"] == 0

    def test_scope_excludes_wards(self, params):
        ward = make_survey(unit_type="phường").iloc[[0]].assign(commune_code="00009")
        s = pd.concat([make_survey(), ward], ignore_index=True)
        tp = status.target_progress(s, params)
        assert tp["communes_total"].tolist() == [3, 3, 3, 3]

    def test_special_zone_counted(self, params):
        zone = make_survey(unit_type="đặc khu").iloc[[0]].assign(commune_code="00009")
        s = pd.concat([make_survey(), zone], ignore_index=True)
        assert status.target_progress(s, params)["communes_total"].tolist() == [4, 4, 4, 4]

    def test_no_unit_in_scope(self, params):
        with pytest.raises(ValueError, match="scope"):
            status.target_progress(make_survey(unit_type="phường"), params)

    def test_unknown_method(self, survey, params):
        params["status"]["targets"]["files_online"]["method"] = "mean"
        with pytest.raises(ValueError, match="officials_weighted"):
            status.target_progress(survey, params)

    def test_missing_column(self, survey, params):
        with pytest.raises(MissingColumnError, match="criterion_8_4"):
            status.target_progress(survey.drop(columns=["criterion_8_4"]), params)

    def test_default_params_labels_are_vietnamese(self, survey):
        tp = status.target_progress(survey)
        assert tp["target"].tolist() == pytest.approx([0.6, 0.97, 0.7, 0.4])
        assert tp.loc[0, "label_vi"].startswith("Hồ sơ")


# ----------------------------------------------------------------- compare_years


class TestCompareYears:
    def before_after(self):
        before = make_survey(year=2023)
        before["households_internet_smart"] = [300, 450, 25]
        after = make_survey(year=2025)
        extra = make_survey(province="02").iloc[[0]].assign(commune_code="10001")
        after = pd.concat([after, extra], ignore_index=True)
        return before, after

    def test_by_hand(self, params):
        before, after = self.before_after()
        cmp = status.compare_years(before, after, params)
        assert list(cmp.columns) == [
            "province_code",
            "indicator",
            "label",
            "year_before",
            "year_after",
            "before",
            "after",
            "change",
        ]
        p1 = cmp[cmp["province_code"] == "01"].set_index("indicator")
        assert list(p1.index) == ["overall", "households_internet_smart_share", "has_cooperative"]
        # internet+smart: before (300+450+25)/3500 = 775/3500, after 1550/3500, change 775/3500
        assert p1.loc["households_internet_smart_share", "before"] == pytest.approx(775 / 3500)
        assert p1.loc["households_internet_smart_share", "after"] == pytest.approx(1550 / 3500)
        assert p1.loc["households_internet_smart_share", "change"] == pytest.approx(775 / 3500)
        # overall: society pillar falls by 3×(share points×100)/4 → overall change per commune
        # A 5.625, B 4.21875, C 0.9375; household-weighted 14531.25/3500 = 4.151786
        assert p1.loc["overall", "change"] == pytest.approx(4.151786, abs=1e-5)
        assert p1.loc["overall", "after"] == pytest.approx(60.77381, abs=1e-4)
        assert p1.loc["has_cooperative", "change"] == pytest.approx(0.0)
        assert p1["year_before"].tolist() == [2023] * 3
        assert p1["year_after"].tolist() == [2025] * 3

    def test_province_only_in_one_year(self, params):
        before, after = self.before_after()
        cmp = status.compare_years(before, after, params)
        p2 = cmp[cmp["province_code"] == "02"]
        assert len(p2) == 3
        assert p2["before"].isna().all() and p2["change"].isna().all()
        assert p2["after"].notna().all()

    def test_unknown_indicator(self, params):
        before, after = self.before_after()
        params["status"]["compare_indicators"] = ["overall", "nonsense"]
        with pytest.raises(ValueError, match="nonsense"):
            status.compare_years(before, after, params)

    def test_missing_column(self, params):
        before, after = self.before_after()
        with pytest.raises(MissingColumnError, match="year"):
            status.compare_years(before.drop(columns=["year"]), after, params)


# ----------------------------------------------------------------- summary


class TestSummary:
    def test_key_figures(self, survey, params):
        ind, idx = computed(survey, params)
        tp = status.target_progress(survey, params)
        s = status.summary(survey, ind, idx, tp, params)
        json.dumps(s)  # serialisable
        assert s["year"] == 2025
        assert s["n_communes"] == 3 and s["n_units"] == 3
        assert s["readiness_overall_mean"] == pytest.approx(54.4097, abs=1e-4)
        assert s["readiness_overall"] == s["readiness_overall_weighted"]
        assert s["readiness_overall_weighted"] == pytest.approx(60.7738, abs=1e-4)
        assert s["readiness_pillars"]["infrastructure"] == pytest.approx(
            175 / 3, abs=1e-4
        )  # (75+100+0)/3
        assert set(s["readiness_pillars"]) == set(status.PILLARS)
        assert s["readiness_quantiles"] == {"p50": 64.6875}
        assert s["targets_total"] == 4 and s["targets_met"] == 1
        assert s["targets"]["files_online"] == {
            "label_vi": "Hồ sơ trực tuyến",
            "value": 0.525,
            "target": 0.6,
            "met": False,
            "communes_met": 1,
            "communes_total": 3,
            "communes_needed": 1,
        }
        assert [c["commune_name"] for c in s["weakest_communes"]] == ["Xã Cường"]
        assert [c["commune_name"] for c in s["strongest_communes"]] == ["Xã An"]
        assert s["indicators_weighted"]["households_internet_smart_share"] == pytest.approx(
            0.4429, abs=1e-4
        )

    def test_nan_becomes_none(self, survey, params):
        survey["cooperatives"] = 0
        survey["cooperatives_digital"] = 0
        ind, idx = computed(survey, params)
        tp = status.target_progress(survey, params)
        s = status.summary(survey, ind, idx, tp, params)
        assert s["indicators_weighted"]["cooperatives_digital_share"] is None
        assert "NaN" not in json.dumps(s)

    def test_missing_column(self, survey, params):
        ind, idx = computed(survey, params)
        tp = status.target_progress(survey, params)
        with pytest.raises(MissingColumnError, match="year"):
            status.summary(survey.drop(columns=["year"]), ind, idx, tp, params)


# ----------------------------------------------------------------- assumptions


class TestAssumptions:
    def test_defaults_every_target_has_a_source(self):
        table = status.assumptions()
        assert list(table.columns) == ["key", "value", "source"]
        keys = set(table["key"])
        for tid in ("files_online", "criterion_8_4", "cooperatives", "digital_service"):
            assert f"status.targets.{tid}.target" in keys
        row = table.set_index("key").loc["status.targets.criterion_8_4.target"]
        assert row["value"] == "0.97" and "[924]" in row["source"]

    def test_resolved_values_are_shown(self):
        full = status._params(None)
        merged = {"status": {**full, "n_extremes": 7}}
        row = status.assumptions(merged).set_index("key").loc["status.n_extremes"]
        assert row["value"] == "7"
