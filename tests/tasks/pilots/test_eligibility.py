"""Tests for ntmplan.tasks.pilots.eligibility — gates, exact thresholds, shortfalls, texts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    SMART_GATES,
    commune,
    elig,
    survey,
)


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


class TestGateColumns:
    def test_order_and_error(self, params):
        e = elig(survey(commune()), params)
        assert pilots.gate_columns(e) == SMART_GATES
        with pytest.raises(InputError):
            pilots.gate_columns(pd.DataFrame({"x": [1]}))
