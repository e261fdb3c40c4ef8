"""The pandera schema of the typed survey (per-column and cross-column checks) and its failures as problems."""

from __future__ import annotations

import pandas as pd

from ntmplan.core.errors import Problem
from ntmplan.core.params import params_or_defaults
from ntmplan.survey.schema.fields import COLUMNS, FIELDS, LABELS, Field
from ntmplan.survey.schema.rules import allowed_values, survey_params, vietnamese_labels


def _dtype(field: Field) -> str:
    return {
        "code": "object",
        "text": "object",
        "enum": "object",
        "int": "Int64",
        "year": "Int64",
        "share": "Float64",
        "bool": "boolean",
    }[field.kind]


def _column_checks(field: Field, params: dict | None, scheme: str) -> list[tuple[object, str, str]]:
    """Return (pandera Check, rule_vi, rule_en) for one column."""
    import pandera.pandas as pa

    sp = survey_params(params)
    label = field.label_vi
    out = []
    if field.kind == "code":
        out.append(
            (
                pa.Check.str_matches(rf"^\d{{{field.width}}}$"),
                f"«{label}» phải là mã gồm {field.width} chữ số",
                f"must be a {field.width}-digit code",
            )
        )
    elif field.kind == "enum":
        allowed = allowed_values(field.name, params, scheme)
        offered = ", ".join(vietnamese_labels(field.name, params, scheme))
        out.append(
            (
                pa.Check.isin(allowed),
                f"«{label}» phải là một trong: {', '.join(allowed)} (hoặc nhãn: {offered})",
                f"must be one of: {', '.join(allowed)}",
            )
        )
    elif field.kind == "year":
        lo, hi = sp["min_year"], sp["max_year"]
        out.append(
            (
                pa.Check.in_range(lo, hi),
                f"«{label}» phải trong khoảng {lo}–{hi}",
                f"must be between {lo} and {hi}",
            )
        )
    elif field.kind == "share":
        out.append(
            (
                pa.Check.in_range(0.0, 1.0),
                f"«{label}» phải trong khoảng 0–1",
                "must be between 0 and 1",
            )
        )
    elif field.name == "dx_demand":
        lo, hi = sp["dx_demand_min"], sp["dx_demand_max"]
        out.append(
            (
                pa.Check.in_range(lo, hi),
                f"«{label}» phải từ {lo} đến {hi}",
                f"must be between {lo} and {hi}",
            )
        )
    elif field.kind == "int" and field.maximum is not None:
        lo, hi = field.minimum, field.maximum
        out.append(
            (
                pa.Check.in_range(lo, hi),
                f"«{label}» phải là số nguyên từ {lo} đến {hi}",
                f"must be a whole number between {lo} and {hi}",
            )
        )
    elif field.kind == "int":
        m = field.minimum
        extra_vi = " (không được âm)" if m == 0 else ""
        out.append((pa.Check.ge(m), f"«{label}» phải ≥ {m}{extra_vi}", f"must be ≥ {m}"))
    return out


def _relations() -> list[tuple[str, str, str]]:
    """Return the cross-column rules as (column, op, other) with op ``le`` or ``ge``."""
    rel = [(f.name, "le", o) for f in FIELDS for o in f.at_most]
    rel += [(f.name, "ge", o) for f in FIELDS for o in f.at_least]
    return rel


def _relation_check(col: str, op: str, other: str):
    import pandera.pandas as pa

    def check(df: pd.DataFrame) -> pd.Series:
        a, b = df[col], df[other]
        bad = (a > b) if op == "le" else (a < b)
        return ~bad.fillna(False).astype(bool)

    return pa.Check(check, name=f"{op}:{col}:{other}")


def build_schema(
    params: dict | None = None, scheme: str = "current", columns: list[str] | None = None
):
    """Build the pandera schema of the typed (nullable) survey frame.

    Parameters
    ----------
    params : dict, optional
    scheme : str
    columns : list of str, optional
        The columns present (rules about absent columns are left out).

    Returns
    -------
    (pandera.DataFrameSchema, dict)
        The schema and a map from ``(column, check_number)`` or a frame-check
        name to ``(rule_vi, rule_en)``.
    """
    import pandera.pandas as pa

    params = params_or_defaults(params)
    present = set(COLUMNS if columns is None else columns)
    cols = {}
    rules: dict = {}
    for f in FIELDS:
        if f.name not in present:
            continue
        checks = _column_checks(f, params, scheme)
        for i, (_, vi, en) in enumerate(checks):
            rules[(f.name, i)] = (vi, en)
        cols[f.name] = pa.Column(_dtype(f), [c for c, _, _ in checks], nullable=True, required=True)
    frame_checks = []
    for col, op, other in _relations():
        if col in present and other in present:
            frame_checks.append(_relation_check(col, op, other))
            word_vi = "không được lớn hơn" if op == "le" else "không được nhỏ hơn"
            word_en = "must not exceed" if op == "le" else "must not be below"
            rules[f"{op}:{col}:{other}"] = (
                f"«{LABELS[col]}» {word_vi} «{LABELS[other]}»",
                f"{col} {word_en} {other}",
            )
    return pa.DataFrameSchema(cols, checks=frame_checks, strict=False), rules


def pandera_problems(
    frame: pd.DataFrame, text: pd.DataFrame, params, scheme, file, known: list[Problem]
) -> list[Problem]:
    """Run the pandera schema lazily and turn its failure cases into problems.

    Parameters
    ----------
    frame : pandas.DataFrame
        The typed (nullable) survey, index = Excel row numbers.
    text : pandas.DataFrame
        The same cells as text (the values shown in the problems).
    params : dict
        Resolved params.
    scheme : str
    file : str or None
        File name for the problems.
    known : list of Problem
        The problems found so far (parse errors), used to leave out cross-column
        findings that only echo them.

    Returns
    -------
    list of Problem
    """
    import pandera.pandas as pa

    schema, rules = build_schema(params, scheme, list(frame.columns))
    try:
        schema.validate(frame, lazy=True)
        return []
    except pa.errors.SchemaErrors as exc:
        fc = exc.failure_cases
    out = []
    column_level = fc[fc["schema_context"] == "Column"]
    for (col, num, idx), _ in column_level.groupby(
        ["column", "check_number", "index"], sort=False, dropna=False
    ):
        vi, en = rules.get((col, int(num)) if pd.notna(num) else None, (None, None))
        if vi is None:
            vi = en = str(column_level[(column_level["column"] == col)]["check"].iloc[0])
        row = int(idx) if pd.notna(idx) else None
        value = text.at[row, col] if row is not None else None
        out.append(Problem(file, row, col, value, vi, en))
    # a cross-column rule is not reported when the cell it compares with is already wrong
    wrong = {(p.row, p.column) for p in out} | {
        (p.row, p.column) for p in known if p.severity == "error"
    }
    frame_level = fc[fc["schema_context"] == "DataFrameSchema"].drop_duplicates(["check", "index"])
    for name, idx in zip(frame_level["check"], frame_level["index"], strict=True):
        if name in rules:
            _, col, other = name.split(":")
            vi, en = rules[name]
            row = int(idx)
            if (row, other) in wrong:
                continue
            a, b = text.at[row, col], text.at[row, other]
            out.append(Problem(file, row, col, a, f"{vi} ({b})", f"{en} ({b})"))
        else:
            out.append(
                Problem(file, None if pd.isna(idx) else int(idx), None, None, str(name), str(name))
            )
    return out
