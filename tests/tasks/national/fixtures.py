"""Hand-made province summaries, province tables, registrations and communes for national tests."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd


def target_summary(met: int, total: int, value: float, target: float) -> dict:
    return {
        "label_vi": "x",
        "value": value,
        "target": target,
        "met": value >= target,
        "communes_met": met,
        "communes_total": total,
        "communes_needed": 0,
    }


def status_summary(readiness: float, c84: tuple[int, int], files: float, n: int) -> dict:
    met, total = c84
    return {
        "province_code": "",
        "illustrative": True,
        "n_communes": n,
        "readiness_overall": readiness,
        "readiness_overall_mean": readiness - 1,
        "targets_met": 1,
        "targets_total": 4,
        "targets": {
            "files_online": target_summary(0, n, files, 0.6),
            "criterion_8_4": target_summary(met, total, met / total, 0.97),
            "cooperatives": target_summary(n, n, 1.0, 0.7),
            "digital_service": target_summary(0, n, 0.0, 0.4),
        },
    }


def pilots_summary(eligible: int, chosen: list[tuple[str, str, float]]) -> dict:
    return {
        "eligible_count": {"smart_commune": eligible, "ecommerce_commune": 0},
        "target": {"smart_commune": 1},
        "chosen": {
            "smart_commune": [
                {"commune_code": c, "commune_name": n, "eligible": g == 0, "gap_mvnd": g}
                for c, n, g in chosen
            ]
        },
        "smart_pilots_gap_mvnd": sum(g for _, _, g in chosen),
    }


def write_summary(folder: Path, notebook: str, data: dict) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"summary_{notebook}.json").write_text(
        json.dumps(data, ensure_ascii=False), encoding="utf-8"
    )


def provinces_frame(**cols) -> pd.DataFrame:
    base = {
        "province_code": ["01", "04", "08", "11", "12"],
        "province_name": ["A", "B", "C", "D", "E"],
        "pilots_available": [True, True, True, False, True],
        "eligible_smart_commune": [2.0, 0.0, 0.0, np.nan, 3.0],
        "chosen_smart_commune": [1.0, 0.0, 1.0, np.nan, 0.0],
        "target_smart_commune": [1.0, 1.0, 1.0, np.nan, 1.0],
        "smart_gap_mvnd": [0.0, 0.0, 150.0, np.nan, 0.0],
    }
    base.update(cols)
    return pd.DataFrame(base)


def registration_frame(code: str, communes: list[str]) -> pd.DataFrame:
    from ntmplan.tasks.pilots import REGISTRATION_COLUMNS

    rows = []
    for i, c in enumerate(communes, start=1):
        row = dict.fromkeys(REGISTRATION_COLUMNS)
        row.update(
            province_code=code,
            pilot_type="smart_commune",
            rank=i,
            commune_code=c,
            commune_name=f"Xã {c}",
            eligible=True,
            score=80.0,
        )
        rows.append(row)
    return pd.DataFrame(rows, columns=list(REGISTRATION_COLUMNS))


def two_communes() -> pd.DataFrame:
    """Two real communes of Hà Nội (codes from the 2025 unit list), one meeting 8.4."""
    from ntmplan.survey import units

    codes = (
        units.current_units()
        .query("province_code == '01' and unit_type == 'xã'")["commune_code"]
        .head(2)
        .tolist()
    )
    base = {
        "province_code": "01",
        "unit_type": "xã",
        "year": 2025,
        "households": 1000,
        "population": 4000,
        "villages": 10,
        "officials": 20,
        "villages_fiber": 10,
        "villages_4g": 10,
        "postal_point": True,
        "radio_it": True,
        "households_internet": 800,
        "households_smart_device": 700,
        "households_internet_smart": 600,
        "officials_computer": 20,
        "officials_email": 20,
        "officials_eoffice": 20,
        "files_online_share": 0.8,
        "digital_services": 2,
        "community_tech_members": 20,
        "cooperatives": 2,
        "cooperatives_digital": 1,
        "ocop_products": 4,
        "ocop_products_online": 2,
        "households_selling_online": 50,
        "prominent_sector": "trong_trot",
        "digital_providers": 2,
        "dx_demand": 4,
        "ntm_level": "dat_chuan",
        "commune_category": "other",
    }
    rows = [
        {**base, "commune_code": codes[0], "commune_name": "Xã Một", "criterion_8_4": True},
        {
            **base,
            "commune_code": codes[1],
            "commune_name": "Xã Hai",
            "criterion_8_4": False,
            "villages_fiber": 5,
        },
    ]
    return pd.DataFrame(rows)


def readiness_of(survey: pd.DataFrame, params: dict) -> pd.DataFrame:
    """The per-commune readiness index that notebook 00 passes to ``national.commune_index``."""
    from ntmplan.tasks import status

    return status.readiness_index(status.commune_indicators(survey, params), params)


def make_outputs_root(tmp_path: Path) -> Path:
    """Write an outputs root: Hà Nội (01: all fine), Cao Bằng (04: no eligible commune, 02 failed earlier run
    but the summary is missing), plus a junk folder and the national folder (both ignored)."""
    hn = tmp_path / "01-ha-noi"
    write_summary(hn, "01_status", status_summary(70.0, (1, 2), 0.7, 2))
    write_summary(hn, "02_pilots", pilots_summary(2, [("00004", "Xã A", 0.0)]))
    write_summary(
        hn,
        "03_budget",
        {
            "total_mvnd": 1000.0,
            "funded_mvnd": 1000.0,
            "gap_mvnd": 0.0,
            "by_source_mvnd": {"central": 400.0, "provincial": 600.0},
        },
    )
    cb = tmp_path / "04-cao-bang"
    write_summary(cb, "01_status", status_summary(40.0, (2, 2), 0.4, 2))
    (cb / "02_pilots.ipynb").write_text(
        json.dumps({"cells": [], "metadata": {"papermill": {"exception": True}}}), encoding="utf-8"
    )
    write_summary(
        cb,
        "03_budget",
        {"total_mvnd": 500.0, "by_source_mvnd": {"central": 100.0, "commune": 400.0}},
    )
    (tmp_path / "99-nowhere").mkdir()
    (tmp_path / "00-toan-quoc").mkdir()
    (tmp_path / "index.html").write_text("x", encoding="utf-8")
    return tmp_path
