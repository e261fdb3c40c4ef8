"""Tests for ntmplan.tasks.pilots.registration — the central registration table."""

from __future__ import annotations

import pandas as pd

from ntmplan.tasks import pilots
from tests.tasks.pilots.fixtures import (
    commune,
    survey,
)


class TestRegistrationTable:
    def test_same_columns_for_two_provinces(self, params):
        p1 = survey(commune("00001"), commune("00002", villages_fiber=1))
        p2 = survey(
            commune("10001", province_code="02", ocop_products_online=0),
            commune("10002", province_code="02", unit_type="phường"),
        )
        r1 = pilots.registration_table(p1, params, province_name="Tỉnh Một")
        r2 = pilots.registration_table(p2, params, province_name="Tỉnh Hai")
        assert list(r1.columns) == list(r2.columns) == list(pilots.REGISTRATION_COLUMNS)
        # province 1: 00001 eligible for both types → smart (1 eligible) + ecommerce (1 eligible)
        assert list(zip(r1["pilot_type"], r1["commune_code"], strict=True)) == [
            ("smart_commune", "00001"),
            ("ecommerce_commune", "00001"),
        ]
        assert r1["conditions_met"].tolist() == ["7/7", "9/9"]
        assert set(r1["province_code"]) == {"01"}
        # province 2: 10001 is a smart candidate; no e-commerce candidate (no OCOP online)
        assert list(r2["commune_code"]) == ["10001"]
        stacked = pd.concat([r1, r2], ignore_index=True)
        assert len(stacked) == 3

    def test_one_row_per_commune_per_type(self, params):
        df = survey(*(commune(f"0000{i}") for i in range(1, 6)))
        r = pilots.registration_table(df, params, top_n=3)
        assert len(r) == 6  # 3 smart + 3 e-commerce
        assert not r.duplicated(["pilot_type", "commune_code"]).any()
        assert list(r["rank"]) == [1, 2, 3, 1, 2, 3]
