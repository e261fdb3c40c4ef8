"""Tests for ntmplan.tasks.status.targets — progress against the Decision 924 targets."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.tasks import status
from tests.tasks.status.fixtures import make_survey


class TestTargetProgress:
    def test_by_hand(self, survey, params):
        tp = status.target_progress(survey, params).set_index("target_id")
        assert list(tp.index) == [
            "files_online",
            "criterion_8_4",
            "cooperatives",
            "digital_service",
        ]
        # files online, officials-weighted: (20×0.8 + 25×0.5 + 15×0.2)/60 = 31.5/60 = 0.525 < 0.6
        # deficit 0.6×60 − 31.5 = 4.5; gains to 0.6: C 15×0.4 = 6, B 25×0.1 = 2.5 → C alone suffices
        assert tp.loc["files_online", "value"] == pytest.approx(0.525)
        assert not tp.loc["files_online", "met"]
        assert tp.loc["files_online", "communes_needed"] == 1
        assert tp.loc["files_online", "communes_met"] == 1  # only A ≥ 0.6
        # 8.4: A, C → 2/3; ⌈0.97×3⌉ = 3 → 1 more
        assert tp.loc["criterion_8_4", "value"] == pytest.approx(2 / 3)
        assert not tp.loc["criterion_8_4", "met"]
        assert tp.loc["criterion_8_4", "communes_needed"] == 1
        # cooperatives: A, C → 2/3 < 0.7; ⌈2.1⌉ = 3 → 1 more
        assert not tp.loc["cooperatives", "met"]
        assert tp.loc["cooperatives", "communes_needed"] == 1
        # digital service: A, C → 2/3 ≥ 0.4 → met, none needed
        assert tp.loc["digital_service", "met"]
        assert tp.loc["digital_service", "communes_needed"] == 0
        assert tp["communes_total"].tolist() == [3, 3, 3, 3]
        assert tp.loc["cooperatives", "label_vi"] == "Có HTX"

    def test_files_online_needs_two(self, survey, params):
        params["status"]["targets"]["files_online"]["target"] = 0.7
        tp = status.target_progress(survey, params).set_index("target_id")
        # deficit 0.7×60 − 31.5 = 10.5; gains to 0.7: C 15×0.5 = 7.5, B 25×0.2 = 5 → 7.5 < 10.5 ≤ 12.5 → 2
        assert tp.loc["files_online", "communes_needed"] == 2

    def test_files_online_met(self, survey, params):
        survey["files_online_share"] = 0.6
        tp = status.target_progress(survey, params).set_index("target_id")
        assert tp.loc["files_online", "value"] == pytest.approx(0.6)
        assert tp.loc["files_online", "met"]
        assert tp.loc["files_online", "communes_needed"] == 0

    def test_no_float_off_by_one(self, params):
        # 100 communes, 97 meet 8.4: 0.97×100 = 97.00000000000001 in floating point → still met
        base = make_survey()
        s = pd.concat([base.iloc[[0]]] * 100, ignore_index=True)
        s["commune_code"] = [f"{i:05d}" for i in range(100)]
        s["criterion_8_4"] = [True] * 97 + [False] * 3
        tp = status.target_progress(s, params).set_index("target_id")
        assert tp.loc["criterion_8_4", "met"]
        assert tp.loc["criterion_8_4", "communes_needed"] == 0

    def test_scope_excludes_wards(self, params):
        ward = make_survey(unit_type="phường").iloc[[0]].assign(commune_code="00009")
        s = pd.concat([make_survey(), ward], ignore_index=True)
        tp = status.target_progress(s, params)
        assert tp["communes_total"].tolist() == [3, 3, 3, 3]

    def test_special_zone_counted(self, params):
        zone = make_survey(unit_type="đặc khu").iloc[[0]].assign(commune_code="00009")
        s = pd.concat([make_survey(), zone], ignore_index=True)
        assert status.target_progress(s, params)["communes_total"].tolist() == [4, 4, 4, 4]

    def test_no_unit_in_scope(self, params):
        with pytest.raises(ValueError, match="scope"):
            status.target_progress(make_survey(unit_type="phường"), params)

    def test_unknown_kind(self, survey, params):
        params["status"]["targets"]["files_online"]["kind"] = "mean"
        with pytest.raises(ValueError, match="weighted_mean"):
            status.target_progress(survey, params)

    def test_missing_column(self, survey, params):
        with pytest.raises(MissingColumnError, match="criterion_8_4"):
            status.target_progress(survey.drop(columns=["criterion_8_4"]), params)

    def test_default_params_labels_are_vietnamese(self, survey):
        tp = status.target_progress(survey)
        assert tp["target"].tolist() == pytest.approx([0.6, 0.97, 0.7, 0.4])
        assert tp.loc[0, "label_vi"].startswith("Hồ sơ")


class TestDigitalSocietySatisfaction:
    """The digital-society target: a digital service AND satisfaction collected online."""

    def test_both_parts_count(self, survey, params):
        # services [3, 0, 1], satisfaction [1, 1, 0]: only A has both → 1/3; ⌈0.4 × 3⌉ = 2 → 1 more
        survey["satisfaction_online"] = [1, 1, 0]
        tp = status.target_progress(survey, params).set_index("target_id")
        assert tp.loc["digital_service", "communes_met"] == 1
        assert tp.loc["digital_service", "communes_needed"] == 1
        assert not tp.loc["digital_service", "met"]
        assert tp.loc["digital_service", "note"] == ""

    def test_without_the_column_the_report_says_so(self, survey, params):
        # no satisfaction column: services only, A and C → 2/3 ≥ 0.4
        tp = status.target_progress(survey, params).set_index("target_id")
        assert tp.loc["digital_service", "communes_met"] == 2
        assert tp.loc["digital_service", "met"]
        assert "satisfaction_online" in tp.loc["digital_service", "note"]
        assert tp.loc["files_online", "note"] == ""


def _only(params, **targets):
    params["status"]["targets"] = targets
    return params


class TestPerGroupAndLevels:
    def test_per_group_minimum(self, survey, params):
        # internet+smart shares: A 600/1000 = 0.6, B 900/2000 = 0.45, C 50/500 = 0.1
        # groups A 1, B 2, C 3; minimums 0.7 / 0.4 / 0.1 → B and C meet → 2 of 3
        spec = {
            "label_vi": "Tiêu chí 7",
            "kind": "communes_share",
            "conditions": {
                "households_internet_smart_share": {"group_1": 0.7, "group_2": 0.4, "group_3": 0.1}
            },
            "target": 0.65,
        }
        groups = pd.Series([1, 2, 3], index=survey.index)
        tp = status.target_progress(survey, _only(params, c7=spec), groups=groups)
        assert tp.loc[0, "communes_met"] == 2 and tp.loc[0, "met"]  # ⌈0.65 × 3⌉ = 2

    def test_one_minimum_for_every_group(self, survey, params):
        # the same indicator at 0.5 for all: only A (0.6) → 1 of 3, ⌈1.95⌉ = 2 → 1 more
        spec = {
            "label_vi": "Tiêu chí 7",
            "kind": "communes_share",
            "conditions": {"households_internet_smart_share": 0.5},
            "target": 0.65,
        }
        tp = status.target_progress(survey, _only(params, c7=spec))
        assert tp.loc[0, "communes_met"] == 1 and tp.loc[0, "communes_needed"] == 1

    def test_per_group_without_groups_is_an_error_when_no_group_rule(self, survey, params):
        spec = {
            "label_vi": "x",
            "kind": "communes_share",
            "conditions": {"digital_services": {"group_1": 1, "group_2": 1, "group_3": 1}},
            "target": 0.5,
        }
        from ntmplan.tasks.status.targets import share_target

        with pytest.raises(ValueError, match="group"):
            share_target("x", spec, survey, None)

    def test_ntm_standard_and_modern_share(self, survey, params):
        # levels A nang_cao, B dat_chuan, C chua_dat: standard 2/3; ⌈0.65 × 3⌉ = 2 → met
        # modern (stand-in nang_cao) among the 2 standard communes: 1/2 ≥ 0.1
        std = ["dat_chuan", "nang_cao", "kieu_mau"]
        tp = status.target_progress(
            survey,
            _only(
                params,
                ntm_standard={
                    "label_vi": "Đạt chuẩn",
                    "kind": "communes_share",
                    "levels": {"ntm_level": std},
                    "target": 0.65,
                },
                modern_ntm={
                    "label_vi": "Hiện đại",
                    "kind": "communes_share",
                    "levels": {"ntm_level": ["nang_cao"]},
                    "among": {"ntm_level": std},
                    "target": 0.1,
                },
            ),
        ).set_index("target_id")
        assert tp.loc["ntm_standard", "communes_met"] == 2 and tp.loc["ntm_standard", "met"]
        assert tp.loc["modern_ntm", "communes_total"] == 2
        assert tp.loc["modern_ntm", "value"] == pytest.approx(0.5)


class TestProfiles:
    def test_2030_profile_targets(self):
        from ntmplan.core.params import load_params

        p = load_params("24", profile="2026_2030")
        targets = p["status"]["targets"]
        assert targets["ntm_standard"]["target"] == 0.65
        assert targets["modern_ntm"]["target"] == 0.1
        assert "criterion_8_4" not in targets and "files_online" not in targets

    def test_default_profile_keeps_the_2025_targets(self):
        from ntmplan.core.params import load_params

        assert list(load_params("24")["status"]["targets"]) == [
            "files_online",
            "criterion_8_4",
            "cooperatives",
            "digital_service",
        ]
