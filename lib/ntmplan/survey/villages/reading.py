"""Where a survey's village rows live, and reading them (:func:`load_villages`).

- An .xlsx survey: the sheet ``survey.village_sheet`` (``thon``) of the same workbook.
- A CSV survey: the file ``<same stem>`` + ``survey.village_csv_suffix`` + ``.csv`` beside it
  (``khao_sat.csv`` → ``khao_sat_thon.csv``).

No such sheet or file, or one without any village row, means the survey has no village data
(:func:`load_villages` returns None). Files are only read, never written.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd

from ntmplan.core.errors import InputError, Problem
from ntmplan.core.params import params_or_defaults
from ntmplan.survey.reading import read_input_bytes, read_table
from ntmplan.survey.units.text import fold
from ntmplan.survey.villages.validation import validate_villages

#: Columns a form fills in advance on its village rows: a row holding nothing else is blank.
PREFILLED = ("province_code", "commune_code", "year")

_SHEET_NAME = re.compile(rb"<(?:\w+:)?sheet\b[^>]*?\bname=\"([^\"]*)\"")


def workbook_sheets(data: bytes) -> list[str]:
    """Return the sheet names of an .xlsx from its bytes (without parsing the cells).

    Parameters
    ----------
    data : bytes

    Returns
    -------
    list of str
        Empty when the bytes are not a readable workbook.
    """
    import html

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            xml = zf.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return []
    return [html.unescape(m.decode("utf-8", "replace")) for m in _SHEET_NAME.findall(xml)]


def village_source(
    survey_path: str | Path, params: dict | None = None
) -> tuple[Path, str | None] | None:
    """Return where the village rows of a survey are: (file, sheet) — sheet None for a CSV.

    Parameters
    ----------
    survey_path : str or Path
        The commune survey (CSV or XLSX).
    params : dict, optional
        Resolved params (``survey.village_sheet``, ``survey.village_csv_suffix``).

    Returns
    -------
    (Path, str or None) or None
        None when the workbook has no village sheet or no village CSV lies beside the survey.

    Raises
    ------
    InputError
        If the survey file cannot be read.
    """
    sp = params_or_defaults(params)["survey"]
    path = Path(survey_path)
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        wanted = fold(sp["village_sheet"])
        found = [n for n in workbook_sheets(read_input_bytes(path)) if fold(n) == wanted]
        return (path, found[0]) if found else None
    beside = path.with_name(f"{path.stem}{sp['village_csv_suffix']}.csv")
    return (beside, None) if beside.is_file() else None


def _blank_rows(raw: pd.DataFrame) -> pd.Series:
    """Rows that hold only the prefilled codes and year (a form's unused village rows)."""
    others = [c for c in raw.columns if c not in PREFILLED]
    if not others:
        return pd.Series(True, index=raw.index)
    return raw[others].isna().all(axis=1)


def read_villages(survey_path: str | Path, params: dict | None = None) -> pd.DataFrame | None:
    """Read a survey's village rows as text (not validated).

    Parameters
    ----------
    survey_path : str or Path
    params : dict, optional

    Returns
    -------
    pandas.DataFrame or None
        As :func:`ntmplan.survey.reading.read_table` returns it (index = Excel rows; ``attrs``
        ``file``, ``header_row``, ``problems``, plus ``sheet``), without the blank rows of a form
        (only codes and year filled); None when there is no village row.

    Raises
    ------
    InputError
        If the village sheet or file cannot be read.
    """
    source = village_source(survey_path, params)
    if source is None:
        return None
    path, sheet = source
    try:
        raw = read_table(path, sheet=sheet)
    except InputError as exc:
        if _is_empty(exc):
            return None
        raise InputError([_located(p, sheet) for p in exc.problems]) from None
    attrs = dict(raw.attrs)
    raw = raw.loc[~_blank_rows(raw)]
    raw.attrs.update(attrs, sheet=sheet)
    return raw if len(raw) else None


def _is_empty(exc: InputError) -> bool:
    """Whether reading failed only because the sheet or file holds nothing."""
    return len(exc.problems) == 1 and exc.problems[0].rule_en == "the file (or sheet) is empty"


def _located(problem: Problem, sheet: str | None) -> Problem:
    import dataclasses

    return dataclasses.replace(problem, sheet=problem.sheet or sheet)


def village_problems(
    survey_path: str | Path, *, communes: pd.DataFrame | None = None, params: dict | None = None
) -> list[Problem]:
    """Every problem of a survey's village rows (none when it has no village data), never raising.

    Parameters
    ----------
    survey_path : str or Path
    communes : pandas.DataFrame, optional
        The validated commune table of the same survey (see :func:`validate_villages`).
    params : dict, optional

    Returns
    -------
    list of Problem
        Located by file, sheet, row and column.
    """
    try:
        raw = read_villages(survey_path, params)
        if raw is None:
            return []
        _typed, problems = validate_villages(
            raw, communes=communes, file=raw.attrs["file"], sheet=raw.attrs["sheet"], params=params
        )
        return problems
    except InputError as exc:
        return list(exc.problems)


def load_villages(
    survey_path: str | Path, *, communes: pd.DataFrame | None = None, params: dict | None = None
) -> pd.DataFrame | None:
    """Read and validate the village rows of a survey.

    Parameters
    ----------
    survey_path : str or Path
        The commune survey (CSV or XLSX); its village rows are found by :func:`village_source`.
    communes : pandas.DataFrame, optional
        The validated commune table of the same survey, every province and year (e.g.
        :func:`ntmplan.survey.loading.load_survey` of the same file): each village's commune
        must be in it for the village's year. Without it, codes are checked against the 2025
        units. Pass the whole table, not one province's rows.
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    pandas.DataFrame or None
        The typed village table (columns ``VILLAGE_COLUMNS``, see
        :func:`validate_villages`), warnings in ``attrs["problems"]``; None when the survey
        has no village rows.

    Raises
    ------
    InputError
        If the village rows cannot be read or any has an error; ``.problems`` lists every
        problem (file, sheet, row, column, rule in Vietnamese / English).
    """
    raw = read_villages(survey_path, params)
    if raw is None:
        return None
    typed, problems = validate_villages(
        raw, communes=communes, file=raw.attrs["file"], sheet=raw.attrs["sheet"], params=params
    )
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    typed.attrs["problems"] = problems
    return typed


def named_communes(survey_path: str | Path, params: dict | None = None) -> pd.DataFrame | None:
    """The communes a survey file names: its valid rows, plus the codes and years of rows with an error.

    What a village is checked against in ``ntmplan validate``: a village of a commune whose own
    row has an error is not reported again as "commune not in the commune sheet".

    Parameters
    ----------
    survey_path : str or Path
    params : dict, optional

    Returns
    -------
    pandas.DataFrame or None
        Typed commune rows (the survey columns; the rows with an error hold only
        ``province_code``, ``commune_code`` and ``year``); None when the commune table cannot
        be read.
    """
    from ntmplan.survey.schema import validate_survey

    try:
        raw = read_table(survey_path)
    except InputError:
        return None
    typed, _ = validate_survey(raw, file=str(survey_path), params=params)
    if not {"province_code", "commune_code", "year"} <= set(raw.columns):
        return typed
    named = pd.DataFrame(
        {
            "province_code": raw["province_code"].astype("string").str.strip().str.zfill(2),
            "commune_code": raw["commune_code"].astype("string").str.strip().str.zfill(5),
            "year": pd.to_numeric(raw["year"], errors="coerce"),
        }
    ).dropna()
    named = named[named["year"] == named["year"].round()].astype({"year": "int64"})
    named = named.astype({"province_code": object, "commune_code": object})
    have = pd.MultiIndex.from_frame(typed[["commune_code", "year"]])
    extra = named[~pd.MultiIndex.from_frame(named[["commune_code", "year"]]).isin(have)]
    return pd.concat([typed, extra], ignore_index=True)
