"""Rounding up to whole persons, classes and units, ignoring float noise."""

from __future__ import annotations

import math

import numpy as np

#: Tolerance below which a fractional part is float noise, not a part of a unit.
EPS = 1e-9


def ceil_up(values) -> np.ndarray:
    """Round up, ignoring float noise (0.2 × 2300 = 460.00000000000006 → 460).

    Parameters
    ----------
    values : array-like of float

    Returns
    -------
    numpy.ndarray
        int64 values.
    """
    return np.ceil(np.asarray(values, dtype=float) - EPS).astype("int64")


def ceil_one(value: float) -> int:
    """Round one number up, ignoring float noise.

    Parameters
    ----------
    value : float

    Returns
    -------
    int
    """
    return int(math.ceil(float(value) - EPS))
