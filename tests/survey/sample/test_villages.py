"""Illustrative village rows: consistent with their communes, deterministic, valid, labelled."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ntmplan.core import paths
from ntmplan.survey import load_villages
from ntmplan.survey.loading import load_survey
from ntmplan.survey.sample import villages as SV
from ntmplan.survey.sample.files import village_file_name


@pytest.fixture(scope="module")
def villages(current):
    return SV.generate_villages(current)


class TestSplitHouseholds:
    def test_sums_exact_and_at_least_one(self):
        # commune 0: 10 households over 3 villages, weights 1:1:2 → 1 + 7 × (¼, ¼, ½) = 1 + (1.75,
        # 1.75, 3.5) → floors 1, 1, 3 (5 of 7), two left to the largest remainders (0.75, 0.75):
        # 3, 3, 4. Commune 1: 2 households, 2 villages → 1, 1.
        out = SV.split_households(
            np.array([10, 2]), np.array([0, 0, 0, 1, 1]), np.array([1.0, 1.0, 2.0, 5.0, 1.0])
        )
        assert out.tolist() == [3, 3, 4, 1, 1]


class TestGenerateVillages:
    def test_provinces_and_columns(self, villages):
        assert sorted(villages["province_code"].unique()) == sorted(SV.VILLAGE_PROVINCES)
        assert tuple(villages.columns) == SV.COLUMNS

    def test_agrees_with_the_commune_rows(self, villages, current):
        agg = villages.groupby("commune_code").agg(
            n=("village_name", "size"),
            households=("households", "sum"),
            fibre=("fixed_broadband", "sum"),
            mobile=("mobile_broadband", "sum"),
        )
        communes = current[current["province_code"].isin(list(SV.VILLAGE_PROVINCES))]
        c = communes.set_index("commune_code").loc[agg.index]
        assert len(agg) == len(communes)
        assert (agg["n"] == c["villages"]).all()
        assert (agg["households"] == c["households"]).all()
        assert (agg["fibre"] == c["villages_fiber"]).all()
        assert (agg["mobile"] == c["villages_4g"]).all()

    def test_row_rules(self, villages):
        assert (villages["households"] >= 1).all()
        assert (villages["households_internet"] <= villages["households"]).all()
        assert (villages["households_smart_device"] <= villages["households"]).all()
        assert villages["dx_demand"].between(1, 5).all()
        assert not villages.duplicated(["commune_code", "village_name"]).any()

    def test_names_follow_the_kind(self, villages):
        first = villages.groupby("village_type")["village_name"].first().to_dict()
        assert first["ap"].startswith("Ấp ") and first["thon"].startswith("Thôn ")
        assert first["ban"].startswith("Bản ")

    def test_deterministic(self, current, villages):
        assert SV.village_csv_bytes(SV.generate_villages(current)) == SV.village_csv_bytes(villages)


class TestBundledFile:
    def test_up_to_date(self, villages):
        path = paths.SAMPLE_DIR / village_file_name()
        assert path.name == "khao_sat_2025_du_lieu_minh_hoa_thon.csv"
        assert path.read_bytes() == SV.village_csv_bytes(villages)

    def test_loads_without_problems(self):
        communes = load_survey(paths.SAMPLE_SURVEY)
        v = load_villages(paths.SAMPLE_SURVEY, communes=communes)
        assert v is not None and len(v) > 0
        assert v.attrs["problems"] == []
        assert set(v["province_code"]) == set(SV.VILLAGE_PROVINCES)

    def test_readme_lists_it_as_illustrative(self):
        text = (paths.SAMPLE_DIR / "README.md").read_text(encoding="utf-8")
        assert "khao_sat_2025_du_lieu_minh_hoa_thon.csv" in text

    def test_csv_yes_no_as_digits(self):
        frame = pd.read_csv(paths.SAMPLE_DIR / village_file_name(), dtype=str, nrows=50)
        assert set(frame["fixed_broadband"]) <= {"0", "1"}
