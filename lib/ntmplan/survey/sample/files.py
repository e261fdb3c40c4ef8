"""The sample files: deterministic CSV bytes, and writing the bundled files atomically."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.errors import require_columns
from ntmplan.core.params import params_or_defaults
from ntmplan.survey.sample.assumptions import DEFAULT_SEED
from ntmplan.survey.sample.columns import BOOL_COLUMNS, FLOAT_COLUMNS, SURVEY_COLUMNS
from ntmplan.survey.sample.generate import (
    generate_legacy_sample,
    generate_more_years,
    generate_sample,
)
from ntmplan.survey.sample.villages import generate_villages, village_csv_bytes


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise a survey frame as deterministic UTF-8 CSV bytes.

    Fixed column order (:data:`SURVEY_COLUMNS`), rows sorted by year, province_code
    and commune_code, ``\\n`` line endings, yes/no as ``1``/``0``, shares with
    3 decimals, missing text as an empty cell, no BOM.

    Parameters
    ----------
    frame : pandas.DataFrame
        A survey frame as returned by :func:`generate_sample`.

    Returns
    -------
    bytes

    Raises
    ------
    MissingColumnError
        If a survey column is missing (also a ``KeyError``).
    """
    require_columns(frame, SURVEY_COLUMNS, "survey")
    out = frame[list(SURVEY_COLUMNS)].sort_values(
        ["year", "province_code", "commune_code"], ignore_index=True
    )
    out = out.astype({c: "int64" for c in BOOL_COLUMNS})
    out = out.assign(**{c: out[c].map(lambda v: f"{v:.3f}") for c in FLOAT_COLUMNS})
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_samples(directory: str | Path | None = None, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write the illustrative CSV files (atomically) into ``directory``.

    Parameters
    ----------
    directory : str or Path, optional
        Target folder; default ``data/sample`` (:data:`ntmplan.core.paths.SAMPLE_DIR`).
    seed : int
        Seed of every sample.

    Returns
    -------
    list of Path
        The 2025 file (``khao_sat_2025_du_lieu_minh_hoa.csv``), the 2023
        legacy-code file (``khao_sat_2023_ma_cu_du_lieu_minh_hoa.csv``) and the
        file of the further years 2024 and 2026 (``khao_sat_2024_2026_du_lieu_minh_hoa.csv``),
        and the illustrative village rows of a few provinces
        (``khao_sat_2025_du_lieu_minh_hoa_thon.csv``, :func:`village_file_name`).

    Raises
    ------
    OSError
        If the folder cannot be written.
    """
    from ntmplan.core.writers import atomic_write_bytes

    directory = paths.SAMPLE_DIR if directory is None else Path(directory)
    written = []
    sample = generate_sample(seed)
    for name, frame in (
        (paths.SAMPLE_SURVEY.name, sample),
        (paths.SAMPLE_LEGACY_SURVEY.name, generate_legacy_sample(seed)),
        (paths.SAMPLE_MORE_YEARS_SURVEY.name, generate_more_years(seed)),
    ):
        written.append(atomic_write_bytes(directory / name, csv_bytes(frame)))
    villages = generate_villages(sample, seed)
    written.append(atomic_write_bytes(directory / village_file_name(), village_csv_bytes(villages)))
    return written


def village_file_name(params: dict | None = None) -> str:
    """Return the name of the illustrative village file beside the 2025 survey.

    ``<survey stem><survey.village_csv_suffix>.csv``, e.g.
    ``khao_sat_2025_du_lieu_minh_hoa_thon.csv``: the place where the survey reader looks for
    the village rows of a CSV survey.

    Parameters
    ----------
    params : dict, optional
        Resolved params; None means the defaults.

    Returns
    -------
    str
    """
    suffix = params_or_defaults(params)["survey"]["village_csv_suffix"]
    return f"{paths.SAMPLE_SURVEY.stem}{suffix}.csv"
