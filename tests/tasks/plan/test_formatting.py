"""Tests for ntmplan.tasks.plan.formatting: the plan's numbers and shares."""

from __future__ import annotations

from ntmplan.tasks import plan


class TestFormatting:
    def test_numbers(self):
        assert plan.fmt_number(1234.5) == "1.234,5"
        assert plan.fmt_number(1234567) == "1.234.567"
        assert plan.fmt_number(None) == "chưa có số liệu"
        assert plan.fmt_number(float("nan")) == "chưa có số liệu"
        assert plan.fmt_percent(0.625) == "62,5%"
        assert plan.fmt_percent(None) == "chưa có số liệu"
