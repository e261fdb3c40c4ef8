"""Tests for ntmplan.survey.sample.generate: the two illustrative surveys (2025, legacy 2023).

Eligibility for the smart-commune pilot is computed here by direct comparisons on
the columns (guidance task 3, DOMAIN.md): every village with fibre AND 4G, a
prominent sector, ≥ 50% of households with internet and a smart device, every
official with a computer, e-mail and e-office, at least one digital provider.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import default_params
from ntmplan.survey import sample as S
from ntmplan.survey import units

# Northern mountainous provinces of the 2025 scheme (DOMAIN.md / issue 2 examples).
MOUNTAIN_2025 = {"04", "08", "11", "12", "14", "15", "20"}


def eligible(df: pd.DataFrame) -> pd.Series:
    """Hand-written pilot conditions (see module docstring)."""
    return (
        (df["villages_fiber"] == df["villages"])
        & (df["villages_4g"] == df["villages"])
        & df["prominent_sector"].notna()
        & (df["households_internet_smart"] >= 0.5 * df["households"])
        & (df["officials_computer"] == df["officials"])
        & (df["officials_email"] == df["officials"])
        & (df["officials_eoffice"] == df["officials"])
        & (df["digital_providers"] >= 1)
    )


def assert_cross_column_rules(df: pd.DataFrame) -> None:
    """Every rule of DESIGN.md's survey table, written out column by column."""
    p = default_params()["survey"]
    assert (df["households"] >= 1).all()
    assert (df["population"] >= df["households"]).all()
    assert (df["villages"] >= 1).all() and (df["officials"] >= 1).all()
    assert (df["villages_fiber"] <= df["villages"]).all() and (
        df["villages_4g"] <= df["villages"]
    ).all()
    assert (df["households_internet"] <= df["households"]).all()
    assert (df["households_smart_device"] <= df["households"]).all()
    assert (df["households_internet_smart"] <= df["households_internet"]).all()
    assert (df["households_internet_smart"] <= df["households_smart_device"]).all()
    for col in ("officials_computer", "officials_email", "officials_eoffice"):
        assert (df[col] <= df["officials"]).all(), col
    assert df["files_online_share"].between(0.0, 1.0).all()
    assert (df["cooperatives_digital"] <= df["cooperatives"]).all()
    assert (df["ocop_products_online"] <= df["ocop_products"]).all()
    assert (df["households_selling_online"] <= df["households"]).all()
    for col in S.INT_COLUMNS:
        assert (df[col] >= 0).all(), col
    assert df["dx_demand"].between(1, 5).all()
    assert set(df["ntm_level"]) <= set(p["ntm_levels"])
    assert set(df["prominent_sector"].dropna()) <= set(p["sectors"])
    assert set(df["commune_category"].dropna()) <= set(p["commune_categories"])
    assert not df.duplicated(["province_code", "commune_code"]).any()


class TestGenerateSample:
    def test_deterministic(self, current):
        S.latent_world.cache_clear()  # rebuild the latent features too, not only the survey draws
        pd.testing.assert_frame_equal(S.generate_sample(), current)

    def test_other_seed_differs(self, current):
        other = S.generate_sample(seed=1)
        assert not other["households"].equals(current["households"])

    def test_columns_and_types(self, current):
        assert tuple(current.columns) == S.SURVEY_COLUMNS
        for col in S.INT_COLUMNS:
            assert current[col].dtype == "int64", col
        for col in S.BOOL_COLUMNS:
            assert current[col].dtype == bool, col
        assert current["files_online_share"].dtype == "float64"
        assert (current["files_online_share"] == current["files_online_share"].round(3)).all()
        assert (current["year"] == 2025).all()

    def test_one_row_per_rural_unit(self, current):
        cur = units.current_units()
        rural = cur[cur["unit_type"].isin(["xã", "đặc khu"])]
        assert len(current) == len(rural) == 2621 + 13
        assert set(current["unit_type"]) == {"xã", "đặc khu"}
        assert current["province_code"].nunique() == 34

    def test_real_codes_and_names(self, current):
        cur = units.current_units()
        merged = current.merge(
            cur, on=["province_code", "commune_code"], how="left", suffixes=("", "_ref")
        )
        assert merged["commune_name_ref"].notna().all()
        assert (merged["commune_name"] == merged["commune_name_ref"]).all()
        assert (merged["unit_type"] == merged["unit_type_ref"]).all()

    def test_sorted(self, current):
        keys = list(zip(current["province_code"], current["commune_code"], strict=True))
        assert keys == sorted(keys)

    def test_cross_column_rules(self, current):
        assert_cross_column_rules(current)

    def test_special_zones_are_island_category(self, current):
        assert (
            current.loc[current["unit_type"] == "đặc khu", "commune_category"] == "island"
        ).all()

    def test_pilot_eligibility_spread(self, current):
        per_province = eligible(current).groupby(current["province_code"]).sum()
        with_one = int((per_province >= 1).sum())
        none = set(per_province.index[per_province == 0])
        assert 28 <= with_one <= 32  # most provinces have a candidate …
        assert 1 <= len(none)  # … and some have none,
        assert none & MOUNTAIN_2025  # among them a mountainous one
        share = eligible(current).mean()
        assert 0.02 < share < 0.2  # eligible communes are a minority

    def test_regional_variation(self, current):
        # Mountain provinces less connected than the Red River delta ones (01 Hà Nội, 33 Hưng Yên, 37 Ninh Bình)
        fibre = (
            (current["villages_fiber"] / current["villages"])
            .groupby(current["province_code"])
            .mean()
        )
        assert fibre[sorted(MOUNTAIN_2025)].mean() < fibre[["01", "33", "37"]].mean()

    def test_custom_sector_list_is_respected(self):
        params = default_params()
        params["survey"]["sectors"] = {"trong_trot": "Trồng trọt", "thuy_san": "Thủy sản"}
        df = S.generate_sample(params=params)
        assert set(df["prominent_sector"].dropna()) == {"trong_trot", "thuy_san"}


class TestGenerateLegacySample:
    def test_deterministic(self, legacy):
        S.latent_world.cache_clear()
        pd.testing.assert_frame_equal(S.generate_legacy_sample(), legacy)

    def test_one_row_per_legacy_xa(self, legacy):
        leg = units.legacy_units()
        assert len(legacy) == int((leg["unit_type"] == "xã").sum()) == 7695
        assert set(legacy["unit_type"]) == {"xã"}
        assert legacy["province_code"].nunique() == 63
        assert (legacy["year"] == 2023).all()

    def test_real_legacy_codes(self, legacy):
        leg = units.legacy_units()
        merged = legacy.merge(
            leg, on=["province_code", "commune_code"], how="left", suffixes=("", "_ref")
        )
        assert (merged["commune_name"] == merged["commune_name_ref"]).all()

    def test_cross_column_rules(self, legacy):
        assert_cross_column_rules(legacy)
        assert tuple(legacy.columns) == S.SURVEY_COLUMNS

    def test_lower_than_2025(self, legacy, current):
        share = lambda df: (df["households_internet_smart"] / df["households"]).mean()  # noqa: E731
        assert share(legacy) < share(current)
        assert legacy["files_online_share"].mean() < current["files_online_share"].mean()
        assert (legacy["cooperatives"] > 0).mean() < (current["cooperatives"] > 0).mean()

    def test_households_coherent_with_2025(self, legacy, current):
        # Legacy xã households summed by 2025 province stay below the 2025 totals
        # (2025 units also hold former towns/wards and 2.5% growth) but are of the same order.
        cw = units.legacy_crosswalk()[["legacy_commune_code", "province_code"]]
        old = legacy.merge(
            cw, left_on="commune_code", right_on="legacy_commune_code", suffixes=("_old", "")
        )
        ratio = (
            old.groupby("province_code")["households"].sum()
            / current.groupby("province_code")["households"].sum()
        )
        assert ratio.between(0.3, 1.2).all()


class TestGenerateYear:
    def test_2025_is_the_bundled_sample(self, current):
        assert S.generate_year(2025).equals(current)

    def test_earlier_year_leaves_a_few_units_out_later_keeps_all(self, current):
        y24, y26 = S.generate_year(2024), S.generate_year(2026)
        assert set(y24["commune_code"]) < set(current["commune_code"])
        assert 0.9 * len(current) < len(y24) < len(current)
        assert y26["commune_code"].tolist() == current["commune_code"].tolist()
        assert (y24["year"] == 2024).all() and (y26["year"] == 2026).all()

    def test_readiness_moves_up_on_average(self, current):
        y24, y26 = S.generate_year(2024), S.generate_year(2026)
        files = [df["files_online_share"].mean() for df in (y24, current, y26)]
        assert files[0] < files[1] < files[2]
        assert_cross_column_rules(y26)

    def test_more_years_stacks_2024_and_2026(self):
        both = S.generate_more_years()
        assert sorted(both["year"].unique().tolist()) == [2024, 2026]
        assert tuple(both.columns) == S.SURVEY_COLUMNS
