"""The optional implementation workbook an office supplies: money spent, training and communication done.

Format (one Excel file, ``implementation_file`` of notebook 07):

- sheet ``progress.spending_sheet`` (default ``chi_tieu``): columns ``activity`` (a code of
  ``budget.activities``), ``year`` (whole number), ``source`` (a code of ``budget.sources``),
  ``actual_mvnd`` (money spent, million VND, ≥ 0); one row per activity, year and source;
- sheet ``progress.capacity_sheet`` (default ``dao_tao``): columns ``item`` (a training group
  of ``capacity.groups`` or ``communication``), ``year``, ``done`` (participants trained, or
  communication products and events, ≥ 0).

Every problem found is reported with its file, sheet, row and column; the file is never
modified.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ntmplan.core.errors import InputError, Problem
from ntmplan.core.params import params_or_defaults

#: Columns of each sheet.
SPENDING_COLUMNS = ("activity", "year", "source", "actual_mvnd")
CAPACITY_COLUMNS = ("item", "year", "done")


def _problem(file, sheet, row, column, value, vi, en) -> Problem:
    return Problem(
        file=str(file), row=row, column=column, value=value, rule_vi=vi, rule_en=en, sheet=sheet
    )


def check_sheet(
    frame: pd.DataFrame, columns, codes: dict[str, set], number: str, file, sheet
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check one sheet: columns present, codes listed, years whole, amounts numbers ≥ 0.

    Parameters
    ----------
    frame : pandas.DataFrame
        The sheet as text.
    columns : tuple of str
        Required columns.
    codes : dict of str to set
        Column → allowed codes.
    number : str
        The amount column (``actual_mvnd`` or ``done``).
    file, sheet : str
        Where it comes from (for the messages).

    Returns
    -------
    (pandas.DataFrame, list of Problem)
        The typed rows (``year`` int64, amount float) and every problem found (row numbers
        as in Excel: the header is row 1).
    """
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        return frame, [
            _problem(file, sheet, None, c, None, "thiếu cột bắt buộc", "required column missing")
            for c in missing
        ]
    problems: list[Problem] = []
    rows = frame.index.to_numpy() + 2
    for col, allowed in codes.items():
        bad = ~frame[col].astype(str).str.strip().isin(allowed)
        problems += [
            _problem(file, sheet, int(r), col, v, "mã không có trong danh mục", "unknown code")
            for r, v in zip(rows[bad.to_numpy()], frame.loc[bad, col], strict=True)
        ]
    year = pd.to_numeric(frame["year"], errors="coerce")
    bad = year.isna() | (year % 1 != 0)
    problems += [
        _problem(
            file, sheet, int(r), "year", v, "năm phải là số nguyên", "year must be a whole number"
        )
        for r, v in zip(rows[bad.to_numpy()], frame.loc[bad, "year"], strict=True)
    ]
    amount = pd.to_numeric(frame[number].astype(str).str.replace(",", "."), errors="coerce")
    bad = amount.isna() | (amount < 0)
    problems += [
        _problem(file, sheet, int(r), number, v, "phải là số ≥ 0", "must be a number ≥ 0")
        for r, v in zip(rows[bad.to_numpy()], frame.loc[bad, number], strict=True)
    ]
    typed = frame.assign(year=year.fillna(0).astype("int64"), **{number: amount.astype(float)})
    for col in codes:
        typed[col] = typed[col].astype(str).str.strip()
    return typed[list(columns)], problems


def read_implementation(
    path: str | Path, params: dict | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read and check the implementation workbook.

    Parameters
    ----------
    path : str or Path
        The office's ``.xlsx`` file.
    params : dict, optional
        Resolved params (``progress``, ``budget.activities``, ``budget.sources``,
        ``capacity.groups``).

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        Spending (:data:`SPENDING_COLUMNS`) and done (:data:`CAPACITY_COLUMNS`); a missing
        capacity sheet gives an empty frame.

    Raises
    ------
    InputError
        If the file or the spending sheet is missing, or any row breaks a rule (every
        problem listed).
    """
    p = params_or_defaults(params)
    pp = p["progress"]
    path = Path(path)
    if not path.is_file():
        raise InputError(
            [_problem(path, None, None, None, None, "không tìm thấy tệp", "file not found")]
        )
    sheets = pd.read_excel(path, sheet_name=None, dtype=str)
    if pp["spending_sheet"] not in sheets:
        raise InputError(
            [
                _problem(
                    path,
                    pp["spending_sheet"],
                    None,
                    None,
                    None,
                    "thiếu trang tính",
                    "sheet missing",
                )
            ]
        )
    spending, problems = check_sheet(
        sheets[pp["spending_sheet"]].fillna(""),
        SPENDING_COLUMNS,
        {"activity": set(p["budget"]["activities"]), "source": set(p["budget"]["sources"])},
        "actual_mvnd",
        path.name,
        pp["spending_sheet"],
    )
    done = pd.DataFrame({c: [] for c in CAPACITY_COLUMNS})
    if pp["capacity_sheet"] in sheets:
        items = {*p["capacity"]["groups"], "communication"}
        done, more = check_sheet(
            sheets[pp["capacity_sheet"]].fillna(""),
            CAPACITY_COLUMNS,
            {"item": items},
            "done",
            path.name,
            pp["capacity_sheet"],
        )
        problems += more
    if problems:
        raise InputError(problems)
    return spending, done


def money_table(planned_by_activity: dict, spending: pd.DataFrame | None, params=None):
    """Compare money planned (03) with money spent, per activity.

    Parameters
    ----------
    planned_by_activity : dict
        ``{activity: planned million VND}`` (03 ``by_activity_mvnd``).
    spending : pandas.DataFrame or None
        From :func:`read_implementation`; None when the office supplied none.
    params : dict, optional
        Resolved params (``progress.spending_tolerance``).

    Returns
    -------
    pandas.DataFrame
        ``activity``, ``planned_mvnd``, ``actual_mvnd`` (NaN without spending),
        ``spent_share`` (actual / planned), ``on_plan`` (bool or NA).
    """
    tol = float(params_or_defaults(params)["progress"]["spending_tolerance"])
    out = pd.DataFrame(
        {"activity": list(planned_by_activity), "planned_mvnd": list(planned_by_activity.values())}
    )
    if spending is None:
        return out.assign(actual_mvnd=float("nan"), spent_share=float("nan"), on_plan=pd.NA)
    actual = spending.groupby("activity")["actual_mvnd"].sum()
    out = out.merge(actual.rename("actual_mvnd"), left_on="activity", right_index=True, how="outer")
    out["planned_mvnd"] = out["planned_mvnd"].fillna(0.0)
    out["actual_mvnd"] = out["actual_mvnd"].fillna(0.0)
    out["spent_share"] = out["actual_mvnd"] / out["planned_mvnd"].where(out["planned_mvnd"] > 0)
    out["on_plan"] = (out["spent_share"] - 1.0).abs() <= tol + 1e-9
    return out


def capacity_table(groups_planned: dict, communication_planned, done, params=None):
    """Compare training (per group) and communication planned (04) with what was done.

    Parameters
    ----------
    groups_planned : dict
        ``{group: planned participants}`` (04 ``groups.<g>.participants``).
    communication_planned : float or None
        Communication products and events planned; None when 04 gives none.
    done : pandas.DataFrame or None
        From :func:`read_implementation`; None or empty when not supplied.
    params : dict, optional
        Resolved params (``progress.capacity_tolerance``).

    Returns
    -------
    pandas.DataFrame
        ``item``, ``planned``, ``done`` (NaN when not supplied), ``done_share``, ``achieved``.
    """
    tol = float(params_or_defaults(params)["progress"]["capacity_tolerance"])
    planned = dict(groups_planned)
    if communication_planned is not None:
        planned["communication"] = communication_planned
    out = pd.DataFrame({"item": list(planned), "planned": [float(v) for v in planned.values()]})
    if done is None or done.empty:
        return out.assign(done=float("nan"), done_share=float("nan"), achieved=pd.NA)
    total = done.groupby("item")["done"].sum()
    out["done"] = out["item"].map(total).fillna(0.0)
    out["done_share"] = out["done"] / out["planned"].where(out["planned"] > 0)
    out["achieved"] = out["done_share"] >= 1.0 - tol - 1e-9
    return out
