"""Text of Word cells and paragraphs: Vietnamese number format, XML-safe characters."""

from __future__ import annotations

import math

import pandas as pd

from ntmplan.core import fmt


def clean(text) -> str:
    """Drop characters XML 1.0 cannot hold (control characters) from text written to Word.

    Parameters
    ----------
    text : object

    Returns
    -------
    str
    """
    return "".join(ch for ch in str(text) if ch in "\t\n\r" or ord(ch) >= 32)


def cell_text(value) -> str:
    """Format a table cell: Vietnamese number format, empty for missing.

    Parameters
    ----------
    value : object
        None, NaN, ``pd.NA`` and ``pd.NaT`` give ""; booleans "có"/"không"; integral floats
        of 1000 or more no decimals, other floats one decimal; numpy scalars as Python ones.

    Returns
    -------
    str
    """
    if value is None:
        return ""
    if isinstance(value, float) and not math.isfinite(value):
        return ""
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        if isinstance(value, float) and value.is_integer() and abs(value) >= 1000:
            return fmt.number(int(value))
        return fmt.number(value, 1)
    import numpy as np

    if isinstance(value, np.generic):
        return cell_text(value.item())
    if value is pd.NA or value is pd.NaT:
        return ""
    return str(value)
