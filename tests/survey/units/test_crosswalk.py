"""Tests for ntmplan.survey.units.crosswalk: the legacy → 2025 correspondence."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.survey import units as U
from ntmplan.survey.units import crosswalk, package_data


class TestLegacyCrosswalk:
    def test_one_row_per_legacy_unit(self, cw):
        assert len(cw) == 10040
        assert cw["legacy_commune_code"].dropna().is_unique

    def test_columns_and_types(self, cw):
        for col in [
            "legacy_province_code",
            "legacy_commune_code",
            "legacy_commune_name",
            "province_code",
            "commune_code",
            "commune_name",
            "is_split",
            "is_default_target",
            "n_targets",
            "match_note",
        ]:
            assert col in cw.columns
        assert cw["is_split"].dtype == bool and cw["is_default_target"].dtype == bool
        assert cw["n_targets"].dtype == "int64"

    def test_every_unit_matched_to_a_real_2025_unit(self, cw, cur):
        assert cw["commune_code"].notna().all()
        pairs = set(zip(cur["province_code"], cur["commune_code"], strict=True))
        assert set(zip(cw["province_code"], cw["commune_code"], strict=True)) <= pairs

    @pytest.mark.parametrize(
        ("legacy_prov", "name", "new_prov"),
        [
            ("36", "Giao Phong", "37"),  # Nam Định → Ninh Bình
            ("82", "Tân Mỹ Chánh", "82"),  # Tiền Giang → Đồng Tháp (code 82 in 2025)
            ("24", "Phúc Hòa", "24"),  # Bắc Giang → Bắc Ninh (code 24 in 2025)
            ("54", "Hòa Đồng", "66"),  # Phú Yên → Đắk Lắk
        ],
    )
    def test_domain_examples(self, cw, legacy_prov, name, new_prov):
        old = U.find_commune(name, legacy_prov, scheme="legacy")
        row = cw[cw["legacy_commune_code"] == old["commune_code"]].iloc[0]
        assert row["province_code"] == new_prov
        assert row["legacy_province_code"] == legacy_prov

    def test_new_province_names_of_domain_examples(self, cw):
        names = dict(zip(cw["province_code"], cw["province_name"], strict=True))
        assert names["37"] == "Tỉnh Ninh Bình" and names["66"] == "Tỉnh Đắk Lắk"
        assert names["82"] == "Tỉnh Đồng Tháp" and names["24"] == "Tỉnh Bắc Ninh"

    def test_split_units(self, cw):
        split = cw[cw["is_split"]]
        assert len(split) == 471  # package data: 471 legacy units divided
        assert (split["n_targets"] >= 2).all()
        assert split["is_default_target"].all()
        assert split["match_note"].str.contains("split among").all()

    def test_plain_units(self, cw):
        plain = cw[~cw["is_split"]]
        assert (plain["n_targets"] == 1).all() and plain["is_default_target"].all()

    def test_island_districts_go_to_special_zones(self, cw):
        islands = cw[cw["legacy_commune_code"].isna()]
        assert len(islands) == 5
        assert (islands["unit_type"] == "đặc khu").all()
        assert islands["match_note"].str.contains("island district").all()

    def test_legacy_provinces_merge_into_34(self, cw):
        assert cw["legacy_province_code"].nunique() == 63 and cw["province_code"].nunique() == 34


class TestLegacySplitTargets:
    def test_every_split_unit_has_exactly_one_default(self, st):
        defaults = st.groupby("legacy_commune_code")["is_default"].sum()
        assert len(defaults) == 471 and (defaults == 1).all()

    def test_default_matches_crosswalk(self, st, cw):
        chosen = st[st["is_default"]].set_index("legacy_commune_code")["commune_code"]
        in_cw = cw[cw["is_split"]].set_index("legacy_commune_code")["commune_code"]
        pd.testing.assert_series_equal(chosen.sort_index(), in_cw.sort_index(), check_names=False)

    def test_area_shares_sum_to_one(self, st):
        sums = st.groupby("legacy_commune_code")["area_share"].sum()
        assert ((sums - 1.0).abs() < 1e-9).all()

    def test_row_count_matches_n_targets(self, st, cw):
        assert len(st) == int(cw.loc[cw["is_split"], "n_targets"].sum())


class TestUnmatchedLegacyUnit:
    """Error path: a legacy unit missing from the package's conversion table."""

    @pytest.fixture
    def without_giao_phong(self, monkeypatch):
        import copy

        conv = copy.deepcopy(package_data.converter())
        wards = conv["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhninhbinh"]
        wards["xagiaoninh"] = [k for k in wards["xagiaoninh"] if not k.endswith("_xagiaophong")]
        monkeypatch.setattr(package_data, "converter", lambda: conv)
        crosswalk.clear_caches()
        yield U.legacy_crosswalk()
        crosswalk.clear_caches()

    def test_kept_with_missing_target_and_note(self, without_giao_phong):
        cw = without_giao_phong
        assert len(cw) == 10040
        row = cw[cw["legacy_commune_code"] == "14212"].iloc[0]
        assert pd.isna(row["commune_code"]) and pd.isna(row["commune_name"])
        assert row["province_code"] == "37"  # the province is still known (Nam Định → Ninh Bình)
        assert not row["is_default_target"] and row["n_targets"] == 0
        assert "not in the package's conversion table" in row["match_note"]
        assert cw["commune_code"].isna().sum() == 1


class TestRowOrder:
    def test_crosswalk_rows_follow_legacy_units(self, cw, leg):
        # legacy_crosswalk documents the same row order as legacy_units (the sample relies on it)
        assert cw["legacy_commune_name"].tolist() == leg["commune_name"].tolist()
        assert cw["legacy_district_code"].tolist() == leg["district_code"].tolist()
