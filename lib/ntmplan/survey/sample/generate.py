"""Generating the illustrative surveys (2025 units in 2025, 2024 and 2026; 2023 keyed by legacy codes)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.survey.sample.assumptions import (
    DEFAULT_SEED,
    HOUSEHOLD_GROWTH,
    SHARE_NOT_SURVEYED_EARLIER,
    YEAR_CURRENT,
    YEAR_LEGACY,
    YEAR_STEP,
    YEAR_STEP_COMMUNE_SD,
    YEAR_STEP_PROVINCE_SD,
    YEARS_MORE,
)
from ntmplan.survey.sample.columns import (
    BOOL_COLUMNS,
    FLOAT_COLUMNS,
    INT_COLUMNS,
    OPTIONAL_TEXT_COLUMNS,
    SURVEY_COLUMNS,
    TEXT_COLUMNS,
)
from ntmplan.survey.sample.draws import survey_frame
from ntmplan.survey.sample.world import latent_world


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Apply the survey dtypes: codes/text str (None kept), bools, int64 counts, float shares."""
    out = frame[list(SURVEY_COLUMNS)].copy()
    for col in INT_COLUMNS:
        out[col] = out[col].astype("int64")
    for col in BOOL_COLUMNS:
        out[col] = out[col].astype(bool)
    for col in FLOAT_COLUMNS:
        out[col] = out[col].astype("float64")
    for col in TEXT_COLUMNS:
        values = out[col].astype(object)
        if col in OPTIONAL_TEXT_COLUMNS:  # str or None, like the validated survey
            out[col] = values.where(values.notna(), None).astype(object)
        else:  # never missing: pandas' default string dtype
            out[col] = pd.Series(values.tolist(), index=out.index)
    return out.sort_values(["province_code", "commune_code"], ignore_index=True)


def generate_sample(seed: int = DEFAULT_SEED, params: dict | None = None) -> pd.DataFrame:
    """Generate the illustrative 2025 survey: one row per rural unit (xã, đặc khu) of the 34 provinces.

    Parameters
    ----------
    seed : int
        Seed of the numpy generator (the bundled file uses :data:`DEFAULT_SEED`).
    params : dict, optional
        Resolved params; only ``survey.sectors`` and ``survey.commune_categories``
        codes are read. ``None`` uses :func:`ntmplan.core.params.default_params`.

    Returns
    -------
    pandas.DataFrame
        The survey columns of DESIGN.md in order, typed (codes str, yes/no
        bool, counts int64, ``files_online_share`` float rounded to 3
        decimals, ``prominent_sector`` / ``commune_category`` str or None),
        year 2025, sorted by province_code, commune_code.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    params = params_or_defaults(params)
    current, _ = latent_world(int(seed))
    rural = current[current["unit_type"].isin(["xã", "đặc khu"])].reset_index(drop=True)
    rng = np.random.default_rng([int(seed), YEAR_CURRENT])
    return _typed(survey_frame(rural, rng, YEAR_CURRENT, legacy=False, params=params))


def generate_legacy_sample(seed: int = DEFAULT_SEED, params: dict | None = None) -> pd.DataFrame:
    """Generate the illustrative 2023 survey keyed by LEGACY codes: one row per legacy xã (63 provinces).

    The figures are coherent with :func:`generate_sample` for the same seed: a
    legacy unit's readiness follows its 2025 successor's, somewhat lower, and
    the 2025 households are the sums of the legacy ones (plus growth).

    Parameters
    ----------
    seed : int
        Seed of the numpy generator.
    params : dict, optional
        As in :func:`generate_sample`.

    Returns
    -------
    pandas.DataFrame
        Same columns and types as :func:`generate_sample`, year 2023, legacy
        province and commune codes, unit_type ``xã``.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    params = params_or_defaults(params)
    _, legacy = latent_world(int(seed))
    rural = legacy[(legacy["unit_type"] == "xã") & legacy["commune_code"].notna()].reset_index(
        drop=True
    )
    rng = np.random.default_rng([int(seed), YEAR_LEGACY])
    return _typed(survey_frame(rural, rng, YEAR_LEGACY, legacy=True, params=params))


def _yearly_steps(current: pd.DataFrame, seed: int) -> np.ndarray:
    """Yearly change of each current unit's readiness score (province effect + commune noise)."""
    rng = np.random.default_rng([int(seed), YEAR_CURRENT, 1])
    codes = np.array(sorted(current["province_code"].unique()))
    effect = pd.Series(rng.normal(0.0, YEAR_STEP_PROVINCE_SD, len(codes)), index=codes)
    noise = rng.normal(0.0, YEAR_STEP_COMMUNE_SD, len(current))
    return YEAR_STEP + current["province_code"].map(effect).to_numpy() + noise


def generate_year(year: int, seed: int = DEFAULT_SEED, params: dict | None = None) -> pd.DataFrame:
    """Generate the illustrative survey of the 2025 units in another ``year`` (e.g. 2024, 2026).

    Each unit's readiness score moves by its own yearly step (the same every year: a
    province effect plus commune noise around :data:`YEAR_STEP`) and its households grow by
    :data:`HOUSEHOLD_GROWTH` a year. The draws reuse the 2025 generator, so a unit's figures
    move with its score rather than being drawn afresh. Before 2025 a small share of units
    (:data:`SHARE_NOT_SURVEYED_EARLIER`) is left out: they appear only in later years.

    Parameters
    ----------
    year : int
        Survey year written in every row.
    seed : int
        Seed of the numpy generators.
    params : dict, optional
        As in :func:`generate_sample`.

    Returns
    -------
    pandas.DataFrame
        Same columns and types as :func:`generate_sample`, year ``year``.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    params = params_or_defaults(params)
    current, _ = latent_world(int(seed))
    delta = int(year) - YEAR_CURRENT
    shifted = current.assign(
        z=current["z"].to_numpy() + delta * _yearly_steps(current, seed),
        households=np.maximum(
            30, np.round(current["households"] * (1.0 + HOUSEHOLD_GROWTH) ** delta)
        ).astype("int64"),
    )
    rural = shifted[shifted["unit_type"].isin(["xã", "đặc khu"])].reset_index(drop=True)
    rng = np.random.default_rng([int(seed), YEAR_CURRENT])
    out = _typed(survey_frame(rural, rng, int(year), legacy=False, params=params))
    if delta < 0:
        keep = np.random.default_rng([int(seed), int(year), 2]).random(len(out))
        out = out[keep >= SHARE_NOT_SURVEYED_EARLIER].reset_index(drop=True)
    return out


def generate_more_years(
    seed: int = DEFAULT_SEED, params: dict | None = None, years: tuple[int, ...] = YEARS_MORE
) -> pd.DataFrame:
    """Generate the illustrative multi-year survey of the 2025 units (default 2024 and 2026).

    Parameters
    ----------
    seed : int
        Seed of the numpy generators.
    params : dict, optional
        As in :func:`generate_sample`.
    years : tuple of int
        Survey years, each as in :func:`generate_year`.

    Returns
    -------
    pandas.DataFrame
        The years stacked, sorted by year, province_code, commune_code.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    frames = [generate_year(y, seed, params) for y in sorted(years)]
    return pd.concat(frames, ignore_index=True)
