"""Chart style of the workbooks, and deterministic PNG output (matplotlib, Agg-safe).

Charts are built without pyplot (no global figure registry, nothing shown) on a
:func:`new_figure`; notebooks display them and save them with ``ctx.save_figure`` (which calls
:func:`save_png`). Text uses DejaVu Sans, shipped with matplotlib, which has every Vietnamese
diacritic. Colours and sizes are presentation choices shared by the task charts
(``ntmplan.tasks.<task>.charts``), not policy.
"""

from __future__ import annotations

from pathlib import Path

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
        "axes.titlesize": 12,
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
        With the ``constrained`` layout.
    """
    apply_style()
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def wrap_label(text: str, width: int) -> str:
    """Wrap a label on several lines of at most ``width`` characters.

    Parameters
    ----------
    text : str
    width : int

    Returns
    -------
    str
        Lines joined by newlines; ``text`` itself when it has nothing to wrap.
    """
    import textwrap

    return "\n".join(textwrap.wrap(text, width)) or text


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
