"""Tests for ntmplan.survey.units.lookup: finding provinces and communes by code or name."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError, UnknownProvinceError
from ntmplan.survey import units as U


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

    def test_unknown_raises_one_error_type(self):
        with pytest.raises(UnknownProvinceError):
            U.find_province("Atlantis")
        with pytest.raises(UnknownProvinceError):
            U.find_province("99")
        with pytest.raises(UnknownProvinceError):
            U.find_province("")
        with pytest.raises(UnknownProvinceError):
            U.find_province("nam dinh")  # merged into Ninh Bình in 2025

    def test_unknown_province_error_is_an_input_error_with_a_problem(self):
        with pytest.raises(UnknownProvinceError) as err:
            U.find_province("Atlantis")
        assert isinstance(err.value, InputError)
        assert isinstance(err.value, KeyError) and isinstance(err.value, ValueError)
        (problem,) = err.value.problems
        assert (problem.column, problem.value) == ("province", "Atlantis")
        assert "Không có tỉnh" in str(err.value) and "unknown province 'Atlantis'" in str(err.value)

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
