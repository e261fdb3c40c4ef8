"""Assumptions of the illustration (not policy): seed, years, region effects and the drawing coefficients."""

from __future__ import annotations

#: Default seed of the bundled files.
DEFAULT_SEED = 20250701
#: Survey years of the two samples.
YEAR_CURRENT = 2025
YEAR_LEGACY = 2023
#: Further survey years of the 2025 units (one bundled file, for the progress workbook).
YEARS_MORE = (2024, 2026)
#: Yearly change of the readiness score (the 2023 → 2025 shift is about 0.35 over two years).
YEAR_STEP = 0.18
#: Spread of the yearly change between provinces and between communes.
YEAR_STEP_PROVINCE_SD = 0.08
YEAR_STEP_COMMUNE_SD = 0.12
#: Yearly household growth.
HOUSEHOLD_GROWTH = 0.01
#: Share of units not surveyed in a year before 2025 (they appear in a later year).
SHARE_NOT_SURVEYED_EARLIER = 0.03

# Region effects on readiness, households per unit and household size.
REGION_SCORE = {
    "mountain_north": -0.85,
    "central_highlands": -0.55,
    "midland_north": -0.1,
    "north_central": -0.15,
    "south_central_coast": -0.05,
    "red_river_delta": 0.55,
    "southeast": 0.35,
    "mekong": 0.35,
}
REGION_HOUSEHOLDS = {  # median households of a legacy xã around 2023
    "mountain_north": 1000,
    "central_highlands": 1700,
    "midland_north": 1800,
    "north_central": 1800,
    "south_central_coast": 2000,
    "red_river_delta": 2400,
    "southeast": 2600,
    "mekong": 2700,
}
REGION_HH_SIZE = {
    "mountain_north": 4.4,
    "central_highlands": 4.2,
    "midland_north": 3.7,
    "north_central": 3.6,
    "south_central_coast": 3.7,
    "red_river_delta": 3.2,
    "southeast": 3.5,
    "mekong": 3.6,
}
REGION_HH_PER_VILLAGE = {
    "mountain_north": 90,
    "central_highlands": 150,
    "midland_north": 170,
    "north_central": 200,
    "south_central_coast": 250,
    "red_river_delta": 300,
    "southeast": 350,
    "mekong": 350,
}
TYPE_HH_FACTOR = {"xã": 1.0, "thị trấn": 1.4, "phường": 1.6}
ISLAND_DISTRICT_HOUSEHOLDS = 600
#: Standard deviation of the random province effect on readiness.
PROVINCE_EFFECT_SD = 0.3
SECTOR_WEIGHTS = {  # relative chance of each sector code by region; unknown codes weigh 1
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
COEF = {
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
CATEGORY_ORDER = ("island", "border", "safe_zone", "zone_iii", "zone_ii", "zone_i", "other")
NTM_LEVELS = ("chua_dat", "dat_chuan", "nang_cao", "kieu_mau")
