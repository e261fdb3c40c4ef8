"""Tests for ntmplan.tasks.plan.budget_section: section VII from the 03 summary."""

from __future__ import annotations

from ntmplan.tasks import plan
from ntmplan.tasks.plan.budget_section import PHASING_NOTE, budget_section
from tests.tasks.plan.fixtures import s03


class TestBudgetSection:
    def test_says_money_follows_the_timeline(self, params):
        sec = budget_section(plan.reading.normalise({"03_budget": s03()}), params)
        assert sec.available
        assert PHASING_NOTE in sec.paragraphs
        assert "tiến độ" in PHASING_NOTE and "trước khi nhiệm vụ bắt đầu" in PHASING_NOTE
        assert "plan.tasks" in sec.params_used

    def test_by_year_table(self, params):
        sec = budget_section(plan.reading.normalise({"03_budget": s03()}), params)
        by_year = next(t for t in sec.tables if t.attrs["caption"] == "Kinh phí theo năm")
        assert by_year["Năm"].tolist() == ["2024", "2025"]
        assert by_year["Kinh phí (triệu đồng)"].tolist() == [500.0, 500.0]

    def test_missing_03(self, params):
        sec = budget_section(plan.reading.normalise({}), params)
        assert not sec.available and "Chưa có số liệu" in sec.paragraphs[0]
