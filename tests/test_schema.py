"""Tests for ntmplan.survey.schema: the survey's declarative schema, its rules and data dictionary."""

from __future__ import annotations

import copy

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ntmplan.core.params import default_params
from ntmplan.survey import schema

# Three real 2025-scheme units: two rural communes of Hà Nội and a special zone of Quảng Ninh.
UNITS = [
    ("01", "00376", "Xã Sóc Sơn", "xã"),
    ("01", "00382", "Xã Kim Anh", "xã"),
    ("22", "06994", "Đặc khu Vân Đồn", "đặc khu"),
]


def survey_rows(**overrides) -> pd.DataFrame:
    """A clean survey as read from a file: every cell a string, 3 rows (Excel rows 2–4)."""
    rows = []
    for prov, code, name, utype in UNITS:
        rows.append(
            {
                "province_code": prov,
                "commune_code": code,
                "commune_name": name,
                "unit_type": utype,
                "year": "2025",
                "households": "1000",
                "population": "4000",
                "villages": "10",
                "officials": "20",
                "villages_fiber": "8",
                "villages_4g": "10",
                "postal_point": "có",
                "radio_it": "1",
                "households_internet": "600",
                "households_smart_device": "700",
                "households_internet_smart": "550",
                "officials_computer": "20",
                "officials_email": "18",
                "officials_eoffice": "20",
                "files_online_share": "0.65",
                "criterion_8_4": "không",
                "digital_services": "1",
                "community_tech_members": "5",
                "cooperatives": "2",
                "cooperatives_digital": "1",
                "ocop_products": "3",
                "ocop_products_online": "1",
                "households_selling_online": "40",
                "prominent_sector": "trong_trot",
                "digital_providers": "2",
                "dx_demand": "3",
                "ntm_level": "dat_chuan",
                "commune_category": None,
            }
        )
    frame = pd.DataFrame(rows, dtype=object)
    for (row, column), value in overrides.items():
        frame.loc[row, column] = value
    return frame


def broken(column: str, value, row: int = 1) -> pd.DataFrame:
    """The clean survey with one cell changed (position ``row`` → Excel row ``row + 2``)."""
    frame = survey_rows()
    frame.loc[row, column] = value
    return frame


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def warnings_(problems):
    return [p for p in problems if p.severity == "warning"]


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

    def test_households_internet_smart_above_smart_devices(self):
        # internet 600 → 800 (≤ 1000 households), smart devices 700: both 750 ≤ 800 but 750 > 700
        frame = broken("households_internet", "800")
        frame.loc[1, "households_internet_smart"] = "750"
        _, problems = schema.validate_survey(frame)
        assert [(p.row, p.column) for p in errors(problems)] == [(3, "households_internet_smart")]
        assert "«Số hộ có thiết bị thông minh»" in errors(problems)[0].rule_vi

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

    def test_legacy_code_in_current_scheme_says_so(self):
        # 00001 Phường Phúc Xá (Hà Nội) exists only in the legacy scheme
        _, problems = schema.validate_survey(broken("commune_code", "00001"))
        (p,) = errors(problems)
        assert (p.row, p.column) == (3, "commune_code")
        assert "thuộc danh mục cũ" in p.rule_vi and "convert-legacy" in p.rule_vi

    def test_legacy_province_code_in_current_scheme_says_so(self):
        # 02 = Hà Giang (legacy only; merged into Tuyên Quang 08)
        _, problems = schema.validate_survey(broken("province_code", "02"))
        (p,) = errors(problems)
        assert (p.row, p.column, p.value) == (3, "province_code", "02")
        assert "Mã tỉnh này thuộc danh mục cũ" in p.rule_vi

    def test_commune_of_another_province(self):
        # 06994 (Đặc khu Vân Đồn) belongs to province 22, not 01
        frame = broken("commune_code", "06994").iloc[:2]
        frame.loc[1, "commune_name"] = "Đặc khu Vân Đồn"
        frame.loc[1, "unit_type"] = "đặc khu"
        _, problems = schema.validate_survey(frame)
        (p,) = errors(problems)
        assert (p.row, p.column) == (3, "commune_code")
        assert "Xã 06994 thuộc tỉnh 22, không thuộc tỉnh 01" in p.rule_vi

    def test_current_pair_in_legacy_scheme_says_so(self):
        # (08, 00691) is Phường Hà Giang 2 in 2025; in the legacy scheme 00691 belonged to province 02
        frame = survey_rows()
        frame.loc[0, ["province_code", "commune_code", "commune_name", "unit_type"]] = [
            "08",
            "00691",
            "Phường Hà Giang 2",
            "phường",
        ]
        _, problems = schema.validate_survey(frame.iloc[[0]], scheme="legacy")
        msgs = [p.rule_vi for p in errors(problems) if p.column == "commune_code"]
        assert any("khớp danh mục mới" in m for m in msgs)

    def test_mostly_other_scheme_adds_one_file_level_message(self):
        frame = survey_rows()
        frame["commune_code"] = ["00001", "00006", "00007"]  # three legacy-only Hà Nội wards
        frame["province_code"] = "01"
        _, problems = schema.validate_survey(frame)
        file_level = [p for p in problems if p.row is None]
        assert (
            len(file_level) == 1
            and "Phần lớn mã trong tệp thuộc danh mục cũ" in file_level[0].rule_vi
        )

    def test_legacy_scheme_accepts_legacy_units(self):
        frame = survey_rows().iloc[[0]].copy()
        # 00001 Phường Phúc Xá, Hà Nội (legacy)
        frame.loc[0, ["province_code", "commune_code", "commune_name", "unit_type"]] = [
            "01",
            "00001",
            "Phường Phúc Xá",
            "phường",
        ]
        typed, problems = schema.validate_survey(frame, scheme="legacy")
        assert problems == []
        assert typed["commune_code"].tolist() == ["00001"]

    def test_legacy_unit_type_rejected_in_current_scheme_only(self):
        _, problems = schema.validate_survey(broken("unit_type", "thị trấn"), scheme="current")
        assert any(p.column == "unit_type" for p in errors(problems))

    def test_commune_name_differing_from_reference_is_a_warning(self):
        typed, problems = schema.validate_survey(broken("commune_name", "Xã Không Tồn Tại"))
        assert errors(problems) == []
        (w,) = warnings_(problems)
        assert (w.row, w.column) == (3, "commune_name") and "Xã Kim Anh" in w.rule_vi
        assert len(typed) == 3

    def test_name_without_prefix_or_accents_matches(self):
        _, problems = schema.validate_survey(broken("commune_name", "kim anh"))
        assert problems == []

    def test_unit_type_differing_from_reference_is_a_warning(self):
        _, problems = schema.validate_survey(broken("unit_type", "phường"))
        (w,) = warnings_(problems)
        assert (w.row, w.column) == (3, "unit_type")

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


class TestDataDictionary:
    def test_one_row_per_column_then_the_note(self):
        d = schema.data_dictionary()
        assert list(d.columns) == list(schema.DICTIONARY_LABELS)
        assert d["column"].tolist() == [*schema.COLUMNS, schema.NOTE_COLUMN]
        assert (
            "minh họa" in d["label_vi"].iloc[-1] and "illustrative" in d["description_en"].iloc[-1]
        )

    def test_rules_come_from_params(self):
        params = copy.deepcopy(default_params())
        params["survey"]["sectors"]["nuoi_ong"] = "Nuôi ong / beekeeping"
        d = schema.data_dictionary(params).set_index("column")
        assert "nuoi_ong" in d.loc["prominent_sector", "rule"]
        assert "≤ Số thôn/bản/ấp (villages)" in d.loc["villages_fiber", "rule"]
        assert d.loc["year", "rule"].startswith("năm 2020–2035")

    def test_labels_are_unique_and_nfc(self):
        import unicodedata

        labels = list(schema.LABELS.values())
        assert len(set(labels)) == len(labels)
        assert all(unicodedata.is_normalized("NFC", x) for x in labels)


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


class TestAllowedValues:
    def test_unit_types_depend_on_scheme(self):
        assert schema.allowed_values("unit_type") == ["xã", "phường", "đặc khu"]
        assert schema.allowed_values("unit_type", scheme="legacy") == ["xã", "phường", "thị trấn"]

    def test_sector_codes_are_params_keys(self):
        assert schema.allowed_values("prominent_sector")[:2] == ["quy_hoach_xay_dung", "trong_trot"]

    def test_not_an_enum(self):
        with pytest.raises(KeyError):
            schema.allowed_values("households")


class TestBuildSchema:
    def test_rules_cover_every_check(self):
        pa_schema, rules = schema.build_schema()
        assert set(pa_schema.columns) == set(schema.COLUMNS)
        # 12 "≤" relations (fibre, 4G; internet, smart device; both ×2; 3 officials; co-ops; OCOP; selling)
        # + population ≥ households
        assert len(pa_schema.checks) == 13
        assert all(isinstance(v, tuple) and len(v) == 2 for v in rules.values())

    def test_absent_columns_are_left_out(self):
        pa_schema, _ = schema.build_schema(columns=["households", "households_internet"])
        assert set(pa_schema.columns) == {"households", "households_internet"}
        assert len(pa_schema.checks) == 1
