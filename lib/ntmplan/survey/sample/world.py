"""The shared latent "world" of the illustration: features and readiness of every unit, per seed.

Every legacy unit (10,040) gets a 2023 household count from its region, whether it
is upland, and its type. A 2025 unit's households are the sum over the legacy units
that became it (split units shared by area), times a small growth factor; so the two
samples are coherent when the legacy one is carried into 2025 units. A latent
"digital readiness" score per 2025 unit combines the region, upland position,
nearness to the big cities, a town share, a random province effect and commune
noise; a legacy unit's 2023 score is its successor's score minus a shift plus noise.
"""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd

from ntmplan.survey import units
from ntmplan.survey.sample.assumptions import (
    ISLAND_DISTRICT_HOUSEHOLDS,
    PROVINCE_EFFECT_SD,
    REGION_HH_PER_VILLAGE,
    REGION_HH_SIZE,
    REGION_HOUSEHOLDS,
    REGION_SCORE,
    TYPE_HH_FACTOR,
)
from ntmplan.survey.sample.geography import (
    BORDER_LEGACY_PROVINCES,
    REGION_OF_LEGACY_PROVINCE,
    SAFE_ZONE_LEGACY_PROVINCES,
    city_nearness,
    upland,
)


def source_links() -> pd.DataFrame:
    """Return (legacy unit position, current unit position, weight) for every legacy → 2025 link.

    Returns
    -------
    pandas.DataFrame
        Columns ``legacy_pos``, ``current_pos`` (int64 positions in
        :func:`~ntmplan.survey.units.legacy_crosswalk` and
        :func:`~ntmplan.survey.units.current_units`) and ``weight`` (1 for a plain
        link, the area share for a split unit).
    """
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
def latent_world(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the latent features of every current unit and every legacy unit (cached per seed).

    Parameters
    ----------
    seed : int
        Seed of the numpy generator.

    Returns
    -------
    (pandas.DataFrame, pandas.DataFrame)
        The current and the legacy units with ``region``, ``upland``,
        ``border_province``, ``safe_zone_province``, ``z`` (readiness),
        ``households``, ``hh_size`` and ``villages`` added. Cached: do not modify.
    """
    rng = np.random.default_rng([seed, 0])
    cw = units.legacy_crosswalk()
    leg = units.legacy_units()
    cur = units.current_units()
    links = source_links()
    old = _legacy_households(leg, rng)
    cur_region, sums = _current_sums(links, old, cur)
    current = _current_features(cur, cur_region, sums, rng)
    _flag_provinces(current, leg, links)
    legacy = _legacy_features(leg, cw, cur, current["z"].to_numpy(), old, rng)
    return current, legacy


def _legacy_households(leg: pd.DataFrame, rng: np.random.Generator) -> dict:
    """Legacy units: region, upland, town, 2023 households and household size."""
    leg_region = leg["province_code"].map(REGION_OF_LEGACY_PROVINCE).fillna("north_central")
    leg_upland = upland(leg_region, leg["lat"], leg["lon"])
    leg_town = leg["district_name"].str.match(r"^(Quận|Thành phố|Thị xã)\s").fillna(False)
    base = leg_region.map(REGION_HOUSEHOLDS).astype(float)
    base = base * np.where(
        leg_upland & ~leg_region.isin(["mountain_north", "central_highlands"]), 0.7, 1.0
    )
    base = base * leg["unit_type"].map(TYPE_HH_FACTOR).fillna(1.0)
    base = base.where(leg["commune_code"].notna(), ISLAND_DISTRICT_HOUSEHOLDS)
    hh23 = np.maximum(30, np.round(base.to_numpy() * rng.lognormal(0.0, 0.4, len(leg)))).astype(
        "int64"
    )
    size23 = np.clip(
        leg_region.map(REGION_HH_SIZE).to_numpy() + rng.normal(0, 0.2, len(leg)), 2.6, 6.0
    )
    villages23 = np.maximum(
        1,
        np.round(
            hh23
            / (leg_region.map(REGION_HH_PER_VILLAGE).to_numpy() * rng.lognormal(0, 0.25, len(leg)))
        ),
    ).astype("int64")
    return {
        "region": leg_region,
        "upland": leg_upland,
        "town": leg_town,
        "hh": hh23,
        "size": size23,
        "villages": villages23,
    }


def _current_sums(links: pd.DataFrame, old: dict, cur: pd.DataFrame):
    """Current units: region = most common region among their legacy sources; summed sizes."""
    leg_region, leg_town = old["region"], old["town"]
    hh23, size23, villages23 = old["hh"], old["size"], old["villages"]
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
    return cur_region, sums


def _current_features(
    cur: pd.DataFrame, cur_region: pd.Series, sums: pd.DataFrame, rng: np.random.Generator
) -> pd.DataFrame:
    """Current units: upland, readiness score (province effect and noise), households, villages."""
    cur_upland = upland(cur_region, cur["lat"], cur["lon"])
    near = city_nearness(cur["lat"], cur["lon"])
    prov_codes = np.array(sorted(cur["province_code"].unique()))
    prov_effect = pd.Series(rng.normal(0, PROVINCE_EFFECT_SD, len(prov_codes)), index=prov_codes)
    upland_penalty = np.where(
        cur_upland & ~cur_region.isin(["mountain_north", "central_highlands"]), -0.55, 0.0
    )
    z25 = (
        cur_region.map(REGION_SCORE).to_numpy()
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
    return current


def _flag_provinces(current: pd.DataFrame, leg: pd.DataFrame, links: pd.DataFrame) -> None:
    """A current unit is in a border / safe-zone province if any legacy source is (in place)."""
    src_prov = leg["province_code"].to_numpy()[links["legacy_pos"]]
    for flag, codes in (
        ("border_province", BORDER_LEGACY_PROVINCES),
        ("safe_zone_province", SAFE_ZONE_LEGACY_PROVINCES),
    ):
        hit = links.loc[np.isin(src_prov, sorted(codes)), "current_pos"].unique()
        current.loc[current.index[hit], flag] = True


def _legacy_features(
    leg: pd.DataFrame, cw: pd.DataFrame, cur: pd.DataFrame, z25, old: dict, rng
) -> pd.DataFrame:
    """Legacy 2023 score: the successor's score, lower, with noise."""
    leg_region = old["region"]
    target_pos = pd.Series(np.arange(len(cur)), index=cur["province_code"] + cur["commune_code"])
    succ = (cw["province_code"].fillna("") + cw["commune_code"].fillna("")).map(target_pos)
    z_succ = pd.Series(z25)[succ.fillna(-1).astype(int).clip(lower=0)].to_numpy()
    z_own = leg_region.map(REGION_SCORE).to_numpy()
    z23 = np.where(succ.notna(), z_succ, z_own) - 0.35 + rng.normal(0, 0.3, len(leg))
    legacy = leg.assign(
        region=leg_region.to_numpy(),
        upland=old["upland"].to_numpy(),
        border_province=leg["province_code"].isin(sorted(BORDER_LEGACY_PROVINCES)).to_numpy(),
        safe_zone_province=leg["province_code"].isin(sorted(SAFE_ZONE_LEGACY_PROVINCES)).to_numpy(),
        z=z23,
        households=old["hh"],
        hh_size=old["size"],
        villages=old["villages"],
    )
    return legacy
