"""Tests for ntmplan.tasks.plan.purpose: the plan's title."""

from __future__ import annotations

from ntmplan.tasks import plan


class TestPlanTitle:
    def test_title(self, params):
        assert plan.plan_title("Tỉnh Cao Bằng", params).startswith(
            "Kế hoạch chuyển đổi số trong xây dựng nông thôn mới"
        )
        assert plan.plan_title("Tỉnh Cao Bằng", params).endswith("trên địa bàn Tỉnh Cao Bằng")
