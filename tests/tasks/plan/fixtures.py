"""Hand-made summaries of notebooks 01–05 for the plan tests, and small helpers."""

from __future__ import annotations

import json
from pathlib import Path


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
