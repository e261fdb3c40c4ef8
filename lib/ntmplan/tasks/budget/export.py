"""Tables for display and ``budget.xlsx``: labelled codes, pivots, the sheets and their number formats."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.core.presentation import label_values
from ntmplan.tasks.budget.aggregates import totals
from ntmplan.tasks.budget.codes import UNFUNDED
from ntmplan.tasks.budget.naming import LABELS, label_of_activity, label_of_source, labels

#: Excel number formats: amounts in million VND, shares, weights.
NUMBER_FORMATS = {"mvnd": "#,##0.0", "share": "0.0%", "weight": "0.00"}


def labelled(tidy: pd.DataFrame, params: dict | None = None) -> pd.DataFrame:
    """Replace activity and source codes by their Vietnamese labels (for display and export).

    Parameters
    ----------
    tidy : pandas.DataFrame
        Any frame with ``activity``, ``source``, ``moved_to`` and/or ``subject``
        (checks) columns.
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        A copy with labelled values.
    """
    b = params_or_defaults(params)["budget"]
    out = tidy.copy()
    if "activity" in out:
        names = {a: label_of_activity(a, b) for a in pd.unique(out["activity"])}
        out["activity"] = out["activity"].map(names)
    if "subject" in out:  # checks: an activity code, a share-bound name or "year"
        names = {a: _subject_label(a, b) for a in pd.unique(out["subject"])}
        out["subject"] = out["subject"].map(names)
    for col in ("source", "moved_to"):
        if col in out:
            names = {s: label_of_source(s, b) if s else "" for s in pd.unique(out[col])}
            out[col] = out[col].map(names)
    return out


def _subject_label(subject: str, b: dict) -> str:
    """Label of a checks subject: an activity, a share bound (its ``label``), a source, or as is."""
    if subject in set(b["activities"]) | set(b.get("other_items") or {}):
        return label_of_activity(subject, b)
    bound = (b.get("share_bounds") or {}).get(subject) or {}
    if bound.get("label"):
        return bound["label"]
    return label_of_source(subject, b) if subject in b["sources"] else subject


def pivot(tidy: pd.DataFrame, rows: str, params: dict | None = None) -> pd.DataFrame:
    """Pivot a tidy budget table to ``rows`` × source with labelled headers and totals.

    Parameters
    ----------
    tidy : pandas.DataFrame
        activity, year, source, amount_mvnd.
    rows : str
        ``year`` or ``activity``.
    params : dict, optional

    Returns
    -------
    pandas.DataFrame
        First column the row label, one column per source (Vietnamese
        labels), a total column; last row the total.

    Raises
    ------
    ValueError
        ``rows`` not ``year`` / ``activity`` or missing columns.
    """
    if rows not in ("year", "activity"):
        raise ValueError(
            f"rows phải là 'year' hoặc 'activity' / must be 'year' or 'activity', got {rows!r}"
        )
    b = params_or_defaults(params)["budget"]
    t = totals(tidy)
    tab = t["year_x_source"] if rows == "year" else t["activity_x_source"]
    order = [s for s in list(b["sources"]) + [UNFUNDED] if s in tab.columns]
    tab = tab.reindex(columns=order)
    tab.columns = [label_of_source(s, b) for s in order]
    total_label = "Tổng / Total"
    tab[total_label] = tab.sum(axis=1)
    index = (
        [str(i) for i in tab.index]
        if rows == "year"
        else [label_of_activity(a, b) for a in tab.index]
    )
    tab.index = index
    tab.loc[total_label] = tab.sum(axis=0)
    return tab.rename_axis(LABELS[rows]).reset_index()


def export_tables(
    result: dict, params: dict | None = None, extra: dict | None = None
) -> dict[str, pd.DataFrame]:
    """Build the sheets of ``budget.xlsx`` with Vietnamese headers and labels.

    Parameters
    ----------
    result : dict
        From :func:`build`.
    params : dict, optional
    extra : dict, optional
        More sheets (name → DataFrame with English columns, relabelled via LABELS).

    Returns
    -------
    dict of str to DataFrame
        ``Chi tiết`` (tidy), ``Năm x Nguồn (triệu đồng)``, ``Hoạt động x Nguồn (triệu đồng)``,
        ``Chi phí`` (cost lines with basis), ``Vượt trần`` (gaps), then ``extra``.
    """
    p = params_or_defaults(params)

    names = labels(p)

    categories = p["survey"]["commune_categories"]

    def vi(df: pd.DataFrame) -> pd.DataFrame:
        coded = {"category_applied": categories}
        return label_values(labelled(df, p), p, coded).rename(columns=names)

    sheets = {
        "Chi tiết": vi(result["tidy"]),
        "Năm x Nguồn (triệu đồng)": pivot(result["tidy"], "year", p),
        "Hoạt động x Nguồn (triệu đồng)": pivot(result["tidy"], "activity", p),
        "Chi phí": vi(result["costs"]),
        "Vượt trần": vi(result["gaps"]),
    }
    for name, df in (extra or {}).items():
        sheets[name] = vi(df)
    return sheets


def write_xlsx(path, sheets: dict[str, pd.DataFrame], params: dict | None = None):
    """Write the budget workbook with number formats (million VND, shares).

    Uses ``ntmplan.core.writers.fill_sheet`` / ``save_workbook`` (deterministic bytes,
    formula neutralisation, frozen header) and then formats every float
    column: shares (header with "Tỷ lệ" / "Share") as ``0.0%``, weights
    ("Hệ số") as ``0.00``, other floats as million VND ``#,##0.0``.

    Parameters
    ----------
    path : str or Path
    sheets : dict of str to DataFrame
        e.g. from :func:`export_tables` (headers already Vietnamese).
    params : dict, optional
        Resolved params, for the labels of coded values left in ``sheets``; defaults when None.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        If ``sheets`` is empty.
    """
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from ntmplan.core.writers import fill_sheet, save_workbook

    if not sheets:
        raise ValueError("write_xlsx: cần ít nhất một trang / needs at least one sheet")
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(str(name)[:31])
        fill_sheet(ws, df, params=params)
        for j, col in enumerate(df.columns, start=1):
            if not pd.api.types.is_float_dtype(df[col]):
                continue
            head = str(col)
            kind = (
                "share"
                if ("Tỷ lệ" in head or "Share" in head)
                else "weight"
                if "Hệ số" in head
                else "mvnd"
            )
            letter = get_column_letter(j)
            for (cell,) in ws[f"{letter}2:{letter}{len(df) + 1}"] if len(df) else []:
                cell.number_format = NUMBER_FORMATS[kind]
    return save_workbook(wb, path)
