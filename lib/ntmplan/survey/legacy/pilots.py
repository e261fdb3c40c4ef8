"""The approved central pilots (legacy units) and the ones a conversion carries into a ward.

The bundled list (``data/reference/thi_diem_trung_uong.csv``, :data:`ntmplan.core.paths.
CENTRAL_PILOTS_FILE`) names each centrally directed pilot approved by the ministry by its
legacy province and commune codes, with its source. A legacy commune that was such a pilot
and whose 2025 unit is a ward (phường) falls outside the NTM scope of the 2025 units: the
conversion report lists it rather than letting it vanish from the rural figures.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.errors import require_columns

#: Columns of the bundled list.
PILOT_COLUMNS = (
    "pilot_type",
    "batch",
    "legacy_province_code",
    "legacy_commune_code",
    "legacy_commune_name",
    "legacy_district_name",
    "legacy_province_name",
    "source",
    "note",
)


def read_central_pilots(path: str | Path | None = None) -> pd.DataFrame:
    """Read the list of approved central pilots (codes as text).

    Parameters
    ----------
    path : str or Path, optional
        Default :data:`ntmplan.core.paths.CENTRAL_PILOTS_FILE`.

    Returns
    -------
    pandas.DataFrame
        :data:`PILOT_COLUMNS`; ``note`` empty text when none.

    Raises
    ------
    MissingColumnError
        If a column is missing.
    """
    source = Path(path) if path else paths.CENTRAL_PILOTS_FILE
    frame = pd.read_csv(source, dtype=str, keep_default_na=False)
    require_columns(frame, PILOT_COLUMNS, str(source))
    return frame[list(PILOT_COLUMNS)]


def pilots_in_wards(
    mapping: pd.DataFrame, units: pd.DataFrame, pilots: pd.DataFrame
) -> pd.DataFrame:
    """Return the central pilots of the input that the conversion carries into a ward.

    Parameters
    ----------
    mapping : pandas.DataFrame
        The conversion's mapping (``year``, legacy codes and name, ``province_code``,
        ``commune_code``, ``commune_name``).
    units : pandas.DataFrame
        2025 units (``commune_code``, ``unit_type``).
    pilots : pandas.DataFrame
        From :func:`read_central_pilots`.

    Returns
    -------
    pandas.DataFrame
        ``year``, ``legacy_province_code``, ``legacy_commune_code``, ``legacy_commune_name``,
        ``pilot_type``, ``province_code``, ``commune_code``, ``commune_name``, ``source``; one
        row per pilot and year whose new unit is a phường (empty when none).

    Raises
    ------
    MissingColumnError
        If a needed column is missing.
    """
    keys = ["legacy_province_code", "legacy_commune_code"]
    require_columns(mapping, [*keys, "year", "commune_code", "commune_name"], "mapping")
    require_columns(units, ["commune_code", "unit_type"], "units")
    kinds = units.drop_duplicates("commune_code").set_index("commune_code")["unit_type"]
    hit = mapping.merge(pilots[[*keys, "pilot_type", "source"]], on=keys, how="inner")
    hit = hit[hit["commune_code"].map(kinds).eq("phường")]
    cols = [
        "year",
        *keys,
        "legacy_commune_name",
        "pilot_type",
        "province_code",
        "commune_code",
        "commune_name",
        "source",
    ]
    return hit[cols].reset_index(drop=True)
