"""Text helpers of the unit look-ups: accent folding, name prefixes, slugs and codes."""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

#: Name prefixes dropped when matching names (accent-folded, lower case).
PROVINCE_PREFIXES = ("thanh pho", "tinh", "tp")
COMMUNE_PREFIXES = ("dac khu", "thi tran", "phuong", "xa", "huyen")
DISTRICT_PREFIXES = ("thanh pho", "thi xa", "huyen", "quan", "tp")


def fold(text: str) -> str:
    """Fold a name for comparison: lower case, no accents, ``đ`` → ``d``, single spaces.

    Parameters
    ----------
    text : str
        Any text (Vietnamese or not).

    Returns
    -------
    str
        ASCII lower-case words separated by single spaces
        (``"Thành phố Hồ Chí Minh"`` → ``"thanh pho ho chi minh"``).
    """
    text = unicodedata.normalize("NFC", str(text)).lower().replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


def strip_prefix(folded: str, prefixes: tuple[str, ...]) -> str:
    """Drop the first of ``prefixes`` that starts a folded name (``"tinh bac ninh"`` → ``"bac ninh"``).

    Parameters
    ----------
    folded : str
        A name folded with :func:`fold`.
    prefixes : tuple of str
        Folded prefixes, tried in order.

    Returns
    -------
    str
        The name without the prefix (unchanged when none matches or nothing would remain).
    """
    for prefix in prefixes:
        if folded.startswith(prefix + " ") and len(folded) > len(prefix) + 1:
            return folded[len(prefix) + 1 :]
    return folded


def with_folded(frame: pd.DataFrame, full: str, short: str) -> pd.DataFrame:
    """Add accent-folded copies of the name columns, used for look-ups.

    Parameters
    ----------
    frame : pandas.DataFrame
    full, short : str
        The full-name and short-name columns.

    Returns
    -------
    pandas.DataFrame
        ``frame`` with ``_fold_full`` and ``_fold_short`` added ("" for a missing name).
    """
    return frame.assign(
        _fold_full=frame[full].map(lambda t: fold(t) if isinstance(t, str) else ""),
        _fold_short=frame[short].map(lambda t: fold(t) if isinstance(t, str) else ""),
    )


def normalise_code(value, width: int) -> str | None:
    """Return a code given as digits, zero-padded to ``width``; None for anything else.

    Parameters
    ----------
    value : str or int
        ``"1"``, ``1``, ``" 01 "``…
    width : int
        Number of digits.

    Returns
    -------
    str or None
        ``"01"`` for ``1`` with width 2; None for text that is not only digits (or a bool).
    """
    text = str(value).strip()
    if isinstance(value, bool) or not text.isdigit():
        return None
    return text.zfill(width)


def slugify(text: str) -> str:
    """Return an ASCII, hyphenated slug (``"Bà Rịa - Vũng Tàu"`` → ``"ba-ria-vung-tau"``).

    Parameters
    ----------
    text : str

    Returns
    -------
    str
    """
    return fold(text).replace(" ", "-")
