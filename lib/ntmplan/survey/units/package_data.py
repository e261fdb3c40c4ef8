"""Reading the data files shipped with the installed ``vietnamadminunits`` package.

The package itself is not imported (its import parses large JSON files); only its
data folder is located, and ``data/dataset.db`` (tables ``admin_units`` and
``admin_units_legacy``) and ``data/converter_2025.json`` are read, read-only.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import sqlite3
from pathlib import Path

import pandas as pd


def package_data_dir() -> Path:
    """Return the ``data`` folder of the installed ``vietnamadminunits`` package.

    Returns
    -------
    Path
        Folder holding ``dataset.db`` and ``converter_2025.json``.

    Raises
    ------
    ModuleNotFoundError
        If the package is not installed.
    """
    spec = importlib.util.find_spec("vietnamadminunits")  # locates without importing
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(
            "Chưa cài gói vietnamadminunits / package vietnamadminunits is not installed"
        )
    return Path(list(spec.submodule_search_locations)[0]) / "data"


_COLUMNS = {
    "admin_units": (
        "province provinceShort provinceCode provinceKey provinceKeywords "
        "ward wardShort wardType wardCode wardLat wardLon wardAreaKm2 wardKey wardKeywords"
    ),
    "admin_units_legacy": (
        "province provinceShort provinceCode provinceKey provinceKeywords "
        "district districtShort districtCode districtKey districtLat districtLon "
        "ward wardShort wardType wardCode wardLat wardLon wardKey wardKeywords"
    ),
}


def read_units_table(table: str) -> pd.DataFrame:
    """Read the columns this library uses from one table of ``dataset.db`` (read-only).

    Parameters
    ----------
    table : {"admin_units", "admin_units_legacy"}

    Returns
    -------
    pandas.DataFrame
        The package's columns, as stored.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    db = package_data_dir() / "dataset.db"
    uri = db.resolve().as_uri() + "?mode=ro"
    columns = ", ".join(f"[{c}]" for c in _COLUMNS[table].split())
    with sqlite3.connect(uri, uri=True) as conn:
        return pd.read_sql_query(f"SELECT {columns} FROM [{table}]", conn)  # noqa: S608 - fixed names


@functools.lru_cache(maxsize=1)
def converter() -> dict:
    """Return the package's legacy → 2025 conversion table (``converter_2025.json``, cached).

    Returns
    -------
    dict
        The parsed JSON (callers must not modify it).

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    path = package_data_dir() / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))
