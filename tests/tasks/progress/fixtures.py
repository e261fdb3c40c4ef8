"""Small hand-made fixtures of the progress tests."""

from __future__ import annotations

import copy

import pandas as pd

from ntmplan.core.params import default_params

#: Two targets of the two kinds, in the params form.
TARGETS = {
    "files_online": {
        "label_vi": "Hồ sơ trực tuyến",
        "kind": "weighted_mean",
        "column": "files_online_share",
        "weight": "officials",
        "target": 0.6,
    },
    "criterion_8_4": {
        "label_vi": "Chỉ tiêu 8.4",
        "kind": "communes_share",
        "conditions": {"criterion_8_4": 1},
        "target": 0.97,
    },
}


def params(targets: dict | None = None, **progress) -> dict:
    """Default params with the given targets and progress values."""
    p = copy.deepcopy(default_params())
    p["status"]["targets"] = copy.deepcopy(TARGETS if targets is None else targets)
    p["progress"].update(progress)
    return p


def survey(rows: list[tuple]) -> pd.DataFrame:
    """Survey rows (commune, year, officials, files share, criterion 8.4), province 01, xã."""
    frame = pd.DataFrame(
        rows, columns=["commune_code", "year", "officials", "files_online_share", "criterion_8_4"]
    )
    return frame.assign(
        province_code="01",
        commune_name="Xã " + frame["commune_code"],
        unit_type="xã",
        households=100,
    )


def series(values: dict[int, float], target: float = 0.97, tid: str = "t") -> pd.DataFrame:
    """A province series of one target: {year: value}."""
    return pd.DataFrame(
        {
            "province_code": "01",
            "target_id": tid,
            "year": list(values),
            "value": list(values.values()),
            "target": target,
            "communes": 10,
            "communes_met": 0,
        }
    )


def measures(rows: list[tuple], target: float = 0.97, tid: str = "t") -> pd.DataFrame:
    """Commune measures of one target: (commune, year, value)."""
    frame = pd.DataFrame(rows, columns=["commune_code", "year", "value"])
    return frame.assign(
        province_code="01", target_id=tid, kind="communes_share", weight=1.0, target=target
    )
