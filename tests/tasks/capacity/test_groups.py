"""Tests of ntmplan.tasks.capacity.groups (target groups and curriculum).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

import pytest

from ntmplan.core.errors import InputError, ParamsError
from ntmplan.tasks import capacity


class TestTargetGroups:
    def test_sizes_and_sources(self, survey, params):
        g = capacity.target_groups(survey, params).set_index("group")
        # officials: 22 + 19 = 41 (ward excluded); teachers: 10 per commune × 2 communes = 20;
        # residents: 1000 + 610 = 1610 households × 1 person
        assert g["size"].to_dict() == {"officials": 41, "teachers": 20, "residents": 1610}
        assert g.loc["officials", "source_type"] == "survey"
        assert g.loc["teachers", "source_type"] == "params"
        assert "officials" in g.loc["officials", "size_source"]
        assert "giả định" in g.loc["teachers", "size_source"]

    def test_mixed_source_and_weights(self, survey, params):
        params["capacity"]["groups"]["teachers"].update(
            size_columns={"cooperatives": 2.0}, size_per_village=0.5
        )
        g = capacity.target_groups(survey, params).set_index("group")
        # cooperatives 2 × 2 persons = 4; + 10 per commune × 2 = 20; + 0.5 per village × 10 = 5 → 29
        assert g.loc["teachers", "size"] == 29
        assert g.loc["teachers", "source_type"] == "survey+params"

    def test_fractional_size_rounds_up(self, survey, params):
        params["capacity"]["groups"]["teachers"]["size_per_commune"] = 0.3
        # 0.3 × 2 = 0.6 → 1 person
        assert (
            capacity.target_groups(survey, params).set_index("group").loc["teachers", "size"] == 1
        )

    def test_missing_column(self, survey, params):
        with pytest.raises(InputError) as exc:
            capacity.target_groups(survey.drop(columns=["officials"]), params)
        assert exc.value.problems[0].column == "officials"
        assert "officials" in exc.value.problems[0].rule_vi

    def test_unknown_topic_is_a_params_error(self, survey, params):
        params["capacity"]["groups"]["teachers"]["topics"] = ["khong_co"]
        with pytest.raises(ParamsError) as exc:
            capacity.target_groups(survey, params)
        assert exc.value.problems[0].column == "capacity.groups.teachers.topics"

    def test_every_bad_param_is_reported(self, survey, params):
        params["capacity"]["groups"]["teachers"].update(
            class_size=0, days_per_class=0.0, trainer_pool="x"
        )
        with pytest.raises(ParamsError) as exc:
            capacity.target_groups(survey, params)
        cols = {p.column for p in exc.value.problems}
        assert {"capacity.groups.teachers.class_size", "capacity.groups.teachers.days_per_class",
                "capacity.groups.teachers.trainer_pool"} <= cols  # fmt: skip


class TestCurriculum:
    def test_rows_per_group_topic(self, params):
        cur = capacity.curriculum(params)
        # officials 2 topics + teachers 1 + residents 1 = 4
        assert len(cur) == 4
        assert cur.loc[cur["topic"] == "t2", "guidance_item"].iloc[0] == "Nhiệm vụ 4: chủ đề 2"

    def test_default_curriculum_answers_task_4(self):
        cur = capacity.curriculum()
        assert set(cur["group"]) == {
            "officials",
            "teachers",
            "extension_groups",
            "economic_actors",
            "residents",
            "community_tech_members",
        }
        assert cur["guidance_item"].str.startswith("Nhiệm vụ 4").all()

    def test_unknown_mode(self, params):
        params["capacity"]["groups"]["teachers"]["mode"] = "bay"
        with pytest.raises(ParamsError):
            capacity.curriculum(params)
