"""Tests for ntmplan.survey.schema.rules: allowed values of the enumerated columns."""

from __future__ import annotations

import pytest

from ntmplan.survey import schema


class TestAllowedValues:
    def test_unit_types_depend_on_scheme(self):
        assert schema.allowed_values("unit_type") == ["xã", "phường", "đặc khu"]
        assert schema.allowed_values("unit_type", scheme="legacy") == ["xã", "phường", "thị trấn"]

    def test_sector_codes_are_params_keys(self):
        assert schema.allowed_values("prominent_sector")[:3] == [
            "quy_hoach_xay_dung",
            "kinh_te",
            "trong_trot",
        ]
        assert schema.allowed_values("prominent_sector")[-1] == "khac"

    def test_not_an_enum(self):
        with pytest.raises(KeyError):
            schema.allowed_values("households")
