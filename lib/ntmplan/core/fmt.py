"""Numbers written the Vietnamese way (one implementation for every report)."""

from __future__ import annotations


def number(x: float, digits: int = 1) -> str:
    """Format a number with ``.`` for thousands and ``,`` for decimals (``1.234,5``).

    Parameters
    ----------
    x : int or float
    digits : int
        Decimals for floats; integers are written without decimals.

    Returns
    -------
    str
    """
    text = f"{x:,}" if isinstance(x, int) else f"{x:,.{digits}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def percent(share: float, digits: int = 1) -> str:
    """Format a 0–1 share as a percentage (``0.573`` → ``57,3%``).

    Parameters
    ----------
    share : float
    digits : int

    Returns
    -------
    str
    """
    return number(100.0 * float(share), digits) + "%"


def vietnamese_part(label) -> str:
    """Return the Vietnamese half of a bilingual label (``"Ngân sách tỉnh / provincial"`` → ``"Ngân sách tỉnh"``).

    Parameters
    ----------
    label : object
        A label, usually ``"<Vietnamese> / <English>"``; anything else is turned into text.

    Returns
    -------
    str
        The text before the first ``" / "`` (the whole text when there is none).
    """
    return str(label).split(" / ")[0]
