"""Village indicators within each commune (01), on a hand-made fixture.

Commune 0000X declares 3 villages and lists 2:
- Thôn 1: 100 households, 60 internet (0.6), 50 smart device (0.5), fibre, 4G → connected
  (both shares ≥ 0.5);
- Thôn 2: 50 households, 10 internet (0.2), 30 device (0.6), no fibre, 4G → not connected.
So: fibre 1/2 = 0.5, 4G 2/2 = 1.0, internet 70/150 = 0.4667, device 80/150 = 0.5333,
1 connected village, least connected Thôn 2 (0.2). Commune 0000Y lists no village.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError
from ntmplan.core.params import default_params
from ntmplan.tasks.status import villages as V


@pytest.fixture()
def params():
    p = default_params()
    p["status"]["village_connected_share"] = 0.5
    return p


def survey():
    return pd.DataFrame(
        {
            "commune_code": ["0000X", "0000Y"],
            "commune_name": ["Xã X", "Xã Y"],
            "villages": [3, 4],
        }
    )


def villages():
    return pd.DataFrame(
        {
            "province_code": ["01", "01", "01"],
            "commune_code": ["0000X", "0000X", "0000Z"],
            "year": [2025, 2025, 2025],
            "village_name": ["Thôn 1", "Thôn 2", "Thôn 9"],
            "village_type": ["thon", "ban", "thon"],
            "households": [100, 50, 10],
            "households_internet": [60, 10, 10],
            "households_smart_device": [50, 30, 10],
            "fixed_broadband": [True, False, True],
            "mobile_broadband": [True, True, True],
        }
    )


class TestVillageIndicators:
    def test_per_village(self, params):
        ind = V.village_indicators(villages(), survey(), params)
        assert list(ind["village_name"]) == ["Thôn 1", "Thôn 2"]  # 0000Z is not surveyed
        assert ind["share_households_internet"].tolist() == [0.6, 0.2]
        assert ind["share_households_smart_device"].tolist() == [0.5, 0.6]
        assert ind["connected"].tolist() == [True, False]
        assert ind["village_type_vi"].tolist() == ["Thôn", "Bản"]
        assert ind["commune_name"].tolist() == ["Xã X", "Xã X"]

    def test_threshold_from_params(self, params):
        params["status"]["village_connected_share"] = 0.55
        ind = V.village_indicators(villages(), survey(), params)
        assert ind["connected"].tolist() == [False, False]  # 0.5 < 0.55

    def test_none_without_villages(self, params):
        assert V.village_indicators(None, survey(), params) is None
        assert V.village_indicators(villages().iloc[:0], survey(), params) is None
        assert V.commune_village_summary(None, survey(), params) is None
        assert V.village_summary(None, survey(), params) is None

    def test_missing_column(self, params):
        with pytest.raises(MissingColumnError, match="households_internet"):
            V.village_indicators(villages().drop(columns="households_internet"), survey(), params)


class TestCommuneVillageSummary:
    def test_per_commune(self, params):
        out = V.commune_village_summary(villages(), survey(), params)
        assert len(out) == 1
        row = out.iloc[0]
        assert row["commune_code"] == "0000X" and row["commune_name"] == "Xã X"
        assert row["villages_declared"] == 3 and row["villages_listed"] == 2
        assert row["share_villages_fiber"] == 0.5 and row["share_villages_4g"] == 1.0
        assert row["share_households_internet"] == pytest.approx(0.4667)
        assert row["share_households_smart_device"] == pytest.approx(0.5333)
        assert row["villages_connected"] == 1
        assert row["least_connected_village"] == "Thôn 2"
        assert row["least_connected_share"] == 0.2


class TestVillageSummary:
    def test_key_figures(self, params):
        assert V.village_summary(villages(), survey(), params) == {
            "villages": 2,
            "communes": 1,
            "share_villages_fiber": 0.5,
            "share_villages_4g": 1.0,
            "villages_connected": 1,
        }
