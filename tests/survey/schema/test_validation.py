"""Tests for ntmplan.survey.schema.validation: validate_survey end to end (one pass, every problem)."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntmplan.core.errors import Problem
from ntmplan.core.params import default_params
from ntmplan.survey import schema
from ntmplan.survey.schema.validation import error_rows, without_error_rows
from tests.survey.schema.rows import broken, errors, survey_rows


class TestValidateSurvey:
    def test_clean_fixture_passes_with_exact_dtypes(self):
        typed, problems = schema.validate_survey(survey_rows())
        assert problems == []
        assert list(typed.columns) == list(schema.COLUMNS)
        assert len(typed) == 3
        assert typed["province_code"].tolist() == ["01", "01", "22"]
        assert typed["households"].dtype == np.int64
        assert typed["postal_point"].dtype == bool and typed["postal_point"].tolist() == [True] * 3
        assert typed["criterion_8_4"].tolist() == [False] * 3
        assert typed["files_online_share"].dtype == np.float64
        assert typed["files_online_share"].iloc[0] == pytest.approx(0.65)
        assert typed["commune_category"].tolist() == [None, None, None]
        assert typed["prominent_sector"].tolist() == ["trong_trot"] * 3
        assert isinstance(typed.index, pd.RangeIndex)

    def test_typed_input_frame_is_accepted(self):
        typed, problems = schema.validate_survey(survey_rows())
        again, problems2 = schema.validate_survey(typed)
        assert problems2 == []
        pd.testing.assert_frame_equal(again, typed)

    # -- one test per rule: the cell at Excel row 3 is broken, exactly one error names it
    @pytest.mark.parametrize(
        "column, value, fragment",
        [
            ("province_code", "A1", "2 chữ số"),
            ("province_code", "99", "Mã tỉnh không có trong danh mục mới"),
            ("commune_code", "99999", "Mã xã không có trong danh mục mới"),
            ("commune_code", "1234567", "5 chữ số"),
            ("commune_name", None, "Thiếu giá trị «Tên xã»"),
            ("unit_type", "thị trấn", "Loại đơn vị» phải là một trong: xã, phường, đặc khu"),
            ("year", "2019", "2020–2035"),
            ("year", "2036", "2020–2035"),
            ("households", "0", "«Số hộ» phải ≥ 1"),
            ("population", "999", "«Số nhân khẩu» không được nhỏ hơn «Số hộ»"),
            ("villages", "0", "«Số thôn/bản/ấp» phải ≥ 1"),
            ("officials", "0", "phải ≥ 1"),
            ("villages_fiber", "11", "«Số thôn có cáp quang» không được lớn hơn «Số thôn/bản/ấp»"),
            ("villages_4g", "11", "không được lớn hơn «Số thôn/bản/ấp»"),
            ("postal_point", "có lẽ", "phải là có/không"),
            ("radio_it", None, "Thiếu giá trị"),
            ("households_internet", "1001", "không được lớn hơn «Số hộ»"),
            ("households_smart_device", "1001", "không được lớn hơn «Số hộ»"),
            ("households_internet_smart", "601", "không được lớn hơn «Số hộ có kết nối Internet»"),
            ("officials_computer", "21", "không được lớn hơn «Số cán bộ công chức xã»"),
            ("officials_email", "21", "không được lớn hơn «Số cán bộ công chức xã»"),
            ("officials_eoffice", "21", "không được lớn hơn «Số cán bộ công chức xã»"),
            ("files_online_share", "-0.1", "phải trong khoảng 0–1"),
            ("files_online_share", "150", "phải trong khoảng 0–1"),
            ("criterion_8_4", "maybe", "phải là có/không"),
            ("digital_services", "-1", "không được âm"),
            ("community_tech_members", "-2", "không được âm"),
            ("cooperatives", "-1", "không được âm"),
            ("cooperatives_digital", "3", "không được lớn hơn «Số hợp tác xã»"),
            ("ocop_products", "-1", "không được âm"),
            ("ocop_products_online", "4", "không được lớn hơn «Số sản phẩm OCOP»"),
            ("households_selling_online", "1001", "không được lớn hơn «Số hộ»"),
            ("prominent_sector", "khai_khoang", "phải là một trong: quy_hoach_xay_dung"),
            ("digital_providers", "-1", "không được âm"),
            ("dx_demand", "6", "phải từ 1 đến 5"),
            ("dx_demand", "0", "phải từ 1 đến 5"),
            ("ntm_level", "dat", "phải là một trong: chua_dat, dat_chuan, nang_cao, kieu_mau"),
            ("commune_category", "zone_iv", "phải là một trong: zone_iii"),
        ],
    )
    def test_each_rule_is_reported_once_with_row_and_column(self, column, value, fragment):
        typed, problems = schema.validate_survey(broken(column, value))
        errs = errors(problems)
        assert len(errs) == 1, errs
        p = errs[0]
        assert (p.row, p.column, p.value) == (3, column, value)  # position 1 → Excel row 3
        assert fragment in p.rule_vi
        assert p.rule_en
        assert len(typed) == 2  # the broken row is dropped, the others kept

    def test_duplicate_commune_and_year_reports_every_copy(self):
        frame = survey_rows()
        frame.loc[2, ["province_code", "commune_code", "commune_name", "unit_type"]] = [
            "01",
            "00376",
            "Xã Sóc Sơn",
            "xã",
        ]
        _, problems = schema.validate_survey(frame)
        errs = errors(problems)
        assert [(p.row, p.column) for p in errs] == [(2, "commune_code"), (4, "commune_code")]
        assert "các dòng 2, 4" in errs[0].rule_vi

    def test_same_commune_in_two_years_is_fine(self):
        frame = survey_rows()
        frame.loc[2, ["province_code", "commune_code", "commune_name", "unit_type", "year"]] = [
            "01",
            "00376",
            "Xã Sóc Sơn",
            "xã",
            "2024",
        ]
        _, problems = schema.validate_survey(frame)
        assert problems == []

    def test_missing_required_column(self):
        typed, problems = schema.validate_survey(survey_rows().drop(columns=["households"]))
        (p,) = problems
        assert (p.row, p.column, p.severity) == (1, "households", "error")
        assert "Thiếu cột bắt buộc «Số hộ»" in p.rule_vi
        assert len(typed) == 0 and list(typed.columns) == list(schema.COLUMNS)

    def test_missing_optional_column_is_a_warning(self):
        typed, problems = schema.validate_survey(survey_rows().drop(columns=["commune_category"]))
        (p,) = problems
        assert (p.row, p.column, p.severity) == (1, "commune_category", "warning")
        assert typed["commune_category"].tolist() == [None] * 3

    def test_unknown_extra_column_is_a_warning(self):
        frame = survey_rows()
        frame["ghi_chu"] = "x"
        typed, problems = schema.validate_survey(frame)
        (p,) = problems
        assert (p.row, p.column, p.severity) == (1, "ghi_chu", "warning")
        assert list(typed.columns) == list(schema.COLUMNS) and len(typed) == 3

    def test_header_only(self):
        typed, problems = schema.validate_survey(survey_rows().iloc[0:0])
        (p,) = problems
        assert p.row is None and "không có dòng dữ liệu" in p.rule_vi
        assert len(typed) == 0

    def test_vietnamese_headers_are_mapped(self):
        frame = survey_rows().rename(columns=schema.LABELS)
        typed, problems = schema.validate_survey(frame)
        assert problems == [] and len(typed) == 3

    def test_all_problems_in_one_pass_with_correct_rows(self):
        frame = survey_rows()
        frame.loc[0, "households"] = "abc"  # row 2
        frame.loc[1, "files_online_share"] = "65"  # row 3
        frame.loc[1, "villages_4g"] = "12"  # row 3
        frame.loc[2, "ntm_level"] = "?"  # row 4
        frame["extra"] = None
        _, problems = schema.validate_survey(frame, file="f.csv")
        found = {(p.row, p.column, p.severity) for p in problems}
        assert found == {
            (1, "extra", "warning"),
            (2, "households", "error"),
            (3, "files_online_share", "error"),
            (3, "villages_4g", "error"),
            (4, "ntm_level", "error"),
        }
        assert all(p.file == "f.csv" for p in problems)
        assert [p.row for p in problems] == sorted(p.row for p in problems)

    def test_row_numbers_come_from_excel_row_index(self):
        frame = survey_rows()
        frame.index = pd.Index([5, 6, 9], name="excel_row")  # e.g. title rows above the header
        frame.loc[9, "dx_demand"] = "9"
        _, problems = schema.validate_survey(frame)
        assert [(p.row, p.column) for p in problems] == [(9, "dx_demand")]

    def test_read_problems_in_attrs_are_included(self):
        from ntmplan.core.errors import Problem

        frame = survey_rows()
        note = Problem("f.csv", None, None, "UTF-16", "ghi chú", "note", "warning")
        frame.attrs["problems"] = [note]
        _, problems = schema.validate_survey(frame)
        assert problems == [note]

    def test_params_drive_the_ranges(self):
        params = copy.deepcopy(default_params())
        params["survey"]["max_year"] = 2024
        _, problems = schema.validate_survey(survey_rows(), params=params)
        assert {(p.row, p.column) for p in problems} == {(2, "year"), (3, "year"), (4, "year")}
        assert "2020–2024" in problems[0].rule_vi

    def test_unknown_scheme_raises(self):
        with pytest.raises(ValueError, match="unknown scheme"):
            schema.validate_survey(survey_rows(), scheme="old")


@st.composite
def _messy_frames(draw):
    frame = survey_rows()
    for _ in range(draw(st.integers(1, 6))):
        row = draw(st.integers(0, 2))
        col = draw(st.sampled_from(list(schema.COLUMNS)))
        frame.loc[row, col] = draw(
            st.one_of(
                st.none(),
                st.text(max_size=12),
                st.sampled_from(["1e400", "nan", "inf", "-", "%", "1,2,3", "0x10", " ", "\x00"]),
            )
        )
    return frame


class TestValidateNeverRaises:
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(_messy_frames())
    def test_arbitrary_strings_are_reported_not_raised(self, frame):
        typed, problems = schema.validate_survey(frame)
        assert list(typed.columns) == list(schema.COLUMNS)
        bad_rows = {p.row for p in problems if p.severity == "error" and p.row is not None}
        assert len(typed) == 3 - len(bad_rows)


def _problem(row, severity="error"):
    return Problem("f.csv", row, "households", "x", "vi", "en", severity)


class TestErrorRows:
    def test_errors_on_data_rows_only(self):
        problems = [_problem(3), _problem(1), _problem(None), _problem(4, "warning"), _problem(5)]
        assert error_rows(problems, header_row=1) == [3, 5]


class TestWithoutErrorRows:
    def test_drops_error_rows_casts_and_orders_columns(self):
        frame = pd.DataFrame(
            {
                "note": [pd.NA, "a", "b"],
                "n": pd.array([1, 2, 3], dtype="Int64"),
                "extra": [0, 0, 0],
            },
            index=[2, 3, 4],
        )
        out = without_error_rows(
            frame, [_problem(3), _problem(4, "warning")], 1, {"n": "int64", "note": object}
        )
        assert list(out.columns) == ["n", "note"]
        assert out.index.tolist() == [0, 1]
        assert out["n"].dtype == np.int64 and out["n"].tolist() == [1, 3]
        assert out["note"].tolist() == [None, "b"]
        assert frame.index.tolist() == [2, 3, 4]
