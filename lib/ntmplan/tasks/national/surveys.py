"""Which survey each province ran on, and the national survey made of their latest years."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ntmplan.core.summaries import nested_get, read_summary
from ntmplan.tasks.national.folders import papermill_meta, province_folders
from ntmplan.tasks.national.labels import SURVEY_NOTEBOOKS


def survey_files(outputs_root: str | Path) -> dict[str, str]:
    """Find the survey file each province ran on, from its executed notebooks.

    Reads ``data_file`` from the province summaries when present, else from the papermill
    parameters of the executed ``01_status.ipynb`` (then 02–05).

    Parameters
    ----------
    outputs_root : str or Path

    Returns
    -------
    dict
        Province code → data file path ("" = the bundled illustrative survey).
    """
    found: dict[str, str] = {}
    for code, folder in province_folders(outputs_root):
        for nb in SURVEY_NOTEBOOKS:
            summary = read_summary(folder, nb)
            if isinstance(summary, dict) and isinstance(summary.get("data_file"), str):
                found[code] = summary["data_file"]
                break
            meta = papermill_meta(folder / f"{nb}.ipynb")
            value = nested_get(meta or {}, "parameters", "data_file")
            if isinstance(value, str):
                found[code] = value
                break
    return found


def survey_sources(
    codes: Iterable[str], files: dict[str, str], default: Path
) -> dict[Path, list[str]]:
    """Group provinces by the survey file to read for them.

    Parameters
    ----------
    codes : iterable of str
        Province codes, in order.
    files : dict
        Output of :func:`survey_files`.
    default : Path
        The file of provinces with no (or an empty) data file: the bundled survey.

    Returns
    -------
    dict
        Survey file → province codes, files in the order of their first province.
    """
    by_file: dict[Path, list[str]] = {}
    for code in codes:
        f = files.get(code, "")
        by_file.setdefault(Path(f) if f else default, []).append(code)
    return by_file


def latest_years(frames: list[pd.DataFrame]) -> pd.DataFrame | None:
    """Stack survey rows and keep each province's default survey year.

    The year a province's own reports analyse by default
    (:func:`ntmplan.survey.years.default_years`): the latest of its years holding the most
    units, so a few rows typed with a later year do not shrink a province.

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Validated survey rows (``province_code``, ``year``), e.g. one frame per file.

    Returns
    -------
    pandas.DataFrame or None
        The rows of each province's default year (index reset); None when ``frames`` is empty.
    """
    from ntmplan.survey.years import default_years

    if not frames:
        return None
    survey = pd.concat(frames, ignore_index=True)
    chosen = survey["province_code"].map(default_years(survey))
    return survey[survey["year"] == chosen].reset_index(drop=True)
