"""Tests for ntmplan.tasks.plan.assumptions: params used, values, defaults and sources."""

from __future__ import annotations

import copy

from ntmplan.core.params import load_params
from ntmplan.tasks import plan
from ntmplan.tasks.plan.assumptions import plain_assumptions


class TestAssumptionsTable:
    def test_filters_and_flags_changed_values(self, params):
        p = copy.deepcopy(params)
        p["status"]["targets"]["criterion_8_4"]["target"] = 0.9
        got = plan.assumptions_table(p, ["status.targets.criterion_8_4"]).set_index("key")
        assert list(got.index) == [
            "status.targets.criterion_8_4.pillar",
            "status.targets.criterion_8_4.label_vi",
            "status.targets.criterion_8_4.kind",
            "status.targets.criterion_8_4.conditions",
            "status.targets.criterion_8_4.target",
        ]
        assert got.loc["status.targets.criterion_8_4.target", "value"] == "0.9"
        assert got.loc["status.targets.criterion_8_4.target", "default"] == "0.97"
        assert bool(got.loc["status.targets.criterion_8_4.target", "changed"]) is True
        assert "924/QĐ-TTg" in got.loc["status.targets.criterion_8_4.target", "source"]

    def test_profile_comments_override(self):
        p26 = load_params(profile="2026_2030")
        got = plan.assumptions_table(p26, ["status.targets.ntm_standard.target"]).iloc[0]
        assert got["layer"] == "profiles/2026_2030.yaml" and "257/2025/QH15" in got["source"]


class TestSchemeKeys:
    def test_the_other_schemes_agencies_are_not_listed(self, params):
        keys = set(plan.assumptions_table(params, ["plan"])["key"])
        assert "plan.agencies.ict" in keys and "plan.recipients" in keys
        assert not any(
            k.startswith(("plan.legacy_agencies", "plan.legacy_recipients")) for k in keys
        )
        legacy = copy.deepcopy(params)
        legacy["programme"]["scheme"] = "legacy"
        keys = set(plan.assumptions_table(legacy, ["plan"])["key"])
        assert "plan.legacy_agencies.ict" in keys and "plan.agencies.ict" not in keys


class TestProfileBaseline:
    def test_a_profile_value_is_its_own_default(self):
        p26 = load_params(profile="2026_2030")
        row = plan.assumptions_table(p26, ["programme.targets_source_vi"]).iloc[0]
        assert row["default"].endswith("(mục tiêu đến năm 2030)")
        assert not row["changed"]


class TestPlainAssumptions:
    def test_a_zero_pilot_threshold_reads_as_no_threshold(self, params):
        # The plan's Phụ lục VII listed "Điều kiện xã thí điểm: tỷ lệ thôn có đường truyền cáp
        # quang — 0%", a condition every commune meets, as if it were a requirement.
        p = copy.deepcopy(params)
        p["pilots"]["thresholds"]["villages_fiber_share"] = 0.0
        p["pilots"]["thresholds"]["officials_computer_share"] = 1.0
        got = plain_assumptions(p).set_index("Nội dung")["Giá trị"]
        fibre = "Điều kiện xã thí điểm: tỷ lệ thôn có đường truyền cáp quang"
        computer = "Điều kiện xã thí điểm: tỷ lệ cán bộ, công chức xã có máy tính nối mạng"
        assert got[fibre] == "không đặt ngưỡng (0%)"
        assert got[computer] == "100%"
