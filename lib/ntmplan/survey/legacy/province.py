"""One 2025 province from a legacy survey: choosing the file, selecting and converting its rows."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core import paths
from ntmplan.core.errors import require_columns
from ntmplan.survey import loading
from ntmplan.survey import units as admin_units
from ntmplan.survey.legacy.convert import convert_legacy
from ntmplan.survey.legacy.report import ConversionReport
from ntmplan.survey.reading import require_data_file


def drop_partial_units(converted: pd.DataFrame, report: ConversionReport) -> pd.DataFrame:
    """Return the converted rows whose every legacy predecessor was in the input.

    Useful before comparing years: a new unit built from only some of its legacy
    communes has understated counts (see ``ConversionReport.partial_units``).

    Parameters
    ----------
    converted : pandas.DataFrame
        Output of :func:`~ntmplan.survey.legacy.convert.convert_legacy`.
    report : ConversionReport
        Its report.

    Returns
    -------
    pandas.DataFrame
        The rows kept (fresh index; ``attrs`` kept).
    """
    partial = report.partial_units[["year", "commune_code"]].assign(_partial=True)
    flagged = converted[["year", "commune_code"]].merge(
        partial, on=["year", "commune_code"], how="left"
    )["_partial"]
    out = converted[flagged.isna().to_numpy()].reset_index(drop=True)
    out.attrs = converted.attrs
    return out


def select_legacy_province(
    survey: pd.DataFrame, province_code: str, crosswalk: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the rows of a legacy survey whose unit becomes part of a 2025 province.

    A legacy unit belongs to the 2025 province of its default successor (for a split
    unit, parts falling in another province then stay with this one).

    Parameters
    ----------
    survey : pandas.DataFrame
        Legacy-scheme survey (needs commune_code).
    province_code : str
        2025 province code.
    crosswalk : pandas.DataFrame, optional
        As in :func:`~ntmplan.survey.legacy.convert.convert_legacy`; default the packaged one.

    Returns
    -------
    pandas.DataFrame
        The selected rows (a copy, original index kept).

    Raises
    ------
    MissingColumnError
        If ``commune_code`` is missing.
    """
    require_columns(survey, ["commune_code"], "survey")
    if crosswalk is None:
        crosswalk = admin_units.legacy_crosswalk()
    mine = crosswalk.loc[
        crosswalk["province_code"] == str(province_code), "legacy_commune_code"
    ].dropna()
    return survey[survey["commune_code"].astype(str).str.zfill(5).isin(set(mine))].copy()


def legacy_source(data_file, scheme: str, illustrative: bool) -> Path | None:
    """Return the legacy survey to compare with, or None.

    Parameters
    ----------
    data_file : str or Path
        The survey the notebook runs on.
    scheme : str
        ``programme.scheme`` of the run.
    illustrative : bool
        Whether the run uses the bundled illustrative survey.

    Returns
    -------
    Path or None
        ``data_file`` itself when it is a legacy survey; the bundled illustrative legacy
        survey (``paths.SAMPLE_LEGACY_SURVEY``) when the run is illustrative and the file
        exists (never mixed with a real survey); otherwise None.
    """
    if scheme == "legacy":
        return Path(data_file)
    if illustrative and paths.SAMPLE_LEGACY_SURVEY.is_file():
        return paths.SAMPLE_LEGACY_SURVEY
    return None


def load_legacy(path: Path, params: dict | None) -> pd.DataFrame:
    """Read and validate a legacy survey once (memory and disk cache of ``load_survey_cached``).

    Parameters
    ----------
    path : Path
        Legacy-scheme survey (CSV/XLSX).
    params : dict or None
        Resolved params.

    Returns
    -------
    pandas.DataFrame

    Raises
    ------
    InputError
        If the file cannot be read or has errors.
    """
    return loading.load_survey_cached(path, scheme="legacy", params=params)


def convert_legacy_province(
    path, province_code: str, params: dict | None = None, split_weights=None
) -> tuple[pd.DataFrame, ConversionReport]:
    """Read a legacy survey file and convert the rows of one 2025 province.

    The validated file is kept in memory (a few files per process), so converting again
    with other options does not read it again.

    Parameters
    ----------
    path : str or Path
        Legacy-scheme survey (CSV/XLSX).
    province_code : str
        2025 province code.
    params : dict, optional
        Resolved params.
    split_weights : {"default", "area"} or pandas.DataFrame, optional
        As in :func:`~ntmplan.survey.legacy.convert.convert_legacy`.

    Returns
    -------
    (pandas.DataFrame, ConversionReport)
        Converted rows of the province's units and the report (about the selected rows).

    Raises
    ------
    InputError
        If the file cannot be read or has errors.
    """
    path = require_data_file(path)
    legacy = load_legacy(path, params)
    crosswalk = admin_units.legacy_crosswalk()
    rows = select_legacy_province(legacy, province_code, crosswalk)
    converted, report = convert_legacy(rows, params, split_weights, crosswalk=crosswalk)
    mine = converted[converted["province_code"] == str(province_code)].reset_index(drop=True)
    mine.attrs = converted.attrs
    return mine, report
