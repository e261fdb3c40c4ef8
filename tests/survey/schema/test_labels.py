"""Tests for ntmplan.survey.schema: Vietnamese labels (as the template's dropdowns offer them) read as codes."""

from __future__ import annotations

import pytest

from ntmplan.survey import schema, template
from tests.survey.schema.rows import broken, errors

# (column, what a planner chooses in the dropdown or types, the code it stands for)
LABELLED = [
    ("ntm_level", "Đạt chuẩn NTM", "dat_chuan"),
    ("ntm_level", "NTM nâng cao", "nang_cao"),
    ("ntm_level", "chưa đạt chuẩn ntm", "chua_dat"),  # typed, other case
    ("ntm_level", "Đạt chuẩn NTM / NTM standard", "dat_chuan"),  # the bilingual label
    ("commune_category", "Xã khu vực II", "zone_ii"),
    ("commune_category", "Xã đảo, đặc khu", "island"),
    ("commune_category", "Khác", "other"),
    ("prominent_sector", "Trồng trọt", "trong_trot"),
    ("prominent_sector", "Thương mại điện tử", "thuong_mai_dien_tu"),
    ("prominent_sector", "Du lich nong thon", "du_lich_nong_thon"),  # typed without accents
    ("unit_type", "Xã", "xã"),
    ("unit_type", "Đặc khu", "đặc khu"),
]

# codes typed by hand are still accepted
CODES = [
    ("ntm_level", "dat_chuan"),
    ("ntm_level", "kieu_mau"),
    ("commune_category", "zone_ii"),
    ("prominent_sector", "trong_trot"),
    ("unit_type", "xã"),
]


class TestLabelInput:
    @pytest.mark.parametrize("column, value, code", LABELLED)
    def test_label_is_read_as_its_code(self, column, value, code):
        typed, problems = schema.validate_survey(broken(column, value, row=0))
        assert errors(problems) == []
        assert typed[column].iloc[0] == code

    @pytest.mark.parametrize("column, code", CODES)
    def test_code_still_accepted(self, column, code):
        typed, problems = schema.validate_survey(broken(column, code, row=0))
        assert errors(problems) == []
        assert typed[column].iloc[0] == code

    @pytest.mark.parametrize("value, expected", [("Có", True), ("Không", False)])
    def test_yes_no_labels_of_the_dropdown(self, value, expected):
        typed, problems = schema.validate_survey(broken("postal_point", value, row=0))
        assert errors(problems) == []
        assert bool(typed["postal_point"].iloc[0]) is expected

    def test_every_dropdown_label_is_accepted(self):
        lists = template.dropdown_lists()
        for _, row in lists[lists["list"] != "yes_no"].iterrows():
            if row["list"] == "unit_type" and row["code"] == "phường":
                continue  # a ward is a valid value but the row is then out of scope: checked elsewhere
            typed, problems = schema.validate_survey(broken(row["list"], row["label"], row=0))
            assert errors(problems) == [], (row["list"], row["label"])
            assert typed[row["list"]].iloc[0] == row["code"]

    def test_unknown_label_is_an_error_naming_the_column(self):
        _, problems = schema.validate_survey(broken("ntm_level", "Đạt chuẩn NTM xuất sắc", row=0))
        (p,) = errors(problems)
        assert (p.row, p.column, p.value) == (2, "ntm_level", "Đạt chuẩn NTM xuất sắc")

    def test_former_form_header_still_read(self):
        assert schema.column_for_header("Lĩnh vực nổi trội (mã)") == "prominent_sector"
        assert schema.column_for_header("Lĩnh vực nổi trội") == "prominent_sector"


class TestLabelTexts:
    def test_vietnamese_labels_in_code_order(self):
        assert schema.vietnamese_labels("ntm_level") == [
            "Chưa đạt chuẩn NTM",
            "Đạt chuẩn NTM",
            "NTM nâng cao",
            "NTM kiểu mẫu",
        ]
        assert schema.vietnamese_labels("unit_type") == ["Xã", "Phường", "Đặc khu"]
        assert schema.vietnamese_labels("unit_type", scheme="legacy")[-1] == "Thị trấn"

    def test_error_names_codes_and_labels(self):
        _, problems = schema.validate_survey(broken("ntm_level", "dat", row=0))
        (p,) = errors(problems)
        assert "chua_dat, dat_chuan, nang_cao, kieu_mau" in p.rule_vi
        assert "hoặc nhãn: Chưa đạt chuẩn NTM, Đạt chuẩn NTM" in p.rule_vi

    def test_rule_texts_use_decimal_comma_in_vietnamese(self):
        share = schema.FIELD_BY_NAME["files_online_share"]
        vi, en = schema.rule_text(share)
        assert "0,65" in vi and "0.65" not in vi and "0.65" in en
        _, problems = schema.validate_survey(broken("files_online_share", "65", row=0))
        (p,) = errors(problems)
        assert "0,65" in p.rule_vi
