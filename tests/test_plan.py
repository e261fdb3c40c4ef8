"""Tests for ntmplan.tasks.plan: collecting summaries, plan sections, params table, timeline."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pandas as pd
import pytest

from ntmplan.core.params import default_params, load_params
from ntmplan.tasks import plan

# ----------------------------------------------------------------- hand-made summaries


def s01() -> dict:
    """A 01_status summary for a province of 2 communes in scope (3 units)."""
    return {
        "notebook": "01_status",
        "province_code": "01",
        "province_name": "Thành phố Hà Nội",
        "illustrative": True,
        "profile": "2021_2025",
        "year": 2025,
        "n_units": 3,
        "n_communes": 2,
        "readiness_overall": 60.0,
        "readiness_overall_mean": 55.0,
        "readiness_overall_weighted": 60.0,
        "readiness_pillars": {"digital_society": 40.0, "infrastructure": 80.0},
        "readiness_pillars_weighted": {"digital_society": 42.0, "infrastructure": 81.0},
        "readiness_quantiles": {"p50": 55.0},
        "indicators_weighted": {"villages_fiber_share": 0.5, "digital_providers": 2.0},
        "targets_total": 4,
        "targets_met": 1,
        "targets": {
            "criterion_8_4": {
                "label_vi": "Tỷ lệ xã đạt chỉ tiêu 8.4",
                "value": 0.5,
                "target": 0.97,
                "met": False,
                "communes_met": 1,
                "communes_total": 2,
                "communes_needed": 1,
            }
        },
        "weakest_communes": [{"commune_code": "00004", "commune_name": "Xã A", "overall": 41.26}],
        "strongest_communes": [],
    }


def s02() -> dict:
    return {
        "notebook": "02_pilots",
        "province_code": "01",
        "province_name": "Thành phố Hà Nội",
        "illustrative": True,
        "eligible_count": {"smart_commune": 1, "ecommerce_commune": 0},
        "target": {"smart_commune": 1, "ecommerce_commune": 3},
        "chosen": {
            "smart_commune": [
                {
                    "commune_code": "00004",
                    "commune_name": "Xã A",
                    "prominent_sector": "trong_trot",
                    "eligible": True,
                    "basis": "eligible",
                    "score": 80.04,
                    "gap_mvnd": 0.0,
                    "missing_vi": "",
                }
            ],
            "ecommerce_commune": [],
        },
        "cheapest_path": {"smart_commune": [], "ecommerce_commune": []},
        "smart_pilots_gap_mvnd": 0.0,
        "smart_target_met": True,
        "statement_vi": "Xã nông thôn mới thông minh: 1 xã đủ điều kiện.",
    }


def s03() -> dict:
    return {
        "notebook": "03_budget",
        "total_mvnd": 1000.0,
        "funded_mvnd": 900.0,
        "gap_mvnd": 100.0,
        "by_source_mvnd": {"provincial": 600.0, "central": 300.0},
        "by_year_mvnd": {"2024": 500.0, "2025": 500.0},
        "by_activity_mvnd": {"pilots": 1000.0},
        "source_shares": {"central": 1 / 3, "provincial": 2 / 3},
        "unfunded_items": [
            {"activity": "pilots", "year": 2024, "source": "socialised", "amount_mvnd": 100.0}
        ],
        "checks_failed": ["Tỷ trọng vốn đối ứng địa phương thấp / low local share"],
    }


def s04() -> dict:
    return {
        "notebook": "04_capacity",
        "participants_total": 1200,
        "classes_total": 30,
        "training_cost_mvnd": 250.0,
        "communication_cost_mvnd": 120.0,
        "support_policy_cost_mvnd": 36.0,
        "allowance_members": 10,
        "officials_all_trained": True,
        "groups": {
            "officials": {
                "name_vi": "Cán bộ, công chức cấp xã / commune officials",
                "size": 40,
                "participants": 40,
                "classes": 1,
                "cost_mvnd": 25.0,
            }
        },
        "budget_lines": [
            {"activity": "communication", "year": 2024, "cost_mvnd": 60.0},
            {"activity": "communication", "year": 2025, "cost_mvnd": 60.0},
            {"activity": "support_policy", "year": 2025, "cost_mvnd": 36.0},
        ],
    }


def s05() -> dict:
    return {
        "notebook": "05_data",
        "n_rows": 2,
        "completeness": 0.98,
        "n_duplicate_rows": 0,
        "export_version": "2025-07-01-abc123",
        "export_path": "data_export/2025-07-01-abc123",
        "export_valid": True,
        "incomplete_columns": {"dx_demand": 0.5},
    }


ALL = {"01_status": s01, "02_pilots": s02, "03_budget": s03, "04_capacity": s04, "05_data": s05}


def write_summaries(folder: Path, notebooks) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for nb in notebooks:
        (folder / f"summary_{nb}.json").write_text(
            json.dumps(ALL[nb](), ensure_ascii=False), encoding="utf-8"
        )
    return folder


def by_key(sections) -> dict:
    return {s.key: s for s in sections}


def table_text(section) -> str:
    return " ".join(df.astype(str).to_string() for df in section.tables)


@pytest.fixture(scope="module")
def params() -> dict:
    return default_params()


# ----------------------------------------------------------------- collect


class TestCollect:
    def test_reads_every_summary_figures_and_exports(self, tmp_path):
        write_summaries(tmp_path, ALL)
        (tmp_path / "figures").mkdir()
        for name in ("01_dot_map", "02_funnel", "status_other", "zz_unrelated"):
            (tmp_path / "figures" / f"{name}.png").write_bytes(b"png")
        (tmp_path / "pilots.xlsx").write_bytes(b"x")
        got = plan.collect(tmp_path)
        assert got["missing"] == []
        assert got["summaries"]["03_budget"]["total_mvnd"] == 1000.0
        # 01 figures: prefix "01_" and the notebook's name "status_"; unrelated files are not picked
        assert [p.name for p in got["figures"]["01_status"]] == [
            "01_dot_map.png",
            "status_other.png",
        ]
        assert [p.name for p in got["figures"]["02_pilots"]] == ["02_funnel.png"]
        assert list(got["exports"]) == ["pilots.xlsx"]
        assert got["province_code"] == "01" and got["illustrative"] is True

    def test_missing_and_unreadable_summaries_are_marked_not_raised(self, tmp_path):
        write_summaries(tmp_path, ["01_status"])
        (tmp_path / "summary_02_pilots.json").write_text("{not json", encoding="utf-8")
        (tmp_path / "summary_03_budget.json").write_text(
            "[1, 2]", encoding="utf-8"
        )  # not a mapping
        got = plan.collect(tmp_path)
        assert got["missing"] == ["02_pilots", "03_budget", "04_capacity", "05_data"]
        assert got["summaries"]["02_pilots"] is None

    def test_falls_back_on_the_merged_summary(self, tmp_path):
        (tmp_path / "summary.json").write_text(json.dumps({"04_capacity": s04()}), encoding="utf-8")
        got = plan.collect(tmp_path)
        assert got["summaries"]["04_capacity"]["allowance_members"] == 10
        assert "04_capacity" not in got["missing"]

    def test_missing_folder_gives_everything_missing(self, tmp_path):
        got = plan.collect(tmp_path / "nope")
        assert len(got["missing"]) == 5 and got["figures"]["01_status"] == []

    def test_listed_figures_outside_the_folder_are_ignored(self, tmp_path):
        summary = s01() | {"figures": ["figures/01_a.png", "/etc/passwd", "../x.png"]}
        (tmp_path / "figures").mkdir()
        (tmp_path / "figures" / "01_a.png").write_bytes(b"png")
        (tmp_path / "summary_01_status.json").write_text(json.dumps(summary), encoding="utf-8")
        got = plan.collect(tmp_path)
        assert [p.name for p in got["figures"]["01_status"]] == ["01_a.png"]


# ----------------------------------------------------------------- plan sections


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


# ----------------------------------------------------------------- params table


class TestAssumptionsTable:
    def test_filters_and_flags_changed_values(self, params):
        p = copy.deepcopy(params)
        p["status"]["targets"]["criterion_8_4"]["target"] = 0.9
        got = plan.assumptions_table(p, ["status.targets.criterion_8_4"]).set_index("key")
        assert list(got.index) == [
            "status.targets.criterion_8_4.label_vi",
            "status.targets.criterion_8_4.target",
        ]
        assert got.loc["status.targets.criterion_8_4.target", "value"] == "0.9"
        assert got.loc["status.targets.criterion_8_4.target", "default"] == "0.97"
        assert bool(got.loc["status.targets.criterion_8_4.target", "changed"]) is True
        assert "[924]" in got.loc["status.targets.criterion_8_4.target", "source"]

    def test_profile_comments_override(self):
        p26 = load_params(profile="2026_2030")
        got = plan.assumptions_table(p26, ["plan.agencies.district"]).iloc[0]
        assert (
            got["layer"] == "profiles/2026_2030.yaml"
            and got["changed"]
            and "district" in got["source"]
        )


# ----------------------------------------------------------------- responsibilities, timeline


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


class TestTimeline:
    def test_default_task_1(self, params):
        row = plan.timeline(params).set_index("task").loc["task_1"]
        assert row["start"] == "2022Q3" and row["deadline"] == "2022Q4"
        # 4 × 2022 + 3 − 1 = 8090 (Q3), 4 × 2022 + 4 − 1 = 8091 (Q4)
        assert (
            row["start_index"] == 8090
            and row["end_index"] == 8091
            and row["deadline_index"] == 8091.0
        )
        assert (
            row["period_vi"] == "Quý III/2022 – Quý IV/2022" and row["deadline_vi"] == "Quý IV/2022"
        )

    def test_no_deadline_is_nan(self, params):
        row = plan.timeline(params).set_index("task").loc["task_2"]
        assert row["deadline"] == "" and pd.isna(row["deadline_index"])

    def test_bad_quarter(self, params):
        p = copy.deepcopy(params)
        p["plan"]["tasks"]["task_3"]["start"] = "2023Q5"
        with pytest.raises(ValueError, match="task_3.start"):
            plan.timeline(p)

    def test_end_before_start(self, params):
        p = copy.deepcopy(params)
        p["plan"]["tasks"]["task_4"]["end"] = "2022Q1"
        with pytest.raises(ValueError, match="task_4"):
            plan.timeline(p)


class TestTimelineChart:
    def test_one_bar_per_task(self, params):
        fig = plan.timeline_chart(plan.timeline(params), years=(2021, 2025))
        ax = fig.axes[0]
        assert len(ax.patches) == 7
        assert [t.get_text() for t in ax.get_xticklabels()] == [
            "2021",
            "2022",
            "2023",
            "2024",
            "2025",
        ]

    def test_missing_column(self):
        with pytest.raises(KeyError, match="deadline_index"):
            plan.timeline_chart(
                pd.DataFrame({"task": [], "name_vi": [], "start_index": [], "end_index": []})
            )


# ----------------------------------------------------------------- small helpers


class TestFormatting:
    def test_numbers(self):
        assert plan.fmt_number(1234.5) == "1.234,5"
        assert plan.fmt_number(1234567) == "1.234.567"
        assert plan.fmt_number(None) == "chưa có số liệu"
        assert plan.fmt_number(float("nan")) == "chưa có số liệu"
        assert plan.fmt_percent(0.625) == "62,5%"
        assert plan.fmt_percent(None) == "chưa có số liệu"

    def test_quarter_label(self):
        assert plan.quarter_label("2026Q2") == "Quý II/2026"
        assert plan.quarter_label("") == ""
        with pytest.raises(ValueError):
            plan.quarter_label("Q2/2026")


class TestSectionMarkdown:
    def test_escapes_text_and_flags_unavailable(self):
        sec = plan.Section("x", "Tiêu đề", ["<script>alert(1)</script>"], available=False, level=2)
        md = plan.section_markdown(sec)
        assert md.startswith("### Tiêu đề") and "<script>" not in md and "Chưa có đủ số liệu" in md

    def test_markdown_link_and_html_from_data_are_neutralised(self):
        md = plan.section_markdown(
            plan.Section("x", "T", ["- Xã [x](javascript:alert(1)) <img src=x>"])
        )
        assert "- Xã \\[x\\](javascript:alert(1)) &lt;img src=x&gt;" in md

    def test_tables_rendered(self):
        df = pd.DataFrame({"A": [1.5], "B": ["x|y"]})
        df.attrs["caption"] = "Bảng"
        md = plan.section_markdown(plan.Section("x", "T", tables=[df]), tables=True)
        assert "| A | B |" in md and "1,5" in md and "x\\|y" in md


class TestAvailability:
    def test_lists_each_notebook(self, tmp_path):
        got = plan.availability(plan.collect(write_summaries(tmp_path, ["02_pilots"])))
        assert list(got.iloc[:, 1]) == [
            "chưa có số liệu",
            "có",
            "chưa có số liệu",
            "chưa có số liệu",
            "chưa có số liệu",
        ]


class TestSummary:
    def test_keys(self, tmp_path, params):
        collected = plan.collect(write_summaries(tmp_path, ["01_status", "03_budget"]))
        secs = plan.plan_sections(collected, params)
        got = plan.summary(secs, collected, params)
        assert got["missing_notebooks"] == ["02_pilots", "04_capacity", "05_data"]
        assert got["sections_total"] == 15 and got["deadline_plan"] == "2022Q4"
        assert got["sections_available"] == sum(s.available for s in secs)
        json.dumps(got)


class TestDocxFileName:
    def test_from_code(self):
        assert plan.docx_file_name("01") == "ke_hoach_ha-noi.docx"

    def test_unknown_code(self):
        with pytest.raises(ValueError):
            plan.docx_file_name("../../etc")


class TestPlanTitle:
    def test_title(self, params):
        assert plan.plan_title("Tỉnh Cao Bằng", params).startswith(
            "Kế hoạch chuyển đổi số trong xây dựng nông thôn mới"
        )
        assert plan.plan_title("Tỉnh Cao Bằng", params).endswith("trên địa bàn Tỉnh Cao Bằng")


# ----------------------------------------------------------------- the notebook


@pytest.mark.slow
class TestNotebook06:
    def test_runs_with_only_01_and_marks_the_rest_not_available(self, tmp_path):
        import papermill

        from ntmplan.core import paths

        out = write_summaries(tmp_path / "01-ha-noi", ["01_status"])
        papermill.execute_notebook(
            str(paths.NOTEBOOKS_DIR / "06_plan.ipynb"),
            str(out / "06_plan.ipynb"),
            parameters={
                "province": "01",
                "params_file": "",
                "data_file": "",
                "output_dir": str(out),
                "interactive": False,
            },
            kernel_name="python3",
            progress_bar=False,
            cwd=str(paths.ROOT),
        )
        summary = json.loads((out / "summary_06_plan.json").read_text(encoding="utf-8"))
        available = {s["key"]: s["available"] for s in summary["sections"]}
        assert available["current_state"] and available["targets"]
        assert not available["task_3"] and not available["budget"] and not available["task_5"]
        assert summary["missing_notebooks"] == ["02_pilots", "03_budget", "04_capacity", "05_data"]
        assert (out / "ke_hoach_ha-noi.docx").is_file()
        assert (out / "figures" / "06_plan_tien_do.png").is_file()
