"""Cell and row checks of the village table: parsing, ranges, lists, cross-column rules, duplicates.

Each check returns :class:`~ntmplan.survey.schema.parsing.Found` items (a row mask and one
message pair); :mod:`.validation` turns them into located problems.
"""

from __future__ import annotations

import pandas as pd

from ntmplan.survey.schema.parsing import Found, matches, parse_column
from ntmplan.survey.schema.rules import survey_params
from ntmplan.survey.units.text import fold
from ntmplan.survey.villages.fields import VILLAGE_FIELD_BY_NAME, VILLAGE_FIELDS, VILLAGE_LABELS


def enum_codes(list_name: str, params: dict | None) -> dict[str, str]:
    """Return code → label of a list of the ``survey`` params (``sectors``, ``village_types``).

    Parameters
    ----------
    list_name : str
        Key in ``params["survey"]``.
    params : dict or None
        Resolved params (defaults when None).

    Returns
    -------
    dict
    """
    values = survey_params(params)[list_name]
    return dict(values) if isinstance(values, dict) else {v: v for v in values}


def offered_labels(list_name: str, params: dict | None) -> list[str]:
    """Return the Vietnamese labels a form's dropdown offers for a list (first letter capital).

    Parameters
    ----------
    list_name : str
        Key in ``params["survey"]``.
    params : dict or None

    Returns
    -------
    list of str
        In the order of the params list; each is read back as its code.
    """
    out = []
    for label in enum_codes(list_name, params).values():
        vi = str(label).split(" / ")[0].strip()
        out.append(vi[:1].upper() + vi[1:])
    return out


def _parse_enum(txt: pd.Series, list_name: str, params: dict | None) -> pd.Series:
    """Codes for the cells naming a code or label of the list; other cells keep their text."""
    lookup: dict[str, str] = {}
    for code, label in enum_codes(list_name, params).items():
        for alias in (str(label), str(label).split(" / ")[0], code):
            lookup[fold(alias)] = code
    mapping = {v: lookup.get(fold(v), v) for v in pd.unique(txt.dropna())}
    return txt.map(mapping).astype(object)


def parse_villages(text: pd.DataFrame, params: dict | None) -> tuple[pd.DataFrame, dict]:
    """Parse every village column from text into nullable typed values.

    Parameters
    ----------
    text : pandas.DataFrame
        The village columns as text (str or None), index = Excel rows.
    params : dict or None

    Returns
    -------
    (pandas.DataFrame, dict)
        The typed (nullable) frame, and column → list of :class:`Found` (cells that cannot
        be parsed, and missing required values).
    """
    typed, found = {}, {}
    for f in VILLAGE_FIELDS:
        txt = text[f.name]
        if f.kind == "enum":
            values, items = _parse_enum(txt, f.enum, params), []
        else:
            values, items = parse_column(f, txt, params, "current")
        if not f.optional:
            items.append(Found(txt.isna(), f"Thiếu giá trị «{f.label_vi}»", "missing value"))
        typed[f.name], found[f.name] = values, items
    return pd.DataFrame(typed, index=text.index), found


def outside_range(s: pd.Series, lo, hi, rule_vi: str) -> Found:
    """The rows of a typed column outside ``[lo, hi]`` (missing values are not flagged).

    Parameters
    ----------
    s : pandas.Series
        A typed numeric column (nullable).
    lo, hi : number
        The bounds, both allowed.
    rule_vi : str
        The Vietnamese message; the English one is "must be between lo and hi".

    Returns
    -------
    Found
    """
    return Found(((s < lo) | (s > hi)).fillna(False), rule_vi, f"must be between {lo} and {hi}")


def range_checks(typed: pd.DataFrame, params: dict | None) -> dict:
    """Check codes, years, counts, the demand score and the lists, column by column.

    Parameters
    ----------
    typed : pandas.DataFrame
        As returned by :func:`parse_villages`.
    params : dict or None

    Returns
    -------
    dict
        Column → list of :class:`Found`.
    """
    sp = survey_params(params)
    out: dict[str, list[Found]] = {}
    for f in VILLAGE_FIELDS:
        s, label, items = typed[f.name], f.label_vi, []
        if f.kind == "code":
            bad = s.notna() & ~matches(s.astype(object).where(s.notna(), None), rf"\d{{{f.width}}}")
            items.append(
                Found(
                    bad,
                    f"«{label}» phải là mã gồm {f.width} chữ số",
                    f"must be a {f.width}-digit code",
                )
            )
        elif f.kind == "year":
            lo, hi = sp["min_year"], sp["max_year"]
            items.append(outside_range(s, lo, hi, f"«{label}» phải trong khoảng {lo}–{hi}"))
        elif f.name == "dx_demand":
            lo, hi = sp["dx_demand_min"], sp["dx_demand_max"]
            items.append(outside_range(s, lo, hi, f"«{label}» phải từ {lo} đến {hi}"))
        elif f.kind == "int":
            m = f.minimum
            extra = " (không được âm)" if m == 0 else ""
            items.append(
                Found((s < m).fillna(False), f"«{label}» phải ≥ {m}{extra}", f"must be ≥ {m}")
            )
        elif f.kind == "enum":
            allowed = list(enum_codes(f.enum, params))
            offered = ", ".join(offered_labels(f.enum, params))
            items.append(
                Found(
                    s.notna() & ~s.isin(allowed),
                    f"«{label}» phải là một trong: {offered} (hoặc mã: {', '.join(allowed)})",
                    f"must be one of: {', '.join(allowed)}",
                )
            )
        out[f.name] = items
    return out


def relation_checks(typed: pd.DataFrame, wrong: pd.DataFrame) -> dict:
    """Counts that must not exceed another column (households with internet ≤ households …).

    Parameters
    ----------
    typed : pandas.DataFrame
    wrong : pandas.DataFrame
        bool, same shape: cells already found wrong; a comparison with such a cell is not
        reported again.

    Returns
    -------
    dict
        Column → list of (Found, other column).
    """
    out: dict[str, list] = {}
    for f in VILLAGE_FIELDS:
        for other in f.at_most:
            if other not in VILLAGE_FIELD_BY_NAME:
                continue
            bad = (typed[f.name] > typed[other]).fillna(False).astype(bool)
            bad &= ~(wrong[f.name] | wrong[other])
            out.setdefault(f.name, []).append(
                (
                    Found(
                        bad,
                        f"«{f.label_vi}» không được lớn hơn «{VILLAGE_LABELS[other]}»",
                        f"{f.name} must not exceed {other}",
                    ),
                    other,
                )
            )
    return out


def duplicate_rows(typed: pd.DataFrame) -> pd.DataFrame:
    """The rows naming a village twice (same commune, year and name, accents and case ignored).

    Parameters
    ----------
    typed : pandas.DataFrame

    Returns
    -------
    pandas.DataFrame
        Index = Excel rows concerned; columns ``commune_code``, ``year``, ``village_name`` and
        ``rows`` (every row of the same village, ``", "``-joined).
    """
    key = pd.DataFrame(
        {
            "commune_code": typed["commune_code"],
            "year": typed["year"],
            "name": typed["village_name"].map(lambda v: fold(v) if isinstance(v, str) else None),
        },
        index=typed.index,
    )
    dup = key.notna().all(axis=1) & key.duplicated(keep=False)
    d = key[dup].assign(row=key.index[dup])
    if d.empty:
        return pd.DataFrame(columns=["commune_code", "year", "village_name", "rows"])
    rows = d.groupby(["commune_code", "year", "name"])["row"].transform(
        lambda r: ", ".join(str(int(x)) for x in sorted(r))
    )
    return pd.DataFrame(
        {
            "commune_code": d["commune_code"],
            "year": d["year"],
            "village_name": typed.loc[d.index, "village_name"],
            "rows": rows,
        },
        index=d.index,
    )
