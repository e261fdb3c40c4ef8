"""Chart titles that always fit: wrapping to the figure's width and a layout that checks it.

Part of the house chart style (:mod:`ntmplan.core.charts` re-exports every name here). A title
names a subject, sometimes a pilot type and a province ("… — Thành phố Hồ Chí Minh"): it is
wrapped to the figure's width before drawing (:func:`set_title`, :func:`set_suptitle`), breaking
after a dash or before a bracket (:func:`wrap_title`), and the figures of
:func:`ntmplan.core.charts.new_figure` use :func:`title_fitting_layout`, which measures each title
after the layout and wraps it further when it would still leave the figure.
"""

from __future__ import annotations

import functools

#: Title size of the house style, points.
TITLE_SIZE = 12
#: Average width of a character of the font, in ems (DejaVu Sans, Vietnamese text with capitals;
#: used to wrap titles to the figure's width).
CHAR_WIDTH_EM = 0.62


@functools.cache
def _title_fitting_engine():
    """The layout engine class of :func:`title_fitting_layout` (built once, on first use)."""
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    class TitleFittingLayout(ConstrainedLayoutEngine):
        """Constrained layout, then rewrap any title that leaves the figure and lay out again."""

        def execute(self, fig):
            result = super().execute(fig)
            for _ in range(4):
                if not _rewrap_titles(fig):
                    break
                result = super().execute(fig)
            return result

    return TitleFittingLayout


def title_fitting_layout():
    """A ``constrained`` layout engine that keeps every title inside the figure.

    At each draw it lays the figure out, then measures each axes title and the figure title;
    one wider than the room it has (centred on its axes, within the figure) is wrapped on
    more lines and the figure is laid out again. A title that fits is left as it is.

    Returns
    -------
    matplotlib.layout_engine.ConstrainedLayoutEngine
    """
    return _title_fitting_engine()()


def _rewrap_titles(fig) -> bool:
    """Wrap narrower every title whose drawn width leaves the figure; True if one changed."""
    from matplotlib.text import Text

    box = fig.bbox
    suptitle = fig.get_suptitle()
    texts = [ax.title for ax in fig.axes if ax.get_visible()]
    texts += [c for c in fig.get_children() if isinstance(c, Text) and c.get_text() == suptitle]
    changed = False
    for text in texts:
        content = text.get_text()
        if not content or not text.get_visible():
            continue
        ext = text.get_window_extent()
        centre = 0.5 * (ext.x0 + ext.x1)
        margin = 0.1 * fig.dpi  # a tenth of an inch from each edge
        room = 2.0 * (min(centre - box.x0, box.x1 - centre) - margin)
        if ext.width <= room + 0.5:
            continue
        longest = max(len(line) for line in content.split("\n"))
        width = max(10, int(longest * max(room, 1.0) / ext.width))
        wrapped = wrap_title(" ".join(content.split()), width)
        if wrapped != content:
            text.set_text(wrapped)
            changed = True
    return changed


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


def wrap_title(text: str, width: int) -> str:
    """Wrap a title on lines of at most ``width`` characters, breaking first at its parts.

    A title is made of parts joined by " — " (subject — pilot type — province) and may end
    with a remark in brackets; lines break after a dash or before a bracket when the parts
    fit, so a province name ("Thành phố Hồ Chí Minh") stays on one line. A part longer than
    ``width`` is wrapped word by word (:func:`wrap_label`).

    Parameters
    ----------
    text : str
    width : int

    Returns
    -------
    str
    """
    import re

    parts = [p for p in re.split(r"(?<= —) | (?=\()", str(text)) if p]
    lines: list[str] = []
    for part in parts:
        if lines and len(lines[-1]) + 1 + len(part) <= width:
            lines[-1] += " " + part
        else:
            lines.append(part)
    return "\n".join(wrap_label(line, width) for line in lines) or str(text)


def title_width(fig, fontsize: float | None = None) -> int:
    """How many characters of a title fit on one line of the figure's width.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    fontsize : float, optional
        Points; default the house title size (``axes.titlesize``).

    Returns
    -------
    int
        At least 20.
    """
    size = float(fontsize or TITLE_SIZE)
    usable = 0.9 * fig.get_figwidth() * 72.0  # points, with a margin on both sides
    return max(20, int(usable / (CHAR_WIDTH_EM * size)))


def set_title(ax, text: str, fontsize: float | None = None, **kwargs):
    """Set an axes title wrapped to the figure's width (a long province name is never cut).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    text : str
    fontsize : float, optional
        Points; default the house title size.
    **kwargs
        Passed to ``Axes.set_title``.

    Returns
    -------
    matplotlib.text.Text
    """
    if fontsize is not None:
        kwargs["fontsize"] = fontsize
    wrapped = "\n".join(
        wrap_title(line, title_width(ax.figure, fontsize)) for line in str(text).split("\n")
    )
    return ax.set_title(wrapped, **kwargs)


def set_suptitle(fig, text: str, fontsize: float | None = None, **kwargs):
    """Set a figure title wrapped to the figure's width (see :func:`set_title`).

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    text : str
    fontsize : float, optional
    **kwargs
        Passed to ``Figure.suptitle``.

    Returns
    -------
    matplotlib.text.Text
    """
    size = float(fontsize or TITLE_SIZE)
    wrapped = "\n".join(wrap_title(line, title_width(fig, size)) for line in str(text).split("\n"))
    return fig.suptitle(wrapped, fontsize=size, **kwargs)
