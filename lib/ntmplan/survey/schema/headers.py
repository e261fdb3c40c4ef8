"""Header cells → survey columns (English names or Vietnamese labels, case- and accent-insensitive)."""

from __future__ import annotations

from ntmplan.survey.schema.fields import FIELDS
from ntmplan.survey.units.text import fold

#: Headers of earlier forms still read: column → old Vietnamese labels.
FORMER_LABELS: dict[str, tuple[str, ...]] = {"prominent_sector": ("Lĩnh vực nổi trội (mã)",)}


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
        for alias in (f.name, f.label_vi, f"{f.label_vi} / {f.name}", f"{f.label_vi} ({f.name})"):
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
