"""Province outlines of 2025, the national outline and the neighbouring countries (package data).

Read from ``core/data/province_outlines_2025.geojson``, built from Natural Earth's public-domain
1:10m admin-1 polygons by ``tools/build_province_outlines.py`` (provenance and licence:
``core/data/README.md``). Nothing is downloaded; the file is read once per process. Shapes are
matplotlib :class:`~matplotlib.path.Path` objects (longitude, latitude), drawn by
:mod:`ntmplan.core.maps` and used for point-in-polygon tests (:func:`contains`).

The file holds one feature per province of 2025 (``kind: province``, ``province_code``), the
country (``kind: country``; Hoàng Sa belongs to Đà Nẵng and Trường Sa to Khánh Hòa), the
neighbouring countries clipped to the map frame (``kind: neighbour``) and the label points of
the two archipelagos (``kind: archipelago``).
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

#: The shipped outlines.
OUTLINES_FILE = Path(__file__).resolve().parent / "data" / "province_outlines_2025.geojson"


@dataclass(frozen=True)
class Shape:
    """One outlined area: its name, its parts (one Path per polygon) and their bounds.

    Attributes
    ----------
    name : str
        Vietnamese name (``"Thành phố Đà Nẵng"``, ``"Lào"``).
    parts : tuple of matplotlib.path.Path
        One closed path per polygon (holes included as further closed rings).
    bounds : tuple of tuple of float
        ``(lon_min, lat_min, lon_max, lat_max)`` of each part, same order as ``parts``.
    areas : tuple of float
        Area of each part's outer ring in square degrees (to rank parts, not to measure).
    """

    name: str
    parts: tuple
    bounds: tuple
    areas: tuple = ()


@dataclass(frozen=True)
class Outlines:
    """Everything the maps draw.

    Attributes
    ----------
    provinces : dict of str to Shape
        Province code (2025) → shape, in code order.
    country : Shape
        Viet Nam, the two archipelagos included.
    neighbours : tuple of Shape
        Neighbouring countries, clipped to the map frame.
    archipelagos : dict of str to tuple
        Province code → (name, (lon, lat) of its label), e.g. ``"48"`` → Quần đảo Hoàng Sa.
    """

    provinces: dict
    country: Shape
    neighbours: tuple
    archipelagos: dict


def _ring_path(polygon: list) -> object:
    """One polygon (outer ring then holes) as a closed compound Path."""
    from matplotlib.path import Path as MplPath

    verts, codes = [], []
    for ring in polygon:
        pts = np.asarray(ring, dtype=float)
        verts.append(pts)
        codes += [MplPath.MOVETO] + [MplPath.LINETO] * (len(pts) - 2) + [MplPath.CLOSEPOLY]
    return MplPath(np.concatenate(verts), codes)


def _shape(feature: dict) -> Shape:
    geom = feature["geometry"]
    polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
    parts = tuple(_ring_path(p) for p in polygons)
    bounds = tuple(
        (*p.vertices.min(axis=0).tolist(), *p.vertices.max(axis=0).tolist()) for p in parts
    )
    areas = tuple(_ring_area(p[0]) for p in polygons)
    return Shape(name=feature["properties"]["name"], parts=parts, bounds=bounds, areas=areas)


def _ring_area(ring: list) -> float:
    """Area of a ring (shoelace formula), in square degrees."""
    xy = np.asarray(ring, dtype=float)
    x, y = xy[:, 0], xy[:, 1]
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2)


@functools.lru_cache(maxsize=1)
def load_outlines(path: Path = OUTLINES_FILE) -> Outlines:
    """Read the shipped outlines (once per process).

    Parameters
    ----------
    path : Path
        The GeoJSON file (default: the package's own).

    Returns
    -------
    Outlines

    Raises
    ------
    FileNotFoundError
        If the file is missing (a broken installation).
    ValueError
        If it lacks the country feature.
    """
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    provinces, neighbours, archipelagos, country = {}, [], {}, None
    for f in data["features"]:
        props = f["properties"]
        kind = props["kind"]
        if kind == "province":
            provinces[props["province_code"]] = _shape(f)
        elif kind == "country":
            country = _shape(f)
        elif kind == "neighbour":
            neighbours.append(_shape(f))
        elif kind == "archipelago":
            archipelagos[props["province_code"]] = (
                props["name"],
                tuple(f["geometry"]["coordinates"]),
            )
    if country is None:
        raise ValueError(f"{path}: no country outline")
    return Outlines(
        provinces=dict(sorted(provinces.items())),
        country=country,
        neighbours=tuple(neighbours),
        archipelagos=archipelagos,
    )


def province_codes() -> list[str]:
    """Return the province codes (2025) that have an outline, sorted.

    Returns
    -------
    list of str
    """
    return list(load_outlines().provinces)


def contains(province_code: str, lon, lat) -> np.ndarray:
    """Tell which points lie inside a province's outline (vectorised, matplotlib paths).

    Parameters
    ----------
    province_code : str
        Province code (2025 scheme).
    lon, lat : array-like of float
        Coordinates, same length.

    Returns
    -------
    numpy.ndarray
        bool, one per point; NaN coordinates are outside.

    Raises
    ------
    KeyError
        If the province has no outline.
    """
    shape = load_outlines().provinces[str(province_code)]
    xy = np.column_stack([np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)])
    inside = np.zeros(len(xy), dtype=bool)
    for part in shape.parts:
        inside |= part.contains_points(xy)
    return inside & np.isfinite(xy).all(axis=1)


def province_of_points(lon, lat, share: float = 0.6) -> str | None:
    """Return the province holding at least ``share`` of the points, or None.

    Parameters
    ----------
    lon, lat : array-like of float
        Coordinates.
    share : float
        Smallest share of the (finite) points the province must hold.

    Returns
    -------
    str or None
        Its code (2025), or None when no province holds that many (or there is no point).
    """
    lon, lat = np.asarray(lon, dtype=float), np.asarray(lat, dtype=float)
    finite = np.isfinite(lon) & np.isfinite(lat)
    if not finite.any():
        return None
    counts = {code: int(contains(code, lon, lat).sum()) for code in province_codes()}
    best = max(counts, key=lambda c: (counts[c], c))
    return best if counts[best] >= share * int(finite.sum()) and counts[best] else None


def provinces_with_points(lon, lat) -> list[str]:
    """Return the provinces holding at least one of the points, sorted.

    Parameters
    ----------
    lon, lat : array-like of float

    Returns
    -------
    list of str
    """
    return [c for c in province_codes() if contains(c, lon, lat).any()]
