"""Tests for ntmplan.tasks.plan.agencies: lead and cooperating agencies per task."""

from __future__ import annotations

import copy

import pytest

from ntmplan.core.params import load_params
from ntmplan.tasks import plan


class TestResponsibilities:
    def test_default_profile(self, params):
        got = plan.responsibilities(params)
        assert list(got["task"]) == list(plan.TASKS)
        assert got.loc[0, "lead"].startswith("Sở Nông nghiệp và Phát triển nông thôn")
        assert "Ủy ban nhân dân các huyện" in got.loc[0, "cooperate"]

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
