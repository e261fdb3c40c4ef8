"""Illustrative survey data (dữ liệu minh họa) generated on real administrative units.

No public commune-level dataset exists, so the project ships a generated one:
real unit codes and names from :mod:`ntmplan.survey.units`, invented figures. Nothing
here is a survey result. The generator is deterministic: a numpy ``Generator``
with a fixed seed, rows in code order, categories in sorted order — the same
seed always gives the same frame and byte-identical CSV files.

How the figures are made (all assumptions of the illustration, not policy):

- Every legacy unit (10,040) gets a 2023 household count from its region
  (socio-economic region of its legacy province), whether it is upland, and
  its type. A 2025 unit's households are the sum over the legacy units that
  became it (split units shared by area), times a small growth factor; so the
  two samples are coherent when the legacy one is carried into 2025 units.
- A latent "digital readiness" score per 2025 unit combines the region (mountainous
  north and Central Highlands low; Red River and Mekong deltas and the south-east
  high), upland position (a distance-from-the-coast rule in the central
  provinces), nearness to Hà Nội, Hồ Chí Minh City, Đà Nẵng, Hải Phòng and
  Cần Thơ, a town share, a random province effect and commune noise. A legacy
  unit's 2023 score is its successor's score minus a shift plus noise.
- Every survey column is drawn from that score with simple logistic or Poisson
  rules that respect each cross-column rule of the survey table.

Regenerate with ``python -m ntmplan.survey.sample``.
"""

from __future__ import annotations

import functools
from pathlib import Path

import numpy as np
import pandas as pd

from ntmplan.core import paths
from ntmplan.survey import units
from ntmplan.survey.schema import LABELS  # noqa: F401 - the survey schema's labels, re-exported

#: Default seed of the bundled files.
DEFAULT_SEED = 20250701
#: Survey years of the two samples.
YEAR_CURRENT = 2025
YEAR_LEGACY = 2023

#: Survey columns in the order of DESIGN.md's survey table.
SURVEY_COLUMNS: tuple[str, ...] = (
    "province_code",
    "commune_code",
    "commune_name",
    "unit_type",
    "year",
    "households",
    "population",
    "villages",
    "officials",
    "villages_fiber",
    "villages_4g",
    "postal_point",
    "radio_it",
    "households_internet",
    "households_smart_device",
    "households_internet_smart",
    "officials_computer",
    "officials_email",
    "officials_eoffice",
    "files_online_share",
    "criterion_8_4",
    "digital_services",
    "community_tech_members",
    "cooperatives",
    "cooperatives_digital",
    "ocop_products",
    "ocop_products_online",
    "households_selling_online",
    "prominent_sector",
    "digital_providers",
    "dx_demand",
    "ntm_level",
    "commune_category",
)
BOOL_COLUMNS = ("postal_point", "radio_it", "criterion_8_4")
TEXT_COLUMNS = (
    "province_code",
    "commune_code",
    "commune_name",
    "unit_type",
    "prominent_sector",
    "ntm_level",
    "commune_category",
)
OPTIONAL_TEXT_COLUMNS = ("prominent_sector", "commune_category")
FLOAT_COLUMNS = ("files_online_share",)
INT_COLUMNS = tuple(
    c for c in SURVEY_COLUMNS if c not in BOOL_COLUMNS + TEXT_COLUMNS + FLOAT_COLUMNS
)


# --------------------------------------------------------------------------- geography
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

# Assumptions of the illustration (not policy): region effects on readiness,
# households per unit and household size.
_REGION_SCORE = {
    "mountain_north": -0.85,
    "central_highlands": -0.55,
    "midland_north": -0.1,
    "north_central": -0.15,
    "south_central_coast": -0.05,
    "red_river_delta": 0.55,
    "southeast": 0.35,
    "mekong": 0.35,
}
_REGION_HOUSEHOLDS = {  # median households of a legacy xã around 2023
    "mountain_north": 1000,
    "central_highlands": 1700,
    "midland_north": 1800,
    "north_central": 1800,
    "south_central_coast": 2000,
    "red_river_delta": 2400,
    "southeast": 2600,
    "mekong": 2700,
}
_REGION_HH_SIZE = {
    "mountain_north": 4.4,
    "central_highlands": 4.2,
    "midland_north": 3.7,
    "north_central": 3.6,
    "south_central_coast": 3.7,
    "red_river_delta": 3.2,
    "southeast": 3.5,
    "mekong": 3.6,
}
_REGION_HH_PER_VILLAGE = {
    "mountain_north": 90,
    "central_highlands": 150,
    "midland_north": 170,
    "north_central": 200,
    "south_central_coast": 250,
    "red_river_delta": 300,
    "southeast": 350,
    "mekong": 350,
}
_TYPE_HH_FACTOR = {"xã": 1.0, "thị trấn": 1.4, "phường": 1.6}
_ISLAND_DISTRICT_HOUSEHOLDS = 600
_BIG_CITIES = (  # (lat, lon): Hà Nội, TP HCM, Đà Nẵng, Hải Phòng, Cần Thơ
    (21.028, 105.854),
    (10.776, 106.701),
    (16.054, 108.202),
    (20.845, 106.688),
    (10.035, 105.788),
)
_CITY_SCALE_KM = 30.0
_PROVINCE_EFFECT_SD = 0.3
# Approximate coastline of the central provinces (lat, lon), for the upland rule.
_COAST = np.array(
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
_UPLAND_COAST_DEG = 0.4
_SECTOR_WEIGHTS = {  # relative chance of each sector code by region; unknown codes weigh 1
    "mountain_north": {
        "lam_nghiep": 5,
        "chan_nuoi": 4,
        "trong_trot": 4,
        "du_lich_nong_thon": 3,
        "hop_tac_xa": 2,
    },
    "central_highlands": {
        "trong_trot": 6,
        "lam_nghiep": 3,
        "chan_nuoi": 3,
        "hop_tac_xa": 2,
        "du_lich_nong_thon": 2,
    },
    "midland_north": {
        "trong_trot": 4,
        "chan_nuoi": 3,
        "lam_nghiep": 2,
        "hop_tac_xa": 2,
        "trang_trai": 2,
    },
    "north_central": {
        "trong_trot": 3,
        "chan_nuoi": 3,
        "thuy_san": 2,
        "lam_nghiep": 2,
        "hop_tac_xa": 2,
    },
    "south_central_coast": {"thuy_san": 4, "trong_trot": 3, "du_lich_nong_thon": 3, "chan_nuoi": 2},
    "red_river_delta": {
        "trong_trot": 3,
        "hop_tac_xa": 3,
        "thuong_mai_dien_tu": 3,
        "trang_trai": 2,
        "quy_hoach_xay_dung": 2,
    },
    "southeast": {
        "trang_trai": 3,
        "trong_trot": 3,
        "thuong_mai_dien_tu": 3,
        "hop_tac_xa": 2,
        "du_lich_nong_thon": 2,
    },
    "mekong": {
        "thuy_san": 5,
        "trong_trot": 5,
        "hop_tac_xa": 3,
        "thuong_mai_dien_tu": 2,
        "du_lich_nong_thon": 2,
    },
}
# (intercept, slope on the readiness score) of each drawn condition; "shared" is the
# weight of the common latent tying fibre with 4G and the three officials' conditions.
_COEF = {
    "fiber": (-0.1, 1.2),
    "4g": (0.6, 1.2),
    "computer": (0.5, 1.0),
    "email": (0.2, 1.0),
    "eoffice": (0.4, 1.0),
    "shared": 2.0,
    "internet": (0.5, 0.6),
    "smart": (1.0, 0.6),
    "sector": (0.9, 0.5),
    "providers": (0.2, 0.7),
}
_CATEGORY_ORDER = ("island", "border", "safe_zone", "zone_iii", "zone_ii", "zone_i", "other")
_NTM_LEVELS = ("chua_dat", "dat_chuan", "nang_cao", "kieu_mau")


def _sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def _upland(region: pd.Series, lat: pd.Series, lon: pd.Series) -> pd.Series:
    """Upland units: whole mountain/highland regions, plus inland parts of the others."""
    coast = np.interp(lat.to_numpy(), _COAST[:, 0], _COAST[:, 1])
    inland = (coast - lon.to_numpy()) > _UPLAND_COAST_DEG
    central = region.isin(["north_central", "south_central_coast"]).to_numpy()
    midland = (region == "midland_north").to_numpy() & (
        (lat.to_numpy() > 21.7)
        | (lon.to_numpy() < 105.15)
        | ((lon.to_numpy() > 106.6) & (lat.to_numpy() > 21.2))
    )
    southeast = (region == "southeast").to_numpy() & (lat.to_numpy() > 11.6)
    whole = region.isin(["mountain_north", "central_highlands"]).to_numpy()
    return pd.Series(whole | (central & inland) | midland | southeast, index=region.index)


def _city_nearness(lat: pd.Series, lon: pd.Series) -> pd.Series:
    """exp(-distance / 30 km) to the nearest of the five big cities (0–1)."""
    la, lo = lat.to_numpy()[:, None], lon.to_numpy()[:, None]
    cities = np.array(_BIG_CITIES)
    dy = (la - cities[:, 0]) * 110.57
    dx = (lo - cities[:, 1]) * 111.32 * np.cos(np.radians(la))
    dist = np.sqrt(dx**2 + dy**2).min(axis=1)
    return pd.Series(np.exp(-dist / _CITY_SCALE_KM), index=lat.index)


# --------------------------------------------------------------------------- the shared "world"


def _source_links() -> pd.DataFrame:
    """(legacy unit position, current unit position, weight) for every legacy → 2025 link."""
    cw = units.legacy_crosswalk()
    cur = units.current_units()
    pos_cur = pd.Series(np.arange(len(cur)), index=cur["province_code"] + cur["commune_code"])
    links = pd.DataFrame(
        {
            "legacy_pos": np.arange(len(cw)),
            "target": cw["province_code"].fillna("") + cw["commune_code"].fillna(""),
        }
    )
    plain = links[~cw["is_split"].to_numpy() & cw["commune_code"].notna().to_numpy()].assign(
        weight=1.0
    )
    split = units.legacy_split_targets()
    leg_pos = pd.Series(
        np.arange(len(cw)),
        index=cw["legacy_province_code"]
        + cw["legacy_commune_code"].fillna("~" + cw["legacy_district_code"]),
    )
    split_links = pd.DataFrame(
        {
            "legacy_pos": (split["legacy_province_code"] + split["legacy_commune_code"])
            .map(leg_pos)
            .to_numpy(),
            "target": (split["province_code"] + split["commune_code"]).to_numpy(),
            "weight": split["area_share"]
            .fillna(
                1.0
                / split.groupby(["legacy_province_code", "legacy_commune_code"])[
                    "commune_code"
                ].transform("size")
            )
            .to_numpy(),
        }
    )
    out = pd.concat([plain, split_links], ignore_index=True)
    out["current_pos"] = out["target"].map(pos_cur)
    out = out.dropna(subset=["current_pos", "legacy_pos"])
    return out.astype({"current_pos": "int64", "legacy_pos": "int64"})[
        ["legacy_pos", "current_pos", "weight"]
    ]


@functools.lru_cache(maxsize=4)
def _world(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Latent features of every current unit and every legacy unit (cached per seed)."""
    rng = np.random.default_rng([seed, 0])
    cw = units.legacy_crosswalk()
    leg = units.legacy_units()
    cur = units.current_units()
    links = _source_links()

    # Legacy units: region, upland, town, 2023 households and household size.
    leg_region = leg["province_code"].map(REGION_OF_LEGACY_PROVINCE).fillna("north_central")
    leg_upland = _upland(leg_region, leg["lat"], leg["lon"])
    leg_town = leg["district_name"].str.match(r"^(Quận|Thành phố|Thị xã)\s").fillna(False)
    base = leg_region.map(_REGION_HOUSEHOLDS).astype(float)
    base = base * np.where(
        leg_upland & ~leg_region.isin(["mountain_north", "central_highlands"]), 0.7, 1.0
    )
    base = base * leg["unit_type"].map(_TYPE_HH_FACTOR).fillna(1.0)
    base = base.where(leg["commune_code"].notna(), _ISLAND_DISTRICT_HOUSEHOLDS)
    hh23 = np.maximum(30, np.round(base.to_numpy() * rng.lognormal(0.0, 0.4, len(leg)))).astype(
        "int64"
    )
    size23 = np.clip(
        leg_region.map(_REGION_HH_SIZE).to_numpy() + rng.normal(0, 0.2, len(leg)), 2.6, 6.0
    )
    villages23 = np.maximum(
        1,
        np.round(
            hh23
            / (leg_region.map(_REGION_HH_PER_VILLAGE).to_numpy() * rng.lognormal(0, 0.25, len(leg)))
        ),
    ).astype("int64")

    # Current units: region = most common region among their legacy sources.
    lpos = links["legacy_pos"].to_numpy()
    weight = links["weight"].to_numpy()
    src = links.assign(
        region=leg_region.to_numpy()[lpos],
        town=leg_town.to_numpy()[lpos].astype(float),
        hh=hh23[lpos] * weight,
        pop=(hh23 * size23)[lpos] * weight,
        vil=villages23[lpos] * weight,
    )
    mode = (
        src.groupby(["current_pos", "region"])
        .size()
        .rename("n")
        .reset_index()
        .sort_values(["current_pos", "n", "region"], ascending=[True, False, True])
    )
    cur_region = (
        mode.drop_duplicates("current_pos")
        .set_index("current_pos")["region"]
        .reindex(range(len(cur)))
    )
    cur_region = pd.Series(cur_region.fillna("north_central").to_numpy(), index=cur.index)
    sums = src.groupby("current_pos")[["hh", "pop", "vil", "town"]].agg(
        {"hh": "sum", "pop": "sum", "vil": "sum", "town": "mean"}
    )
    sums = sums.reindex(range(len(cur))).fillna(0.0)
    sums.index = cur.index

    cur_upland = _upland(cur_region, cur["lat"], cur["lon"])
    near = _city_nearness(cur["lat"], cur["lon"])
    prov_codes = np.array(sorted(cur["province_code"].unique()))
    prov_effect = pd.Series(rng.normal(0, _PROVINCE_EFFECT_SD, len(prov_codes)), index=prov_codes)
    upland_penalty = np.where(
        cur_upland & ~cur_region.isin(["mountain_north", "central_highlands"]), -0.55, 0.0
    )
    z25 = (
        cur_region.map(_REGION_SCORE).to_numpy()
        + upland_penalty
        + 1.0 * near.to_numpy()
        + 0.35 * sums["town"].to_numpy()
        + cur["province_code"].map(prov_effect).to_numpy()
        + rng.normal(0, 0.45, len(cur))
    )
    growth = 1.025 * rng.lognormal(0, 0.01, len(cur))
    hh25 = np.maximum(30, np.round(sums["hh"].to_numpy() * growth)).astype("int64")
    size25 = np.where(sums["hh"] > 0, sums["pop"] / sums["hh"].where(sums["hh"] > 0, 1), 3.8)
    villages25 = np.maximum(
        1, np.round(sums["vil"].to_numpy() * rng.uniform(0.85, 1.0, len(cur)))
    ).astype("int64")
    current = cur.assign(
        region=cur_region.to_numpy(),
        upland=cur_upland.to_numpy(),
        border_province=False,
        safe_zone_province=False,
        z=z25,
        households=hh25,
        hh_size=size25,
        villages=villages25,
    )
    # A current unit is in a border / safe-zone province if any legacy source is.
    src_prov = leg["province_code"].to_numpy()[links["legacy_pos"]]
    for flag, codes in (
        ("border_province", BORDER_LEGACY_PROVINCES),
        ("safe_zone_province", SAFE_ZONE_LEGACY_PROVINCES),
    ):
        hit = links.loc[np.isin(src_prov, sorted(codes)), "current_pos"].unique()
        current.loc[current.index[hit], flag] = True

    # Legacy 2023 score: the successor's score, lower, with noise.
    target_pos = pd.Series(np.arange(len(cur)), index=cur["province_code"] + cur["commune_code"])
    succ = (cw["province_code"].fillna("") + cw["commune_code"].fillna("")).map(target_pos)
    z_succ = pd.Series(z25)[succ.fillna(-1).astype(int).clip(lower=0)].to_numpy()
    z_own = leg_region.map(_REGION_SCORE).to_numpy()
    z23 = np.where(succ.notna(), z_succ, z_own) - 0.35 + rng.normal(0, 0.3, len(leg))
    legacy = leg.assign(
        region=leg_region.to_numpy(),
        upland=leg_upland.to_numpy(),
        border_province=leg["province_code"].isin(sorted(BORDER_LEGACY_PROVINCES)).to_numpy(),
        safe_zone_province=leg["province_code"].isin(sorted(SAFE_ZONE_LEGACY_PROVINCES)).to_numpy(),
        z=z23,
        households=hh23,
        hh_size=size23,
        villages=villages23,
    )
    return current, legacy


# --------------------------------------------------------------------------- survey columns


def _partial(total: np.ndarray, full: np.ndarray, share: np.ndarray) -> np.ndarray:
    """``total`` where ``full``, else ``floor(total * share)`` kept strictly below ``total``."""
    part = np.floor(total * np.clip(share, 0.0, 1.0)).astype("int64")
    part = np.minimum(part, np.maximum(total - 1, 0))
    return np.where(full, total, part).astype("int64")


def _pick_category(rng, probs: np.ndarray, labels: tuple[str, ...]) -> np.ndarray:
    """Draw one label per row from row-wise probabilities (rows sum to 1)."""
    cum = np.cumsum(probs, axis=1)
    u = rng.random(len(probs))[:, None]
    idx = np.minimum((u >= cum).sum(axis=1), len(labels) - 1)
    return np.array(labels, dtype=object)[idx]


def _survey_frame(
    frame: pd.DataFrame, rng: np.random.Generator, year: int, legacy: bool, params: dict
) -> pd.DataFrame:
    """Draw every survey column for the units in ``frame`` (features from :func:`_world`)."""
    n = len(frame)
    z = frame["z"].to_numpy()
    region = frame["region"].to_numpy()
    upland = frame["upland"].to_numpy()
    hh = frame["households"].to_numpy().astype("int64")
    population = np.maximum(
        hh, np.round(hh * frame["hh_size"].to_numpy() * (1 + rng.normal(0, 0.01, n)))
    ).astype("int64")
    villages = frame["villages"].to_numpy().astype("int64")
    if legacy:
        officials = np.clip(np.round(rng.normal(21, 2.5, n)), 12, 30).astype("int64")
    else:
        officials = np.clip(
            np.round(32 + 8 * np.log(population / 25000) + rng.normal(0, 4, n)), 18, 70
        ).astype("int64")

    def noisy(a, b, sd=0.35):
        return _sigmoid(a + b * z + rng.normal(0, sd, n))

    infra = rng.normal(0, 1, n)  # shared by the fibre and 4G conditions
    gov = rng.normal(0, 1, n)  # shared by the three officials' conditions

    def meets(key, shared):
        a, b = _COEF[key]
        return a + b * z + _COEF["shared"] * shared + rng.logistic(0, 1, n) > 0

    villages_fiber = _partial(villages, meets("fiber", infra), noisy(0.9, 1.1, 0.5))
    villages_4g = _partial(villages, meets("4g", infra), noisy(1.5, 1.1, 0.5))
    postal_point = rng.random(n) < _sigmoid(3.0 + 1.0 * z)
    radio_it = rng.random(n) < _sigmoid(0.8 + 1.2 * z)

    s_int = noisy(*_COEF["internet"])
    s_smart = noisy(*_COEF["smart"])
    s_both = np.minimum(s_int, s_smart) * rng.uniform(0.85, 1.0, n)
    hh_internet = np.floor(hh * s_int).astype("int64")
    hh_smart = np.floor(hh * s_smart).astype("int64")
    hh_both = np.minimum(np.floor(hh * s_both).astype("int64"), np.minimum(hh_internet, hh_smart))

    off_computer = _partial(officials, meets("computer", gov), noisy(1.5, 0.8))
    off_email = _partial(officials, meets("email", gov), noisy(1.2, 0.8))
    off_eoffice = _partial(officials, meets("eoffice", gov), noisy(1.4, 0.8))
    files_online = np.round(np.clip(noisy(0.5, 0.9, 0.4), 0.0, 1.0), 3)
    criterion_8_4 = rng.random(n) < _sigmoid(2.6 + 1.3 * z)
    digital_services = np.minimum(rng.poisson(np.exp(-0.2 + 0.7 * z)), 8).astype("int64")
    tech = rng.poisson(villages * 4.5 * _sigmoid(1.0 + z)) + np.where(rng.random(n) < 0.9, 5, 0)
    coop_mean = (
        np.exp(0.1 + 0.3 * z)
        if legacy
        else np.exp(1.1 + 0.25 * z + 0.2 * np.log(population / 25000))
    )
    cooperatives = rng.poisson(coop_mean).astype("int64")
    coop_digital = rng.binomial(cooperatives, _sigmoid(-0.6 + 0.9 * z)).astype("int64")
    ocop = rng.poisson(np.exp((-0.4 if legacy else 0.5) + 0.3 * z)).astype("int64")
    ocop_online = rng.binomial(ocop, _sigmoid(0.2 + 0.8 * z)).astype("int64")
    sell_share = np.clip(0.02 * np.exp(0.7 * z + rng.normal(0, 0.4, n)), 0.0, 0.3)
    selling_online = rng.binomial(hh, sell_share).astype("int64")

    sector_codes = sorted((params.get("survey") or {}).get("sectors") or {})
    no_sector = rng.random(n) < _sigmoid(-(_COEF["sector"][0] + _COEF["sector"][1] * z))
    if sector_codes:
        weights = np.array(
            [
                [_SECTOR_WEIGHTS.get(r, {}).get(c, 1) for c in sector_codes]
                for r in sorted(_SECTOR_WEIGHTS)
            ],
            dtype=float,
        )
        weights = weights / weights.sum(axis=1, keepdims=True)
        row_of_region = pd.Series(range(len(_SECTOR_WEIGHTS)), index=sorted(_SECTOR_WEIGHTS))
        probs = weights[pd.Series(region).map(row_of_region).fillna(0).astype(int).to_numpy()]
        sector = _pick_category(rng, probs, tuple(sector_codes))
        sector = np.where(no_sector, None, sector)
    else:
        rng.random(n)  # keep the stream aligned
        sector = np.full(n, None, dtype=object)
    providers = rng.poisson(np.exp(_COEF["providers"][0] + _COEF["providers"][1] * z)).astype(
        "int64"
    )
    dx_demand = np.clip(np.round(3 + 0.7 * z + rng.normal(0, 0.8, n)), 1, 5).astype("int64")
    ntm_latent = 0.8 * z + rng.normal(0, 0.7, n)
    ntm = np.array(_NTM_LEVELS, dtype=object)[np.digitize(ntm_latent, [-1.0, 0.6, 1.5])]

    # Allocation category: island for special zones, otherwise by upland, border and safe-zone position.
    is_island = (frame["unit_type"] == "đặc khu").to_numpy()
    border = np.where(frame["border_province"].to_numpy(), np.where(upland, 0.22, 0.08), 0.0)
    safe = np.where(frame["safe_zone_province"].to_numpy(), 0.15, 0.0)
    remote = _sigmoid(-1.5 * z)
    zone3 = np.where(upland, 0.55 * remote, 0.05 * remote)
    zone2 = np.where(upland, 0.25, 0.08)
    zone1 = np.where(upland, 0.12, 0.17)
    probs = np.column_stack(
        [is_island.astype(float), border, safe, zone3, zone2, zone1, np.zeros(n)]
    )
    probs[is_island, 1:] = 0.0
    probs[:, -1] = np.clip(1.0 - probs[:, :-1].sum(axis=1), 0.0, None)
    probs = probs / probs.sum(axis=1, keepdims=True)
    allowed = set((params.get("survey") or {}).get("commune_categories") or _CATEGORY_ORDER)
    category = _pick_category(rng, probs, _CATEGORY_ORDER)
    fallback = "other" if "other" in allowed else None
    category = np.where(np.isin(category, sorted(allowed)), category, fallback)

    out = pd.DataFrame(
        {
            "province_code": frame["province_code"].to_numpy(),
            "commune_code": frame["commune_code"].to_numpy(),
            "commune_name": frame["commune_name"].to_numpy(),
            "unit_type": frame["unit_type"].to_numpy(),
            "year": np.full(n, year, dtype="int64"),
            "households": hh,
            "population": population,
            "villages": villages,
            "officials": officials,
            "villages_fiber": villages_fiber,
            "villages_4g": villages_4g,
            "postal_point": postal_point,
            "radio_it": radio_it,
            "households_internet": hh_internet,
            "households_smart_device": hh_smart,
            "households_internet_smart": hh_both,
            "officials_computer": off_computer,
            "officials_email": off_email,
            "officials_eoffice": off_eoffice,
            "files_online_share": files_online.astype("float64"),
            "criterion_8_4": criterion_8_4,
            "digital_services": digital_services,
            "community_tech_members": tech.astype("int64"),
            "cooperatives": cooperatives,
            "cooperatives_digital": coop_digital,
            "ocop_products": ocop,
            "ocop_products_online": ocop_online,
            "households_selling_online": selling_online,
            "prominent_sector": sector,
            "digital_providers": providers,
            "dx_demand": dx_demand,
            "ntm_level": ntm,
            "commune_category": category,
        }
    )
    return _typed(out)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Apply the survey dtypes: codes/text str (None kept), bools, int64 counts, float shares."""
    out = frame[list(SURVEY_COLUMNS)].copy()
    for col in INT_COLUMNS:
        out[col] = out[col].astype("int64")
    for col in BOOL_COLUMNS:
        out[col] = out[col].astype(bool)
    for col in FLOAT_COLUMNS:
        out[col] = out[col].astype("float64")
    for col in TEXT_COLUMNS:
        values = out[col].astype(object)
        if col in OPTIONAL_TEXT_COLUMNS:  # str or None, like the validated survey
            out[col] = values.where(values.notna(), None).astype(object)
        else:  # never missing: pandas' default string dtype
            out[col] = pd.Series(values.tolist(), index=out.index)
    return out.sort_values(["province_code", "commune_code"], ignore_index=True)


def _params(params: dict | None) -> dict:
    if params is None:
        from ntmplan.core.params import default_params

        return default_params()
    return params


def generate_sample(seed: int = DEFAULT_SEED, params: dict | None = None) -> pd.DataFrame:
    """Generate the illustrative 2025 survey: one row per rural unit (xã, đặc khu) of the 34 provinces.

    Parameters
    ----------
    seed : int
        Seed of the numpy generator (the bundled file uses :data:`DEFAULT_SEED`).
    params : dict, optional
        Resolved params; only ``survey.sectors`` and ``survey.commune_categories``
        codes are read. ``None`` uses :func:`ntmplan.core.params.default_params`.

    Returns
    -------
    pandas.DataFrame
        The survey columns of DESIGN.md in order, typed (codes str, yes/no
        bool, counts int64, ``files_online_share`` float rounded to 3
        decimals, ``prominent_sector`` / ``commune_category`` str or None),
        year 2025, sorted by province_code, commune_code.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    params = _params(params)
    current, _ = _world(int(seed))
    rural = current[current["unit_type"].isin(["xã", "đặc khu"])].reset_index(drop=True)
    rng = np.random.default_rng([int(seed), YEAR_CURRENT])
    return _survey_frame(rural, rng, YEAR_CURRENT, legacy=False, params=params)


def generate_legacy_sample(seed: int = DEFAULT_SEED, params: dict | None = None) -> pd.DataFrame:
    """Generate the illustrative 2023 survey keyed by LEGACY codes: one row per legacy xã (63 provinces).

    The figures are coherent with :func:`generate_sample` for the same seed: a
    legacy unit's readiness follows its 2025 successor's, somewhat lower, and
    the 2025 households are the sums of the legacy ones (plus growth).

    Parameters
    ----------
    seed : int
        Seed of the numpy generator.
    params : dict, optional
        As in :func:`generate_sample`.

    Returns
    -------
    pandas.DataFrame
        Same columns and types as :func:`generate_sample`, year 2023, legacy
        province and commune codes, unit_type ``xã``.

    Raises
    ------
    ModuleNotFoundError
        If ``vietnamadminunits`` is not installed.
    """
    params = _params(params)
    _, legacy = _world(int(seed))
    rural = legacy[(legacy["unit_type"] == "xã") & legacy["commune_code"].notna()].reset_index(
        drop=True
    )
    rng = np.random.default_rng([int(seed), YEAR_LEGACY])
    return _survey_frame(rural, rng, YEAR_LEGACY, legacy=True, params=params)


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Serialise a survey frame as deterministic UTF-8 CSV bytes.

    Fixed column order (:data:`SURVEY_COLUMNS`), rows sorted by province_code
    and commune_code, ``\\n`` line endings, yes/no as ``1``/``0``, shares with
    3 decimals, missing text as an empty cell, no BOM.

    Parameters
    ----------
    frame : pandas.DataFrame
        A survey frame as returned by :func:`generate_sample`.

    Returns
    -------
    bytes

    Raises
    ------
    KeyError
        If a survey column is missing.
    """
    missing = [c for c in SURVEY_COLUMNS if c not in frame.columns]
    if missing:
        raise KeyError(f"Thiếu cột / missing columns: {', '.join(missing)}")
    out = frame[list(SURVEY_COLUMNS)].sort_values(
        ["province_code", "commune_code"], ignore_index=True
    )
    out = out.astype({c: "int64" for c in BOOL_COLUMNS})
    out = out.assign(**{c: out[c].map(lambda v: f"{v:.3f}") for c in FLOAT_COLUMNS})
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")


def write_samples(directory: str | Path | None = None, seed: int = DEFAULT_SEED) -> list[Path]:
    """Write both illustrative CSV files (atomically) into ``directory``.

    Parameters
    ----------
    directory : str or Path, optional
        Target folder; default ``data/sample`` (:data:`ntmplan.core.paths.SAMPLE_DIR`).
    seed : int
        Seed for both samples.

    Returns
    -------
    list of Path
        The 2025 file (``khao_sat_2025_du_lieu_minh_hoa.csv``) and the 2023
        legacy-code file (``khao_sat_2023_ma_cu_du_lieu_minh_hoa.csv``).

    Raises
    ------
    OSError
        If the folder cannot be written.
    """
    from ntmplan.core.writers import atomic_write_bytes

    directory = paths.SAMPLE_DIR if directory is None else Path(directory)
    written = []
    for name, frame in (
        (paths.SAMPLE_SURVEY.name, generate_sample(seed)),
        (paths.SAMPLE_LEGACY_SURVEY.name, generate_legacy_sample(seed)),
    ):
        written.append(atomic_write_bytes(directory / name, csv_bytes(frame)))
    return written


if __name__ == "__main__":  # pragma: no cover - command-line entry
    for path in write_samples():
        print(
            f"Đã ghi dữ liệu minh họa / illustrative data written: {path} ({path.stat().st_size:,} bytes)"
        )
