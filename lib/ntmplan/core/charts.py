"""Chart style of the workbooks, and deterministic PNG output (matplotlib, Agg-safe).

Charts are built without pyplot (no global figure registry, nothing shown) on a
:func:`new_figure`; notebooks display them and save them with ``ctx.save_figure`` (which calls
:func:`save_png`). Text uses DejaVu Sans, shipped with matplotlib, which has every Vietnamese
diacritic. Colours and sizes are presentation choices shared by the task charts
(``ntmplan.tasks.<task>.charts``), not policy.

Numbers on axes and bars are written the Vietnamese way through :mod:`ntmplan.core.fmt`
(:func:`tick_formatter`, :func:`number_axis`, :func:`value_label`); titles are wrapped to the
figure's width (:func:`set_title`, :func:`set_suptitle`) so a long province name is never cut;
:func:`is_empty_chart` tells whether a frame has anything to draw.
"""

from __future__ import annotations

import math
from pathlib import Path

from ntmplan.core import fmt
from ntmplan.core.chart_titles import (  # re-exported: the titles of the house style
    CHAR_WIDTH_EM,
    TITLE_SIZE,
    set_suptitle,
    set_title,
    title_fitting_layout,
    title_width,
    wrap_label,
    wrap_title,
)

__all__ = [
    "CMAP",
    "COLOR_HIGHLIGHT",
    "COLOR_MAIN",
    "COLOR_MET",
    "COLOR_NOT_MET",
    "COLOR_TARGET",
    "DPI",
    "FONT",
    "MISSING_VALUE",
    "TITLE_SIZE",
    "apply_style",
    "is_empty_chart",
    "new_figure",
    "number_axis",
    "png_bytes",
    "save_png",
    "set_suptitle",
    "set_title",
    "spaced_locator",
    "style_rc",
    "tick_formatter",
    "title_fitting_layout",
    "title_width",
    "value_label",
    "wrap_label",
    "wrap_title",
]

#: Font with full Vietnamese coverage, shipped with matplotlib.
FONT = "DejaVu Sans"
#: Resolution of saved PNGs.
DPI = 110
#: Colours (presentation only).
COLOR_MAIN = "#2b6cb0"
COLOR_MET = "#2f855a"
COLOR_NOT_MET = "#c05621"
COLOR_TARGET = "#1a202c"
COLOR_HIGHLIGHT = "#e53e3e"
CMAP = "RdYlGn"
#: Text of a bar whose value is missing.
MISSING_VALUE = "không có số liệu"


def style_rc() -> dict:
    """Return the matplotlib rcParams of the house style, without applying them.

    For charts drawn inside ``matplotlib.rc_context(style_rc())``; :func:`apply_style` sets
    the same values globally.

    Returns
    -------
    dict
        ``font.family`` sans-serif with DejaVu Sans first (Vietnamese diacritics), title,
        label and tick sizes, no top/right spines, a fixed SVG hash salt.
    """
    return {
        "font.family": "sans-serif",
        "font.sans-serif": [FONT],
        "axes.titlesize": TITLE_SIZE,
        "axes.labelsize": 10,
        "xtick.labelsize": 9,
        "ytick.labelsize": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "svg.hashsalt": "ntmplan",
    }


def apply_style() -> dict:
    """Set the matplotlib defaults used by every chart and return them.

    Sets ``font.family`` to DejaVu Sans explicitly (Vietnamese diacritics), a non-interactive
    backend is not forced (figures are built with the object API, which needs none).

    Returns
    -------
    dict
        The rcParams applied (see :func:`style_rc`).
    """
    import matplotlib

    rc = style_rc()
    matplotlib.rcParams.update(rc)
    return rc


def new_figure(width: float = 7.0, height: float = 4.0):
    """Return a new Figure (object API, no pyplot) with the house style applied.

    Parameters
    ----------
    width, height : float
        Size in inches.

    Returns
    -------
    matplotlib.figure.Figure
        With the ``constrained`` layout, extended so that every title stays inside the figure
        (see :func:`ntmplan.core.chart_titles.title_fitting_layout`).
    """
    apply_style()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout=title_fitting_layout())


def png_bytes(fig) -> bytes:
    """Render a figure as PNG bytes at :data:`DPI`, with no software/time metadata.

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    bytes
    """
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def save_png(fig, path: str | Path) -> Path:
    """Write a figure as PNG with deterministic bytes (no software/time metadata), atomically.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or Path
        Target file; parent folders are created.

    Returns
    -------
    Path
        The path written.
    """
    from ntmplan.core.writers import atomic_write_bytes

    return atomic_write_bytes(Path(path), png_bytes(fig))


def value_label(x: float, digits: int = 0, *, percent: bool = False) -> str:
    """The text of a value printed on a bar or a cell: ``1.234,5``, ``67,9%``.

    Parameters
    ----------
    x : float
        The value (a 0–1 share when ``percent``). NaN or None → :data:`MISSING_VALUE`.
    digits : int
        Decimals (also for integers, so labels of one chart line up).
    percent : bool
        Write ``x`` as a percentage (``0.679`` → ``67,9%``).

    Returns
    -------
    str
    """
    value = math.nan if x is None else float(x)
    if math.isnan(value):
        return MISSING_VALUE
    shown = 100.0 * value if percent else value
    if round(shown, digits) == 0:  # no "-0" / "-0,0"
        value = shown = 0.0
    return fmt.percent(value, digits) if percent else fmt.number(value, digits)


def _tick_digits(locs, percent: bool) -> int:
    """Fewest decimals (0–3) that write every tick location exactly."""
    values = [100.0 * float(v) if percent else float(v) for v in locs]
    for digits in range(4):
        if all(abs(v - round(v, digits)) <= 1e-6 * max(1.0, abs(v)) for v in values):
            return digits
    return 3


def tick_formatter(digits: int | None = None, *, percent: bool = False):
    """A matplotlib tick formatter writing numbers the Vietnamese way (``1.234,5``, ``60%``).

    Parameters
    ----------
    digits : int, optional
        Decimals; default: the fewest that write every tick of the axis exactly (``0``, ``0,5``,
        ``1`` → ``0,0``, ``0,5``, ``1,0``; ``0``, ``500``, ``1000`` → ``0``, ``500``, ``1.000``).
    percent : bool
        Tick values are 0–1 shares, written as percentages.

    Returns
    -------
    matplotlib.ticker.Formatter
    """
    from matplotlib.ticker import Formatter

    class VietnameseFormatter(Formatter):
        ticks: list = []

        def set_locs(self, locs):
            self.ticks = list(locs)

        def __call__(self, x, pos=None):
            d = digits if digits is not None else _tick_digits(self.ticks or [x], percent)
            return value_label(x, d, percent=percent)

    return VietnameseFormatter()


def number_axis(
    ax,
    axis: str = "both",
    digits: int | None = None,
    *,
    percent: bool = False,
    integer: bool = False,
):
    """Write the ticks of a numeric axis the Vietnamese way (see :func:`tick_formatter`).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    axis : {"x", "y", "both"}
    digits : int, optional
    percent : bool
    integer : bool
        Counts (communes, classes, people): ticks only at whole numbers.

    Returns
    -------
    matplotlib.axes.Axes
        ``ax``.

    Raises
    ------
    ValueError
        If ``axis`` is not "x", "y" or "both".
    """
    if axis not in ("x", "y", "both"):
        raise ValueError(f"axis must be 'x', 'y' or 'both', not {axis!r}")
    from matplotlib.ticker import AutoLocator

    for name in ("x", "y") if axis == "both" else (axis,):
        target = getattr(ax, f"{name}axis")
        target.set_major_formatter(tick_formatter(digits, percent=percent))
        if integer or isinstance(target.get_major_locator(), AutoLocator):  # not fixed ticks
            target.set_major_locator(spaced_locator(integer=integer, percent=percent))
    return ax


def spaced_locator(*, integer: bool = False, percent: bool = False):
    """matplotlib's default tick choice, with fewer ticks on an x axis when labels are wide.

    Vietnamese labels such as ``12.000`` are wider than the three characters matplotlib
    assumes; on a horizontal axis the number of ticks is chosen so labels do not overlap.

    Parameters
    ----------
    integer : bool
        Ticks only at whole numbers (counts).
    percent : bool
        Tick values are 0–1 shares written as ``60%``.

    Returns
    -------
    matplotlib.ticker.MaxNLocator
    """
    import matplotlib
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import MaxNLocator

    class SpacedLocator(MaxNLocator):
        def tick_values(self, vmin, vmax):
            axis = self.axis
            if axis is not None and axis.axis_name == "x":
                size = FontProperties(
                    size=matplotlib.rcParams["xtick.labelsize"]
                ).get_size_in_points()
                length = axis.axes.bbox.width * 72.0 / axis.get_figure(root=True).dpi
                chars = max(len(value_label(v, 0, percent=percent)) for v in (vmin, vmax))
                if not integer and abs(vmax - vmin) < 10:
                    chars += 2  # decimals ("0,25")
                fit = int(length / (size * (CHAR_WIDTH_EM * chars + 2.0)))
                self.set_params(nbins=min(9, max(1, fit)))
            return super().tick_values(vmin, vmax)

    return SpacedLocator(nbins="auto", steps=[1, 2, 2.5, 5, 10], integer=integer)


def is_empty_chart(frame, value_col: str | None = None) -> bool:
    """Whether a chart of ``frame`` would show nothing: no rows, or every value zero or missing.

    Parameters
    ----------
    frame : pandas.DataFrame, pandas.Series or None
    value_col : str, optional
        The column drawn; default every numeric column (a Series: its values).

    Returns
    -------
    bool

    Raises
    ------
    KeyError
        If ``value_col`` is not a column of ``frame``.
    """
    import pandas as pd

    if frame is None or len(frame) == 0:
        return True
    if isinstance(frame, pd.Series):
        values = frame
    elif value_col is not None:
        if value_col not in frame.columns:
            raise KeyError(f"Thiếu cột / missing column: {value_col}")
        values = frame[value_col]
    else:
        values = frame.select_dtypes("number").stack()
    numbers = pd.to_numeric(values, errors="coerce").fillna(0.0)
    return bool(len(numbers) == 0 or (numbers == 0).all())
