"""Tests for ntmplan.survey.units.tables: the unit tables of both schemes.

Expected numbers come from DOMAIN.md ("Administrative structure") and were checked
against the tables of the installed vietnamadminunits package by hand (SQL
``GROUP BY wardType``): current 2,621 xã + 687 phường + 13 đặc khu = 3,321;
legacy 7,695 xã + 1,724 phường + 616 thị trấn + 5 island districts = 10,040.
"""

from __future__ import annotations

import re

from ntmplan.survey import units as U


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
