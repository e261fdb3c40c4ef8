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
#: Most problems printed per rule (severity, column, rule); the others are counted.
MAX_PER_RULE = 20

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
    from ntmplan.survey.survey_file import validate_file

    name = str(path)
    try:
        _typed, problems = validate_file(path, scheme=scheme, params=params)
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
    shown, hidden = _capped(problems)
    rows = [
        [
            "" if p.row is None else str(p.row),
            _safe(p.column),
            _safe(p.value, MAX_VALUE_CHARS),
            "lỗi / error" if p.severity == "error" else "cảnh báo / warning",
            _safe(f"{p.rule_vi} / {p.rule_en}"),
        ]
        for p in shown
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
    tail = [
        f"… còn {n} dòng khác cùng quy tắc (chỉ hiện {MAX_PER_RULE} dòng đầu) / {n} more with this rule "
        f"(the first {MAX_PER_RULE} are shown): {_safe(rule, 120)}"
        for rule, n in hidden.items()
    ]
    return "\n".join(
        [head, "", line(header), sep, *(line(r) for r in rows), *([""] + tail if tail else [])]
    )


def _rule_key(p: Problem) -> tuple[str, str, str]:
    """What makes two problems "the same rule": severity, column and the rule's English words without figures."""
    return (p.severity, str(p.column), re.sub(r"\d+", "#", p.rule_en))


def _capped(problems: list[Problem]) -> tuple[list[Problem], dict[str, int]]:
    """The problems to print (the first :data:`MAX_PER_RULE` of each rule) and, per rule, how many are not."""
    seen: dict[tuple, int] = {}
    shown, hidden = [], {}
    for p in problems:
        key = _rule_key(p)
        seen[key] = seen.get(key, 0) + 1
        if seen[key] <= MAX_PER_RULE:
            shown.append(p)
        else:
            rule = f"{p.rule_vi} / {p.rule_en}"
            label = f"{p.column or '—'}: {re.sub(r'[0-9]+', '…', rule)}"
            hidden[label] = hidden.get(label, 0) + 1
    return shown, hidden
