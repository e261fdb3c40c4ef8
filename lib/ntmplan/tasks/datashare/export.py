"""Writing a versioned export package of a survey in 2025 units (Frictionless Data Package).

Export versions
---------------
The version folder is ``<out_root>/data_export/<date>-<hash>/``: ``hash`` is the
first ``datashare.export.hash_length`` hex digits of the SHA-256 of the
``SHA256SUMS`` file, which lists the SHA-256 of every file of the package (data
CSV, dictionary, ``datapackage.json``); nothing in the files depends on the date.
Re-exporting unchanged content returns the existing folder with the same hash
**whatever its date** (the date records when that content was first exported).
New content gets a new folder; a folder is never rewritten — files are written to a
temporary folder which is then renamed.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import tempfile
from pathlib import Path

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.core.paths import NATIONAL_DIR
from ntmplan.core.writers import atomic_write_bytes, write_csv
from ntmplan.survey import schema
from ntmplan.tasks.datashare.checksums import CHECKSUMS_FILE, checksums_text, verify_checksums
from ntmplan.tasks.datashare.descriptor import DESCRIPTOR_FILE, descriptor, label_slug

#: Sub-folder of a province (or national) output folder holding the export versions.
EXPORT_DIR = "data_export"


def version_date(date) -> str:
    """Return the ``YYYY-MM-DD`` text of a version date.

    Parameters
    ----------
    date : datetime.date, datetime.datetime, str or None
        None = today.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If a text date is not ``YYYY-MM-DD``.
    """
    if date is None:
        date = _dt.date.today()
    if isinstance(date, (_dt.date, _dt.datetime)):
        return date.strftime("%Y-%m-%d")
    text = str(date)
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        raise ValueError(f"date phải có dạng YYYY-MM-DD / date must be YYYY-MM-DD: {date!r}")
    return text


def _write_files(
    tmp: Path, frame: pd.DataFrame, label: str, p: dict, csv_name: str, illustrative: bool
) -> str:
    """Write the package files into ``tmp``; return the ``SHA256SUMS`` text."""
    dict_name = p["datashare"]["export"]["dictionary_file"]
    write_csv(tmp / csv_name, frame)
    dictionary = schema.data_dictionary(p).rename(columns=schema.DICTIONARY_LABELS)
    text = dictionary.to_csv(index=False, lineterminator="\n")
    atomic_write_bytes(tmp / dict_name, b"\xef\xbb\xbf" + text.encode("utf-8"))
    years = sorted(int(y) for y in frame["year"].unique())
    desc = descriptor(label, p, csv_name, dict_name, tmp, illustrative, len(frame), years)
    body = json.dumps(desc, ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(tmp / DESCRIPTOR_FILE, body.encode("utf-8"))
    sums = checksums_text(tmp, [csv_name, dict_name, DESCRIPTOR_FILE])
    atomic_write_bytes(tmp / CHECKSUMS_FILE, sums.encode("utf-8"))
    return sums


def _existing_version(root: Path, digest: str, sums: str) -> Path | None:
    """An intact version folder (any date) with the same ``SHA256SUMS``, or None."""
    for existing in sorted(root.glob(f"*-{digest}"), reverse=True):
        if existing.is_dir() and re.fullmatch(rf"\d{{4}}-\d{{2}}-\d{{2}}-{digest}", existing.name):
            same = (existing / CHECKSUMS_FILE).is_file() and (existing / CHECKSUMS_FILE).read_text(
                encoding="utf-8"
            ) == sums
            if same and not verify_checksums(existing):
                return existing
    return None


def _publish(tmp: Path, target: Path) -> Path:
    """Rename the temporary folder to ``target`` (never over an existing folder)."""
    for item in tmp.iterdir():  # temp files are private (0600); a shared export is readable
        item.chmod(0o644)
    tmp.chmod(0o755)
    if target.exists():
        raise ValueError(
            f"Thư mục {target} đã có nhưng nội dung khác; không ghi đè — hãy xóa hoặc đổi tên nó / "
            f"{target} exists with other content; it is never overwritten — remove or rename it"
        )
    try:
        os.rename(tmp, target)
    except OSError:
        if target.is_dir() and (target / CHECKSUMS_FILE).is_file() and not verify_checksums(target):
            return target  # written meanwhile by another process with the same content
        raise
    return target


def export_package(
    survey: pd.DataFrame,
    out_root,
    label: str,
    params: dict | None = None,
    date=None,
    *,
    illustrative: bool = False,
) -> Path:
    """Write a versioned export package of a survey in 2025 units (Frictionless Data Package).

    ``<out_root>/data_export/<date>-<hash>/`` holds ``khao_sat_<label>.csv`` (UTF-8, no
    BOM, rows by province, commune, year), ``tu_dien_du_lieu.csv`` (Vietnamese data
    dictionary, UTF-8 with BOM for Excel), ``datapackage.json`` and ``SHA256SUMS``.
    Unchanged content reuses the existing version folder whatever its date (see the
    module docstring); nothing is overwritten in place.

    Parameters
    ----------
    survey : pandas.DataFrame
        Validated survey in 2025 units (all survey columns).
    out_root : str or Path
        Province (or national) output folder.
    label : str
        Name of the data set, e.g. ``"01-ha-noi"`` (used in file names and the title).
    params : dict, optional
        Resolved params (``datashare.export``, ``survey``); defaults when None.
    date : datetime.date or str, optional
        Version date (``YYYY-MM-DD``); default today. Injectable for tests.
    illustrative : bool
        Mark the package as illustrative data in its description.

    Returns
    -------
    Path
        The version folder (new or reused).

    Raises
    ------
    MissingColumnError
        If a survey column is missing.
    ValueError
        If the label or date is invalid, or a folder with the same name exists with other
        content (it is never overwritten).
    """
    p = params_or_defaults(params)
    ep = p["datashare"]["export"]
    require_columns(survey, [f.name for f in schema.FIELDS if not f.optional], "survey")
    absent = [c for c in schema.COLUMNS if c not in survey.columns]  # optional columns: empty
    survey = survey.assign(**{c: None for c in absent}) if absent else survey
    version = version_date(date)
    slug = label_slug(label)
    root = Path(out_root) / EXPORT_DIR
    root.mkdir(parents=True, exist_ok=True)
    csv_name = f"{ep['csv_stem']}_{slug}.csv"
    frame = survey[list(schema.COLUMNS)].sort_values(
        ["province_code", "commune_code", "year"], ignore_index=True
    )
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-export-", dir=root))
    try:
        sums = _write_files(tmp, frame, label, p, csv_name, illustrative)
        digest = hashlib.sha256(sums.encode("utf-8")).hexdigest()[: int(ep["hash_length"])]
        existing = _existing_version(root, digest, sums)
        if existing is not None:
            return existing
        return _publish(tmp, root / f"{version}-{digest}")
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def export_national(
    survey_all: pd.DataFrame,
    out_root=None,
    params: dict | None = None,
    date=None,
    *,
    illustrative: bool = False,
) -> Path:
    """Write the national export package into ``<out_root>/00-toan-quoc/data_export/``.

    Parameters
    ----------
    survey_all : pandas.DataFrame
        Validated survey of every province in 2025 units (any years).
    out_root : str or Path, optional
        The outputs folder (default ``paths.OUTPUTS_DIR``).
    params : dict, optional
        Resolved params; defaults when None.
    date : datetime.date or str, optional
        Version date; default today.
    illustrative : bool
        Mark the package as illustrative data.

    Returns
    -------
    Path
        The version folder.

    Raises
    ------
    MissingColumnError
        If a survey column is missing.
    """
    root = paths.OUTPUTS_DIR if out_root is None else Path(out_root)
    return export_package(
        survey_all, root / NATIONAL_DIR, "toan-quoc", params, date, illustrative=illustrative
    )
