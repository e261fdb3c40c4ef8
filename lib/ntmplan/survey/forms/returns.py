"""Forms in: finding the returned files in a folder and reading each one's two tables.

Every file under the folder (subfolders too) is a returned file, whatever its name, except
Excel's lock files (``~$…``), hidden files and the village files that go with a CSV survey
(``<stem>_thon.csv``). Files are only read, never written: the bytes are read once and
parsed in memory.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from ntmplan.core.errors import InputError, Problem
from ntmplan.core.params import params_or_defaults
from ntmplan.survey.forms.xlsx_cells import plain_form_sheets, sheet_rows
from ntmplan.survey.reading import SURVEY_SHEET, read_input_bytes, read_table
from ntmplan.survey.reading.frame import frame_from_rows
from ntmplan.survey.reading.xlsx import excel_cell_text, nfc_rows
from ntmplan.survey.villages import read_villages

#: Extensions read as surveys (others are listed as not recognised).
SURVEY_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".xls", ".ods")


@dataclass
class ReturnedFile:
    """One returned file as read (not yet validated).

    Parameters
    ----------
    path : Path
    communes : pandas.DataFrame or None
        The commune table as :func:`ntmplan.survey.reading.read_table` gives it; None when
        the file could not be read.
    villages : pandas.DataFrame or None
        The village rows as :func:`ntmplan.survey.villages.read_villages` gives them.
    problems : list of Problem
        Problems that stopped the reading (then ``communes`` is None).
    sheet : str or None
        The commune sheet read (None for a CSV file).
    mtime : float
        Modification time of the file (``--prefer newest``).
    """

    path: Path
    communes: pd.DataFrame | None
    villages: pd.DataFrame | None
    problems: list[Problem] = field(default_factory=list)
    sheet: str | None = None
    mtime: float = 0.0


def find_returns(folder: str | Path, params: dict | None = None) -> list[Path]:
    """Return every returned file under ``folder``, sorted by path.

    Parameters
    ----------
    folder : str or Path
    params : dict, optional
        For ``survey.village_csv_suffix`` (village files beside a CSV are not returns).

    Returns
    -------
    list of Path

    Raises
    ------
    InputError
        If ``folder`` is not a folder.
    """
    root = Path(folder)
    if not root.is_dir():
        raise InputError(
            [
                Problem(
                    str(root),
                    None,
                    None,
                    None,
                    "Không tìm thấy thư mục phiếu",
                    "folder of returned forms not found",
                )
            ]
        )
    suffix = params_or_defaults(params)["survey"]["village_csv_suffix"]
    files = [
        p
        for p in root.rglob("*")
        if p.is_file()
        and not any(part.startswith((".", "~$")) for part in p.relative_to(root).parts)
    ]
    csv_stems = {(p.parent, p.stem) for p in files if p.suffix.lower() == ".csv"}
    return sorted(
        p
        for p in files
        if not (
            p.suffix.lower() == ".csv"
            and p.stem.endswith(suffix)
            and (p.parent, p.stem[: -len(suffix)]) in csv_stems
        )
    )


def _fast_tables(data: bytes, name: str, village_sheet: str):
    """(communes, villages) of a plain form read from its XML, or None when not plain."""
    parts = plain_form_sheets(data, (SURVEY_SHEET, village_sheet))
    if parts is None:
        return None
    rows = sheet_rows(data, parts)
    tables = []
    for sheet in (SURVEY_SHEET, village_sheet):
        if sheet not in rows or not any(c is not None for r in rows[sheet] for c in r):
            tables.append(None)
            continue
        problems: list[Problem] = []
        text = nfc_rows(
            [[excel_cell_text(v) for v in r] for r in rows[sheet]], name, problems, sheet
        )
        if sheet == village_sheet:
            text = _blank_prefilled(text)
        meta = {"merged": [], "formulas": {}, "sheet": sheet}
        tables.append(frame_from_rows(text, name, problems, meta))
    return tables


def _blank_prefilled(rows: list[list]) -> list[list]:
    """Empty the form's unused village rows (only the prefilled codes and year) before parsing.

    The columns are found by the form's two header rows; a sheet laid out otherwise is left
    as it is (its blank rows are dropped after reading, as for any file).
    """
    from ntmplan.survey.villages import PREFILLED, village_column_for_header

    heads = rows[:2]
    keep = {j for r in heads for j, c in enumerate(r) if village_column_for_header(c) in PREFILLED}
    if not keep:
        return rows
    out = heads
    for r in rows[2:]:
        blank = all(c is None for j, c in enumerate(r) if j not in keep)
        out.append([None] * len(r) if blank else r)
    return out


def _blank_village_rows(frame: pd.DataFrame) -> pd.DataFrame | None:
    from ntmplan.survey.villages import PREFILLED

    others = [c for c in frame.columns if c not in PREFILLED]
    attrs = dict(frame.attrs)
    kept = frame.loc[~frame[others].isna().all(axis=1)] if others else frame.iloc[0:0]
    kept.attrs.update(attrs)
    return kept if len(kept) else None


def read_return(path: str | Path, params: dict | None = None) -> ReturnedFile:
    """Read one returned file's commune table and village rows, never raising for bad input.

    A plain form (the survey sheet by name, no formula, no merged cell) is read straight from
    its XML; any other file goes through :func:`ntmplan.survey.reading.read_table` and
    :func:`ntmplan.survey.villages.read_villages`, the readers of ``ntmplan validate``.

    Parameters
    ----------
    path : str or Path
    params : dict, optional

    Returns
    -------
    ReturnedFile
    """
    path = Path(path)
    name = str(path)
    params = params_or_defaults(params)
    village_sheet = params["survey"]["village_sheet"]
    try:
        mtime = path.stat().st_mtime
        if path.suffix.lower() not in SURVEY_SUFFIXES:
            return ReturnedFile(
                path,
                None,
                None,
                [
                    Problem(
                        name,
                        None,
                        None,
                        path.suffix,
                        "Không phải tệp Excel (.xlsx) hoặc CSV — không đọc được phiếu",
                        "not an Excel (.xlsx) or CSV file — no form can be read",
                    )
                ],
                mtime=mtime,
            )
        data = read_input_bytes(path)
        fast = (
            _fast_tables(data, name, village_sheet)
            if path.suffix.lower() in (".xlsx", ".xlsm")
            else None
        )
        if fast is not None and fast[0] is not None:
            villages = _blank_village_rows(fast[1]) if fast[1] is not None else None
            if villages is not None:
                villages.attrs["sheet"] = village_sheet
            return ReturnedFile(path, fast[0], villages, sheet=SURVEY_SHEET, mtime=mtime)
        communes = read_table(path)
        villages = read_villages(path, params)
        sheet = SURVEY_SHEET if path.suffix.lower() in (".xlsx", ".xlsm") else None
        return ReturnedFile(path, communes, villages, sheet=sheet, mtime=mtime)
    except InputError as exc:
        return ReturnedFile(path, None, None, list(exc.problems), mtime=locals().get("mtime", 0.0))
    except OSError as exc:
        problem = Problem(
            name,
            None,
            None,
            None,
            f"Không đọc được tệp: {exc.strerror}",
            f"cannot read the file: {exc.strerror}",
        )
        return ReturnedFile(path, None, None, [problem])


def located(problems: list[Problem], sheet: str | None) -> list[Problem]:
    """Return the problems with ``sheet`` set where they name none.

    Parameters
    ----------
    problems : list of Problem
    sheet : str or None

    Returns
    -------
    list of Problem
    """
    return [
        p if p.sheet or sheet is None else dataclasses.replace(p, sheet=sheet) for p in problems
    ]
