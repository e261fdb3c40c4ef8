"""Survey fixtures shared by several test files (hand-made rows, no code under test).

- :data:`ROW_A`, :data:`ROW_B` — two real 2025 units of Hà Nội as raw survey cells (text, in
  DESIGN.md column order), :func:`csv_text` and :func:`with_cells` to build survey files from them
  (tests/test_io.py, tests/test_validate.py).
- :data:`COMMUNE` — one validated survey row (typed values) of a commune that meets every pilot
  condition of the guidance's task 3 under :data:`PILOT_THRESHOLDS` (tests/test_pilots.py,
  tests/test_widgets.py).
"""

from __future__ import annotations

import csv
import io as _io

from ntmplan.survey.schema import COLUMNS

# Two real 2025 units of Hà Nội; values in DESIGN.md column order.
ROW_A = [
    "01",
    "00376",
    "Xã Sóc Sơn",
    "xã",
    "2025",
    "1000",
    "4000",
    "10",
    "20",
    "8",
    "10",
    "có",
    "1",
    "600",
    "700",
    "550",
    "20",
    "18",
    "20",
    "0.65",
    "không",
    "1",
    "5",
    "2",
    "1",
    "3",
    "1",
    "40",
    "trong_trot",
    "2",
    "3",
    "dat_chuan",
    "",
    "có",
    "",
    "",
    "0.4",
    "0",
    "",
]
ROW_B = [
    "01",
    "00382",
    "Xã Kim Anh",
    "xã",
    "2025",
    "800",
    "3000",
    "8",
    "18",
    "8",
    "8",
    "có",
    "0",
    "500",
    "600",
    "450",
    "18",
    "18",
    "18",
    "0.7",
    "có",
    "2",
    "6",
    "1",
    "1",
    "2",
    "0",
    "20",
    "",
    "1",
    "2",
    "nang_cao",
    "zone_i",
    "không",
    "",
    "",
    "0.3",
    "có",
    "1",
]


def csv_text(rows=(ROW_A, ROW_B), header=COLUMNS, sep=",") -> str:
    """A small survey CSV: header line then one line per row (quoted where needed)."""
    buf = _io.StringIO()
    csv.writer(buf, delimiter=sep, lineterminator="\n").writerows([list(header), *rows])
    return buf.getvalue()


def with_cells(row: list[str], **cells) -> list[str]:
    """A copy of a raw survey row with the named cells replaced."""
    out = list(row)
    for column, value in cells.items():
        out[COLUMNS.index(column)] = value
    return out


# Eligible baseline commune (validated dtypes: str codes, int counts, bool flags, share 0–1).
COMMUNE = {
    "province_code": "01",
    "commune_code": "00001",
    "commune_name": "Xã A",
    "unit_type": "xã",
    "year": 2025,
    "households": 1000,
    "population": 4000,
    "villages": 10,
    "officials": 37,
    "villages_fiber": 10,
    "villages_4g": 10,
    "postal_point": True,
    "radio_it": True,
    "households_internet": 600,
    "households_smart_device": 600,
    "households_internet_smart": 500,
    "officials_computer": 37,
    "officials_email": 37,
    "officials_eoffice": 37,
    "files_online_share": 0.7,
    "criterion_8_4": True,
    "digital_services": 2,
    "community_tech_members": 20,
    "cooperatives": 4,
    "cooperatives_digital": 2,
    "ocop_products": 4,
    "ocop_products_online": 2,
    "households_selling_online": 60,
    "prominent_sector": "du_lich_nong_thon",
    "digital_providers": 2,
    "dx_demand": 4,
    "ntm_level": "nang_cao",
    "commune_category": "zone_i",
}

#: Pilot thresholds (``pilots.thresholds``) set explicitly by the tests; :data:`COMMUNE` meets
#: every one of them (fibre and 4G in 10/10 villages, 500/1000 households with internet and a
#: smart device, 37/37 officials with computer, e-mail and e-office, 2 providers, 2 OCOP products
#: online, dx_demand 4, 60/1000 households selling online).
PILOT_THRESHOLDS = {
    "villages_fiber_min": 1,
    "villages_fiber_share": 1.0,
    "villages_4g_share": 1.0,
    "households_internet_smart_share": 0.5,
    "officials_computer_share": 1.0,
    "officials_email_share": 1.0,
    "officials_eoffice_share": 1.0,
    "digital_providers_min": 1,
    "sector_min_dx_demand": 1,
    "ocop_products_online_min": 1,
    "households_selling_online_share": 0.05,
}
