"""Validating many returned files at once with the survey's own rules.

Validating one small table costs about as much as validating a thousand rows (the checks run
column by column), so the returned files' tables are stacked and validated together by
:func:`ntmplan.survey.schema.validate_survey` and
:func:`ntmplan.survey.villages.validate_villages` — a few calls for a whole folder — and every
problem is sent back to its file, sheet and Excel row. Files stacked together share their
columns (a different header is validated in its own stack, so a missing column is reported
as such) and never share a commune and year (so two forms of one commune are not mistaken for
a commune listed twice in one file: that is a conflict between files, found before).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.survey.schema import validate_survey
from ntmplan.survey.villages import validate_villages

#: Row number given to the header of a stack (never an Excel row of a data cell).
STACK_HEADER = -1


def stack(frames: list[pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Stack tables of the same columns; return the stack and where each of its rows comes from.

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Tables as read (index = Excel rows).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The stack (index ``excel_row`` = 0, 1, … across the frames; ``attrs`` header row
        :data:`STACK_HEADER`, no problems) and, per stacked row, ``part`` (position in
        ``frames``) and ``row`` (its Excel row).
    """
    parts = np.repeat(np.arange(len(frames)), [len(f) for f in frames])
    rows = (
        np.concatenate([f.index.to_numpy(dtype="int64") for f in frames])
        if frames
        else np.array([], "int64")
    )
    out = pd.concat([f.reset_index(drop=True) for f in frames], ignore_index=True)
    out.index = pd.RangeIndex(len(out), name="excel_row")
    out.attrs = {"header_row": STACK_HEADER, "problems": [], "file": None}
    return out, pd.DataFrame({"part": parts, "row": rows})


def unstack_problems(
    problems: list[Problem],
    origin: pd.DataFrame,
    files: list[str],
    sheets: list,
    header_rows: list[int],
) -> list[list[Problem]]:
    """Send each problem of a stack back to its file, sheet and Excel row.

    Parameters
    ----------
    problems : list of Problem
        Found on the stack (rows are stack rows).
    origin : pandas.DataFrame
        From :func:`stack`.
    files, sheets, header_rows : list
        Per stacked frame: its file, sheet and header row.

    Returns
    -------
    list of list of Problem
        One list per stacked frame. A problem about the header, or about no row, is given to
        every frame of the stack.
    """
    out: list[list[Problem]] = [[] for _ in files]
    part_of = origin["part"].to_numpy()
    row_of = origin["row"].to_numpy()
    for p in problems:
        if p.row is None or p.row == STACK_HEADER:
            for k in range(len(files)):
                row = header_rows[k] if p.row == STACK_HEADER else None
                out[k].append(dataclasses.replace(p, file=files[k], row=row, sheet=sheets[k]))
            continue
        k = int(part_of[p.row])
        out[k].append(
            dataclasses.replace(p, file=files[k], row=int(row_of[p.row]), sheet=sheets[k])
        )
    return out


def validate_communes(
    frames: list[pd.DataFrame], files: list[str], sheets: list, params: dict | None
) -> tuple[pd.DataFrame, list[list[Problem]]]:
    """Validate the commune tables of several files in one pass (same columns, no shared commune).

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Commune tables as read.
    files, sheets : list
        File and sheet of each table, for the problems.
    params : dict or None

    Returns
    -------
    (pandas.DataFrame, list of list of Problem)
        The typed rows without errors, with a column ``part`` (position in ``frames``), and each
        table's problems (its reading notes first).
    """
    stacked, origin = stack(frames)
    typed, problems = validate_survey(stacked, scheme="current", file=None, params=params)
    per_file = unstack_problems(
        problems, origin, files, sheets, [int(f.attrs.get("header_row", 1)) for f in frames]
    )
    read = [
        [dataclasses.replace(p, sheet=p.sheet or s) for p in f.attrs.get("problems", [])]
        for f, s in zip(frames, sheets, strict=True)
    ]
    keys = _keys(stacked).assign(part=origin["part"].to_numpy()).dropna()
    keys = keys.drop_duplicates(["commune_code", "year"]).astype({"year": "int64"})
    typed = typed.merge(keys, on=["commune_code", "year"], how="left")
    return typed, [r + p for r, p in zip(read, per_file, strict=True)]


def _keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Commune code (zero-padded) and year (int) of each row of a table as read."""
    code = (
        frame["commune_code"].astype("string").str.strip()
        if "commune_code" in frame
        else pd.Series(pd.NA, index=frame.index, dtype="string")
    )
    code = code.where(~code.str.fullmatch(r"\d{1,5}").fillna(False), code.str.zfill(5))
    year = (
        pd.to_numeric(frame["year"], errors="coerce")
        if "year" in frame
        else pd.Series(np.nan, index=frame.index)
    )
    year = year.where(year == np.floor(year)).astype("Int64")
    return pd.DataFrame({"commune_code": code.astype(object), "year": year}, index=frame.index)


def row_keys(frame: pd.DataFrame) -> pd.DataFrame:
    """Commune code (zero-padded) and year of each row of a table as read (missing: NA).

    Parameters
    ----------
    frame : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Columns ``commune_code`` (str or NA) and ``year`` (Int64), same index.
    """
    return _keys(frame)


def validate_village_tables(
    frames: list[pd.DataFrame],
    files: list[str],
    communes: pd.DataFrame,
    own: list[set],
    params: dict | None,
) -> tuple[pd.DataFrame, list[list[Problem]]]:
    """Validate the village rows of several files in one pass, each against its own file's commune.

    Parameters
    ----------
    frames : list of pandas.DataFrame
        Village rows as read (``attrs["sheet"]`` names their sheet).
    files : list of str
    communes : pandas.DataFrame
        The typed commune rows of the same files.
    own : list of set
        Per frame, the commune codes of its own file: a village row naming another commune is
        an error.
    params : dict or None

    Returns
    -------
    (pandas.DataFrame, list of list of Problem)
        Typed village rows without errors (column ``part``), and each frame's problems.
    """
    sheets = [f.attrs.get("sheet") for f in frames]
    stacked, origin = stack(frames)
    typed, problems = validate_villages(stacked, communes=communes, file=None, params=params)
    keys = _keys(stacked)
    own_parts = [k for k, codes in enumerate(own) for _ in codes]
    own_codes = [c for codes in own for c in codes]
    pairs = pd.MultiIndex.from_arrays(
        [np.array(own_parts, dtype="int64"), np.array(own_codes, dtype=object)]
    )
    mine = pd.MultiIndex.from_arrays([origin["part"].to_numpy(), keys["commune_code"].to_numpy()])
    foreign = keys["commune_code"].notna() & ~pd.Series(mine.isin(pairs), index=stacked.index)
    problems = problems + [
        Problem(
            None,
            int(r),
            "commune_code",
            stacked.at[r, "commune_code"],
            "Mã xã của thôn khác với xã của phiếu (trang khảo sát cấp xã)",
            "the village's commune code is not the commune of this form's commune sheet",
        )
        for r in stacked.index[foreign]
    ]
    per_file = unstack_problems(
        problems, origin, files, sheets, [int(f.attrs.get("header_row", 1)) for f in frames]
    )
    read = [list(f.attrs.get("problems", [])) for f in frames]
    names = (
        stacked["village_name"]
        if "village_name" in stacked
        else pd.Series(None, index=stacked.index)
    )
    where = keys.assign(village_name=names, part=origin["part"].to_numpy())
    where = where[~foreign].dropna().drop_duplicates(["commune_code", "year", "village_name"])
    where = where.astype({"year": "int64"})
    typed = typed.merge(where, on=["commune_code", "year", "village_name"], how="left")
    return typed, [r + p for r, p in zip(read, per_file, strict=True)]
