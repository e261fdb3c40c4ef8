"""Filling a commune form the way a commune official does (openpyxl, by column name)."""

from __future__ import annotations

from pathlib import Path

import openpyxl

#: A commune row that meets every rule (hand-made; lists as the dropdown labels).
GOOD_COMMUNE = {
    "households": 1000,
    "population": 4000,
    "villages": 5,
    "officials": 20,
    "villages_fiber": 4,
    "villages_4g": 5,
    "postal_point": "Có",
    "radio_it": "Có",
    "households_internet": 800,
    "households_smart_device": 700,
    "households_internet_smart": 600,
    "officials_computer": 18,
    "officials_email": 18,
    "officials_eoffice": 17,
    "files_online_share": 0.7,
    "criterion_8_4": "Có",
    "digital_services": 3,
    "community_tech_members": 25,
    "cooperatives": 4,
    "cooperatives_digital": 2,
    "ocop_products": 3,
    "ocop_products_online": 1,
    "households_selling_online": 50,
    "prominent_sector": "Trồng trọt",
    "digital_providers": 2,
    "dx_demand": 4,
    "ntm_level": "Đạt chuẩn NTM",
}
#: Two villages that meet every rule.
GOOD_VILLAGES = (
    {
        "village_name": "Thôn Nà Khan",
        "village_type": "Thôn",
        "households": 120,
        "households_internet": 90,
        "households_smart_device": 100,
        "fixed_broadband": "Có",
        "mobile_broadband": "Có",
        "prominent_sector": "Chăn nuôi",
        "dx_demand": 3,
        "digital_providers": 1,
    },
    {
        "village_name": "Bản Hon",
        "village_type": "Bản",
        "households": 80,
        "households_internet": 40,
        "households_smart_device": 50,
        "fixed_broadband": "Không",
        "mobile_broadband": "Có",
        "prominent_sector": None,
        "dx_demand": 2,
        "digital_providers": 0,
    },
)


def _columns(ws) -> dict[str, int]:
    """English column name (row 2) → column number."""
    return {c.value: c.column for c in ws[2] if c.value}


def fill_form(form: Path, out: Path, commune: dict | None = None, villages=GOOD_VILLAGES) -> Path:
    """Fill a form's commune row (row 3) and village rows (from row 3) and save it as ``out``."""
    wb = openpyxl.load_workbook(form)
    ws = wb["khao_sat"]
    cols = _columns(ws)
    for name, value in (GOOD_COMMUNE if commune is None else commune).items():
        ws.cell(row=3, column=cols[name], value=value)
    wv = wb["thon"]
    vcols = _columns(wv)
    for i, village in enumerate(villages):
        for name, value in village.items():
            wv.cell(row=3 + i, column=vcols[name], value=value)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out
