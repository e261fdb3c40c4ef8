"""Legacy-survey fixtures shared by the conversion and notebook-05 tests (hand-made, no code under test).

- :func:`survey` — a typed survey frame from row overrides of :data:`BASE`.
- Legacy fixture (province "90"): :data:`L1` … :data:`L7`, :data:`CROSSWALK`,
  :data:`SPLIT_TARGETS`, :data:`UNITS`, :func:`legacy_fixture`, :func:`convert`.
- Current-units fixture (province "70"): :data:`Q1`, :data:`Q2`, :func:`current_fixture`.

Expected values are computed by hand in the tests' comments.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.survey.legacy import convert_legacy

# ----------------------------------------------------------------- fixture helpers

#: A neutral commune; tests override what they need.
BASE = {
    "province_code": "90",
    "commune_code": "10001",
    "commune_name": "Xã A",
    "unit_type": "xã",
    "year": 2023,
    "households": 100,
    "population": 400,
    "villages": 4,
    "officials": 10,
    "villages_fiber": 2,
    "villages_4g": 4,
    "postal_point": True,
    "radio_it": True,
    "households_internet": 60,
    "households_smart_device": 70,
    "households_internet_smart": 50,
    "officials_computer": 10,
    "officials_email": 8,
    "officials_eoffice": 6,
    "files_online_share": 0.5,
    "criterion_8_4": True,
    "digital_services": 2,
    "community_tech_members": 5,
    "cooperatives": 2,
    "cooperatives_digital": 1,
    "ocop_products": 3,
    "ocop_products_online": 1,
    "households_selling_online": 10,
    "prominent_sector": "trong_trot",
    "digital_providers": 1,
    "dx_demand": 1,
    "ntm_level": "dat_chuan",
    "commune_category": "zone_i",
}


def survey(*rows: dict) -> pd.DataFrame:
    """A typed survey frame from row overrides of BASE."""
    frame = pd.DataFrame([{**BASE, **r} for r in rows], columns=list(BASE))
    ints = [c for c, v in BASE.items() if isinstance(v, int) and not isinstance(v, bool)]
    frame = frame.astype({c: "int64" for c in ints})
    frame = frame.astype({c: bool for c in ("postal_point", "radio_it", "criterion_8_4")})
    for c in ("prominent_sector", "commune_category"):
        frame[c] = frame[c].astype(object).where(frame[c].notna(), None)
    return frame


# Legacy fixture (province "90"):
#   L1 10001 + L2 10002  → merged into N1 20001
#   L3 10003             → N2 20002 (one to one)
#   L4 10004             → split: default N2 20002 (area 30 km²), N3 20003 (area 10 km²)
#   L5 10005             → not in the crosswalk (unknown code)
#   L6 10006             → crosswalk says legacy province 91 (province mismatch)
#   L7 10007             → in the crosswalk without a 2025 unit (no target)
L1 = {"commune_code": "10001", "commune_name": "Xã A"}
L2 = {
    "commune_code": "10002",
    "commune_name": "Xã B",
    "households": 300,
    "population": 1000,
    "villages": 6,
    "officials": 30,
    "villages_fiber": 6,
    "villages_4g": 5,
    "radio_it": False,
    "households_internet": 200,
    "households_smart_device": 250,
    "households_internet_smart": 180,
    "officials_computer": 20,
    "officials_email": 30,
    "officials_eoffice": 25,
    "files_online_share": 0.9,
    "digital_services": 3,
    "community_tech_members": 10,
    "cooperatives": 1,
    "cooperatives_digital": 0,
    "ocop_products": 0,
    "ocop_products_online": 0,
    "households_selling_online": 20,
    "prominent_sector": "chan_nuoi",
    "digital_providers": 2,
    "dx_demand": 3,
    "ntm_level": "nang_cao",
    "commune_category": "zone_iii",
}
L3 = {
    "commune_code": "10003",
    "commune_name": "Xã C",
    "households": 200,
    "population": 700,
    "villages": 5,
    "officials": 20,
}
L4 = {
    "commune_code": "10004",
    "commune_name": "Xã D",
    "households": 101,
    "population": 350,
    "villages": 3,
    "officials": 7,
    "villages_fiber": 3,
    "villages_4g": 3,
    "officials_computer": 7,
    "officials_email": 7,
    "officials_eoffice": 6,
}
L5 = {"commune_code": "10005", "commune_name": "Xã E"}
L6 = {"commune_code": "10006", "commune_name": "Xã F"}
L7 = {"commune_code": "10007", "commune_name": "Xã G"}

CROSSWALK = pd.DataFrame(
    {
        "legacy_province_code": ["90", "90", "90", "90", "91", "90", "90"],
        "legacy_commune_code": ["10001", "10002", "10003", "10004", "10006", "10007", "10008"],
        "legacy_commune_name": ["Xã A", "Xã B", "Xã C", "Xã D", "Xã F", "Xã G", "Thị trấn H"],
        "province_code": ["70", "70", "70", "70", "70", None, "70"],
        "commune_code": ["20001", "20001", "20002", "20002", "20002", None, "20002"],
        "commune_name": [
            "Xã An Bình",
            "Xã An Bình",
            "Xã Bình Minh",
            "Xã Bình Minh",
            "Xã Bình Minh",
            None,
            "Xã Bình Minh",
        ],
        "is_split": [False, False, False, True, False, False, False],
        "is_default_target": [True, True, True, True, True, False, True],
        "n_targets": [1, 1, 1, 2, 1, 0, 1],
        "match_note": [None, None, None, "split among 2", None, "không có / none", None],
    }
)
SPLIT_TARGETS = pd.DataFrame(
    {
        "legacy_province_code": ["90", "90"],
        "legacy_commune_code": ["10004", "10004"],
        "legacy_commune_name": ["Xã D", "Xã D"],
        "province_code": ["70", "70"],
        "commune_code": ["20002", "20003"],
        "commune_name": ["Xã Bình Minh", "Phường Cát"],
        "area_km2": [30.0, 10.0],
        "area_share": [0.75, 0.25],
        "is_default": [True, False],
    }
)
UNITS = pd.DataFrame(
    {
        "province_code": ["70", "70", "70", "70", "70"],
        "commune_code": ["20001", "20002", "20003", "20004", "20005"],
        "commune_name": ["Xã An Bình", "Xã Bình Minh", "Phường Cát", "Xã Đông", "Đặc khu Đảo"],
        "unit_type": ["xã", "xã", "phường", "xã", "đặc khu"],
    }
)


def legacy_fixture() -> pd.DataFrame:
    return survey(L1, L2, L3, L4, L5, L6, L7)


def convert(frame=None, params=None, split_weights=None):
    return convert_legacy(
        legacy_fixture() if frame is None else frame,
        params,
        split_weights,
        crosswalk=CROSSWALK,
        split_targets=SPLIT_TARGETS,
        units=UNITS,
    )


def row(frame: pd.DataFrame, code: str) -> pd.Series:
    hit = frame[frame["commune_code"] == code]
    assert len(hit) == 1, code
    return hit.iloc[0]


# ----------------------------------------------------------------- current units

# Current-units fixture (province "70"; units in UNITS): 20001 and 20002 surveyed; 20004, 20005 missing.
Q1 = {
    "province_code": "70",
    "commune_code": "20001",
    "commune_name": "Xã An Bình",
    "year": 2025,
    "households": 2000,
    "population": 7000,
    "villages": 10,
    "officials": 30,
}
Q2 = {
    "province_code": "70",
    "commune_code": "20002",
    "commune_name": "Xã Bình Minh",
    "year": 2025,
    "households": 100,  # below 300 → warning
    "population": 1000,  # 10 persons per household → above 7 → warning
    "villages": 3,
    "officials": 25,
    "prominent_sector": None,
}


def current_fixture() -> pd.DataFrame:
    return survey(
        Q1,
        {**Q2, "households": 400, "population": 1500},
        {**Q1, "commune_code": "20004", "commune_name": "Xã Đông", "households": 1500},
    )
