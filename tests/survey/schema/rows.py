"""A clean survey as read from a file, and helpers to break one cell (shared by the schema tests)."""

from __future__ import annotations

import pandas as pd

# Three real 2025-scheme units: two rural communes of Hà Nội and a special zone of Quảng Ninh.
UNITS = [
    ("01", "00376", "Xã Sóc Sơn", "xã"),
    ("01", "00382", "Xã Kim Anh", "xã"),
    ("22", "06994", "Đặc khu Vân Đồn", "đặc khu"),
]


def survey_rows(**overrides) -> pd.DataFrame:
    """A clean survey as read from a file: every cell a string, 3 rows (Excel rows 2–4)."""
    rows = []
    for prov, code, name, utype in UNITS:
        rows.append(
            {
                "province_code": prov,
                "commune_code": code,
                "commune_name": name,
                "unit_type": utype,
                "year": "2025",
                "households": "1000",
                "population": "4000",
                "villages": "10",
                "officials": "20",
                "villages_fiber": "8",
                "villages_4g": "10",
                "postal_point": "có",
                "radio_it": "1",
                "households_internet": "600",
                "households_smart_device": "700",
                "households_internet_smart": "550",
                "officials_computer": "20",
                "officials_email": "18",
                "officials_eoffice": "20",
                "files_online_share": "0.65",
                "criterion_8_4": "không",
                "digital_services": "1",
                "community_tech_members": "5",
                "cooperatives": "2",
                "cooperatives_digital": "1",
                "ocop_products": "3",
                "ocop_products_online": "1",
                "households_selling_online": "40",
                "prominent_sector": "trong_trot",
                "digital_providers": "2",
                "dx_demand": "3",
                "ntm_level": "dat_chuan",
                "commune_category": None,
                "satisfaction_online": "có",
                "prominent_sector_other": None,
                "commune_group": None,
                "agriculture_share": "0.4",
                "urban_oriented": "0",
                "ethnic_region": None,
            }
        )
    frame = pd.DataFrame(rows, dtype=object)
    for (row, column), value in overrides.items():
        frame.loc[row, column] = value
    return frame


def broken(column: str, value, row: int = 1) -> pd.DataFrame:
    """The clean survey with one cell changed (position ``row`` → Excel row ``row + 2``)."""
    frame = survey_rows()
    frame.loc[row, column] = value
    return frame


def errors(problems):
    return [p for p in problems if p.severity == "error"]


def warnings_(problems):
    return [p for p in problems if p.severity == "warning"]
