"""Shared test data of the capacity tests: a small survey builder and hand-made plan frames.

Expected values in the tests are worked out by hand in their comments, from the
small fixture of ``conftest.py`` (two rural communes in scope, one ward out of
scope) and its small params.
"""

from __future__ import annotations

import pandas as pd

SURVEY_COLUMNS = [
    "province_code", "commune_code", "commune_name", "unit_type", "year", "households", "population",
    "villages", "officials", "villages_fiber", "villages_4g", "postal_point", "radio_it",
    "households_internet", "households_smart_device", "households_internet_smart", "officials_computer",
    "officials_email", "officials_eoffice", "files_online_share", "criterion_8_4", "digital_services",
    "community_tech_members", "cooperatives", "cooperatives_digital", "ocop_products",
    "ocop_products_online", "households_selling_online", "prominent_sector", "digital_providers",
    "dx_demand", "ntm_level", "commune_category",
]  # fmt: skip


def make_survey(rows: list[dict]) -> pd.DataFrame:
    """Build a survey frame with every DESIGN.md column; ``rows`` give the values that matter."""
    base = {
        "province_code": "01", "commune_name": "Xã", "unit_type": "xã", "year": 2025, "households": 100,
        "population": 400, "villages": 1, "officials": 10, "villages_fiber": 1, "villages_4g": 1,
        "postal_point": True, "radio_it": True, "households_internet": 50, "households_smart_device": 50,
        "households_internet_smart": 40, "officials_computer": 10, "officials_email": 10,
        "officials_eoffice": 10, "files_online_share": 0.5, "criterion_8_4": True, "digital_services": 1,
        "community_tech_members": 0, "cooperatives": 0, "cooperatives_digital": 0, "ocop_products": 0,
        "ocop_products_online": 0, "households_selling_online": 0, "prominent_sector": None,
        "digital_providers": 0, "dx_demand": 3, "ntm_level": "dat_chuan", "commune_category": "other",
    }  # fmt: skip
    records = [{**base, "commune_code": f"{i:05d}", **r} for i, r in enumerate(rows, start=1)]
    df = pd.DataFrame(records)[SURVEY_COLUMNS]
    ints = [
        c
        for c in SURVEY_COLUMNS
        if isinstance(base.get(c), int) and not isinstance(base.get(c), bool)
    ]
    return df.astype({c: "int64" for c in ints})


def group(**kw) -> dict:
    grp = {
        "name_vi": "Nhóm",
        "size_columns": {},
        "size_per_commune": 0.0,
        "size_per_village": 0.0,
        "topics": ["t1"],
        "share_per_year": 0.0,
        "share_by_year": {},
        "min_coverage": 0.0,
        "class_size": 30,
        "days_per_class": 1.0,
        "cost_per_class_day_mvnd": 0.0,
        "cost_per_participant_day_mvnd": 0.0,
        "mode": "truc_tiep",
        "trainer_pool": "prov",
    }
    grp.update(kw)
    return grp


def plan_frame(rows: list[tuple]) -> pd.DataFrame:
    """A hand-made plan: (year, group, topic, pool, classes, days_per_class)."""
    return pd.DataFrame(
        rows, columns=["year", "group", "topic", "trainer_pool", "classes", "days_per_class"]
    )
