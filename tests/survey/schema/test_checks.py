"""Tests for ntmplan.survey.schema.checks: the pandera schema and its cross-column rules."""

from __future__ import annotations

from ntmplan.survey import schema
from tests.survey.schema.rows import broken, errors


class TestCrossColumnRules:
    def test_households_internet_smart_above_smart_devices(self):
        # internet 600 → 800 (≤ 1000 households), smart devices 700: both 750 ≤ 800 but 750 > 700
        frame = broken("households_internet", "800")
        frame.loc[1, "households_internet_smart"] = "750"
        _, problems = schema.validate_survey(frame)
        assert [(p.row, p.column) for p in errors(problems)] == [(3, "households_internet_smart")]
        assert "«Số hộ có thiết bị thông minh»" in errors(problems)[0].rule_vi


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
