"""A map as SVG whose dots name themselves on hover (``<title>`` per dot), for the HTML reports.

:func:`ntmplan.core.maps.dot_map` gives every dot a link target made by :func:`dot_url`;
matplotlib's SVG writer wraps each dot in ``<a xlink:href="…">``. :func:`hover_svg` renders the
figure as SVG and turns each such link into a group with a ``<title>`` (the browser's tooltip):
no script, nothing fetched, the page stays offline and self-contained. Text is escaped by the
XML writer, so a commune name cannot add markup. The same figure still saves as PNG for Word and
Excel (:func:`ntmplan.core.charts.save_png`).
"""

from __future__ import annotations

import io
import re
import urllib.parse
import xml.etree.ElementTree as ET

#: Prefix marking a dot's link target (the rest is its tooltip, URL-quoted).
DOT_PREFIX = "ntm-dot:"
_SVG = "http://www.w3.org/2000/svg"
_XLINK = "http://www.w3.org/1999/xlink"
_NUMBER = re.compile(r"-?\d+\.\d{3,}")


def dot_url(label: str) -> str:
    """Return the link target that carries a dot's tooltip through matplotlib's SVG writer.

    Parameters
    ----------
    label : str
        The tooltip (``"Xã An — Điểm (0–100): 55,2"``).

    Returns
    -------
    str
    """
    return DOT_PREFIX + urllib.parse.quote(str(label), safe="")


def _lean(elements: list) -> list:
    """A dot's elements without the clip group around its one marker, coordinates to 0,01 pt.

    Every dot lies inside its frame (:mod:`ntmplan.core.map_layout`), so the clip is not
    needed; this halves the markup of a national map.
    """
    out = []
    for el in elements:
        inner = list(el)
        if el.tag == f"{{{_SVG}}}g" and len(inner) == 1 and inner[0].tag == f"{{{_SVG}}}use":
            el = inner[0]
        for key in ("x", "y"):
            if el.get(key) is not None:
                el.set(key, f"{float(el.get(key)):.2f}")
        out.append(el)
    return out


def _tooltips(svg_text: str, width_px: int | None = None) -> tuple[str, int]:
    """Replace each dot link by a group with a ``<title>``; return the SVG and the dot count."""
    ET.register_namespace("", _SVG)
    ET.register_namespace("xlink", _XLINK)
    root = ET.fromstring(svg_text)
    href = f"{{{_XLINK}}}href"
    count = 0
    for parent in root.iter():
        for i, child in enumerate(list(parent)):
            target = child.get(href, "")
            if child.tag != f"{{{_SVG}}}a" or not target.startswith(DOT_PREFIX):
                continue
            group = ET.Element(f"{{{_SVG}}}g", {"class": "ntm-dot"})
            title = ET.SubElement(group, f"{{{_SVG}}}title")
            title.text = urllib.parse.unquote(target[len(DOT_PREFIX) :])
            group.extend(_lean(list(child)))
            parent.remove(child)
            parent.insert(i, group)
            count += 1
    for el in root.iter(f"{{{_SVG}}}path"):  # 0,01 pt is far below a pixel
        if el.get("d"):
            el.set("d", _NUMBER.sub(lambda m: f"{float(m.group()):.2f}", el.get("d")))
    root.set("style", "max-width: 100%; height: auto;")
    if width_px:
        w, h = (float(v) for v in root.get("viewBox", "0 0 1 1").split()[2:])
        root.set("width", f"{width_px}px")
        root.set("height", f"{round(width_px * h / w)}px")
    return ET.tostring(root, encoding="unicode"), count


def has_hover(fig) -> bool:
    """Tell whether a figure has dots with tooltips (without rendering it).

    Parameters
    ----------
    fig : matplotlib.figure.Figure

    Returns
    -------
    bool
    """
    from matplotlib.collections import Collection

    return any(
        any(str(u or "").startswith(DOT_PREFIX) for u in c.get_urls())
        for c in fig.findobj(Collection)
    )


def hover_svg(fig, width_px: int | None = None, salt: str = "ntmplan-map") -> str | None:
    """Render a figure as SVG with a tooltip on each dot of :func:`ntmplan.core.maps.dot_map`.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    width_px : int, optional
        Width the page shows it at (it still shrinks to fit a narrow page).
    salt : str
        Seed of the SVG's element ids: the same figure gives the same bytes.

    Returns
    -------
    str or None
        The ``<svg>`` element (no XML declaration), or None when the figure has no such dot
        (nothing is rendered then).
    """
    import matplotlib

    if not has_hover(fig):
        return None
    buf = io.StringIO()
    with matplotlib.rc_context({"svg.hashsalt": salt, "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg, count = _tooltips(buf.getvalue(), width_px)
    return svg if count else None
