"""Shared rows and helpers of the pilot tests (a handful of communes built here).

Every expected value is worked out by hand in the test comments. The ``params`` fixture
(``conftest.py``) is the defaults with every value a test relies on set explicitly, so a
change of defaults.yaml does not silently change the expectations.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.tasks import pilots
from tests.survey_fixtures import COMMUNE

BASE = dict(COMMUNE)
COUNTS = [
    k
    for k, v in BASE.items()
    if isinstance(v, int) and not isinstance(v, bool) and k not in ("year",)
]


def commune(code: str = "00001", **changes) -> dict:
    """One commune row: the eligible baseline BASE with ``changes`` applied."""
    row = dict(BASE, commune_code=code, commune_name=f"Xã {code}")
    row.update(changes)
    return row


def survey(*rows: dict, index=None) -> pd.DataFrame:
    """A survey frame with the validated dtypes (int64 counts, bool flags, str codes)."""
    df = pd.DataFrame(list(rows), index=index)
    for col in COUNTS:
        if df[col].notna().all():
            df[col] = df[col].astype("int64")
    df["year"] = df["year"].astype("int64")
    return df


def only_weight(params: dict, name: str) -> dict:
    """Params whose score is driven by one indicator (all other weights 0)."""
    for key in params["pilots"]["weights"]:
        params["pilots"]["weights"][key] = 1.0 if key == name else 0.0
    return params


def elig(df, params, pilot_type="smart_commune"):
    return pilots.check_eligibility(df, params, pilot_type)


SMART_GATES = [
    "gate_rural",
    "gate_infrastructure",
    "gate_sector",
    "gate_households",
    "gate_officials_computer",
    "gate_officials_email_eoffice",
    "gate_providers",
]


def three_communes():
    # Scores with only the households weight: A 90, B 80, C 70 (share × 100).
    return survey(
        commune("0000A", households_internet_smart=900, prominent_sector="trong_trot"),
        commune("0000B", households_internet_smart=800, prominent_sector="trong_trot"),
        commune("0000C", households_internet_smart=700, prominent_sector="chan_nuoi"),
        commune("0000D", households_internet_smart=950, officials_computer=30),  # not eligible
    )


def ranked_for(df, params, pilot_type="smart_commune"):
    return pilots.rank_candidates(df, elig(df, params, pilot_type), params)
