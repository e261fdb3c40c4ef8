"""The optional columns of the commune groups, the satisfaction survey and the "other" sector."""

from __future__ import annotations

from ntmplan.survey import schema
from tests.survey.schema.rows import survey_rows as clean_rows

NEW = (
    "satisfaction_online",
    "prominent_sector_other",
    "commune_group",
    "agriculture_share",
    "urban_oriented",
    "ethnic_region",
)


def survey_rows(cells: dict | None = None):
    frame = clean_rows()
    for (row, column), value in (cells or {}).items():
        frame.loc[row, column] = value
    return frame


def _errors(problems, column):
    return [p for p in problems if p.severity == "error" and p.column == column]


class TestNewColumns:
    def test_typed_values(self):
        raw = survey_rows(
            {
                (0, "commune_group"): "3",
                (1, "ethnic_region"): "2",
                (2, "urban_oriented"): "có",
                (2, "agriculture_share"): "8%",
            }
        )
        typed, problems = schema.validate_survey(raw)
        assert problems == []
        assert typed["commune_group"].tolist() == [3, None, None]
        assert typed["ethnic_region"].tolist() == [None, 2, None]
        assert typed["urban_oriented"].tolist() == [False, False, True]
        assert typed["agriculture_share"].tolist()[2] == 0.08
        assert typed["satisfaction_online"].tolist() == [True, True, True]

    def test_survey_without_the_new_columns_is_valid_with_warnings(self):
        raw = survey_rows().drop(columns=list(NEW))
        typed, problems = schema.validate_survey(raw)
        assert len(typed) == 3
        assert [p.severity for p in problems] == ["warning"] * len(NEW)
        assert {p.column for p in problems} == set(NEW)
        assert typed["commune_group"].tolist() == [None] * 3

    def test_group_out_of_range(self):
        _, problems = schema.validate_survey(survey_rows({(1, "commune_group"): "4"}))
        errs = _errors(problems, "commune_group")
        assert len(errs) == 1 and errs[0].row == 3
        assert "1 đến 3" in errs[0].rule_vi

    def test_region_out_of_range(self):
        _, problems = schema.validate_survey(survey_rows({(0, "ethnic_region"): "4"}))
        errs = _errors(problems, "ethnic_region")
        assert len(errs) == 1 and "0 đến 3" in errs[0].rule_vi

    def test_region_zero_is_valid(self):
        typed, problems = schema.validate_survey(survey_rows({(0, "ethnic_region"): "0"}))
        assert problems == [] and typed["ethnic_region"].iloc[0] == 0


class TestSectors:
    def test_label_code_and_other_are_read(self):
        raw = survey_rows(
            {
                (0, "prominent_sector"): "Kinh tế",
                (1, "prominent_sector"): "khác",
                (1, "prominent_sector_other"): "Làng nghề gốm",
                (2, "prominent_sector"): "kinh_te",
            }
        )
        typed, problems = schema.validate_survey(raw)
        assert problems == []
        assert typed["prominent_sector"].tolist() == ["kinh_te", "khac", "kinh_te"]
        assert typed["prominent_sector_other"].tolist() == [None, "Làng nghề gốm", None]

    def test_unknown_sector_is_an_error_listing_the_choices(self):
        _, problems = schema.validate_survey(survey_rows({(0, "prominent_sector"): "Công nghệ"}))
        errs = _errors(problems, "prominent_sector")
        assert len(errs) == 1
        assert "kinh_te" in errs[0].rule_vi and "khac" in errs[0].rule_vi
        assert "Kinh tế" in errs[0].rule_vi


class TestOtherSectorText:
    def test_other_without_text_is_a_warning(self):
        typed, problems = schema.validate_survey(survey_rows({(1, "prominent_sector"): "Khác"}))
        assert len(typed) == 3
        warned = [p for p in problems if p.column == "prominent_sector_other"]
        assert [(p.row, p.severity) for p in warned] == [(3, "warning")]
        assert "ghi rõ" in warned[0].rule_vi
