"""Tests for ntmplan.survey.legacy.rules: the rule texts follow the params."""

from __future__ import annotations

from ntmplan.survey.legacy.rules import conversion_rules


class TestConversionRules:
    def test_rules_text_follows_params(self):
        rules = {r["rule"]: r for r in conversion_rules(None, "area")}
        assert "mọi xã cũ" in rules["bool_rule"]["rule_vi"]
        assert "officials" in rules["shares"]["rule_en"]
        assert "area" in rules["split_weights"]["rule_en"]
