"""Tests for ntmplan.survey.units.provinces: province tables, the printed list and folder names."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import UnknownProvinceError
from ntmplan.survey import units as U


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

    def test_unknown_code_and_names_raise_the_province_error(self):
        with pytest.raises(UnknownProvinceError):
            U.province_slug("99")
        with pytest.raises(UnknownProvinceError):
            U.province_slug("Cao Bằng")  # a folder name comes from a code only

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
