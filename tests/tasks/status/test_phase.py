"""Tests for ntmplan.tasks.status.phase — targets in words, commune groups, completion check."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import load_params
from ntmplan.tasks import status
from tests.tasks.status.fixtures import make_survey


class TestTargetsText:
    def test_per_group_minimums_are_written(self):
        text = status.targets_text(load_params("24", profile="2026_2030"))
        assert "**Mục tiêu của giai đoạn:** Nghị quyết 257/2025/QH15" in text
        assert "Tỷ lệ xã đạt chuẩn nông thôn mới: **65%**" in text
        assert "Nhóm 1: 80%; Nhóm 2: 70%; Nhóm 3: 50%" in text
        assert "924" not in text and "2025 " not in text.replace("257/2025/QH15", "")

    def test_default_profile_names_decision_924(self):
        text = status.targets_text(load_params("24"))
        assert "Quyết định 924/QĐ-TTg (mục tiêu đến năm 2025)" in text and "2030" not in text


class TestGroupTable:
    def test_counts_in_scope_only(self, params):
        survey = pd.concat(
            [make_survey(), make_survey(unit_type="phường").iloc[[0]]], ignore_index=True
        )
        groups = pd.Series([1, 3, 3, 1], index=survey.index)  # the ward (group 1) is out of scope
        got = status.group_table(survey, groups, params)
        assert got["communes"].tolist() == [1, 0, 2]
        assert got["share"].tolist() == pytest.approx([1 / 3, 0.0, 2 / 3])
        assert got["group"].tolist() == ["Nhóm 1", "Nhóm 2", "Nhóm 3"]

    def test_index_must_match(self, params):
        with pytest.raises(ValueError, match="index"):
            status.group_table(make_survey(), pd.Series([1, 2]), params)


class TestCompletion:
    def test_no_condition_in_the_default_profile(self, survey):
        check = status.completion_check(survey, load_params("24"))
        assert check.empty and status.completion_summary(check) is None

    def test_conditions_by_hand(self, survey, params):
        # A nang_cao, B dat_chuan, C chua_dat: all NTM? 2 of 3 → not met, 1 more needed
        params["status"]["completion"] = {
            "all_ntm": {
                "label_vi": "Tất cả các xã đạt chuẩn",
                "kind": "communes_share",
                "levels": {"ntm_level": ["dat_chuan", "nang_cao", "kieu_mau"]},
                "target": 1.0,
            }
        }
        check = status.completion_check(survey, params)
        assert check.loc[0, "communes_met"] == 2 and check.loc[0, "communes_needed"] == 1
        got = status.completion_summary(check)
        assert got["complete"] is False and got["conditions_met"] == 0
        assert got["conditions"]["all_ntm"]["communes_needed"] == 1


class TestScopeText:
    def test_special_zones_counted_by_default(self):
        text = status.phase.scope_text(load_params("24"))
        assert text.startswith("**Phạm vi đánh giá:** xã, đặc khu;")
        assert "đặc khu được tính cùng các xã" in text

    def test_a_province_that_does_not_count_them(self):
        p = load_params("24")
        p["status"]["scope_unit_types"] = ["xã"]
        assert "đặc khu không được tính" in status.phase.scope_text(p)
