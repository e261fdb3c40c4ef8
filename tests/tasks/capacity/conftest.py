"""Fixtures of the capacity tests: the small survey and the small params."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params
from tests.tasks.capacity.fixtures import group, make_survey


@pytest.fixture
def survey() -> pd.DataFrame:
    # In scope (xã): A and B. Out of scope: the ward C (phường).
    # Totals in scope: officials 22 + 19 = 41; households 1000 + 610 = 1610; villages 6 + 4 = 10;
    # population 4000 + 2500 = 6500; community_tech_members 7 + 3 = 10; cooperatives 2; ocop_products 1 + 3 = 4.
    return make_survey(
        [
            {"unit_type": "xã", "officials": 22, "households": 1000, "population": 4000, "villages": 6,
             "community_tech_members": 7, "cooperatives": 2, "ocop_products": 1},
            {"unit_type": "xã", "officials": 19, "households": 610, "population": 2500, "villages": 4,
             "community_tech_members": 3, "cooperatives": 0, "ocop_products": 3},
            {"unit_type": "phường", "officials": 30, "households": 5000, "population": 20000, "villages": 8,
             "community_tech_members": 10, "cooperatives": 9, "ocop_products": 9},
        ]
    )  # fmt: skip


@pytest.fixture
def params() -> dict:
    """Small params: plan 2021–2023, three groups, two topics, three channels, allowance."""
    p = default_params()
    p["programme"]["start_year"], p["programme"]["end_year"] = 2021, 2023
    for task in ("task_2", "task_4", "task_6"):  # the plan's tasks start with the programme
        p["plan"]["tasks"][task].update(start="2021Q1", end="2023Q4")
    cap = p["capacity"]
    cap["plan_start_year"] = 0
    cap["on_overflow"] = "flag"
    cap["topics"] = {
        "t1": {
            "name_vi": "Chủ đề 1",
            "guidance_item": "Nhiệm vụ 4: chủ đề 1",
            "materials_mvnd": 10.0,
        },
        "t2": {
            "name_vi": "Chủ đề 2",
            "guidance_item": "Nhiệm vụ 4: chủ đề 2",
            "materials_mvnd": 0.0,
        },
    }
    cap["trainer_pools"] = {
        "prov": {"name_vi": "Tỉnh", "limited": True, "class_days_per_quarter": [4, 8, 8, 8]},
        "team": {"name_vi": "Tổ", "limited": False, "class_days_per_quarter": [0, 0, 0, 0]},
    }
    cap["groups"] = {
        "officials": group(
            name_vi="Cán bộ xã", size_columns={"officials": 1.0}, topics=["t1", "t2"], share_per_year=0.3,
            min_coverage=1.0, class_size=30, days_per_class=2.0, cost_per_class_day_mvnd=10.0,
            cost_per_participant_day_mvnd=0.1,
        ),
        "teachers": group(
            name_vi="Giáo viên", size_per_commune=10.0, topics=["t1"], share_per_year=0.25, class_size=25,
            cost_per_class_day_mvnd=4.0, mode="truc_tuyen",
        ),
        "residents": group(
            name_vi="Người dân", size_columns={"households": 1.0}, topics=["t2"], share_per_year=0.05,
            class_size=40, days_per_class=0.5, cost_per_class_day_mvnd=2.0,
            cost_per_participant_day_mvnd=0.05, trainer_pool="team",
        ),
    }  # fmt: skip
    cap["communication"]["channels"] = {
        "ch_a": {"name_vi": "Kênh A", "unit_vi": "buổi", "quantity_per_year": 2.0, "quantity_per_commune": 0.0,
                 "quantity_per_village": 0.0, "unit_cost_mvnd": 5.0, "reach_per_unit": 100.0,
                 "reach_population_share": None},
        "ch_b": {"name_vi": "Kênh B", "unit_vi": "chuyên mục", "quantity_per_year": 0.0,
                 "quantity_per_commune": 3.0, "quantity_per_village": 0.0, "unit_cost_mvnd": 0.2,
                 "reach_per_unit": None, "reach_population_share": 0.5},
        "ch_c": {"name_vi": "Kênh C", "unit_vi": "tờ", "quantity_per_year": 0.0, "quantity_per_commune": 0.0,
                 "quantity_per_village": 0.25, "unit_cost_mvnd": 1.0, "reach_per_unit": None,
                 "reach_population_share": None},
    }  # fmt: skip
    cap["support_policy"].update(
        members_basis="target",
        team_size_per_commune=5.0,
        team_size_per_village=1.0,
        monthly_allowance_mvnd=0.5,
        months_per_year=12,
        start_year=0,
        items={},
    )
    return p
