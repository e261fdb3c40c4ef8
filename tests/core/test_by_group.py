"""Tests of ntmplan.core.by_group: one number or one number per commune group."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.by_group import (
    GROUP_KEYS,
    by_group_problems,
    describe_by_group,
    group_value,
    is_by_group,
    values_by_group,
)

PER_GROUP = {"group_1": 0.6, "group_2": 0.5, "group_3": 0.4}


class TestIsByGroup:
    def test_number_is_not(self):
        assert not is_by_group(0.5)
        assert not is_by_group(3)

    def test_mapping_is(self):
        assert is_by_group(PER_GROUP)


class TestByGroupProblems:
    def test_number_and_full_mapping_pass(self):
        assert by_group_problems(0.5, "pilots.x") == []
        assert by_group_problems(3, "pilots.x") == []
        assert by_group_problems(PER_GROUP, "pilots.x") == []

    def test_bool_and_text_refused(self):
        for bad in (True, "0.5", None, [0.5]):
            problems = by_group_problems(bad, "pilots.x", "p.yaml")
            assert len(problems) == 1
            assert problems[0].column == "pilots.x"
            assert problems[0].file == "p.yaml"
            assert "group_1, group_2, group_3" in problems[0].rule_en

    def test_missing_group(self):
        problems = by_group_problems({"group_1": 0.6, "group_2": 0.5}, "pilots.x")
        assert len(problems) == 1
        assert "group_3" in problems[0].rule_en
        assert problems[0].column == "pilots.x"

    def test_unknown_group_key(self):
        problems = by_group_problems({**PER_GROUP, "group_4": 0.1}, "pilots.x")
        assert len(problems) == 1
        assert "group_4" in problems[0].rule_vi

    def test_group_value_not_a_number(self):
        problems = by_group_problems({**PER_GROUP, "group_2": "nửa"}, "pilots.x")
        assert [p.column for p in problems] == ["pilots.x.group_2"]

    def test_keys_are_the_contract(self):
        assert GROUP_KEYS == ("group_1", "group_2", "group_3")


class TestValuesByGroup:
    def test_scalar_broadcast(self):
        groups = pd.Series([1, 2, 3], index=[10, 11, 12])
        out = values_by_group(0.5, groups)
        assert out.tolist() == [0.5, 0.5, 0.5]
        assert out.index.tolist() == [10, 11, 12]

    def test_per_group(self):
        groups = pd.Series([3, 1, 2, 1], index=list("abcd"))
        out = values_by_group(PER_GROUP, groups)
        assert out.tolist() == [0.4, 0.6, 0.5, 0.6]
        assert out.index.tolist() == list("abcd")

    def test_unknown_group_raises(self):
        with pytest.raises(ValueError, match="4"):
            values_by_group(PER_GROUP, pd.Series([1, 4]))


class TestGroupValue:
    def test_forms(self):
        assert group_value(0.5, 3) == 0.5
        assert group_value(PER_GROUP, 3) == 0.4

    def test_bad_group(self):
        with pytest.raises(KeyError):
            group_value(PER_GROUP, 0)


class TestDescribeByGroup:
    def test_one_number(self):
        assert describe_by_group(0.5) == "0,5"
        assert describe_by_group(3) == "3"
        assert describe_by_group(3.0) == "3"

    def test_per_group(self):
        assert describe_by_group(PER_GROUP) == "Nhóm 1: 0,6; Nhóm 2: 0,5; Nhóm 3: 0,4"

    def test_percent(self):
        assert describe_by_group(PER_GROUP, percent=True) == "Nhóm 1: 60%; Nhóm 2: 50%; Nhóm 3: 40%"
        assert describe_by_group(0.125, percent=True) == "12,5%"
