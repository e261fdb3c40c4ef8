"""Notebook contexts on hand-made communes for the widget and panel tests (no code under test).

Contexts are real :class:`ntmplan.notebook.context.Workbook` objects built on a few communes of
Bắc Ninh (:data:`tests.survey_fixtures.COMMUNE`); widgets are created without a kernel
(ipywidgets then keeps their state in Python only).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.params import default_params
from ntmplan.notebook.context import Workbook
from tests.survey_fixtures import COMMUNE, PILOT_THRESHOLDS

ROW = {**COMMUNE, "province_code": "24"}  # a commune of Bắc Ninh
INTS = [k for k, v in ROW.items() if isinstance(v, int) and not isinstance(v, bool)]
SHARE_LABEL = "Hộ có Internet + thiết bị (tỷ lệ)"


def survey(*changes: dict) -> pd.DataFrame:
    """One validated-looking row per dict of changes to ROW."""
    rows = [
        {**ROW, "commune_code": f"{i + 1:05d}", "commune_name": f"Xã {i + 1}", **c}
        for i, c in enumerate(changes)
    ]
    return pd.DataFrame(rows).astype({k: "int64" for k in INTS})


def params() -> dict:
    """Defaults with every value the tests rely on set explicitly."""
    p = default_params()
    pp = p["pilots"]
    pp["rural_unit_types"] = ["xã", "đặc khu"]
    pp["eligible_sectors"] = ["du_lich_nong_thon", "trong_trot"]
    pp["thresholds"] = dict(PILOT_THRESHOLDS)
    pp["types"]["smart_commune"]["number"] = 1
    pp["pin"] = {"smart_commune": [], "ecommerce_commune": []}
    pp["exclude"] = []
    b = p["budget"]
    b["unit_cost_factor"] = 1.0
    b["socialised_factor"] = 1.0
    b["unit_costs"]["smart_package_mvnd"] = 2000.0
    b["unit_costs"]["gap_estimate_per_pilot_mvnd"] = 500.0
    b["pilots"]["smart_count"] = None
    b["pilots"]["default_smart_count"] = 1
    return p


def context(
    tmp_path: Path,
    notebook: str = "02_pilots",
    code: str = "24",
    name: str = "Tỉnh Bắc Ninh",
    frame=None,
) -> Workbook:
    """A notebook context on hand-made communes; A has 500/1000 households connected, B 100/1000."""
    frame = survey({}, {"households_internet_smart": 100}) if frame is None else frame
    out = tmp_path / f"{code}-x"
    out.mkdir(parents=True, exist_ok=True)
    return Workbook(notebook, code, name, params(), frame, frame, out, Path("x.csv"), True)
