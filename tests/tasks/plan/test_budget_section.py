"""Tests for ntmplan.tasks.plan.budget_section: section VII from the 03 summary."""

from __future__ import annotations

import pytest

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

    def test_source_amounts_are_not_rounded_before_the_total(self, params):
        # Bắc Ninh's plan printed a total of 34.206,4 under a text saying 34.206,5: the source
        # amounts were rounded to 0,1 before the Word table summed them.
        s = s03()
        s["by_source_mvnd"] = {
            "central": 9132.743,
            "commune": 4745.75,
            "provincial": 17016.735,
            "socialised": 3311.247,
        }
        s["total_mvnd"] = s["funded_mvnd"] = 34206.475
        sec = budget_section(plan.reading.normalise({"03_budget": s}), params)
        by_source = next(t for t in sec.tables if t.attrs["caption"] == "Kinh phí theo nguồn vốn")
        # 9132,743 + 4745,75 + 17016,735 + 3311,247 = 34206,475 (rounded parts sum to 34206,4)
        assert by_source["Kinh phí (triệu đồng)"].sum() == pytest.approx(34206.475)
