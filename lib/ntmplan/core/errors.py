"""Problems found in user input, and the exceptions that carry them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Problem:
    """One finding about user input.

    Parameters
    ----------
    file : str or None
        The file the problem is in.
    row : int or None
        Row number as the user sees it in Excel (header = 1, first data row = 2).
    column : str or None
        Column (or params key) concerned.
    value : Any
        The offending value, as read.
    rule_vi, rule_en : str
        The rule broken, in Vietnamese and English.
    severity : str
        ``"error"`` or ``"warning"``.
    """

    file: str | None
    row: int | None
    column: str | None
    value: Any
    rule_vi: str
    rule_en: str
    severity: str = "error"

    def as_dict(self) -> dict:
        """Return the problem as a plain dict (for tables and JSON)."""
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "rule_vi": self.rule_vi,
            "rule_en": self.rule_en,
            "severity": self.severity,
        }


class InputError(Exception):
    """User input that cannot be used; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else None
        msg = f"{len(self.problems)} vấn đề / problems"
        if first is not None:
            msg += f"; đầu tiên / first: {first.rule_vi} / {first.rule_en}"
        super().__init__(msg)

    @property
    def errors(self) -> list[Problem]:
        """Only the problems of severity ``error``."""
        return [p for p in self.problems if p.severity == "error"]


class ParamsError(InputError):
    """A params file that cannot be used."""


def problems_frame(problems: list[Problem]):
    """Return problems as a DataFrame with Vietnamese-first column labels.

    Parameters
    ----------
    problems : list of Problem

    Returns
    -------
    pandas.DataFrame
        Columns: Tệp / File, Dòng / Row, Cột / Column, Giá trị / Value,
        Mức / Severity, Quy tắc / Rule.
    """
    import pandas as pd

    rows = [
        {
            "Tệp / File": p.file or "",
            "Dòng / Row": "" if p.row is None else p.row,
            "Cột / Column": p.column or "",
            "Giá trị / Value": "" if p.value is None else str(p.value),
            "Mức / Severity": "lỗi / error" if p.severity == "error" else "cảnh báo / warning",
            "Quy tắc / Rule": f"{p.rule_vi} / {p.rule_en}",
        }
        for p in problems
    ]
    return pd.DataFrame(
        rows,
        columns=[
            "Tệp / File",
            "Dòng / Row",
            "Cột / Column",
            "Giá trị / Value",
            "Mức / Severity",
            "Quy tắc / Rule",
        ],
    )
