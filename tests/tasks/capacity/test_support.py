"""Tests of ntmplan.tasks.capacity.support (team allowance and support items).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.tasks import capacity


class TestTeamMembers:
    def test_bases(self, survey, params):
        pol = params["capacity"]["support_policy"]
        # target: 5 per commune × 2 + 1 per village × 10 = 20
        assert capacity.team_members(survey, params) == 20
        pol["members_basis"] = "survey"
        assert capacity.team_members(survey, params) == 10  # 7 + 3
        pol.update(members_basis="max", team_size_per_village=0.0)
        # per commune max(7, 5) + max(3, 5) = 12
        assert capacity.team_members(survey, params) == 12

    def test_bad_basis(self, survey, params):
        params["capacity"]["support_policy"]["members_basis"] = "all"
        with pytest.raises(ParamsError):
            capacity.team_members(survey, params)


class TestSupportPolicyCosts:
    def test_allowance_by_hand(self, survey, params):
        pol = capacity.support_policy_costs(survey, params)
        # 20 members × 12 months = 240 member-months × 0.5 = 120 a year; 3 years = 360
        assert pol["item"].unique().tolist() == ["allowance"]
        assert pol["quantity"].tolist() == [240, 240, 240]
        assert pol["cost_mvnd"].tolist() == [120.0, 120.0, 120.0]
        assert pol["cost_mvnd"].sum() == 360.0

    def test_start_year_and_listed_items(self, survey, params):
        sp = params["capacity"]["support_policy"]
        sp.update(members_basis="max", team_size_per_village=0.0, start_year=2022)
        sp["items"] = {
            "data": {"name_vi": "Hỗ trợ cước 4G", "unit_vi": "người·năm", "quantity_per_member": 1,
                     "quantity_per_commune": 1, "unit_cost_mvnd": 0.1},
        }  # fmt: skip
        pol = capacity.support_policy_costs(survey, params)
        allow = pol[pol["item"] == "allowance"]
        # allowance from 2022 only: 12 members × 12 × 0.5 = 72
        assert allow["year"].tolist() == [2022, 2023]
        assert allow["cost_mvnd"].tolist() == [72.0, 72.0]
        data = pol[pol["item"] == "data"]
        # every plan year: 12 members × 1 + 2 communes × 1 = 14 × 0.1 = 1.4
        assert data["year"].tolist() == [2021, 2022, 2023]
        assert data["quantity"].tolist() == [14, 14, 14]
        assert data["cost_mvnd"].tolist() == pytest.approx([1.4] * 3)

    def test_item_without_name(self, survey, params):
        params["capacity"]["support_policy"]["items"] = {"x": {"unit_cost_mvnd": 1.0}}
        with pytest.raises(ParamsError):
            capacity.support_policy_costs(survey, params)

    def test_missing_column(self, survey, params):
        with pytest.raises(InputError) as exc:
            capacity.support_policy_costs(survey.drop(columns=["community_tech_members"]), params)
        assert exc.value.problems[0].column == "community_tech_members"
