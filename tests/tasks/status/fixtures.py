"""Shared frames and helpers of the status tests.

Three rural communes A, B, C whose indicators, index, aggregates and targets are worked out
by hand in the test comments, small params with simple weights, and the frames drawn by the
chart tests.
"""

from __future__ import annotations

import copy
import io
import warnings

import numpy as np
import pandas as pd

from ntmplan.tasks import status

#: Three rural communes A, B, C (see the hand computations in each test).
ROWS = {
    #                          A        B        C
    "commune_code": ["00001", "00002", "00003"],
    "commune_name": ["Xã An", "Xã Bình", "Xã Cường"],
    "households": [1000, 2000, 500],
    "population": [4000, 8000, 2000],
    "villages": [4, 5, 2],
    "officials": [20, 25, 15],
    "villages_fiber": [2, 5, 0],
    "villages_4g": [4, 5, 1],
    "postal_point": [True, True, False],
    "radio_it": [True, False, False],
    "households_internet": [800, 1000, 100],
    "households_smart_device": [700, 1200, 100],
    "households_internet_smart": [600, 900, 50],
    "officials_computer": [20, 25, 10],
    "officials_email": [10, 25, 5],
    "officials_eoffice": [5, 25, 0],
    "files_online_share": [0.8, 0.5, 0.2],
    "criterion_8_4": [True, False, True],
    "digital_services": [3, 0, 1],
    "community_tech_members": [20, 40, 0],
    "cooperatives": [2, 0, 1],
    "cooperatives_digital": [1, 0, 1],
    "ocop_products": [4, 0, 2],
    "ocop_products_online": [1, 0, 2],
    "households_selling_online": [50, 300, 0],
    "prominent_sector": ["trong_trot", None, "du_lich_nong_thon"],
    "digital_providers": [1, 0, 2],
    "dx_demand": [4, 2, 3],
    "ntm_level": ["nang_cao", "dat_chuan", "chua_dat"],
    "commune_category": ["zone_i", "zone_ii", "zone_iii"],
}


COUNTS = [
    "households",
    "population",
    "villages",
    "officials",
    "villages_fiber",
    "villages_4g",
    "households_internet",
    "households_smart_device",
    "households_internet_smart",
    "officials_computer",
    "officials_email",
    "officials_eoffice",
    "digital_services",
    "community_tech_members",
    "cooperatives",
    "cooperatives_digital",
    "ocop_products",
    "ocop_products_online",
    "households_selling_online",
    "digital_providers",
    "dx_demand",
]


def make_survey(
    rows: dict | None = None, province: str = "01", year: int = 2025, unit_type: str = "xã"
) -> pd.DataFrame:
    """Build a typed survey frame (DESIGN.md columns) from column lists."""
    rows = copy.deepcopy(rows or ROWS)
    n = len(rows["commune_code"])
    df = pd.DataFrame({"province_code": [province] * n, **rows})
    df.insert(3, "unit_type", [unit_type] * n)
    df.insert(4, "year", [year] * n)
    df = df.astype({c: "int64" for c in COUNTS})
    df = df.astype(
        {"postal_point": bool, "radio_it": bool, "criterion_8_4": bool, "files_online_share": float}
    )
    return df


def small_params() -> dict:
    """Small params with simple weights so the index can be computed by hand."""
    return {
        "status": {
            "scope_unit_types": ["xã", "đặc khu"],
            "aggregate_weight": "households",
            "quantiles": [0.5],
            "n_extremes": 1,
            "missing_indicator": "reweight",
            "pillar_weights": {
                "infrastructure": 1.0,
                "digital_government": 1.0,
                "digital_economy": 1.0,
                "digital_society": 1.0,
            },
            "indicators": {
                "infrastructure": {
                    "villages_fiber_share": {"weight": 1.0, "cap": 1.0},
                    "postal_point": {"weight": 1.0, "cap": 1.0},
                },
                "digital_government": {
                    "files_online_share": {"weight": 1.0, "cap": 1.0},
                    "criterion_8_4": {"weight": 1.0, "cap": 1.0},
                },
                "digital_economy": {
                    "cooperatives_digital_share": {"weight": 1.0, "cap": 1.0},
                    "selling_online_per_1000_households": {"weight": 1.0, "cap": 100.0},
                },
                "digital_society": {
                    "households_internet_smart_share": {"weight": 3.0, "cap": 1.0},
                    "digital_services": {"weight": 1.0, "cap": 6.0},
                },
            },
            "flag_minimums": {"has_cooperative": 1, "has_digital_service": 1},
            "targets": {
                "files_online": {
                    "label_vi": "Hồ sơ trực tuyến",
                    "kind": "weighted_mean",
                    "column": "files_online_share",
                    "weight": "officials",
                    "target": 0.6,
                },
                "criterion_8_4": {
                    "label_vi": "Đạt 8.4",
                    "kind": "communes_share",
                    "conditions": {"criterion_8_4": 1},
                    "target": 0.97,
                },
                "cooperatives": {
                    "label_vi": "Có HTX",
                    "kind": "communes_share",
                    "conditions": {"cooperatives": 1},
                    "target": 0.7,
                },
                "digital_service": {
                    "label_vi": "Có dịch vụ số",
                    "kind": "communes_share",
                    "conditions": {"digital_services": 1, "satisfaction_online": 1},
                    "optional": ["satisfaction_online"],
                    "target": 0.4,
                },
            },
            "compare_indicators": ["overall", "households_internet_smart_share", "has_cooperative"],
        }
    }


def computed(survey, params):
    ind = status.commune_indicators(survey, params)
    idx = status.readiness_index(ind, params)
    return ind, idx


VI_TITLE = "Đánh giá hiện trạng chuyển đổi số — Hạ tầng số, Chính quyền số, Kinh tế số, Xã hội số"


def render(fig) -> list[str]:
    """Draw a figure to PNG in memory and return the warnings raised while drawing."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig.savefig(io.BytesIO(), format="png")
    return [str(w.message) for w in caught]


def progress_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "target_id": ["files_online", "criterion_8_4"],
            "label_vi": [
                "Hồ sơ công việc cấp xã xử lý trên môi trường mạng",
                "Tỷ lệ xã đạt chỉ tiêu 8.4",
            ],
            "value": [0.525, 0.98],
            "target": [0.6, 0.97],
            "met": [False, True],
        }
    )


def map_frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "commune_code": ["00001", "00002", "00003", "00004"],
            "commune_name": ["Xã An", "Xã Bình", "Xã Cường", "Xã Đông"],
            "lon": [105.1, 105.5, 105.9, np.nan],  # the 4th has no coordinates
            "lat": [21.0, 21.3, 20.8, 21.1],
            "value": [20.0, 55.0, 90.0, 40.0],
        }
    )
