"""Tests for ntmplan.tasks.pilots — pilot-commune selection (guidance task 3).

Every expected value is worked out by hand in the comments; the fixture is a handful of
communes built here. Params are the defaults with every value a test relies on set
explicitly, so a change of defaults.yaml does not silently change the expectations.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.core.params import default_params
from ntmplan.tasks import pilots
from tests.survey_fixtures import COMMUNE, PILOT_THRESHOLDS

# --------------------------------------------------------------------------- fixtures
BASE = dict(COMMUNE)
COUNTS = [
    k
    for k, v in BASE.items()
    if isinstance(v, int) and not isinstance(v, bool) and k not in ("year",)
]


def commune(code: str = "00001", **changes) -> dict:
    """One commune row: the eligible baseline BASE with ``changes`` applied."""
    row = dict(BASE, commune_code=code, commune_name=f"Xã {code}")
    row.update(changes)
    return row


def survey(*rows: dict, index=None) -> pd.DataFrame:
    """A survey frame with the validated dtypes (int64 counts, bool flags, str codes)."""
    df = pd.DataFrame(list(rows), index=index)
    for col in COUNTS:
        if df[col].notna().all():
            df[col] = df[col].astype("int64")
    df["year"] = df["year"].astype("int64")
    return df


@pytest.fixture()
def params() -> dict:
    """Defaults with every threshold, weight, scale and unit cost used here set explicitly."""
    p = default_params()
    pp = p["pilots"]
    pp["rural_unit_types"] = ["xã", "đặc khu"]
    pp["eligible_sectors"] = ["du_lich_nong_thon", "trong_trot", "chan_nuoi", "thuong_mai_dien_tu"]
    pp["priority_sectors"] = ["du_lich_nong_thon", "thuong_mai_dien_tu"]
    pp["thresholds"] = dict(PILOT_THRESHOLDS)
    pp["types"]["smart_commune"]["number"] = 1
    pp["types"]["smart_commune"]["fallback_cheapest"] = True
    pp["types"]["ecommerce_commune"]["number"] = 3
    pp["types"]["ecommerce_commune"]["fallback_cheapest"] = False
    pp["prefer_different_sectors"] = True
    pp["pin"] = {"smart_commune": [], "ecommerce_commune": []}
    pp["exclude"] = []
    pp["registration_top_n"] = 3
    pp["weights"] = {
        "households_connected": 2.0,
        "coverage_4g": 1.0,
        "files_online": 1.0,
        "cooperatives_digital": 1.0,
        "ocop_online": 1.0,
        "tech_members": 1.0,
        "dx_demand": 2.0,
        "providers": 1.0,
        "priority_sector": 2.0,
    }
    pp["scales"] = {
        "households_connected": {"low": 0.0, "high": 1.0},
        "coverage_4g": {"low": 0.0, "high": 1.0},
        "files_online": {"low": 0.0, "high": 0.6},
        "cooperatives_digital": {"low": 0.0, "high": 1.0},
        "ocop_online": {"low": 0.0, "high": 1.0},
        "tech_members": {"low": 0.0, "high": 5.0},
        "dx_demand": {"low": 1.0, "high": 5.0},
        "providers": {"low": 0.0, "high": 3.0},
        "priority_sector": {"low": 0.0, "high": 1.0},
    }
    pp["unit_costs_mvnd"] = {
        "household_connection": 2.0,
        "official_computer": 15.0,
        "official_account": 0.5,
        "village_fiber": 150.0,
        "village_4g": 400.0,
        "provider": 50.0,
        "ocop_online_product": 10.0,
        "household_selling_online": 1.0,
    }
    pp["cheapest_path_n"] = 3
    pp["robustness"] = {"draws": 200, "spread": 0.2, "seed": 7, "k": 2}
    return p


def only_weight(params: dict, name: str) -> dict:
    """Params whose score is driven by one indicator (all other weights 0)."""
    for key in params["pilots"]["weights"]:
        params["pilots"]["weights"][key] = 1.0 if key == name else 0.0
    return params


def elig(df, params, pilot_type="smart_commune"):
    return pilots.check_eligibility(df, params, pilot_type)


# --------------------------------------------------------------------------- check_eligibility
SMART_GATES = [
    "gate_rural",
    "gate_infrastructure",
    "gate_sector",
    "gate_households",
    "gate_officials_computer",
    "gate_officials_email_eoffice",
    "gate_providers",
]


class TestCheckEligibility:
    def test_baseline_commune_is_eligible(self, params):
        out = elig(survey(commune()), params)
        assert list(out.columns[:7]) == SMART_GATES
        assert out[SMART_GATES].iloc[0].all()
        assert bool(out["eligible"].iloc[0])
        assert out["n_conditions_met"].iloc[0] == 7
        assert out["missing_vi"].iloc[0] == ""
        for col in pilots.SHORTFALL_COLUMNS:
            assert out[col].iloc[0] == 0

    def test_index_and_row_order_kept(self, params):
        df = survey(commune("00001"), commune("00002", unit_type="phường"), index=[10, 3])
        out = elig(df, params)
        assert list(out.index) == [10, 3]
        assert list(out["eligible"]) == [True, False]

    @pytest.mark.parametrize(
        ("connected", "passes", "shortfall"),
        [
            (500, True, 0),  # 500/1000 = 50% exactly → passes
            (499, False, 1),  # ceil(0.5 × 1000) − 499 = 1
            (501, True, 0),
            (0, False, 500),  # nobody connected: 500 needed
        ],
    )
    def test_households_threshold_exact(self, params, connected, passes, shortfall):
        out = elig(survey(commune(households_internet_smart=connected)), params)
        assert bool(out["gate_households"].iloc[0]) is passes
        assert out["shortfall_households"].iloc[0] == shortfall

    def test_households_odd_total_rounds_requirement_up(self, params):
        # 37 households × 0.5 = 18.5 → 19 needed: 18 fails (short 1), 19 passes.
        df = survey(
            commune("00001", households=37, households_internet_smart=18),
            commune("00002", households=37, households_internet_smart=19),
        )
        out = elig(df, params)
        assert list(out["gate_households"]) == [False, True]
        assert list(out["shortfall_households"]) == [1, 0]

    def test_decimal_threshold_read_exactly(self, params):
        # 0.6 × 5 is 3.0000000000000004 in floating point; read exactly it is 3 → 3/5 passes.
        # 0.7 × 10 is 7.000000000000001 in floating point; exactly 7 → 7/10 passes.
        params["pilots"]["thresholds"]["households_internet_smart_share"] = 0.6
        df = survey(
            commune("00001", households=5, population=20, households_internet_smart=3),
            commune("00002", households=5, population=20, households_internet_smart=2),
        )
        out = elig(df, params)
        assert list(out["gate_households"]) == [True, False]
        assert list(out["shortfall_households"]) == [0, 1]
        params["pilots"]["thresholds"]["households_internet_smart_share"] = 0.7
        out = elig(
            survey(commune(households=10, population=40, households_internet_smart=7)), params
        )
        assert bool(out["gate_households"].iloc[0])

    @pytest.mark.parametrize(
        ("with_computer", "passes", "shortfall"),
        [(37, True, 0), (36, False, 1), (0, False, 37)],
    )
    def test_officials_computer_100_percent(self, params, with_computer, passes, shortfall):
        out = elig(survey(commune(officials_computer=with_computer)), params)
        assert bool(out["gate_officials_computer"].iloc[0]) is passes
        assert out["shortfall_officials_computer"].iloc[0] == shortfall

    @pytest.mark.parametrize(("with_computer", "passes"), [(33, False), (34, True), (35, True)])
    def test_officials_computer_below_100(self, params, with_computer, passes):
        # threshold 0.9: ceil(0.9 × 37) = ceil(33.3) = 34 needed.
        params["pilots"]["thresholds"]["officials_computer_share"] = 0.9
        out = elig(survey(commune(officials_computer=with_computer)), params)
        assert bool(out["gate_officials_computer"].iloc[0]) is passes

    def test_email_and_eoffice_both_needed(self, params):
        df = survey(
            commune("00001", officials_email=36),  # email short 1
            commune("00002", officials_eoffice=35),  # e-office short 2
            commune("00003"),  # 37/37 both → passes
        )
        out = elig(df, params)
        assert list(out["gate_officials_email_eoffice"]) == [False, False, True]
        assert list(out["shortfall_officials_email"]) == [1, 0, 0]
        assert list(out["shortfall_officials_eoffice"]) == [0, 2, 0]

    @pytest.mark.parametrize(
        ("fiber", "g4", "passes", "short_fiber", "short_4g"),
        [(10, 10, True, 0, 0), (9, 10, False, 1, 0), (10, 8, False, 0, 2), (0, 0, False, 10, 10)],
    )
    def test_infrastructure_every_village(self, params, fiber, g4, passes, short_fiber, short_4g):
        out = elig(survey(commune(villages_fiber=fiber, villages_4g=g4)), params)
        assert bool(out["gate_infrastructure"].iloc[0]) is passes
        assert out["shortfall_villages_fiber"].iloc[0] == short_fiber
        assert out["shortfall_villages_4g"].iloc[0] == short_4g

    @pytest.mark.parametrize(
        ("providers", "passes", "shortfall"), [(0, False, 1), (1, True, 0), (2, True, 0)]
    )
    def test_providers_at_least_one(self, params, providers, passes, shortfall):
        out = elig(survey(commune(digital_providers=providers)), params)
        assert bool(out["gate_providers"].iloc[0]) is passes
        assert out["shortfall_providers"].iloc[0] == shortfall

    def test_sector_must_be_set_and_listed(self, params):
        df = survey(
            commune("00001", prominent_sector=None),
            commune("00002", prominent_sector=""),
            commune("00003", prominent_sector="y_te"),  # not in this test's eligible list
            commune("00004", prominent_sector="trong_trot"),
        )
        out = elig(df, params)
        assert list(out["gate_sector"]) == [False, False, False, True]
        assert "chưa có lĩnh vực nổi bật" in out["missing_vi"].iloc[0]
        assert "không thuộc danh mục" in out["missing_vi"].iloc[2]

    @pytest.mark.parametrize(("dx", "passes"), [(2, False), (3, True), (4, True)])
    def test_sector_min_dx_demand(self, params, dx, passes):
        params["pilots"]["thresholds"]["sector_min_dx_demand"] = 3
        out = elig(survey(commune(dx_demand=dx)), params)
        assert bool(out["gate_sector"].iloc[0]) is passes

    def test_wards_excluded_special_zones_kept(self, params):
        df = survey(
            commune("00001", unit_type="phường"),
            commune("00002", unit_type="đặc khu"),
            commune("00003", unit_type="xã"),
        )
        out = elig(df, params)
        assert list(out["gate_rural"]) == [False, True, True]
        assert list(out["eligible"]) == [False, True, True]
        assert "phường" in out["missing_vi"].iloc[0]

    def test_missing_and_zero_values(self, params):
        df = survey(
            commune("00001", households_internet_smart=np.nan),  # numerator missing → 0
            commune("00002", households=0),  # denominator zero → no data
            commune("00003", digital_providers=np.nan),
            commune("00004", villages=np.nan),
        )
        out = elig(df, params)
        assert list(out["gate_households"]) == [False, False, True, True]
        # missing numerator: ceil(0.5 × 1000) − 0 = 500 short; zero households: not costable → 0
        assert list(out["shortfall_households"]) == [500, 0, 0, 0]
        assert list(out["no_data"]) == [False, True, False, True]
        assert "thiếu dữ liệu số hộ" in out["missing_vi"].iloc[1]
        assert list(out["gate_providers"]) == [True, True, False, True]
        assert out["shortfall_providers"].iloc[2] == 1
        assert not out["gate_infrastructure"].iloc[3]
        assert "thiếu dữ liệu số thôn" in out["missing_vi"].iloc[3]

    def test_missing_text_lists_each_gap(self, params):
        out = elig(survey(commune(households_internet_smart=480, villages_fiber=8)), params)
        text = out["missing_vi"].iloc[0]
        # 500 − 480 = 20 households; 10 − 8 = 2 villages
        assert "thiếu 20 hộ" in text
        assert "cáp quang ở 2 thôn" in text
        assert "; " in text

    def test_ecommerce_type_adds_evidence_gates(self, params):
        df = survey(
            commune("00001"),  # 2 OCOP online, 60 of 1000 selling (≥ ceil(0.05×1000) = 50)
            commune("00002", ocop_products_online=0),  # short 1 product
            commune("00003", households_selling_online=49),  # 50 − 49 = 1 household short
            commune("00004", households_selling_online=50),  # exactly 5% → passes
        )
        out = elig(df, params, "ecommerce_commune")
        assert list(out.columns[:9]) == [*SMART_GATES, "gate_ocop_online", "gate_selling_online"]
        assert list(out["eligible"]) == [True, False, False, True]
        assert list(out["shortfall_ocop_online"]) == [0, 1, 0, 0]
        assert list(out["shortfall_households_selling"]) == [0, 0, 1, 0]
        assert "shortfall_ocop_online" not in elig(df, params).columns

    def test_missing_column_clear_error(self, params):
        df = survey(commune()).drop(columns=["households_internet_smart", "officials_eoffice"])
        with pytest.raises(InputError) as err:
            elig(df, params)
        cols = {p.column for p in err.value.problems}
        assert cols == {"households_internet_smart", "officials_eoffice"}
        assert "households_internet_smart" in str(err.value)

    def test_unknown_pilot_type_and_bad_threshold(self, params):
        df = survey(commune())
        with pytest.raises(ParamsError):
            elig(df, params, "smart_village")
        params["pilots"]["thresholds"]["households_internet_smart_share"] = 1.5
        with pytest.raises(ParamsError):
            elig(df, params)

    def test_defaults_when_params_none(self):
        out = pilots.check_eligibility(survey(commune()))
        assert "gate_households" in out.columns


# --------------------------------------------------------------------------- rank_candidates
class TestRankCandidates:
    def test_score_by_hand(self, params):
        # Baseline indicators: households 500/1000 = 0.5; 4G 10/10 = 1; files 0.7/0.6 → 1 (capped);
        # coops 2/4 = 0.5; OCOP 2/4 = 0.5; tech 20/4000×1000 = 5 → 5/5 = 1; dx (4−1)/(5−1) = 0.75;
        # providers 2/3 = 0.666667; priority (du_lich) = 1.
        # Σ w·x = 2×0.5 + 1 + 1 + 0.5 + 0.5 + 1 + 2×0.75 + 0.666667 + 2×1 = 9.166667; Σ w = 12
        # score = 100 × 9.166667 / 12 = 76.388889
        df = survey(commune())
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert ranked["score"].iloc[0] == pytest.approx(76.388889, abs=1e-4)
        assert ranked["ind_files_online"].iloc[0] == 1.0
        assert ranked["rank"].iloc[0] == 1

    def test_order_and_rank_eligible_only(self, params):
        only_weight(params, "households_connected")
        df = survey(
            commune("00001", households_internet_smart=500),  # score 50
            commune("00002", households_internet_smart=800),  # score 80
            commune("00003", households_internet_smart=900, unit_type="phường"),  # 90, ward
        )
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert list(ranked["commune_code"]) == ["00002", "00001", "00003"]
        assert list(ranked["score"]) == pytest.approx([80.0, 50.0, 90.0])
        assert ranked["rank"].tolist()[:2] == [1, 2]
        assert pd.isna(ranked["rank"].iloc[2])

    def test_priority_sector_bonus(self, params):
        only_weight(params, "priority_sector")
        df = survey(
            commune("00001", prominent_sector="trong_trot"),
            commune("00002", prominent_sector="thuong_mai_dien_tu"),
        )
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert list(ranked["commune_code"]) == ["00002", "00001"]
        assert list(ranked["score"]) == [100.0, 0.0]

    def test_ties_broken_by_code(self, params):
        df = survey(commune("00009"), commune("00002"))
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert list(ranked["commune_code"]) == ["00002", "00009"]

    def test_zero_denominators_score_zero(self, params):
        only_weight(params, "cooperatives_digital")
        df = survey(commune(cooperatives=0, cooperatives_digital=0))
        ranked = pilots.rank_candidates(df, elig(df, params), params)
        assert ranked["score"].iloc[0] == 0.0

    def test_errors(self, params):
        df = survey(commune())
        e = elig(df, params)
        with pytest.raises(InputError):
            pilots.rank_candidates(df.drop(columns=["population"]), e, params)
        with pytest.raises(ValueError):
            pilots.rank_candidates(df, e.set_axis([5]), params)
        params["pilots"]["weights"]["dx_demand"] = -1.0
        with pytest.raises(ParamsError):
            pilots.rank_candidates(df, e, params)


# --------------------------------------------------------------------------- choose_pilots
def three_communes():
    # Scores with only the households weight: A 90, B 80, C 70 (share × 100).
    return survey(
        commune("0000A", households_internet_smart=900, prominent_sector="trong_trot"),
        commune("0000B", households_internet_smart=800, prominent_sector="trong_trot"),
        commune("0000C", households_internet_smart=700, prominent_sector="chan_nuoi"),
        commune("0000D", households_internet_smart=950, officials_computer=30),  # not eligible
    )


def ranked_for(df, params, pilot_type="smart_commune"):
    return pilots.rank_candidates(df, elig(df, params, pilot_type), params)


class TestChoosePilots:
    def test_default_one_pilot_is_top_eligible(self, params):
        only_weight(params, "households_connected")
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params)
        assert list(chosen["commune_code"]) == ["0000A"]
        assert chosen["basis"].iloc[0] == "eligible"
        assert chosen["gap_mvnd"].iloc[0] == 0.0

    def test_prefers_different_sectors(self, params):
        only_weight(params, "households_connected")
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=2)
        # A (trong_trot, 90) first; B shares A's sector so C (chan_nuoi, 70) comes next.
        assert list(chosen["commune_code"]) == ["0000A", "0000C"]
        chosen3 = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=3)
        assert list(chosen3["commune_code"]) == ["0000A", "0000C", "0000B"]
        params["pilots"]["prefer_different_sectors"] = False
        plain = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=2)
        assert list(plain["commune_code"]) == ["0000A", "0000B"]

    def test_pin_and_exclude(self, params):
        only_weight(params, "households_connected")
        params["pilots"]["pin"]["smart_commune"] = ["0000D"]  # pinned although not eligible
        params["pilots"]["exclude"] = ["0000A"]
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params, n=2)
        assert list(chosen["commune_code"]) == ["0000D", "0000B"]
        assert list(chosen["basis"]) == ["pinned", "eligible"]
        # D lacks 37 − 30 = 7 computers × 15 = 105 million VND
        assert chosen["gap_mvnd"].iloc[0] == pytest.approx(105.0)

    def test_exclude_wins_over_pin(self, params):
        only_weight(params, "households_connected")
        params["pilots"]["pin"]["smart_commune"] = ["0000A"]
        params["pilots"]["exclude"] = ["0000A"]
        chosen = pilots.choose_pilots(ranked_for(three_communes(), params), params)
        assert list(chosen["commune_code"]) == ["0000B"]

    def test_unknown_pin_warns(self, params):
        params["pilots"]["pin"]["smart_commune"] = ["99999"]
        with pytest.warns(UserWarning, match="99999"):
            pilots.choose_pilots(ranked_for(three_communes(), params), params)

    def test_no_eligible_falls_back_to_cheapest(self, params):
        df = survey(
            commune("00001", officials_computer=35),  # 2 × 15 = 30
            commune("00002", officials_computer=36),  # 1 × 15 = 15 → cheapest
            commune("00003", prominent_sector=None),  # cannot be bought in
        )
        chosen = pilots.choose_pilots(ranked_for(df, params), params)
        assert list(chosen["commune_code"]) == ["00002"]
        assert chosen["basis"].iloc[0] == "cheapest_path"
        assert chosen["gap_mvnd"].iloc[0] == pytest.approx(15.0)

    def test_ecommerce_lists_only_eligible(self, params):
        df = survey(commune("00001", ocop_products_online=0), commune("00002"))
        chosen = pilots.choose_pilots(ranked_for(df, params, "ecommerce_commune"), params)
        assert list(chosen["commune_code"]) == ["00002"]  # 3 wanted, 1 eligible, no fallback

    def test_errors(self, params):
        ranked = ranked_for(three_communes(), params)
        with pytest.raises(ValueError):
            pilots.choose_pilots(ranked, params, n=-1)
        with pytest.raises(InputError):
            pilots.choose_pilots(ranked.drop(columns=["score"]), params)


# --------------------------------------------------------------------------- gap_costs
class TestGapCosts:
    def test_costs_by_hand(self, params):
        df = survey(
            commune(
                households_internet_smart=490,  # 10 × 2.0 = 20
                officials_computer=35,  # 2 × 15 = 30
                officials_email=36,  # 1 × 0.5 = 0.5
                officials_eoffice=34,  # 3 × 0.5 = 1.5
                villages_fiber=8,  # 2 × 150 = 300
                villages_4g=9,  # 1 × 400 = 400
                digital_providers=0,  # 1 × 50 = 50
            )
        )
        gaps = pilots.gap_costs(df, elig(df, params), params)
        row = gaps.iloc[0]
        assert row["cost_households_mvnd"] == 20.0
        assert row["cost_officials_computer_mvnd"] == 30.0
        assert row["cost_officials_email_mvnd"] == 0.5
        assert row["cost_officials_eoffice_mvnd"] == 1.5
        assert row["cost_villages_fiber_mvnd"] == 300.0
        assert row["cost_villages_4g_mvnd"] == 400.0
        assert row["cost_providers_mvnd"] == 50.0
        # 20 + 30 + 0.5 + 1.5 + 300 + 400 + 50 = 802
        assert row["total_gap_mvnd"] == pytest.approx(802.0)
        assert bool(row["attainable"])

    def test_ecommerce_costs(self, params):
        df = survey(commune(ocop_products_online=0, households_selling_online=40))
        gaps = pilots.gap_costs(df, elig(df, params, "ecommerce_commune"), params)
        # 1 product × 10 + (50 − 40) households × 1.0 = 20
        assert gaps["total_gap_mvnd"].iloc[0] == pytest.approx(20.0)

    def test_attainable(self, params):
        df = survey(
            commune("00001"),  # eligible: gap 0
            commune("00002", unit_type="phường", officials_computer=36),
            commune("00003", prominent_sector=None),
            commune("00004", households=0),
        )
        gaps = pilots.gap_costs(df, elig(df, params), params)
        assert list(gaps["attainable"]) == [True, False, False, False]
        assert gaps["total_gap_mvnd"].iloc[0] == 0.0

    def test_missing_column(self, params):
        df = survey(commune())
        with pytest.raises(InputError):
            pilots.gap_costs(df, elig(df, params).drop(columns=["shortfall_providers"]), params)


# --------------------------------------------------------------------------- cheapest_path
class TestCheapestPath:
    def test_province_without_eligible_commune(self, params):
        df = survey(
            commune("00001", villages_fiber=9),  # 150
            commune("00002", officials_computer=36, digital_providers=0),  # 15 + 50 = 65
            commune("00003", households_internet_smart=450),  # 50 × 2 = 100
            commune("00004", officials_email=30, prominent_sector=None),  # no sector: left out
            commune("00005", unit_type="phường", officials_email=36),  # ward: left out
        )
        e = elig(df, params)
        assert not e["eligible"].any()
        path = pilots.cheapest_path(df, e, params)
        assert list(path["commune_code"]) == ["00002", "00003", "00001"]
        assert list(path["total_gap_mvnd"]) == pytest.approx([65.0, 100.0, 150.0])
        assert len(pilots.cheapest_path(df, e, params, n=1)) == 1

    def test_eligible_and_excluded_left_out(self, params):
        params["pilots"]["exclude"] = ["00003"]
        df = survey(
            commune("00001"), commune("00002", villages_4g=9), commune("00003", villages_4g=9)
        )
        path = pilots.cheapest_path(df, elig(df, params), params)
        assert list(path["commune_code"]) == ["00002"]


# --------------------------------------------------------------------------- robustness
class TestRobustness:
    def frame(self):
        # A dominates every indicator; B and C are close to each other.
        return survey(
            commune("0000A", households_internet_smart=950, dx_demand=5, digital_providers=3),
            commune("0000B", households_internet_smart=700, dx_demand=3),
            commune("0000C", households_internet_smart=650, dx_demand=3, community_tech_members=24),
            commune("0000D", unit_type="phường"),
        )

    def test_deterministic_and_bounded(self, params):
        df = self.frame()
        e = elig(df, params)
        r1 = pilots.robustness(df, e, params, seed=11)
        r2 = pilots.robustness(df, e, params, seed=11)
        pd.testing.assert_frame_equal(r1, r2)
        assert r1["share_top_k"].between(0, 1).all()
        assert r1["share_first"].between(0, 1).all()
        assert list(r1["commune_code"])[0] == "0000A"
        assert "0000D" not in set(r1["commune_code"])  # ward not eligible

    def test_dominant_candidate_always_first(self, params):
        df = self.frame()
        r = pilots.robustness(df, elig(df, params), params, draws=100, k=1)
        assert r["share_first"].iloc[0] == 1.0
        assert r["share_top_k"].iloc[0] == 1.0
        # the k = 1 shares of all candidates sum to 1 (one winner per draw)
        assert r["share_top_k"].sum() == pytest.approx(1.0)

    def test_no_spread_keeps_base_order(self, params):
        df = self.frame()
        r = pilots.robustness(df, elig(df, params), params, spread=0.0, k=2)
        assert list(r["share_top_k"]) == [1.0, 1.0, 0.0]

    def test_empty_and_errors(self, params):
        df = survey(commune(unit_type="phường"))
        r = pilots.robustness(df, elig(df, params), params)
        assert r.empty and "share_top_k" in r.columns
        with pytest.raises(ValueError):
            pilots.robustness(df, elig(df, params), params, draws=0)


# --------------------------------------------------------------------------- funnel
class TestFunnel:
    def test_counts_in_turn(self, params):
        df = survey(
            commune("00001"),  # passes all
            commune("00002", unit_type="phường"),  # drops at rural
            commune("00003", villages_4g=9),  # drops at infrastructure
            commune("00004", officials_computer=1, villages_4g=9),  # drops at infrastructure too
        )
        f = pilots.funnel(elig(df, params))
        assert list(f["condition"]) == ["all", *SMART_GATES]
        # all 4 → rural 3 → infrastructure 1 → 1 … 1
        assert list(f["passing_cumulative"]) == [4, 3, 1, 1, 1, 1, 1, 1]
        assert list(f["dropped"]) == [0, 1, 2, 0, 0, 0, 0, 0]
        # alone: officials_computer passes for 3 of 4
        assert f.set_index("condition").loc["gate_officials_computer", "passing_alone"] == 3

    def test_requires_gates(self):
        with pytest.raises(InputError):
            pilots.funnel(pd.DataFrame({"eligible": [True]}))


# --------------------------------------------------------------------------- commune_table
class TestCommuneTable:
    def test_marks_and_order(self, params):
        only_weight(params, "households_connected")
        df = survey(
            commune("00001", households_internet_smart=600),
            commune("00002", households_internet_smart=900),
        )
        e = elig(df, params)
        table = pilots.commune_table(df, e, pilots.rank_candidates(df, e, params))
        assert list(table["commune_code"]) == ["00002", "00001"]
        assert set(table["gate_households"]) == {"✓"}
        assert table["sector_vi"].iloc[0] == "Du lịch nông thôn"
        raw = pilots.commune_table(df, e, marks=False)
        assert raw["eligible"].dtype == bool


# --------------------------------------------------------------------------- registration_table
class TestRegistrationTable:
    def test_same_columns_for_two_provinces(self, params):
        p1 = survey(commune("00001"), commune("00002", villages_fiber=1))
        p2 = survey(
            commune("10001", province_code="02", ocop_products_online=0),
            commune("10002", province_code="02", unit_type="phường"),
        )
        r1 = pilots.registration_table(p1, params, province_name="Tỉnh Một")
        r2 = pilots.registration_table(p2, params, province_name="Tỉnh Hai")
        assert list(r1.columns) == list(r2.columns) == list(pilots.REGISTRATION_COLUMNS)
        # province 1: 00001 eligible for both types → smart (1 eligible) + ecommerce (1 eligible)
        assert list(zip(r1["pilot_type"], r1["commune_code"], strict=True)) == [
            ("smart_commune", "00001"),
            ("ecommerce_commune", "00001"),
        ]
        assert r1["conditions_met"].tolist() == ["7/7", "9/9"]
        assert set(r1["province_code"]) == {"01"}
        # province 2: 10001 is a smart candidate; no e-commerce candidate (no OCOP online)
        assert list(r2["commune_code"]) == ["10001"]
        stacked = pd.concat([r1, r2], ignore_index=True)
        assert len(stacked) == 3

    def test_one_row_per_commune_per_type(self, params):
        df = survey(*(commune(f"0000{i}") for i in range(1, 6)))
        r = pilots.registration_table(df, params, top_n=3)
        assert len(r) == 6  # 3 smart + 3 e-commerce
        assert not r.duplicated(["pilot_type", "commune_code"]).any()
        assert list(r["rank"]) == [1, 2, 3, 1, 2, 3]


# --------------------------------------------------------------------------- evaluate / summary
class TestEvaluate:
    def test_all_types(self, params):
        out = pilots.evaluate(survey(commune()), params)
        assert set(out) == {"smart_commune", "ecommerce_commune"}
        assert set(out["smart_commune"]) == {
            "eligibility",
            "ranked",
            "chosen",
            "funnel",
            "cheapest",
        }


class TestSummary:
    def test_keys_and_json(self, params):
        s = pilots.summary(survey(commune("00001"), commune("00002", unit_type="phường")), params)
        json.dumps(s)  # JSON-serialisable
        assert s["communes"] == 2
        assert s["rural_communes"] == 1
        assert s["eligible_count"] == {"smart_commune": 1, "ecommerce_commune": 1}
        assert s["chosen_smart_codes"] == ["00001"]
        assert s["smart_pilots_gap_mvnd"] == 0.0
        assert s["smart_target_met"] is True
        assert s["cheapest_path"]["smart_commune"] == []
        # funnel in condition order: all 2 → rural 1 → … (the ward drops at the first gate)
        assert s["funnel"]["smart_commune"][:2] == [
            {"condition": "all", "passing": 2},
            {"condition": "gate_rural", "passing": 1},
        ]
        assert s["robustness"][0] == {"commune_code": "00001", "rank": 1, "share_top_k": 1.0}
        assert "1 xã đủ điều kiện" in s["statement_vi"]

    def test_no_eligible_gives_path(self, params):
        df = survey(commune("00001", villages_fiber=9), commune("00002", prominent_sector=None))
        s = pilots.summary(df, params)
        assert s["eligible_count"]["smart_commune"] == 0
        assert s["communes_without_sector"] == 1
        assert [c["commune_code"] for c in s["cheapest_path"]["smart_commune"]] == ["00001"]
        assert s["chosen_smart_codes"] == ["00001"]  # fallback to the cheapest path
        assert s["smart_pilots_gap_mvnd"] == 150.0  # one village of fibre
        assert s["smart_target_met"] is False
        assert "Chưa có xã nào đủ điều kiện" in s["statement_vi"]

    def test_pin_not_found_reported(self, params):
        params["pilots"]["pin"]["smart_commune"] = ["77777"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            s = pilots.summary(survey(commune()), params)
        assert s["pins_not_found"] == ["77777"]


class TestWithOverrides:
    def test_copy_and_unknown_key(self, params):
        new = pilots.with_overrides(params, {"thresholds.households_internet_smart_share": 0.4})
        assert new["pilots"]["thresholds"]["households_internet_smart_share"] == 0.4
        assert params["pilots"]["thresholds"]["households_internet_smart_share"] == 0.5
        with pytest.raises(KeyError):
            pilots.with_overrides(params, {"thresholds.nope": 1})


# --------------------------------------------------------------------------- conditions / assumptions
class TestConditionsTable:
    def test_rules_follow_params(self, params):
        params["pilots"]["thresholds"]["households_internet_smart_share"] = 0.4
        table = pilots.conditions_table(params).set_index("condition")
        assert "≥ 40%" in table.loc["gate_households", "rule_vi"]
        assert table.loc["gate_ocop_online", "Xã nông thôn mới thông minh"] == "—"
        assert table.loc["gate_ocop_online", "Xã thương mại điện tử"] == "✓"


class TestAssumptions:
    def test_every_leaf_has_a_source(self, params):
        table = pilots.assumptions(params)
        assert len(table) > 30
        assert table["key"].str.startswith("pilots.").all()
        assert (table["source"].str.len() > 0).all()
        row = table.set_index("key").loc["pilots.robustness.seed"]
        assert row["value"] == "7"  # the resolved value of this fixture, not the default


class TestGateColumns:
    def test_order_and_error(self, params):
        e = elig(survey(commune()), params)
        assert pilots.gate_columns(e) == SMART_GATES
        with pytest.raises(InputError):
            pilots.gate_columns(pd.DataFrame({"x": [1]}))


class TestStatementVi:
    def test_wording(self, params):
        figures = {
            "eligible_count": {"smart_commune": 0},
            "has_eligible": {"smart_commune": False},
            "cheapest_path": {"smart_commune": []},
        }
        assert "không xã nào có thể bù" in pilots.statement_vi(figures, params)


class TestLabels:
    def test_unique_and_cover_outputs(self, params):
        # ntmplan.tasks.national inverts LABELS to read registration files back: labels must be unique.
        assert len(set(pilots.LABELS.values())) == len(pilots.LABELS)
        df = survey(commune("00001"), commune("00002", villages_4g=9))
        e = elig(df, params, "ecommerce_commune")
        ranked = pilots.rank_candidates(df, e, params)
        frames = [
            e,
            ranked,
            pilots.choose_pilots(ranked, params),
            pilots.gap_costs(df, e, params),
            pilots.registration_table(df, params),
            pilots.robustness(df, e, params),
            pilots.funnel(e),
        ]
        missing = {c for f in frames for c in f.columns if c not in pilots.LABELS}
        assert missing == set()
