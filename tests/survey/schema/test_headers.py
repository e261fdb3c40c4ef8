"""Tests for ntmplan.survey.schema.headers: header cells → survey columns."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.survey import schema
from ntmplan.survey.schema.headers import field_aliases, rename_headers


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


class TestFieldAliases:
    def test_name_label_and_both_combined_forms(self):
        assert field_aliases(schema.FIELD_BY_NAME["households"]) == (
            "households",
            "Số hộ",
            "Số hộ / households",
            "Số hộ (households)",
        )


class TestRenameHeaders:
    def test_labels_become_names_and_a_second_header_is_left(self):
        raw = pd.DataFrame(columns=["Số hộ", "so ho", "ghi chú", 3])
        out = rename_headers(raw, schema.FIELD_BY_NAME, schema.column_for_header)
        assert list(out.columns) == ["households", "so ho", "ghi chú", 3]
        assert list(raw.columns) == ["Số hộ", "so ho", "ghi chú", 3]

    def test_a_column_already_named_wins_over_a_label(self):
        raw = pd.DataFrame(columns=["Số hộ", "households"])
        out = rename_headers(raw, schema.FIELD_BY_NAME, schema.column_for_header)
        assert list(out.columns) == ["Số hộ", "households"]
