"""Where a map looks and what it draws under the dots: views, island insets, outlines.

A province map frames the province's main land; a group of far islands that would shrink the
main land (Côn Đảo of Hồ Chí Minh City, Hoàng Sa of Đà Nẵng, Trường Sa of Khánh Hòa, Bạch Long
Vĩ of Hải Phòng) gets an inset of its own, placed in the corner facing it. The national map
shows the whole country at true positions, the two archipelagos included and labelled. Sizes and
colours are presentation choices, not policy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ntmplan.core.outlines import Shape, load_outlines

#: Parts of a province closer than this (km, between bounding boxes) are framed together.
NEAR_KM = 80.0
#: A far group is drawn in the main view when that grows the view's area by at most this factor.
MAX_GROWTH = 1.8
#: Margin around a view (share of its larger side) and the smallest view side (degrees).
MARGIN = 0.06
MIN_SIDE_DEG = 0.08
#: Inset width (share of the main axes) and its frame colour.
INSET_WIDTH = 0.3
#: Colours (presentation only): sea, neighbouring countries, other provinces, the province.
SEA = "#e6f0f7"
NEIGHBOUR_FILL, NEIGHBOUR_EDGE = "#efefec", "#c9c9c4"
OTHER_FILL, OTHER_EDGE = "#f6f6f2", "#b4b4ae"
FOCUS_FILL, FOCUS_EDGE = "#ffffff", "#3d4a57"
COUNTRY_EDGE = "#3d4a57"
#: Name of the sea on the national map, and where it is written (lon, lat).
SEA_LABEL = ("Biển Đông", (112.6, 13.6))

Box = tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


@dataclass(frozen=True)
class View:
    """One map frame: its bounds, which dots it shows and its title (insets only).

    Attributes
    ----------
    bounds : tuple of float
        ``(lon_min, lat_min, lon_max, lat_max)``, margins included.
    dots : numpy.ndarray
        bool mask over the dots drawn in this frame.
    title : str
        Inset title (empty for the main frame).
    corner : str
        Inset position ``"upper right"``, ``"lower left"``, … (empty for the main frame).
    """

    bounds: Box
    dots: np.ndarray
    title: str = ""
    corner: str = ""


def _km_between(a: Box, b: Box) -> float:
    """Distance in km between two boxes (0 when they overlap)."""
    lat = math.radians((a[1] + a[3] + b[1] + b[3]) / 4)
    dx = max(b[0] - a[2], a[0] - b[2], 0.0) * 111.32 * math.cos(lat)
    dy = max(b[1] - a[3], a[1] - b[3], 0.0) * 110.57
    return math.hypot(dx, dy)


def _km_to_box(box: Box, lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    """Distance in km from each point to a box (0 inside), vectorised."""
    cos = np.cos(np.radians((lat + (box[1] + box[3]) / 2) / 2))
    dx = np.maximum.reduce([box[0] - lon, lon - box[2], np.zeros_like(lon)]) * 111.32 * cos
    dy = np.maximum.reduce([box[1] - lat, lat - box[3], np.zeros_like(lat)]) * 110.57
    return np.hypot(dx, dy)


def _union(a: Box, b: Box) -> Box:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _area(b: Box) -> float:
    return max(b[2] - b[0], MIN_SIDE_DEG) * max(b[3] - b[1], MIN_SIDE_DEG)


def part_groups(bounds: list[Box], areas: list[float] | None = None) -> list[Box]:
    """Group part boxes lying within :data:`NEAR_KM` of each other; the most land first.

    Parameters
    ----------
    bounds : list of (float, float, float, float)
        Box of each part.
    areas : list of float, optional
        Land area of each part (default: its box's area); groups are ranked by their summed area.

    Returns
    -------
    list of (float, float, float, float)
        One box per group, the group with the most land first, then by position.
    """
    if not bounds:
        return []
    areas = list(areas) if areas else [_area(b) for b in bounds]
    groups: list[tuple[Box, float]] = []
    for i in sorted(range(len(bounds)), key=lambda i: (-areas[i], bounds[i])):
        box, land = bounds[i], areas[i]
        near = [g for g in groups if _km_between(g[0], box) <= NEAR_KM]
        for g in near:
            groups.remove(g)
            box, land = _union(box, g[0]), land + g[1]
        groups.append((box, land))
    groups.sort(key=lambda g: (-g[1], g[0]))
    return [g[0] for g in groups]


def _padded(b: Box) -> Box:
    side = max(b[2] - b[0], b[3] - b[1], MIN_SIDE_DEG)
    pad = side * MARGIN + (MIN_SIDE_DEG - min(b[2] - b[0], MIN_SIDE_DEG)) / 2
    pad_y = side * MARGIN + (MIN_SIDE_DEG - min(b[3] - b[1], MIN_SIDE_DEG)) / 2
    return (b[0] - pad, b[1] - pad_y, b[2] + pad, b[3] + pad_y)


def _corner(main: Box, far: Box) -> str:
    mx, my = (main[0] + main[2]) / 2, (main[1] + main[3]) / 2
    fx, fy = (far[0] + far[2]) / 2, (far[1] + far[3]) / 2
    return f"{'upper' if fy >= my else 'lower'} {'right' if fx >= mx else 'left'}"


def _dots_box(lon: np.ndarray, lat: np.ndarray, mask: np.ndarray) -> Box | None:
    if not mask.any():
        return None
    return (lon[mask].min(), lat[mask].min(), lon[mask].max(), lat[mask].max())


def province_views(
    shape: Shape | None, lon: np.ndarray, lat: np.ndarray, archipelago=None
) -> list[View]:
    """Frames of a province map: the main one first, then one inset per far group of islands.

    Parameters
    ----------
    shape : Shape or None
        The province's outline; None frames the dots alone.
    lon, lat : numpy.ndarray
        Dot coordinates.
    archipelago : (str, (float, float)), optional
        The province's archipelago name and label point: an inset holding it takes its name.

    Returns
    -------
    list of View
    """
    n = len(lon)
    if shape is None or not shape.parts:
        box = _dots_box(lon, lat, np.ones(n, dtype=bool)) or (102.0, 8.0, 110.0, 23.5)
        return [View(_padded(box), np.ones(n, dtype=bool))]
    groups = part_groups(list(shape.bounds), list(shape.areas))
    main, far = groups[0], []
    for g in groups[1:]:
        if _area(_union(main, g)) <= MAX_GROWTH * _area(main):
            main = _union(main, g)
        else:
            far.append(g)
    dist = np.column_stack([_km_to_box(g, lon, lat) for g in [main, *far]])
    nearest = dist.argmin(axis=1) if n else np.zeros(0, dtype=int)
    nearest = np.where(dist.min(axis=1) <= NEAR_KM, nearest, 0) if n else nearest
    views = []
    main_dots = nearest == 0
    box = _dots_box(lon, lat, main_dots)
    views.append(View(_padded(_union(main, box) if box else main), main_dots))
    for k, g in enumerate(far, start=1):
        mask = nearest == k
        box = _dots_box(lon, lat, mask)
        frame = _union(g, box) if box else g
        title = ""
        if archipelago is not None:
            ax, ay = archipelago[1]
            if _km_between(frame, (ax, ay, ax, ay)) <= NEAR_KM:
                title = archipelago[0]
        views.append(View(_padded(frame), mask, title, _corner(main, g)))
    return views


CORNERS = ("upper right", "lower right", "lower left", "upper left")


def inset_rect(corner: str, width: float, height: float) -> tuple[float, float, float, float]:
    """Where an inset sits in its main axes: ``(left, bottom, width, height)`` in axes fractions.

    Parameters
    ----------
    corner : str
        ``"upper right"``, ``"lower left"``, …
    width, height : float
        Size in axes fractions.

    Returns
    -------
    tuple of float
    """
    vertical, horizontal = corner.split()
    left = 1 - width - 0.01 if horizontal == "right" else 0.01
    bottom = 1 - height - 0.01 if vertical == "upper" else 0.01
    return (left, bottom, width, height)


def free_corner(bounds: Box, preferred: str, xy: np.ndarray, size, taken=()) -> str:
    """The corner of a frame where an inset hides the fewest points (the preferred one on ties).

    Parameters
    ----------
    bounds : (float, float, float, float)
        The main frame.
    preferred : str
        The corner facing the inset's islands.
    xy : numpy.ndarray
        (n, 2) points that should stay visible (dots, the province's outline).
    size : (float, float)
        Inset width and height in axes fractions.
    taken : iterable of str
        Corners already used.

    Returns
    -------
    str
    """
    best, best_count = preferred, None
    for corner in (preferred, *[c for c in CORNERS if c != preferred]):
        if corner in taken:
            continue
        left, bottom, w, h = inset_rect(corner, *size)
        fx = (xy[:, 0] - bounds[0]) / (bounds[2] - bounds[0])
        fy = (xy[:, 1] - bounds[1]) / (bounds[3] - bounds[1])
        count = int(((fx >= left) & (fx <= left + w) & (fy >= bottom) & (fy <= bottom + h)).sum())
        if best_count is None or count < best_count:
            best, best_count = corner, count
    return best


def national_view(lon: np.ndarray) -> View:
    """The national frame: the whole country, Hoàng Sa and Trường Sa at their true positions.

    Parameters
    ----------
    lon : numpy.ndarray
        Dot longitudes (every dot is shown).

    Returns
    -------
    View
    """
    country = load_outlines().country
    box = country.bounds[0]
    for b in country.bounds[1:]:
        box = _union(box, b)
    return View(_padded(box), np.ones(len(lon), dtype=bool))


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def _patch(ax, shape: Shape, bounds: Box, **style) -> None:
    """Add the parts of a shape that reach into ``bounds`` as one patch (nothing if none)."""
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MplPath

    parts = [p for p, b in zip(shape.parts, shape.bounds, strict=True) if _overlaps(b, bounds)]
    if parts:  # add_artist: the frame is set by frame_axes, no costly extent of every curve
        ax.add_artist(PathPatch(MplPath.make_compound_path(*parts), **style))


def draw_outlines(
    ax, bounds: Box, province_code: str | None, national: bool, labels: bool = True
) -> None:
    """Draw the sea, the neighbouring countries, the provinces and the focus province or country.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    bounds : (float, float, float, float)
        The frame: parts outside it are not drawn (smaller SVG, faster drawing).
    province_code : str or None
        Province to stress (province map).
    national : bool
        Stress the national outline and label the archipelagos and the sea.
    labels : bool
        Write the archipelago and sea names (national map).

    Returns
    -------
    None
    """
    data = load_outlines()
    # Frames are drawn with true proportions, so the axes may show more than ``bounds``.
    wide = (bounds[0] - 2.0, bounds[1] - 2.0, bounds[2] + 2.0, bounds[3] + 2.0)
    ax.set_facecolor(SEA)
    for shape in data.neighbours:
        _patch(ax, shape, wide, fc=NEIGHBOUR_FILL, ec=NEIGHBOUR_EDGE, lw=0.5, zorder=0.5)
    for code, shape in data.provinces.items():
        focus = code == province_code
        _patch(
            ax,
            shape,
            wide,
            fc=FOCUS_FILL if focus or national else OTHER_FILL,
            ec=FOCUS_EDGE if focus else OTHER_EDGE,
            lw=1.2 if focus else (0.4 if national else 0.5),
            zorder=1.2 if focus else 1.0,
        )
    if national:
        _patch(ax, data.country, wide, fc="none", ec=COUNTRY_EDGE, lw=0.8, zorder=1.3)
        if labels:
            for name, (x, y) in data.archipelagos.values():
                ax.annotate(
                    name,
                    (x, y),
                    ha="center",
                    va="bottom",
                    fontsize=7.5,
                    color="#1f3b57",
                    style="italic",
                    zorder=4,
                )
            ax.annotate(
                SEA_LABEL[0],
                SEA_LABEL[1],
                ha="center",
                fontsize=10,
                color="#6f8fab",
                style="italic",
                zorder=0.8,
            )


def frame_axes(ax, bounds: Box) -> None:
    """Set an axes to a frame with true proportions (the frame grows to fill the axes).

    Call it after everything is drawn: the drawn artists' own extents are dropped.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
    bounds : (float, float, float, float)

    Returns
    -------
    None
    """
    from matplotlib.transforms import Bbox

    ax.dataLim = Bbox.from_extents(*bounds)  # what the outlines and dots added is forgotten
    ax.set_xmargin(0.0)
    ax.set_ymargin(0.0)
    ax.autoscale(True)
    ax.autoscale_view()
    mid = math.radians((bounds[1] + bounds[3]) / 2)
    ax.set_aspect(1.0 / max(math.cos(mid), 0.1), adjustable="datalim")
