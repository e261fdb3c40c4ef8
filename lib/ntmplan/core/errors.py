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
    sheet : str or None
        The sheet of a workbook the problem is in (None for a CSV file, or when the
        workbook has one table).
    """

    file: str | None
    row: int | None
    column: str | None
    value: Any
    rule_vi: str
    rule_en: str
    severity: str = "error"
    sheet: str | None = None

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
            "sheet": self.sheet,
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


class MissingColumnError(InputError, KeyError, ValueError):
    """A table given to a library function lacks required columns.

    An :class:`InputError` (one :class:`Problem` per missing column); also a
    ``KeyError`` and a ``ValueError`` so that callers catching either keep working.

    Parameters
    ----------
    columns : iterable of str
        The missing column names, in the order required.
    table : str
        Name of the table, for the message (``"survey"``, ``"costs"``).
    """

    def __init__(self, columns, table: str = "survey"):
        self.columns = list(dict.fromkeys(columns))
        self.table = table
        names = ", ".join(self.columns)
        super().__init__(
            [
                Problem(
                    None,
                    None,
                    col,
                    None,
                    f"Thiếu cột bắt buộc '{col}' trong bảng {table}",
                    f"missing required column '{col}' in the {table} table",
                )
                for col in self.columns
            ]
        )
        self.args = (f"Thiếu cột trong bảng {table}: {names} / {table}: missing columns: {names}",)

    def __str__(self) -> str:  # KeyError would add quotes
        return self.args[0]


class UnknownProvinceError(InputError, KeyError, ValueError):
    """A province, given by code or name, that matches no province (or several).

    The one error of the province look-up (:func:`ntmplan.survey.units.find_province`):
    an :class:`InputError` with one :class:`Problem` (column ``province``); also a
    ``KeyError`` and a ``ValueError`` so that callers catching either keep working.

    Parameters
    ----------
    value : object
        The code or name as given.
    rule_vi, rule_en : str
        What is wrong, in Vietnamese and English; the message is ``"rule_vi / rule_en"``.
    """

    def __init__(self, value, rule_vi: str, rule_en: str):
        self.value = value
        super().__init__([Problem(None, None, "province", value, rule_vi, rule_en)])
        self.args = (f"{rule_vi} / {rule_en}",)

    def __str__(self) -> str:  # KeyError would add quotes
        return self.args[0]


def require_columns(frame, columns, table: str = "survey") -> None:
    """Check that ``frame`` is a DataFrame holding every column in ``columns``.

    The one missing-column check of the library.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table to check.
    columns : iterable of str
        Required column names.
    table : str
        Name of the table, for the message.

    Returns
    -------
    None

    Raises
    ------
    TypeError
        If ``frame`` is not a DataFrame.
    MissingColumnError
        Naming every missing column.
    """
    import pandas as pd

    if not isinstance(frame, pd.DataFrame):
        raise TypeError(
            f"{table}: cần một DataFrame / expected a DataFrame, got {type(frame).__name__}"
        )
    missing = [c for c in dict.fromkeys(columns) if c not in frame.columns]
    if missing:
        raise MissingColumnError(missing, table)


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
