"""Every project path, built in one place."""

from __future__ import annotations

import os
from pathlib import Path

#: Project root: the folder holding params/, data/, notebooks/.
ROOT = Path(os.environ.get("NTMPLAN_ROOT", Path(__file__).resolve().parents[3]))
PARAMS_DIR = ROOT / "params"
DEFAULTS_FILE = PARAMS_DIR / "defaults.yaml"
PROFILES_DIR = PARAMS_DIR / "profiles"
PROVINCE_PARAMS_DIR = PARAMS_DIR / "provinces"
DATA_DIR = ROOT / "data"
SAMPLE_DIR = DATA_DIR / "sample"
#: The bundled illustrative survey (2025 units, survey year 2025).
SAMPLE_SURVEY = SAMPLE_DIR / "khao_sat_2025_du_lieu_minh_hoa.csv"
#: The bundled illustrative legacy survey (legacy units, survey year 2023).
SAMPLE_LEGACY_SURVEY = SAMPLE_DIR / "khao_sat_2023_ma_cu_du_lieu_minh_hoa.csv"
#: The bundled illustrative survey of further years (2025 units, survey years 2024 and 2026).
SAMPLE_MORE_YEARS_SURVEY = SAMPLE_DIR / "khao_sat_2024_2026_du_lieu_minh_hoa.csv"
#: The approved centrally directed pilots (legacy units, with sources).
CENTRAL_PILOTS_FILE = DATA_DIR / "reference" / "thi_diem_trung_uong.csv"
NOTEBOOKS_DIR = ROOT / "notebooks"
OUTPUTS_DIR = ROOT / "outputs"
#: The environment variable naming the disk cache folder (validated surveys).
CACHE_ENV = "NTMPLAN_CACHE_DIR"
#: Disk cache (validated surveys) when the environment names none at import time.
CACHE_DIR = Path(os.environ.get(CACHE_ENV, OUTPUTS_DIR / ".cache"))


def cache_dir() -> Path:
    """Return the disk cache folder: ``$NTMPLAN_CACHE_DIR`` now, else :data:`CACHE_DIR`.

    Read at each call, not at import: a kernel forked from a pre-imported server gets
    its environment (the batch sets the variable to ``<outputs root>/.cache``) after
    this module was imported.

    Returns
    -------
    Path
    """
    value = os.environ.get(CACHE_ENV)
    return Path(value) if value else CACHE_DIR


#: Folder of the national roll-up inside an outputs root.
NATIONAL_DIR = "00-toan-quoc"
