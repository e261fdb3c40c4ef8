"""How the plan writes values: numbers and shares, "chưa có số liệu" for missing ones.

The plan's formatter is :func:`ntmplan.core.fmt.number` plus three rules of its own:
None/NaN give "chưa có số liệu", booleans "có"/"không", other values ``str()``.
"""

from __future__ import annotations

import math

from ntmplan.core import fmt
from ntmplan.tasks.plan.labels import NOT_AVAILABLE


def is_number(value) -> bool:
    """Tell whether a value is a finite number (not a bool).

    Parameters
    ----------
    value : object

    Returns
    -------
    bool
    """
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def fmt_number(value, digits: int = 1) -> str:
    """Format a number the Vietnamese way (``.`` thousands, ``,`` decimals).

    Parameters
    ----------
    value : int, float or other
        Numbers are formatted; None/NaN give "chưa có số liệu"; anything else ``str()``.
    digits : int
        Decimals for floats (integers and integral floats with ``digits=0`` have none).

    Returns
    -------
    str
    """
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return NOT_AVAILABLE
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, (int, float)):
        return fmt.number(value, digits)
    return str(value)


def fmt_percent(share, digits: int = 1) -> str:
    """Format a share 0–1 as a Vietnamese percentage (``0.625`` → ``62,5%``).

    Parameters
    ----------
    share : float or None
    digits : int

    Returns
    -------
    str
        "chưa có số liệu" for None/NaN.
    """
    if not is_number(share):
        return NOT_AVAILABLE
    return fmt_number(float(share) * 100.0, digits) + "%"


def round_or_none(value, digits: int = 1):
    """Round a finite number for a table cell; None for anything else.

    Parameters
    ----------
    value : object
    digits : int

    Returns
    -------
    float or None
    """
    return round(float(value), digits) if is_number(value) else None


def key_order(key: str, known) -> tuple[int, str]:
    """Sort key placing known keys in their given order, unknown ones after, by name.

    Parameters
    ----------
    key : str
    known : iterable of str
        The keys in their order (e.g. a params mapping).

    Returns
    -------
    (int, str)
    """
    known = list(known)
    return (known.index(key), key) if key in known else (len(known), key)
