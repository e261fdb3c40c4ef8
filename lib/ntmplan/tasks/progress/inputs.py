"""Stacking the survey years of one province from several files (2025 units)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.errors import InputError, Problem


def stack_years(frames: list[tuple[str, pd.DataFrame | None]], province_code: str) -> pd.DataFrame:
    """Stack one province's rows of several surveys; a commune and year given twice is an error.

    Parameters
    ----------
    frames : list of (str, DataFrame or None)
        (file name, validated survey in 2025 units); None entries are skipped.
    province_code : str

    Returns
    -------
    pandas.DataFrame
        The province's rows of every file, with ``source_file``, sorted by year and code.

    Raises
    ------
    InputError
        If the same commune and year appears in two files (every case listed).
    """
    parts = [
        f[f["province_code"] == province_code].assign(source_file=name)
        for name, f in frames
        if f is not None
    ]
    if not parts:
        return pd.DataFrame(columns=["province_code", "commune_code", "year", "source_file"])
    out = pd.concat(parts, ignore_index=True)
    twice = out[out.duplicated(["commune_code", "year"], keep=False)]
    if len(twice):
        first = twice.drop_duplicates(["commune_code", "year"])
        raise InputError(
            [
                Problem(
                    file=str(r.source_file),
                    row=None,
                    column="year",
                    value=f"{r.commune_code} / {int(r.year)}",
                    rule_vi="xã và năm khảo sát đã có trong tệp khác",
                    rule_en="commune and survey year already given in another file",
                )
                for r in first.itertuples(index=False)
            ]
        )
    return out.sort_values(["year", "commune_code"], ignore_index=True)


def more_survey_files(value: str | None, illustrative: bool) -> list[Path]:
    """Return the further survey files of notebook 07 (parameter ``more_data_files``).

    Parameters
    ----------
    value : str or None
        Files separated by ``;``; empty means the bundled illustrative 2024–2026 survey when
        the run uses the illustrative data, none otherwise (never mixed with real data).
    illustrative : bool
        Whether the run's main survey is the illustrative one.

    Returns
    -------
    list of Path
    """
    text = (value or "").strip()
    if not text:
        return [paths.SAMPLE_MORE_YEARS_SURVEY] if illustrative else []
    return [Path(part.strip()) for part in text.split(";") if part.strip()]


def profile_targets(province_code: str, profile: str, params_file: str | None = None) -> dict:
    """Return the ``status.targets`` of a programme profile for a province.

    The close-out reads the 2021–2025 profile's targets (Decision 924) and the projection the
    2026–2030 profile's (Resolution 257/2025/QH15), whatever profile the run uses.

    Parameters
    ----------
    province_code : str
    profile : str
        A profile name (``progress.closeout_profile`` or ``progress.projection_profile``).
    params_file : str, optional
        The run's params overlay (empty for none).

    Returns
    -------
    dict
        Target id → spec (empty when the profile sets none).

    Raises
    ------
    ParamsError
        If the profile or the overlay cannot be used.
    """
    from ntmplan.core.params import load_params

    params = load_params(province_code, profile=profile, params_file=params_file or None)
    return dict(params["status"].get("targets") or {})
