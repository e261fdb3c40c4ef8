"""Illustrative village rows (dữ liệu minh họa) for a few provinces of the 2025 sample.

Nothing here is a survey result. The village rows of a commune agree with its row in the
illustrative survey: as many villages as it declares (named "Thôn 1", "Bản 2", "Ấp 3" …),
their households sum to the commune's, exactly ``villages_fiber`` of them have fixed
broadband and ``villages_4g`` have 4G/5G. Connection shares, sectors, demand and providers
are drawn around the commune's (assumptions of the illustration):

- a village's internet and smart-device shares are its commune's on the logit scale, plus
  village noise (shared by the two), higher where fibre reaches the village;
- a village shares its commune's prominent sector more often than not, leaves it empty
  sometimes (read as the commune's), or names another listed sector;
- demand is the commune's ± 1; providers are a small Poisson count growing with the
  commune's.

Provinces (:data:`VILLAGE_PROVINCES`): Hà Tĩnh (42; its plan counts smart village models),
Lai Châu (12, northern uplands: bản) and Đồng Tháp (82, Mekong delta: ấp).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ntmplan.core.params import params_or_defaults
from ntmplan.survey.sample.assumptions import DEFAULT_SEED, YEAR_CURRENT
from ntmplan.survey.villages.fields import VILLAGE_COLUMNS

#: Province code → kinds of village drawn (code of ``survey.village_types`` → probability).
VILLAGE_PROVINCES: dict[str, dict[str, float]] = {
    "12": {"ban": 0.75, "thon": 0.25},
    "42": {"thon": 1.0},
    "82": {"ap": 1.0},
}
#: Village type code → word starting the illustrative name.
NAME_WORD = {"thon": "Thôn", "ban": "Bản", "ap": "Ấp", "buon": "Buôn", "lang": "Làng"}
#: Chance that a village names its commune's sector, leaves it empty, or names another one.
SECTOR_SHARE = {"commune": 0.55, "empty": 0.25}
#: Standard deviation of a village's connection shares around its commune's (logit scale).
SHARE_NOISE = 0.6
#: Logit bonus of the connection shares of a village with fibre.
FIBRE_BONUS = 0.4
#: Gamma shape of the village size weights (smaller = more unequal villages).
SIZE_SHAPE = 4.0

#: Columns of the village file, in order (the village table of the survey).
COLUMNS: tuple[str, ...] = VILLAGE_COLUMNS


def _ordinal(group: np.ndarray, key: np.ndarray) -> np.ndarray:
    """Rank 0, 1 … of each row inside its group by ascending ``key`` (groups contiguous)."""
    order = np.lexsort((key, group))
    starts = np.r_[0, np.flatnonzero(np.diff(group[order])) + 1]
    sizes = np.diff(np.r_[starts, len(group)])
    rank = np.empty(len(group), dtype=np.int64)
    rank[order] = np.arange(len(group)) - np.repeat(starts, sizes)
    return rank


def split_households(totals: np.ndarray, group: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Split each commune's households among its villages: at least 1 each, sums exact.

    Parameters
    ----------
    totals : numpy.ndarray
        Households per commune (≥ its number of villages).
    group : numpy.ndarray
        Commune position of each village (sorted, contiguous).
    weights : numpy.ndarray
        Positive size weight of each village.

    Returns
    -------
    numpy.ndarray
        int64 households per village (largest-remainder rounding).
    """
    n = np.bincount(group, minlength=len(totals))
    rest = (totals - n).astype(float)
    share = weights / np.bincount(group, weights=weights, minlength=len(totals))[group]
    raw = rest[group] * share
    base = np.floor(raw).astype(np.int64)
    left = (totals - n) - np.bincount(group, weights=base, minlength=len(totals)).astype(np.int64)
    rank = _ordinal(group, -(raw - base))
    return 1 + base + (rank < left[group])


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 0.01, 0.99)
    return np.log(p / (1 - p))


def generate_villages(
    sample: pd.DataFrame, seed: int = DEFAULT_SEED, params: dict | None = None
) -> pd.DataFrame:
    """Generate the illustrative village rows of :data:`VILLAGE_PROVINCES`.

    Parameters
    ----------
    sample : pandas.DataFrame
        The illustrative 2025 survey (:func:`ntmplan.survey.sample.generate_sample`).
    seed : int
        Seed of the numpy generator.
    params : dict, optional
        Resolved params (codes of ``survey.sectors``); None means the defaults.

    Returns
    -------
    pandas.DataFrame
        :data:`COLUMNS`, sorted by province, commune and village number; yes/no as bool.
    """
    sectors = [k for k in params_or_defaults(params)["survey"]["sectors"] if k != "khac"]
    c = sample[sample["province_code"].isin(list(VILLAGE_PROVINCES))]
    c = c.sort_values(["province_code", "commune_code"]).reset_index(drop=True)
    rng = np.random.default_rng([int(seed), YEAR_CURRENT, 3])
    n = c["villages"].to_numpy(dtype=np.int64)
    g = np.repeat(np.arange(len(c)), n)
    k = np.arange(len(g)) - np.repeat(np.cumsum(n) - n, n)
    h = split_households(
        c["households"].to_numpy(dtype=np.int64), g, rng.gamma(SIZE_SHAPE, size=len(g))
    )
    key = rng.random(len(g))
    fibre = _ordinal(g, key) < c["villages_fiber"].to_numpy()[g]
    mobile = _ordinal(g, 0.5 * key + 0.5 * rng.random(len(g))) < c["villages_4g"].to_numpy()[g]
    hh = c["households"].to_numpy(dtype=float)
    noise = rng.normal(0.0, SHARE_NOISE, len(g))
    shift = noise + FIBRE_BONUS * (fibre - fibre.mean())

    def draw(col: str) -> np.ndarray:
        p = 1 / (1 + np.exp(-(_logit(c[col].to_numpy() / hh)[g] + shift)))
        return rng.binomial(h, p)

    internet, device = draw("households_internet"), draw("households_smart_device")
    kinds = np.empty(len(g), dtype=object)
    province = c["province_code"].to_numpy()[g]
    for code, shares in VILLAGE_PROVINCES.items():
        mine = province == code
        kinds[mine] = rng.choice(list(shares), size=int(mine.sum()), p=list(shares.values()))
    u = rng.random(len(g))
    own = c["prominent_sector"].to_numpy(dtype=object)[g]
    own = np.where(own == "khac", None, own)  # "other" needs its text: left empty (the commune's)
    other = np.array(sectors, dtype=object)[rng.integers(0, len(sectors), len(g))]
    sector = np.where(
        u < SECTOR_SHARE["commune"],
        own,
        np.where(u < SECTOR_SHARE["commune"] + SECTOR_SHARE["empty"], None, other),
    )
    dx = np.clip(c["dx_demand"].to_numpy()[g] + rng.integers(-1, 2, len(g)), 1, 5)
    providers = rng.poisson(0.3 + 0.2 * c["digital_providers"].to_numpy()[g])
    names = pd.Series(kinds).map(NAME_WORD).fillna("Thôn") + " " + pd.Series(k + 1).astype(str)
    return pd.DataFrame(
        {
            "province_code": province,
            "commune_code": c["commune_code"].to_numpy()[g],
            "year": np.full(len(g), YEAR_CURRENT, dtype=np.int64),
            "village_name": names.to_numpy(dtype=object),
            "village_type": kinds,
            "households": h,
            "households_internet": internet.astype(np.int64),
            "households_smart_device": device.astype(np.int64),
            "fixed_broadband": fibre,
            "mobile_broadband": mobile,
            "prominent_sector": pd.Series(sector.tolist(), dtype=object),
            "dx_demand": dx.astype(np.int64),
            "digital_providers": providers.astype(np.int64),
        },
        columns=list(COLUMNS),
    )


def village_csv_bytes(villages: pd.DataFrame) -> bytes:
    """Serialise village rows as deterministic UTF-8 CSV bytes (yes/no as 1/0, ``\\n``, no BOM).

    Parameters
    ----------
    villages : pandas.DataFrame
        Output of :func:`generate_villages`.

    Returns
    -------
    bytes
    """
    out = villages[list(COLUMNS)].astype({"fixed_broadband": "int64", "mobile_broadband": "int64"})
    return out.to_csv(index=False, lineterminator="\n").encode("utf-8")
