"""Header cells → survey columns (English names or Vietnamese labels, case- and accent-insensitive)."""

from __future__ import annotations

from collections.abc import Callable, Collection

import pandas as pd

from ntmplan.survey.schema.fields import FIELDS, Field
from ntmplan.survey.units.text import fold

#: Headers of earlier forms still read: column → old Vietnamese labels.
FORMER_LABELS: dict[str, tuple[str, ...]] = {"prominent_sector": ("Lĩnh vực nổi trội (mã)",)}


def field_aliases(field: Field) -> tuple[str, str, str, str]:
    """Return the header texts that name a column: its name, label and the two combined forms.

    Parameters
    ----------
    field : Field

    Returns
    -------
    tuple of str
        ``name``, ``label_vi``, ``"label_vi / name"`` and ``"label_vi (name)"`` (not folded).
    """
    return (
        field.name,
        field.label_vi,
        f"{field.label_vi} / {field.name}",
        f"{field.label_vi} ({field.name})",
    )


def header_lookup() -> dict[str, str]:
    """Return folded header text → column name (English names and Vietnamese labels).

    Returns
    -------
    dict
        Keys are :func:`ntmplan.survey.units.fold` (lower case, no accents, words
        only) of each column name, Vietnamese label and ``"label / name"``;
        values are column names.
    """
    out: dict[str, str] = {}
    for f in FIELDS:
        for alias in field_aliases(f):
            out[fold(alias)] = f.name
        for alias in FORMER_LABELS.get(f.name, ()):
            out[fold(alias)] = f.name
    return out


def column_for_header(text) -> str | None:
    """Return the survey column a header cell names, or None.

    Parameters
    ----------
    text : str or None

    Returns
    -------
    str or None
    """
    if text is None:
        return None
    return _HEADERS.get(fold(text))


_HEADERS = header_lookup()


def rename_headers(
    raw: pd.DataFrame, names: Collection[str], column_for: Callable[[object], str | None]
) -> pd.DataFrame:
    """Rename header texts to column names; a second header naming the same column is left as is.

    Parameters
    ----------
    raw : pandas.DataFrame
        A table as read (headers as written in the file).
    names : collection of str
        The table's column names; headers that already are one are kept and win.
    column_for : callable
        Header text → column name or None (e.g. :func:`column_for_header`).

    Returns
    -------
    pandas.DataFrame
        ``raw`` with the recognised headers renamed (a new frame; ``raw`` is not changed).
    """
    used = {c for c in raw.columns if c in names}
    mapping = {}
    for c in raw.columns:
        name = column_for(c) if isinstance(c, str) and c not in names else None
        if name is not None and name not in used:
            mapping[c] = name
            used.add(name)
    return raw.rename(columns=mapping)
