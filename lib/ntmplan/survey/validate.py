"""Every problem of a survey file, collected in one pass and formatted as a plain-text table.

The file is only read (never written). Each problem is shown with its row (as
seen in Excel), column, value, severity and rule in Vietnamese / English; values
are made safe for a terminal. The command ``ntmplan validate`` that prints the
table and sets the exit code is :mod:`ntmplan.cli.validate`.
"""

from __future__ import annotations

import re
from pathlib import Path

from ntmplan.core.errors import InputError, Problem

#: Longest value shown in the table (longer values are cut with "…").
MAX_VALUE_CHARS = 40

#: Labels of the printed table's columns.
LABELS: dict[str, str] = {
    "row": "Dòng / Row",
    "column": "Cột / Column",
    "value": "Giá trị / Value",
    "severity": "Mức / Severity",
    "rule": "Quy tắc / Rule",
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _safe(text, limit: int | None = None) -> str:
    """Printable form of a value: control characters (terminal escapes) shown as '?', cut to ``limit``."""
    if text is None:
        return ""
    text = _CONTROL.sub("?", str(text))
    if limit is not None and len(text) > limit:
        text = text[: limit - 1] + "…"
    return text


def collect_problems(
    path: str | Path, scheme: str = "current", params: dict | None = None
) -> list[Problem]:
    """Read and validate a survey file, returning every problem instead of raising.

    Parameters
    ----------
    path : str or Path
    scheme : str
        ``current`` or ``legacy``.
    params : dict, optional
        Resolved params (defaults when None).

    Returns
    -------
    list of Problem
        Unexpected failures are returned as one problem too (never a traceback).
    """
    from ntmplan.survey.reading import read_table
    from ntmplan.survey.schema import validate_survey

    name = str(path)
    try:
        raw = read_table(path)
        _typed, problems = validate_survey(raw, scheme=scheme, file=name, params=params)
        return problems
    except InputError as exc:
        return list(exc.problems)
    except Exception as exc:  # noqa: BLE001 - the CLI must never show a traceback
        return [
            Problem(
                name,
                None,
                None,
                type(exc).__name__,
                f"Lỗi không mong đợi khi kiểm tra tệp: {exc}",
                f"unexpected error while checking the file: {exc}",
            )
        ]


def format_problems(problems: list[Problem], file: str) -> str:
    """Return the problems as a plain-text table with a one-line summary.

    Parameters
    ----------
    problems : list of Problem
    file : str
        The file checked (shown once in the summary).

    Returns
    -------
    str
    """
    n_err = sum(p.severity == "error" for p in problems)
    n_warn = len(problems) - n_err
    head = f"Tệp / File: {_safe(file)}\n{n_err} lỗi / errors, {n_warn} cảnh báo / warnings"
    if not problems:
        return head + "\nKhông có vấn đề nào / no problems found."
    rows = [
        [
            "" if p.row is None else str(p.row),
            _safe(p.column),
            _safe(p.value, MAX_VALUE_CHARS),
            "lỗi / error" if p.severity == "error" else "cảnh báo / warning",
            _safe(f"{p.rule_vi} / {p.rule_en}"),
        ]
        for p in problems
    ]
    header = list(LABELS.values())
    widths = [max(len(header[j]), *(len(r[j]) for r in rows)) for j in range(len(header) - 1)]

    def line(cells: list[str]) -> str:
        return (
            "  ".join(c.ljust(w) for c, w in zip(cells[:-1], widths, strict=True))
            + "  "
            + cells[-1]
        )

    sep = "  ".join("-" * w for w in widths) + "  " + "-" * len(header[-1])
    return "\n".join([head, "", line(header), sep, *(line(r) for r in rows)])
