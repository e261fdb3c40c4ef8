"""Shared builders of the budget tests: surveys, params and tables worked out by hand."""

from __future__ import annotations

import itertools

import pandas as pd

from ntmplan.core.params import default_params

SOURCES = ["central", "provincial", "district", "commune", "socialised", "other"]


def make_survey(rows: list[dict]) -> pd.DataFrame:
    """Build a validated-looking survey frame (DESIGN.md columns) from a few overrides per row."""
    base = {
        "province_code": "01",
        "commune_code": "00000",
        "commune_name": "Xã",
        "unit_type": "xã",
        "year": 2025,
        "households": 1000,
        "population": 4000,
        "villages": 8,
        "officials": 20,
        "villages_fiber": 8,
        "villages_4g": 8,
        "postal_point": True,
        "radio_it": True,
        "households_internet": 700,
        "households_smart_device": 700,
        "households_internet_smart": 600,
        "officials_computer": 20,
        "officials_email": 20,
        "officials_eoffice": 20,
        "files_online_share": 0.7,
        "criterion_8_4": True,
        "digital_services": 1,
        "community_tech_members": 5,
        "cooperatives": 2,
        "cooperatives_digital": 1,
        "ocop_products": 3,
        "ocop_products_online": 1,
        "households_selling_online": 30,
        "prominent_sector": "trong_trot",
        "digital_providers": 2,
        "dx_demand": 4,
        "ntm_level": "dat_chuan",
        "commune_category": None,
    }
    frame = pd.DataFrame([{**base, **r} for r in rows])
    ints = ["year", "households", "population", "villages", "officials", "community_tech_members"]
    return frame.astype({c: "int64" for c in ints})


def simple_params() -> dict:
    """Defaults with round unit costs and simple phasing, so totals are easy by hand."""
    p = default_params()
    b = p["budget"]
    b["unit_costs"].update(
        {
            "plan_preparation_mvnd": 100.0,
            "communication_province_per_year_mvnd": 10.0,
            "communication_per_commune_year_mvnd": 1.0,
            "training_province_per_year_mvnd": 20.0,
            "training_per_commune_year_mvnd": 2.0,
            "smart_package_mvnd": 1000.0,
            "ecommerce_package_mvnd": 500.0,
            "gap_estimate_per_pilot_mvnd": 50.0,
            "data_per_commune_mvnd": 3.0,
            "data_system_mvnd": 200.0,
            "team_allowance_per_member_month_mvnd": 0.5,
            "allowance_months_per_year": 12,
            "team_members_per_commune": 5,
        }
    )
    even = {"rule": "even", "weights": [], "from_year": 0}
    b["phasing"] = {a: dict(even) for a in b["phasing"]}
    b["phasing"]["support_policy"] = {"rule": "from_year", "weights": [], "from_year": 2023}
    b["envelopes"] = {}
    return p


def tidy_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["activity", "year", "source", "amount_mvnd"])


def split_params(split: dict, factor: float = 1.0) -> dict:
    p = simple_params()
    p["budget"]["splits"]["pilots"] = {s: 0.0 for s in SOURCES} | split
    p["budget"]["socialised_factor"] = factor
    return p


def envelope_params(envelopes: dict, fallback: dict) -> dict:
    p = simple_params()
    p["budget"]["envelopes"] = envelopes
    p["budget"]["fallback"] = {s: "" for s in SOURCES} | fallback
    return p


def gaps_frame(costs: list[float], attainable=None, eligible=None, values=None) -> pd.DataFrame:
    n = len(costs)
    df = pd.DataFrame(
        {
            "commune_code": [f"{i:05d}" for i in range(1, n + 1)],
            "commune_name": [f"Xã {i}" for i in range(1, n + 1)],
            "total_gap_mvnd": costs,
            "attainable": attainable if attainable is not None else [True] * n,
            "eligible": eligible if eligible is not None else [c == 0 for c in costs],
        }
    )
    if values is not None:
        df["value"] = values
    return df


def brute_force(costs, values, budget_mvnd):
    """Best (max value, then min cost) subset by enumeration — the reference answer."""
    best = (-1.0, 0.0, ())
    for k in range(len(costs) + 1):
        for combo in itertools.combinations(range(len(costs)), k):
            c = sum(costs[i] for i in combo)
            v = sum(values[i] for i in combo)
            if c <= budget_mvnd + 1e-9 and (
                v > best[0] + 1e-9 or (abs(v - best[0]) <= 1e-9 and c < best[1] - 1e-9)
            ):
                best = (v, c, combo)
    return best
