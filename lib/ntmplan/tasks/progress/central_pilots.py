"""The centrally directed pilots approved by the ministry, carried into the 2025 units.

The bundled list (``data/reference/thi_diem_trung_uong.csv``, read by
:func:`ntmplan.survey.legacy.pilots.read_central_pilots`) names each pilot by its legacy
province and commune codes, with its source (the approval) and a note where the match of a
name to a unit is an assumption. The legacy → 2025 crosswalk gives its 2025 unit; a pilot
whose 2025 unit is a ward (phường) is flagged, never dropped.
"""

from __future__ import annotations

__all__ = [
    "CENTRAL_PILOTS_FILE",
    "COLUMNS",
    "pilots_in_2025_units",
    "province_pilots",
    "read_central_pilots",
]

import pandas as pd

from ntmplan.core.errors import require_columns
from ntmplan.core.paths import CENTRAL_PILOTS_FILE
from ntmplan.survey.legacy.pilots import PILOT_COLUMNS as COLUMNS
from ntmplan.survey.legacy.pilots import read_central_pilots


def pilots_in_2025_units(pilots: pd.DataFrame, crosswalk: pd.DataFrame) -> pd.DataFrame:
    """Carry each central pilot into its 2025 unit.

    Parameters
    ----------
    pilots : pandas.DataFrame
        From :func:`read_central_pilots`.
    crosswalk : pandas.DataFrame
        :func:`ntmplan.survey.units.legacy_crosswalk` (``legacy_province_code``,
        ``legacy_commune_code``, ``province_code``, ``province_name``, ``commune_code``,
        ``commune_name``, ``unit_type``).

    Returns
    -------
    pandas.DataFrame
        ``pilots`` plus the 2025 ``province_code``, ``province_name``, ``commune_code``,
        ``commune_name``, ``unit_type`` (empty when the crosswalk has no match) and
        ``in_ward`` (bool: the 2025 unit is a phường).

    Raises
    ------
    MissingColumnError
        If a needed crosswalk column is missing.
    """
    cols = ["province_code", "province_name", "commune_code", "commune_name", "unit_type"]
    keys = ["legacy_province_code", "legacy_commune_code"]
    require_columns(crosswalk, [*keys, *cols], "crosswalk")
    cw = crosswalk.drop_duplicates(keys)[[*keys, *cols]]
    out = pilots.merge(cw, on=keys, how="left")
    out[cols] = out[cols].fillna("")
    out["in_ward"] = out["unit_type"].eq("phường")
    return out


def province_pilots(pilots_2025: pd.DataFrame, province_code: str) -> pd.DataFrame:
    """Return the central pilots of one province (2025 code).

    Parameters
    ----------
    pilots_2025 : pandas.DataFrame
        From :func:`pilots_in_2025_units`.
    province_code : str

    Returns
    -------
    pandas.DataFrame
        Its rows, same columns.
    """
    return pilots_2025[pilots_2025["province_code"] == province_code].reset_index(drop=True)
