"""Drawing every survey column from the latent readiness score of each unit.

Simple logistic or Poisson rules that respect each cross-column rule of the
survey table. The draws happen in one fixed order from one generator, so the same
seed always gives the same columns.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.survey.sample.assumptions import CATEGORY_ORDER, COEF, NTM_LEVELS, SECTOR_WEIGHTS
from ntmplan.survey.sample.geography import city_nearness

#: Sector codes drawn after the others (added to the list later: drawing them in the first
#: draw would reshuffle every unit's sector), with the chance that a unit with a sector has it.
LATE_SECTORS = {"kinh_te": 0.03, "khac": 0.02}
#: Sectors written out for the illustrative units whose sector is "khac" (other).
OTHER_SECTOR_TEXTS = (
    "Làng nghề truyền thống",
    "Tiểu thủ công nghiệp",
    "Dịch vụ logistics nông sản",
    "Năng lượng tái tạo",
    "Dược liệu",
)
#: The big cities whose peri-urban communes are oriented to urbanise (group 1).
BIG_CITY_PROVINCES = ("01", "31", "48", "79", "92")
#: Region II/III chance weights of the ethnic-minority communes (illustration only).
ETHNIC_ZONES = {"zone_iii": 3, "zone_ii": 2, "zone_i": 1}


def sigmoid(x):
    """Return the logistic function ``1 / (1 + exp(-x))``.

    Parameters
    ----------
    x : float or numpy.ndarray

    Returns
    -------
    float or numpy.ndarray
    """
    return 1.0 / (1.0 + np.exp(-x))


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


def _noisy(rng, z, a, b, sd=0.35):
    return sigmoid(a + b * z + rng.normal(0, sd, len(z)))


def _meets(rng, z, key, shared):
    a, b = COEF[key]
    return a + b * z + COEF["shared"] * shared + rng.logistic(0, 1, len(z)) > 0


def _sizes(frame: pd.DataFrame, rng, legacy: bool) -> dict:
    """Households, population, villages and officials."""
    n = len(frame)
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
    return {
        "households": hh,
        "population": population,
        "villages": villages,
        "officials": officials,
    }


def _connectivity(rng, z, s: dict) -> dict:
    """Fibre and 4G villages, postal point, radio, households online, officials' IT, files online."""
    n = len(z)
    villages, hh, officials = s["villages"], s["households"], s["officials"]
    infra = rng.normal(0, 1, n)  # shared by the fibre and 4G conditions
    gov = rng.normal(0, 1, n)  # shared by the three officials' conditions
    villages_fiber = _partial(
        villages, _meets(rng, z, "fiber", infra), _noisy(rng, z, 0.9, 1.1, 0.5)
    )
    villages_4g = _partial(villages, _meets(rng, z, "4g", infra), _noisy(rng, z, 1.5, 1.1, 0.5))
    postal_point = rng.random(n) < sigmoid(3.0 + 1.0 * z)
    radio_it = rng.random(n) < sigmoid(0.8 + 1.2 * z)

    s_int = _noisy(rng, z, *COEF["internet"])
    s_smart = _noisy(rng, z, *COEF["smart"])
    s_both = np.minimum(s_int, s_smart) * rng.uniform(0.85, 1.0, n)
    hh_internet = np.floor(hh * s_int).astype("int64")
    hh_smart = np.floor(hh * s_smart).astype("int64")
    hh_both = np.minimum(np.floor(hh * s_both).astype("int64"), np.minimum(hh_internet, hh_smart))

    off_computer = _partial(officials, _meets(rng, z, "computer", gov), _noisy(rng, z, 1.5, 0.8))
    off_email = _partial(officials, _meets(rng, z, "email", gov), _noisy(rng, z, 1.2, 0.8))
    off_eoffice = _partial(officials, _meets(rng, z, "eoffice", gov), _noisy(rng, z, 1.4, 0.8))
    files_online = np.round(np.clip(_noisy(rng, z, 0.5, 0.9, 0.4), 0.0, 1.0), 3)
    criterion_8_4 = rng.random(n) < sigmoid(2.6 + 1.3 * z)
    return {
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
    }


def _economy(rng, z, s: dict, legacy: bool) -> dict:
    """Digital services, community tech teams, co-operatives, OCOP products, online sellers."""
    n = len(z)
    villages, hh, population = s["villages"], s["households"], s["population"]
    digital_services = np.minimum(rng.poisson(np.exp(-0.2 + 0.7 * z)), 8).astype("int64")
    tech = rng.poisson(villages * 4.5 * sigmoid(1.0 + z)) + np.where(rng.random(n) < 0.9, 5, 0)
    coop_mean = (
        np.exp(0.1 + 0.3 * z)
        if legacy
        else np.exp(1.1 + 0.25 * z + 0.2 * np.log(population / 25000))
    )
    cooperatives = rng.poisson(coop_mean).astype("int64")
    coop_digital = rng.binomial(cooperatives, sigmoid(-0.6 + 0.9 * z)).astype("int64")
    ocop = rng.poisson(np.exp((-0.4 if legacy else 0.5) + 0.3 * z)).astype("int64")
    ocop_online = rng.binomial(ocop, sigmoid(0.2 + 0.8 * z)).astype("int64")
    sell_share = np.clip(0.02 * np.exp(0.7 * z + rng.normal(0, 0.4, n)), 0.0, 0.3)
    selling_online = rng.binomial(hh, sell_share).astype("int64")
    return {
        "digital_services": digital_services,
        "community_tech_members": tech.astype("int64"),
        "cooperatives": cooperatives,
        "cooperatives_digital": coop_digital,
        "ocop_products": ocop,
        "ocop_products_online": ocop_online,
        "households_selling_online": selling_online,
    }


def _sector(rng, z, region: np.ndarray, params: dict) -> np.ndarray:
    """The prominent sector (None for some units), drawn by region from the params' sector codes."""
    n = len(z)
    sector_codes = sorted(
        c for c in (params.get("survey") or {}).get("sectors") or {} if c not in LATE_SECTORS
    )
    no_sector = rng.random(n) < sigmoid(-(COEF["sector"][0] + COEF["sector"][1] * z))
    if sector_codes:
        weights = np.array(
            [
                [SECTOR_WEIGHTS.get(r, {}).get(c, 1) for c in sector_codes]
                for r in sorted(SECTOR_WEIGHTS)
            ],
            dtype=float,
        )
        weights = weights / weights.sum(axis=1, keepdims=True)
        row_of_region = pd.Series(range(len(SECTOR_WEIGHTS)), index=sorted(SECTOR_WEIGHTS))
        probs = weights[pd.Series(region).map(row_of_region).fillna(0).astype(int).to_numpy()]
        sector = _pick_category(rng, probs, tuple(sector_codes))
        return np.where(no_sector, None, sector)
    rng.random(n)  # keep the stream aligned
    return np.full(n, None, dtype=object)


def _demand(rng, z) -> dict:
    """Digital providers, DX demand score and NTM level."""
    n = len(z)
    providers = rng.poisson(np.exp(COEF["providers"][0] + COEF["providers"][1] * z)).astype("int64")
    dx_demand = np.clip(np.round(3 + 0.7 * z + rng.normal(0, 0.8, n)), 1, 5).astype("int64")
    ntm_latent = 0.8 * z + rng.normal(0, 0.7, n)
    ntm = np.array(NTM_LEVELS, dtype=object)[np.digitize(ntm_latent, [-1.0, 0.6, 1.5])]
    return {"digital_providers": providers, "dx_demand": dx_demand, "ntm_level": ntm}


def _category(rng, frame: pd.DataFrame, z, params: dict) -> np.ndarray:
    """Allocation category: island for special zones, otherwise by upland, border and safe-zone position."""
    n = len(z)
    upland = frame["upland"].to_numpy()
    is_island = (frame["unit_type"] == "đặc khu").to_numpy()
    border = np.where(frame["border_province"].to_numpy(), np.where(upland, 0.22, 0.08), 0.0)
    safe = np.where(frame["safe_zone_province"].to_numpy(), 0.15, 0.0)
    remote = sigmoid(-1.5 * z)
    zone3 = np.where(upland, 0.55 * remote, 0.05 * remote)
    zone2 = np.where(upland, 0.25, 0.08)
    zone1 = np.where(upland, 0.12, 0.17)
    probs = np.column_stack(
        [is_island.astype(float), border, safe, zone3, zone2, zone1, np.zeros(n)]
    )
    probs[is_island, 1:] = 0.0
    probs[:, -1] = np.clip(1.0 - probs[:, :-1].sum(axis=1), 0.0, None)
    probs = probs / probs.sum(axis=1, keepdims=True)
    allowed = set((params.get("survey") or {}).get("commune_categories") or CATEGORY_ORDER)
    category = _pick_category(rng, probs, CATEGORY_ORDER)
    fallback = "other" if "other" in allowed else None
    return np.where(np.isin(category, sorted(allowed)), category, fallback)


def _late_sector(rng, sector: np.ndarray, params: dict) -> tuple[np.ndarray, np.ndarray]:
    """Give a few units with a sector one of :data:`LATE_SECTORS`; write out the "other" sector."""
    n = len(sector)
    codes = (params.get("survey") or {}).get("sectors") or {}
    u = rng.random(n)
    pick = rng.integers(0, len(OTHER_SECTOR_TEXTS), n)
    has = pd.notna(sector)
    out = sector.copy()
    low = 0.0
    for code, chance in LATE_SECTORS.items():
        hit = has & (u >= low) & (u < low + chance)
        if code in codes:
            out[hit] = code
        low += chance
    other = np.where(out == "khac", np.array(OTHER_SECTOR_TEXTS, dtype=object)[pick], None)
    return out, other


def _group_columns(rng, frame: pd.DataFrame, z, category: np.ndarray) -> dict:
    """Agriculture share, peri-urban flag, ethnic-minority region and online satisfaction survey.

    Illustration only: peri-urban communes of the five big cities lean to a small agriculture
    share and are often oriented to urbanise; the ethnic-minority region follows the
    allocation category (zone III/II/I; lowland communes region I at most), border and
    safe-zone upland communes drawn as region II or III.
    """
    n = len(z)
    near = city_nearness(frame["lat"], frame["lon"]).to_numpy()
    big_city = frame["province_code"].isin(BIG_CITY_PROVINCES).to_numpy()
    agri = np.clip(sigmoid(1.0 - 3.0 * near - 0.4 * z + rng.normal(0, 0.6, n)) * 0.85, 0.01, 0.95)
    urban = big_city & (near > 0.35) & (rng.random(n) < 0.6)
    urban |= (near > 0.6) & (rng.random(n) < 0.3)
    upland = frame["upland"].to_numpy(dtype=bool)
    region = pd.Series(category).map(ETHNIC_ZONES).fillna(0).to_numpy().astype("int64")
    region = np.where(upland, region, np.minimum(region, 1))  # lowland: region I at most
    edge = np.isin(category, ["border", "safe_zone"]) & upland
    region = np.where(edge, np.where(rng.random(n) < 0.5, 3, 2), region).astype("int64")
    satisfaction = rng.random(n) < sigmoid(-0.6 + 1.0 * z)
    return {
        "agriculture_share": np.round(agri, 3).astype("float64"),
        "urban_oriented": urban,
        "ethnic_region": region,
        "satisfaction_online": satisfaction,
    }


def survey_frame(
    frame: pd.DataFrame, rng: np.random.Generator, year: int, legacy: bool, params: dict
) -> pd.DataFrame:
    """Draw every survey column for the units in ``frame``.

    Parameters
    ----------
    frame : pandas.DataFrame
        Units with their latent features (from :func:`~ntmplan.survey.sample.world.latent_world`).
    rng : numpy.random.Generator
        The generator; its draws are consumed in a fixed order.
    year : int
        Survey year written in every row.
    legacy : bool
        Whether the units are legacy (2023) units (fewer officials, co-operatives, OCOP).
    params : dict
        Resolved params (``survey.sectors`` and ``survey.commune_categories``).

    Returns
    -------
    pandas.DataFrame
        The survey columns in DESIGN.md's order, one row per unit of ``frame``
        (dtypes not yet applied).
    """
    n = len(frame)
    z = frame["z"].to_numpy()
    sizes = _sizes(frame, rng, legacy)
    connectivity = _connectivity(rng, z, sizes)
    economy = _economy(rng, z, sizes, legacy)
    sector = _sector(rng, z, frame["region"].to_numpy(), params)
    demand = _demand(rng, z)
    category = _category(rng, frame, z, params)
    sector, sector_other = _late_sector(rng, sector, params)
    groups = _group_columns(rng, frame, z, category)
    return pd.DataFrame(
        {
            "province_code": frame["province_code"].to_numpy(),
            "commune_code": frame["commune_code"].to_numpy(),
            "commune_name": frame["commune_name"].to_numpy(),
            "unit_type": frame["unit_type"].to_numpy(),
            "year": np.full(n, year, dtype="int64"),
            **sizes,
            **connectivity,
            **economy,
            "prominent_sector": sector,
            "digital_providers": demand["digital_providers"],
            "dx_demand": demand["dx_demand"],
            "ntm_level": demand["ntm_level"],
            "commune_category": category,
            "satisfaction_online": groups["satisfaction_online"],
            "prominent_sector_other": sector_other,
            "commune_group": np.full(n, None, dtype=object),
            "agriculture_share": groups["agriculture_share"],
            "urban_oriented": groups["urban_oriented"],
            "ethnic_region": groups["ethnic_region"],
        }
    )
