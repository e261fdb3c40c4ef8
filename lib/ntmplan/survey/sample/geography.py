"""Geography of the illustration: regions of the legacy provinces, the upland rule, nearness to big cities.

The regions, border and safe-zone provinces are geographic facts; the upland rule
(distance from an approximate coastline in the central provinces) and the city
scale are assumptions of the illustration, not policy.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

# Socio-economic regions by LEGACY province code (63 provinces), a geographic fact.
_REGION_CODES = {
    "mountain_north": "02 04 06 08 10 11 12 14 15 17 20",
    "midland_north": "19 22 24 25",
    "red_river_delta": "01 26 27 30 31 33 34 35 36 37",
    "north_central": "38 40 42 44 45 46",
    "south_central_coast": "48 49 51 52 54 56 58 60",
    "central_highlands": "62 64 66 67 68",
    "southeast": "70 72 74 75 77 79",
    "mekong": "80 82 83 84 86 87 89 91 92 93 94 95 96",
}
REGION_OF_LEGACY_PROVINCE: dict[str, str] = {
    code: region for region, codes in sorted(_REGION_CODES.items()) for code in codes.split()
}
#: Legacy provinces with a land border (used only to draw the ``border`` category).
BORDER_LEGACY_PROVINCES = frozenset(
    "02 04 10 11 12 14 20 22 38 40 42 44 45 46 49 62 64 66 67 70 72 80 87 89 91".split()
)
#: Legacy provinces with many revolutionary safe-zone (ATK) communes.
SAFE_ZONE_LEGACY_PROVINCES = frozenset("06 08 19".split())
#: The five big cities, for :func:`city_nearness`.
BIG_CITIES = (  # (lat, lon): Hà Nội, TP HCM, Đà Nẵng, Hải Phòng, Cần Thơ
    (21.028, 105.854),
    (10.776, 106.701),
    (16.054, 108.202),
    (20.845, 106.688),
    (10.035, 105.788),
)
#: Distance scale of the nearness to a big city.
CITY_SCALE_KM = 30.0
#: Approximate coastline of the central provinces (lat, lon), for the upland rule.
COAST = np.array(
    [
        (10.40, 107.10),
        (10.93, 108.10),
        (11.55, 109.00),
        (12.25, 109.20),
        (13.10, 109.30),
        (13.80, 109.25),
        (14.50, 109.05),
        (15.40, 108.85),
        (16.05, 108.25),
        (16.50, 107.60),
        (16.80, 107.10),
        (17.50, 106.60),
        (18.30, 106.10),
        (18.80, 105.72),
        (19.80, 105.95),
        (20.60, 106.10),
    ]
)
#: Degrees of longitude inland of the coast from which a central unit is upland.
UPLAND_COAST_DEG = 0.4


def upland(region: pd.Series, lat: pd.Series, lon: pd.Series) -> pd.Series:
    """Return which units are upland: whole mountain/highland regions, plus inland parts of the others.

    Parameters
    ----------
    region : pandas.Series
        Region of each unit (keys of :data:`REGION_OF_LEGACY_PROVINCE`'s values).
    lat, lon : pandas.Series
        Coordinates of each unit.

    Returns
    -------
    pandas.Series
        bool, same index as ``region``.
    """
    coast = np.interp(lat.to_numpy(), COAST[:, 0], COAST[:, 1])
    inland = (coast - lon.to_numpy()) > UPLAND_COAST_DEG
    central = region.isin(["north_central", "south_central_coast"]).to_numpy()
    midland = (region == "midland_north").to_numpy() & (
        (lat.to_numpy() > 21.7)
        | (lon.to_numpy() < 105.15)
        | ((lon.to_numpy() > 106.6) & (lat.to_numpy() > 21.2))
    )
    southeast = (region == "southeast").to_numpy() & (lat.to_numpy() > 11.6)
    whole = region.isin(["mountain_north", "central_highlands"]).to_numpy()
    return pd.Series(whole | (central & inland) | midland | southeast, index=region.index)


def city_nearness(lat: pd.Series, lon: pd.Series) -> pd.Series:
    """Return exp(-distance / 30 km) to the nearest of the five big cities (0–1).

    Parameters
    ----------
    lat, lon : pandas.Series
        Coordinates of each unit.

    Returns
    -------
    pandas.Series
        float, same index as ``lat``.
    """
    la, lo = lat.to_numpy()[:, None], lon.to_numpy()[:, None]
    cities = np.array(BIG_CITIES)
    dy = (la - cities[:, 0]) * 110.57
    dx = (lo - cities[:, 1]) * 111.32 * np.cos(np.radians(la))
    dist = np.sqrt(dx**2 + dy**2).min(axis=1)
    return pd.Series(np.exp(-dist / CITY_SCALE_KM), index=lat.index)
