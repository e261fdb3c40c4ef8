"""Tests for ntmplan.survey.units: both schemes, look-ups, slugs and the legacy → 2025 crosswalk.

Expected numbers come from DOMAIN.md ("Administrative structure") and were checked
against the tables of the installed vietnamadminunits package by hand (SQL
``GROUP BY wardType``): current 2,621 xã + 687 phường + 13 đặc khu = 3,321;
legacy 7,695 xã + 1,724 phường + 616 thị trấn + 5 island districts = 10,040.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from ntmplan.survey import units as U


@pytest.fixture(scope="module")
def cur():
    return U.current_units()


@pytest.fixture(scope="module")
def leg():
    return U.legacy_units()


@pytest.fixture(scope="module")
def cw():
    return U.legacy_crosswalk()


@pytest.fixture(scope="module")
def st():
    return U.legacy_split_targets()


class TestFold:
    def test_accents_case_and_d_are_folded(self):
        # "Đắk Lắk" → d-a-k l-a-k without marks, lower case
        assert U.fold("Đắk Lắk") == "dak lak"

    def test_punctuation_becomes_single_spaces(self):
        assert U.fold("  Bà Rịa -  Vũng Tàu ") == "ba ria vung tau"

    def test_old_and_new_tone_placement_fold_equal(self):
        # "Hòa" (new placement) and "Hoà" (old placement) are the same name
        assert U.fold("Hòa Đồng") == U.fold("Hoà Đồng") == "hoa dong"


class TestSlugify:
    def test_hyphenated_ascii(self):
        assert U.slugify("Hồ Chí Minh") == "ho-chi-minh"


class TestPackageDataDir:
    def test_holds_the_package_files(self):
        folder = U.package_data_dir()
        assert (folder / "dataset.db").is_file()
        assert (folder / "converter_2025.json").is_file()


class TestCurrentUnits:
    def test_counts(self, cur):
        assert len(cur) == 3321
        assert cur["province_code"].nunique() == 34
        assert cur["unit_type"].value_counts().to_dict() == {
            "xã": 2621,
            "phường": 687,
            "đặc khu": 13,
        }

    def test_columns(self, cur):
        for col in [
            "province_code",
            "province_name",
            "commune_code",
            "commune_name",
            "unit_type",
            "lat",
            "lon",
            "area_km2",
        ]:
            assert col in cur.columns

    def test_codes_are_zero_padded_strings_and_unique(self, cur):
        assert cur["province_code"].map(lambda c: bool(re.fullmatch(r"\d{2}", c))).all()
        assert cur["commune_code"].map(lambda c: bool(re.fullmatch(r"\d{5}", c))).all()
        assert cur["commune_code"].is_unique

    def test_known_unit(self, cur):
        row = cur[cur["commune_code"] == "00004"].iloc[0]
        assert row["province_code"] == "01" and row["commune_name"] == "Phường Ba Đình"
        assert row["unit_type"] == "phường"

    def test_coordinates_inside_vietnam(self, cur):
        assert cur["lat"].between(6.0, 24.0).all() and cur["lon"].between(102.0, 118.0).all()

    def test_names_are_nfc(self, cur):
        import unicodedata

        assert (
            cur["commune_name"]
            == cur["commune_name"].map(lambda s: unicodedata.normalize("NFC", s))
        ).all()

    def test_returned_frame_is_a_copy(self):
        first = U.current_units()
        first.loc[0, "commune_name"] = "changed"
        assert U.current_units().loc[0, "commune_name"] != "changed"


class TestLegacyUnits:
    def test_counts(self, leg):
        assert len(leg) == 10040
        assert leg["province_code"].nunique() == 63
        assert leg["district_code"].nunique() == 696
        assert leg["unit_type"].value_counts().to_dict() == {
            "xã": 7695,
            "phường": 1724,
            "thị trấn": 616,
        }

    def test_island_districts_have_no_commune_code(self, leg):
        islands = leg[leg["commune_code"].isna()]
        assert sorted(islands["commune_short"]) == [
            "Bạch Long Vĩ",
            "Côn Đảo",
            "Cồn Cỏ",
            "Hoàng Sa",
            "Lý Sơn",
        ]
        assert islands["unit_type"].isna().all()

    def test_codes_zero_padded(self, leg):
        codes = leg["commune_code"].dropna()
        assert codes.map(lambda c: bool(re.fullmatch(r"\d{5}", c))).all() and codes.is_unique
        assert leg["district_code"].map(lambda c: bool(re.fullmatch(r"\d{3}", c))).all()


class TestProvinces:
    def test_current(self):
        table = U.provinces()
        assert len(table) == 34
        row = table[table["province_code"] == "01"].iloc[0]
        # Hà Nội: 126 units = 75 xã + 51 phường (package data)
        assert (
            row["province_name"],
            row["slug"],
            row["n_units"],
            row["n_xa"],
            row["n_phuong"],
        ) == (
            "Thành phố Hà Nội",
            "ha-noi",
            126,
            75,
            51,
        )
        assert table["n_dac_khu"].sum() == 13

    def test_legacy(self):
        table = U.provinces("legacy")
        assert len(table) == 63
        assert table["n_thi_tran"].sum() == 616
        assert "n_dac_khu" not in table.columns

    def test_unknown_scheme(self):
        with pytest.raises(ValueError, match="scheme"):
            U.provinces("old")


class TestProvincesTableText:
    def test_lists_every_province_with_totals(self):
        text = U.provinces_table_text()
        assert "01-ha-noi" in text and "96-ca-mau" in text
        assert text.splitlines()[-1].startswith("34 tỉnh")
        assert "3.321" in text.splitlines()[-1]  # Vietnamese thousands separator


class TestProvinceSlug:
    def test_no_prefix_ascii(self):
        assert U.province_slug("01") == "ha-noi"
        assert U.province_slug("79") == "ho-chi-minh"
        assert U.province_slug(66) == "dak-lak"

    def test_legacy_scheme(self):
        assert U.province_slug("77", scheme="legacy") == "ba-ria-vung-tau"

    def test_unknown_code(self):
        with pytest.raises(ValueError, match="unknown province code"):
            U.province_slug("99")

    def test_code_only_in_legacy_scheme(self):
        with pytest.raises(ValueError):
            U.province_slug("36")  # Nam Định exists only in the legacy scheme


class TestProvinceDirName:
    def test_code_and_slug(self):
        assert U.province_dir_name("01") == "01-ha-noi"
        assert U.province_dir_name(4) == "04-cao-bang"

    def test_unknown_code(self):
        with pytest.raises(ValueError):
            U.province_dir_name("00")


class TestFindProvince:
    @pytest.mark.parametrize(
        "text", ["01", "1", 1, "Hà Nội", "ha noi", "Thành phố Hà Nội", "TP Hà Nội", "HA NOI"]
    )
    def test_code_or_name(self, text):
        assert U.find_province(text)["province_code"] == "01"

    def test_package_keyword(self):
        assert U.find_province("hcm")["province_code"] == "79"

    def test_tinh_prefix_and_no_accents(self):
        assert U.find_province("tinh dak lak")["province_code"] == "66"

    def test_returns_plain_python_values(self):
        row = U.find_province("01")
        assert isinstance(row["n_units"], int)

    def test_unknown_returns_none(self):
        assert U.find_province("Atlantis") is None
        assert U.find_province("99") is None
        assert U.find_province("") is None
        assert U.find_province("nam dinh") is None  # merged into Ninh Bình in 2025

    def test_legacy_scheme(self):
        assert U.find_province("Nam Định", scheme="legacy")["province_code"] == "36"

    def test_unknown_scheme(self):
        with pytest.raises(ValueError):
            U.find_province("01", scheme="new")


class TestFindCommune:
    def test_by_code_padded(self):
        assert U.find_commune("4", "01")["commune_name"] == "Phường Ba Đình"

    def test_code_in_other_province_is_none(self):
        assert U.find_commune("00004", "79") is None

    @pytest.mark.parametrize("text", ["Xã Giao Minh", "giao minh", "XA GIAO MINH"])
    def test_by_name_accent_and_prefix_insensitive(self, text):
        assert U.find_commune(text, "37")["commune_code"] == "14161"

    def test_province_given_by_name(self):
        assert U.find_commune("Phú Quốc", "an giang")["unit_type"] == "đặc khu"

    def test_ambiguous_name_lists_candidates(self):
        # Legacy Tiền Giang had three "Phường 1" (Mỹ Tho 28261, Gò Công 28300, Cai Lậy 28435)
        with pytest.raises(ValueError) as err:
            U.find_commune("Phường 1", "82", scheme="legacy")
        message = str(err.value)
        assert "28261" in message and "28300" in message and "28435" in message

    def test_ambiguous_across_country(self):
        # Legacy "Xã Phúc Hòa": Phúc Thọ (Hà Nội, 09763) and Tân Yên (Bắc Giang, 07324)
        with pytest.raises(ValueError, match="07324"):
            U.find_commune("Phúc Hòa", None, scheme="legacy")

    def test_district_narrows_legacy_search(self):
        assert U.find_commune("Phường 1, Gò Công", "82", scheme="legacy")["commune_code"] == "28300"

    def test_unknown(self):
        assert U.find_commune("Không Có", "01") is None
        assert U.find_commune("Ba Đình", "Atlantis") is None


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

        conv = copy.deepcopy(U._converter())
        wards = conv["DICT_PROVINCE_WARD_NO_DIVIDED"]["tinhninhbinh"]
        wards["xagiaoninh"] = [k for k in wards["xagiaoninh"] if not k.endswith("_xagiaophong")]
        monkeypatch.setattr(U, "_converter", lambda: conv)
        U._mapping.cache_clear()
        U._crosswalk.cache_clear()
        yield U.legacy_crosswalk()
        U._mapping.cache_clear()
        U._crosswalk.cache_clear()

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
