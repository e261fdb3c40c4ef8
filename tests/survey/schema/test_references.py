"""Tests for ntmplan.survey.schema.references: codes and names against the administrative units."""

from __future__ import annotations

from ntmplan.survey import schema
from tests.survey.schema.rows import broken, errors, survey_rows, warnings_


class TestReferences:
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
