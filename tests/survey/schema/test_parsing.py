"""Tests for ntmplan.survey.schema.parsing: cells that cannot be parsed are explained; accepted spellings."""

from __future__ import annotations

import pytest

from ntmplan.survey import schema
from tests.survey.schema.rows import broken, errors, survey_rows


class TestParsing:
    @pytest.mark.parametrize(
        "value, fragment",
        [
            ("mười", "ô đang chứa chữ"),
            ("2025-03-01", "ngày tháng"),
            ("1/3/2025", "ngày tháng"),
            ("12.5", "không có phần thập phân"),
            ("1.234", "phân cách hàng nghìn"),
            ("99999999999999999", "số quá lớn"),
        ],
    )
    def test_unparseable_counts_are_explained(self, value, fragment):
        _, problems = schema.validate_survey(broken("cooperatives", value))
        errs = errors(problems)
        assert len(errs) == 1
        assert (errs[0].row, errs[0].column, errs[0].value) == (3, "cooperatives", value)
        assert fragment in errs[0].rule_vi

    def test_percentage_instead_of_share_is_explained(self):
        _, problems = schema.validate_survey(broken("files_online_share", "65"))
        (p,) = errors(problems)
        assert (p.row, p.column, p.value) == (3, "files_online_share", "65")
        assert "phần trăm" in p.rule_vi and "percentage" in p.rule_en

    @pytest.mark.parametrize(
        "value, expected", [("65%", 0.65), ("0,65", 0.65), ("1", 1.0), ("0", 0.0), ("7.5 %", 0.075)]
    )
    def test_share_spellings_accepted(self, value, expected):
        typed, problems = schema.validate_survey(broken("files_online_share", value))
        assert problems == []
        assert typed["files_online_share"].iloc[1] == pytest.approx(expected)

    @pytest.mark.parametrize(
        "value, expected",
        [
            ("1", True),
            ("x", True),
            ("TRUE", True),
            ("Có", True),
            ("co", True),
            ("0", False),
            ("Không", False),
            ("false", False),
            ("chưa đạt", False),
        ],
    )
    def test_yes_no_spellings_accepted(self, value, expected):
        typed, problems = schema.validate_survey(broken("criterion_8_4", value))
        assert problems == []
        assert bool(typed["criterion_8_4"].iloc[1]) is expected

    @pytest.mark.parametrize(
        "column, value, expected",
        [
            ("unit_type", "Xã", "xã"),
            ("ntm_level", "Đạt chuẩn NTM", "dat_chuan"),
            ("prominent_sector", "Trồng trọt", "trong_trot"),
            ("prominent_sector", None, None),
            ("commune_category", "ZONE_III", "zone_iii"),
        ],
    )
    def test_enum_codes_and_labels_accepted(self, column, value, expected):
        typed, problems = schema.validate_survey(broken(column, value))
        assert errors(problems) == []
        assert typed[column].iloc[1] == expected

    def test_codes_losing_leading_zeros_are_padded(self):
        frame = survey_rows()
        frame.loc[0, "province_code"] = "1"
        frame.loc[0, "commune_code"] = "376"
        typed, problems = schema.validate_survey(frame)
        assert problems == []
        assert (typed.loc[0, "province_code"], typed.loc[0, "commune_code"]) == ("01", "00376")
