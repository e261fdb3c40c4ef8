"""Tests for ntmplan.tasks.plan.agencies: lead and cooperating agencies per task."""

from __future__ import annotations

import copy

import pytest

from ntmplan.core.params import load_params
from ntmplan.tasks import plan


class TestResponsibilities:
    def test_default_profile_names_the_2025_bodies(self, params):
        got = plan.responsibilities(params)
        assert list(got["task"]) == list(plan.TASKS)
        assert got.loc[0, "lead"].startswith("Sở Nông nghiệp và Môi trường")
        text = " ".join(got.astype(str).to_numpy().ravel())
        assert "huyện" not in text and "Thông tin và Truyền thông" not in text
        assert "Ủy ban nhân dân các xã, đặc khu" in got.loc[0, "cooperate"]

    def test_legacy_scheme_names_the_bodies_before_2025(self, params):
        p = copy.deepcopy(params)
        p["programme"]["scheme"] = "legacy"
        got = plan.responsibilities(p)
        assert got.loc[0, "lead"].startswith("Sở Nông nghiệp và Phát triển nông thôn")
        assert "Ủy ban nhân dân các huyện" in got.loc[0, "cooperate"]
        assert "UBND các huyện, thị xã, thành phố" in plan.plan_recipients(p)
        assert not any("huyện" in r for r in plan.plan_recipients(params))

    def test_several_leads_each_with_its_own_duty(self, params):
        got = plan.responsibilities(params).set_index("task")
        # task 6: the agriculture department (support mechanisms) and the ICT body (allowances)
        assert got.loc["task_6", "lead"] == (
            "Sở Nông nghiệp và Môi trường (Văn phòng Điều phối nông thôn mới cấp tỉnh); "
            "Sở Khoa học và Công nghệ"
        )
        assert (
            "Sở Khoa học và Công nghệ: Chủ trì đề xuất chế độ phụ cấp"
            in (got.loc["task_6", "lead_duties"])
        )
        assert "Sở Khoa học và Công nghệ" not in got.loc["task_6", "cooperate"]
        # task 7: the ICT body mobilises businesses
        assert (
            "Sở Khoa học và Công nghệ: Chủ trì huy động các tổ chức, doanh nghiệp"
            in (got.loc["task_7", "lead_duties"])
        )
        assert got.loc["task_1", "lead_duties"] == ""

    def test_a_co_lead_of_the_same_agency_is_listed_once(self, params):
        p = copy.deepcopy(params)
        p["plan"]["tasks"]["task_6"]["co_leads"] = {"lead": "x", "ict": "y"}
        lead = plan.responsibilities(p).set_index("task").loc["task_6", "lead"]
        assert lead.count("Sở Nông nghiệp và Môi trường") == 1

    def test_2026_profile_lists_merged_agency_once_and_no_district(self):
        got = plan.responsibilities(load_params(profile="2026_2030")).set_index("task")
        # task 7 cooperates with planning + finance (both "Sở Tài chính") + district ("") + commune
        assert got.loc["task_7", "cooperate"] == "Sở Tài chính; Ủy ban nhân dân các xã, đặc khu"

    def test_unknown_role(self, params):
        p = copy.deepcopy(params)
        p["plan"]["tasks"]["task_2"]["cooperate"] = ["nobody"]
        with pytest.raises(ValueError, match="nobody"):
            plan.responsibilities(p)

    def test_empty_lead(self, params):
        p = copy.deepcopy(params)
        p["plan"]["agencies"]["lead"] = ""
        with pytest.raises(ValueError, match="lead"):
            plan.responsibilities(p)

    def test_missing_task(self, params):
        p = copy.deepcopy(params)
        del p["plan"]["tasks"]["task_5"]
        with pytest.raises(KeyError):
            plan.responsibilities(p)
