"""Tests for ntmplan.tasks.plan.sections: the plan sections and their availability."""

from __future__ import annotations

from ntmplan.core.params import load_params
from ntmplan.tasks import plan
from tests.tasks.plan.fixtures import ALL, by_key, table_text, write_summaries

ORDER = [
    "purpose",
    "current_state",
    "targets",
    "tasks",
    "task_1",
    "task_2",
    "task_3",
    "task_4",
    "task_5",
    "task_6",
    "task_7",
    "responsibilities",
    "timeline",
    "budget",
    "assumptions",
]


class TestPlanSections:
    def test_all_present_every_section_available_in_order(self, tmp_path, params):
        secs = plan.plan_sections(plan.collect(write_summaries(tmp_path, ALL)), params)
        assert [s.key for s in secs] == ORDER
        assert all(s.available for s in secs)
        s = by_key(secs)
        # targets: 0.5 → "50,0%", not met, 1 more commune; smart pilot row: 1 chosen, 1 eligible, met
        text = table_text(s["targets"])
        assert (
            "50,0%" in text and "Chưa đạt" in text and "1 xã được chọn, 1 xã đủ điều kiện" in text
        )
        # pilots: chosen commune, its sector label from survey.sectors ("Trồng trọt")
        assert "Xã A" in table_text(s["task_3"]) and "Trồng trọt" in table_text(s["task_3"])
        # budget by source in params order: central 300 before provincial 600
        by_source = s["budget"].tables[0]
        assert list(by_source.iloc[:, 0]) == ["Ngân sách trung ương", "Ngân sách tỉnh"]
        assert list(by_source.iloc[:, 1]) == [300.0, 600.0]
        assert any("thấp" in p for p in s["budget"].paragraphs)  # failed check listed
        # task 2: communication by year 60 + 60
        assert list(s["task_2"].tables[0].iloc[:, 1]) == [60.0, 60.0]
        # data: completeness 0.98 → "98,0%", valid export, incomplete column listed
        assert "98,0%" in s["task_5"].paragraphs[1] and "hợp lệ" in " ".join(s["task_5"].paragraphs)
        assert "50,0%" in table_text(s["task_5"])
        # illustrative notice in the caveats
        assert plan.ILLUSTRATIVE_TEXT in s["assumptions"].paragraphs

    def test_missing_notebooks_mark_sections_not_available(self, tmp_path, params):
        secs = by_key(
            plan.plan_sections(plan.collect(write_summaries(tmp_path, ["01_status"])), params)
        )
        assert secs["current_state"].available and secs["targets"].available
        for key in ("task_2", "task_3", "task_4", "task_5", "task_6", "task_7", "budget", "tasks"):
            assert not secs[key].available, key
        assert any("Chưa có số liệu" in p for p in secs["budget"].paragraphs)
        assert "chưa có số liệu" in table_text(secs["targets"])  # the smart-pilot row (02 missing)
        for key in ("purpose", "responsibilities", "timeline", "assumptions"):
            assert secs[key].available

    def test_nothing_has_run(self, tmp_path, params):
        secs = by_key(plan.plan_sections(plan.collect(tmp_path), params))
        assert not secs["current_state"].available and not secs["targets"].available
        assert secs["targets"].tables  # targets from params still listed
        assert secs["responsibilities"].available and secs["timeline"].available

    def test_partial_summaries_do_not_raise(self, params):
        partial = {
            "01_status": {"province_code": "01"},
            "02_pilots": {"chosen": "garbage"},
            "03_budget": {"by_source_mvnd": None},
        }
        secs = by_key(plan.plan_sections(partial, params))
        assert secs["current_state"].available
        assert "chưa có số liệu" in secs["current_state"].paragraphs[0]

    def test_unknown_data_summary_shown_as_a_generic_table(self, params):
        secs = by_key(plan.plan_sections({"05_data": {"rows_checked": 12, "note": "ok"}}, params))
        assert secs["task_5"].available and "rows_checked" in table_text(secs["task_5"])

    def test_assumptions_list_params_of_available_sections_only(self, tmp_path, params):
        only01 = by_key(
            plan.plan_sections(plan.collect(write_summaries(tmp_path, ["01_status"])), params)
        )
        keys = set(only01["assumptions"].tables[0].iloc[:, 0])
        assert "status.targets.criterion_8_4.target" in keys
        assert "plan.tasks.task_1" in keys
        assert not any(k.startswith("budget.unit_costs") for k in keys)  # 03 has not run

    def test_profile_2026_names_agencies_without_district(self, params):
        p26 = load_params(profile="2026_2030")
        secs = by_key(plan.plan_sections({}, p26))
        text = table_text(secs["responsibilities"])
        assert "Sở Nông nghiệp và Môi trường" in text and "huyện" not in text
