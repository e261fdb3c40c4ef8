"""Presenting values to people: the one rule shared by HTML tables and Excel exports.

Coded values become their Vietnamese labels (from params, or from the ``value_labels``
a task passes in), yes/no becomes ``✓``/``✗``, missing stays missing, and
:func:`format_frame` writes every number the Vietnamese way through :mod:`ntmplan.core.fmt`
with a style chosen by the kind of its column (:func:`column_kind`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ntmplan.core import fmt
from ntmplan.core.indicator_names import PILLARS
from ntmplan.core.params import params_or_defaults

#: Shown for a missing value in a formatted table.
MISSING = "—"
#: Shown for a true / false value.
YES, NO = "✓", "✗"

#: Column names whose values are codes of a params label list: params path → columns.
_PARAM_CODE_COLUMNS: tuple[tuple[tuple[str, ...], str | None, tuple[str, ...]], ...] = (
    (("survey", "sectors"), None, ("prominent_sector", "sector", "priority_sector")),
    (("survey", "commune_categories"), None, ("commune_category", "category", "category_applied")),
    (("survey", "ntm_level_labels"), None, ("ntm_level",)),
    (("pilots", "types"), "label_vi", ("pilot_type", "type")),
    (("budget", "sources"), None, ("source", "funding_source")),
    (("budget", "activities"), None, ("activity",)),
    (("capacity", "modes"), None, ("mode", "delivery_mode")),
    (("capacity", "topics"), "name_vi", ("topic",)),
    (("capacity", "trainer_pools"), "name_vi", ("pool", "trainer_pool")),
    (("capacity", "groups"), "name_vi", ("group", "target_group")),
    (("capacity", "communication"), "name_vi", ("channel",)),
)

#: Kinds of column whose cells are numbers.
NUMERIC_KINDS = frozenset({"money", "share", "score", "count", "number"})

#: Kinds of column a row's measure overrides (counts of communes and money keep their kind).
_ROW_KINDS = frozenset({"share", "score", "number"})

#: Yes/no columns of the survey: a mean of them (province, change) is a share of communes.
YES_NO_MEASURES = frozenset({"postal_point", "radio_it", "criterion_8_4"})

_SCORE_WORDS = frozenset({"score", "overall", "index", "readiness"})
_SHARE_WORDS = frozenset(
    {"share", "rate", "ratio", "completeness", "coverage", "utilisation", "has"}
)


def _dig(params: Mapping, path: tuple[str, ...]):
    node = params
    for key in path:
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    return node


def _labels(p: dict, path: tuple[str, ...], field: str | None) -> dict[str, str]:
    """``{code: label}`` of one params list (``field`` of each entry, or the entry itself)."""
    node = _dig(p, path)
    pairs = node.items() if isinstance(node, Mapping) else ()
    pairs = ((k, v.get(field) if field and isinstance(v, Mapping) else v) for k, v in pairs)
    return {str(k): v for k, v in pairs if isinstance(v, str)}


def params_value_labels(params: dict | None = None) -> dict[str, dict[str, str]]:
    """Code → label maps read from params, keyed by the columns that hold those codes.

    Parameters
    ----------
    params : dict, optional
        Resolved params; the defaults when omitted.

    Returns
    -------
    dict
        ``{column: {code: label}}``, e.g. ``{"prominent_sector": {"trong_trot": "Trồng trọt / crops"}}``.
        ``source`` also maps ``unfunded`` to ``budget.unfunded_label``.
    """
    p = params_or_defaults(params)
    out: dict[str, dict[str, str]] = {}
    for path, field, columns in _PARAM_CODE_COLUMNS:
        if isinstance(_dig(p, path), Mapping):
            out.update({column: _labels(p, path, field) for column in columns})
    unfunded = _dig(p, ("budget", "unfunded_label"))
    if isinstance(unfunded, str):
        out.setdefault("source", {})["unfunded"] = unfunded
        out.setdefault("funding_source", {})["unfunded"] = unfunded
    return out


def section_codes(params: dict | None, section: str) -> dict[str, str]:
    """Code → Vietnamese label of the codes a params section's values may hold.

    Parameters
    ----------
    params : dict, optional
        Resolved params; the defaults when omitted.
    section : str
        A top-level params section (``"budget"``, ``"capacity"``…): its own label lists and
        the survey's (sectors, commune categories, NTM levels) apply.

    Returns
    -------
    dict
        A code two lists label differently (``other``; ``provincial`` is a funding source and a
        trainer pool) is left out: it stays a code rather than get a wrong label.
    """
    p = params_or_defaults(params)
    seen: dict[str, set[str]] = {}
    for path, field, _ in _PARAM_CODE_COLUMNS:
        for code, label in (
            _labels(p, path, field).items() if path[0] in ("survey", section) else ()
        ):
            seen.setdefault(code, set()).add(vietnamese_part(label))
    return {code: labels.pop() for code, labels in seen.items() if len(labels) == 1}


def vietnamese_part(label: str) -> str:
    """The Vietnamese half of a bilingual label (``"Trồng trọt / crops"`` → ``"Trồng trọt"``).

    Parameters
    ----------
    label : str

    Returns
    -------
    str
        The text before the first ``" / "``; the label itself when it has none.
    """
    return label.split(" / ", 1)[0].strip() if isinstance(label, str) else label


def is_missing(value) -> bool:
    """True for ``None``, ``NaN``, ``pd.NA`` and ``NaT`` (never raises on lists or text)."""
    if value is None:
        return True
    if not isinstance(value, str) and hasattr(value, "__len__"):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _label_one(value, codes: Mapping[str, str] | None, vietnamese_only: bool):
    if is_missing(value):
        return None
    if isinstance(value, bool | np.bool_):
        return YES if value else NO
    if codes is not None and isinstance(value, str) and value in codes:
        label = codes[value]
        return vietnamese_part(label) if vietnamese_only else label
    return value


def label_values(
    frame: pd.DataFrame,
    params: dict | None = None,
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
    vietnamese_only: bool = False,
) -> pd.DataFrame:
    """A copy of a frame with coded values as labels, yes/no as ✓/✗, missing as ``None``.

    Parameters
    ----------
    frame : pandas.DataFrame
    params : dict, optional
        Resolved params (sector, category, NTM level, pilot type, funding source, activity,
        training labels: :func:`params_value_labels`); the defaults when omitted.
    value_labels : mapping, optional
        More ``{column: {code: label}}`` from the task (e.g. status codes); they win over params.
    vietnamese_only : bool
        Keep only the Vietnamese half of bilingual labels (for documents an office issues).

    Returns
    -------
    pandas.DataFrame
        Same columns and row order; the index is reset to 0…n−1. Numeric columns are left
        as they are (a missing number stays ``NaN`` there, so a spreadsheet keeps a number
        column); in the other columns a missing value is ``None``.
    """
    codes = params_value_labels(params)
    for column, mapping in (value_labels or {}).items():
        codes[column] = {**codes.get(column, {}), **{str(k): v for k, v in mapping.items()}}
    out = frame.reset_index(drop=True).copy()
    for position, column in enumerate(out.columns):
        series = out.iloc[:, position]
        mapping = codes.get(column)
        if mapping is None and not _needs_labelling(series):
            continue
        labelled = [_label_one(v, mapping, vietnamese_only) for v in series]
        out.isetitem(position, pd.Series(labelled, index=out.index, dtype=object))
    return out


def _needs_labelling(series: pd.Series) -> bool:
    """Columns whose values change under labelling: bool, object, or with missing values."""
    if pd.api.types.is_bool_dtype(series) or series.dtype == object:
        return True
    if pd.api.types.is_numeric_dtype(series):
        return False
    return bool(series.isna().any())


def column_kind(name: str, series: pd.Series | None = None) -> str:
    """The kind of a column, which decides how its numbers are written.

    Parameters
    ----------
    name : str
        Column name; conventions: ``*_mvnd`` money, ``*_share`` / ``share_*`` 0–1 shares,
        ``score`` / ``overall`` / ``index`` and the readiness pillars 0–100 scores, the
        survey's yes/no columns as numbers (means) shares, ``year`` / ``*_year`` years,
        ``*_code`` codes.
    series : pandas.Series, optional
        The values: booleans are ``flag``, integer (or whole-valued) numbers ``count``,
        other numbers ``number``, anything else ``text``; a "share" outside 0–1 is a ``number``.

    Returns
    -------
    str
        One of ``money``, ``share``, ``score``, ``year``, ``code``, ``flag``, ``count``,
        ``number``, ``text``.
    """
    key = str(name).lower()
    words = set(key.replace("-", "_").replace(" ", "_").split("_"))
    values = _numbers(series) if series is not None else None
    if key.endswith("_code") or key == "code":
        return "code"
    if series is not None and pd.api.types.is_bool_dtype(series):
        return "flag"
    if key == "year" or key.endswith("_year") or key.startswith("year_"):
        return "year"
    if "mvnd" in key:
        return "money"
    if (words & _SHARE_WORDS or key in YES_NO_MEASURES) and (
        values is None or _within(values, 0.0, 1.0)
    ):
        return "share"
    if (words & _SCORE_WORDS or key in PILLARS) and (values is None or _within(values, 0.0, 100.0)):
        return "score"
    if values is None:
        return "text" if series is not None else "number"
    if len(values) == 0:
        return "text" if series.dtype == object else "number"
    if pd.api.types.is_integer_dtype(series) or all(float(v).is_integer() for v in values):
        return "count"
    return "number"


def _numbers(series: pd.Series) -> list | None:
    """The non-missing numbers of a series, or None when it holds something else."""
    if pd.api.types.is_bool_dtype(series):
        return None
    out = []
    for v in series:
        if is_missing(v):
            continue
        if (
            isinstance(v, bool | np.bool_)
            or not isinstance(v, int | float)
            and not hasattr(v, "dtype")
        ):
            return None
        try:
            out.append(float(v))
        except (TypeError, ValueError):
            return None
    return out


def _within(values: list, low: float, high: float) -> bool:
    return all(low - 1e-9 <= v <= high + 1e-9 for v in values)


def format_value(value, kind: str, digits: int | None = None) -> str:
    """One value as a planner reads it (``1.234,5``, ``67,9%``, ``✓``, ``—``).

    Parameters
    ----------
    value : object
        A labelled value (``None`` for missing).
    kind : str
        From :func:`column_kind`.
    digits : int, optional
        Decimals of a ``number`` (:func:`number_digits` of its column); by default 2 below 10,
        else 1, and none for a whole number.

    Returns
    -------
    str
    """
    if is_missing(value):
        return MISSING
    if isinstance(value, bool | np.bool_):
        return YES if value else NO
    if isinstance(value, pd.Timestamp):
        return value.strftime("%d/%m/%Y")
    if not isinstance(value, int | float) and not hasattr(value, "dtype"):
        return str(value)
    try:
        x = float(value)
    except (TypeError, ValueError):
        return str(value)
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if kind in ("year", "code"):
        return str(int(x)) if x.is_integer() else str(value)
    if kind == "share":
        return fmt.percent(x)
    if kind in ("money", "score"):
        return fmt.number(x, 1)
    if kind == "count" or (digits is None and abs(x - round(x)) < 1e-9 * max(1.0, abs(x))):
        return fmt.number(int(round(x)))
    return fmt.number(x, digits if digits is not None else 2 if abs(x) < 10 else 1)


def number_digits(values) -> int:
    """Decimals for a column of ``number`` kind, the same on every row: 2 if all are below 10, else 1.

    Parameters
    ----------
    values : iterable
        The column's values (missing and non-numbers are ignored).

    Returns
    -------
    int
    """
    numbers = _numbers(pd.Series(list(values), dtype=object)) or []
    return 2 if all(abs(v) < 10 for v in numbers) else 1


def format_frame(
    frame: pd.DataFrame,
    params: dict | None = None,
    value_labels: Mapping[str, Mapping[str, str]] | None = None,
    vietnamese_only: bool = False,
    kinds: Mapping[str, str] | None = None,
    row_measures: Sequence | None = None,
) -> pd.DataFrame:
    """A frame of text as a planner reads it: labels, ✓/✗, Vietnamese numbers, ``—``.

    Parameters
    ----------
    frame : pandas.DataFrame
    params, value_labels, vietnamese_only
        As for :func:`label_values`.
    kinds : mapping, optional
        Column (or measure) name → kind, overriding :func:`column_kind`.
    row_measures : sequence, optional
        For a long table whose rows are measures (one row a score, the next a share): the
        measure each row holds; numbers of columns that are not counts or money are then
        written by the row's kind (:func:`column_kind` of the measure name and those numbers).

    Returns
    -------
    pandas.DataFrame
        Same columns (names unchanged), index 0…n−1, every cell a ``str``.

    Raises
    ------
    ValueError
        If ``row_measures`` has not one name per row.
    """
    kinds = dict(kinds or {})
    column_kinds = [
        kinds.get(c) or column_kind(c, frame.iloc[:, i]) for i, c in enumerate(frame.columns)
    ]
    labelled = label_values(frame, params, value_labels, vietnamese_only)
    if row_measures is not None:
        measures = list(row_measures)
        if len(measures) != len(frame):
            raise ValueError(
                f"row_measures: {len(measures)} tên cho {len(frame)} dòng / one name per row"
            )
        numeric = [k in _ROW_KINDS for k in column_kinds]
        row_kinds = []
        for r, measure in enumerate(measures):
            row = pd.Series([v for v, n in zip(frame.iloc[r], numeric, strict=True) if n])
            row_kinds.append(kinds.get(str(measure)) or column_kind(str(measure), row))
    out = pd.DataFrame(index=labelled.index)
    for position, column in enumerate(labelled.columns):
        values = labelled.iloc[:, position]
        kind = column_kinds[position]
        if row_measures is not None and kind in _ROW_KINDS:
            cells = [format_value(v, row_kinds[r]) for r, v in enumerate(values)]
        else:
            digits = number_digits(values) if kind == "number" else None
            cells = [format_value(v, kind, digits) for v in values]
        out.insert(position, column, cells, allow_duplicates=True)
    return out
