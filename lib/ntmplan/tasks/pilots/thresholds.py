"""Exact threshold arithmetic of the eligibility gates (share and minimum thresholds).

A share threshold ``t`` (e.g. 0.5) is read as the exact decimal fraction it is written
as (``Fraction("0.5") = 1/2``). A commune passes when ``count >= ceil(t × total)``,
computed in integer arithmetic: 500 of 1,000 households passes 0.5, 499 does not; 37 of
37 officials passes 1.0. The shortfall is ``max(ceil(t × total) − count, 0)``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np

from ntmplan.core.errors import ParamsError
from ntmplan.tasks.pilots.config import param_problem


def share_fraction(value: Any, key: str) -> Fraction:
    """Return the exact fraction of a share threshold in [0, 1], read as written (0.6 → 3/5).

    Parameters
    ----------
    value : Any
        The threshold from ``pilots.thresholds``.
    key : str
        Its key in ``pilots.thresholds`` (for the message).

    Returns
    -------
    fractions.Fraction
        Denominator at most 10⁹ (keeps ``numerator × count`` inside int64).

    Raises
    ------
    ParamsError
        If ``value`` is not a number in 0–1.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not (0 <= value <= 1):
        raise ParamsError(
            [
                param_problem(
                    f"pilots.thresholds.{key}",
                    value,
                    "Ngưỡng tỷ lệ phải là số trong khoảng 0–1",
                    "share threshold must be a number in 0–1",
                )
            ]
        )
    frac = Fraction(repr(float(value)))
    if frac.denominator > 10**9:  # keeps num × count inside int64
        frac = frac.limit_denominator(10**9)
    return frac


def minimum_count(value: Any, key: str) -> int:
    """Return a minimum threshold as an integer (rounded up).

    Parameters
    ----------
    value : Any
        The threshold from ``pilots.thresholds``.
    key : str
        Its key in ``pilots.thresholds`` (for the message).

    Returns
    -------
    int

    Raises
    ------
    ParamsError
        If ``value`` is not a number ≥ 0.
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise ParamsError(
            [
                param_problem(
                    f"pilots.thresholds.{key}",
                    value,
                    "Ngưỡng tối thiểu phải là số ≥ 0",
                    "minimum threshold must be a number ≥ 0",
                )
            ]
        )
    return int(np.ceil(value))


def ratio_gate(
    num: np.ndarray, num_miss: np.ndarray, den: np.ndarray, den_miss: np.ndarray, frac: Fraction
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Exact gate ``num / den >= frac`` in integer arithmetic.

    Parameters
    ----------
    num, den : numpy.ndarray
        int64 numerator and denominator counts.
    num_miss, den_miss : numpy.ndarray
        Their missing masks.
    frac : fractions.Fraction
        The threshold (see :func:`share_fraction`).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray, numpy.ndarray)
        ``passed`` (bool), ``shortfall`` (int64; 0 without data) and ``no_data`` (the
        denominator is missing or below 1).
    """
    p, q = frac.numerator, frac.denominator
    no_data = den_miss | (den < 1)
    required = -((-p * den) // q)  # ceil(p·den / q), exact integer arithmetic
    shortfall = np.where(no_data, 0, np.maximum(required - num, 0))
    passed = ~no_data & ~num_miss & (num >= required)
    return passed, shortfall.astype(np.int64), no_data


def min_gate(value: np.ndarray, miss: np.ndarray, minimum: int) -> tuple[np.ndarray, np.ndarray]:
    """Gate ``value >= minimum``.

    Parameters
    ----------
    value : numpy.ndarray
        int64 counts.
    miss : numpy.ndarray
        Their missing mask (a missing count fails).
    minimum : int
        The threshold (see :func:`minimum_count`).

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        ``passed`` (bool) and ``shortfall`` (int64).
    """
    passed = ~miss & (value >= minimum)
    return passed, np.maximum(minimum - value, 0).astype(np.int64)
