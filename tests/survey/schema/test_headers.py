"""Tests for ntmplan.survey.schema.headers: header cells → survey columns."""

from __future__ import annotations

import pytest

from ntmplan.survey import schema


class TestColumnForHeader:
    @pytest.mark.parametrize(
        "header, expected",
        [
            ("households", "households"),
            ("Số hộ", "households"),
            ("SỐ HỘ", "households"),
            ("so ho", "households"),
            (" Mã tỉnh ", "province_code"),
            ("Households_Internet", "households_internet"),
            ("Số hộ / households", "households"),
            ("ghi chú", None),
            (None, None),
        ],
    )
    def test_lookup(self, header, expected):
        assert schema.column_for_header(header) == expected

    def test_no_two_columns_share_a_folded_header(self):
        keys = {}
        for f in schema.FIELDS:
            for alias in (f.name, f.label_vi):
                key = schema.fold(alias)
                assert keys.setdefault(key, f.name) == f.name
