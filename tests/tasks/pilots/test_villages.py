"""Smart-village models: village conditions from the village row, officials from the commune.

Fixture (worked by hand, thresholds of ``PILOT_THRESHOLDS``: fibre and 4G share 1.0,
households 0.5, officials 1.0, providers ≥ 1):

- commune 0000A meets every commune condition (37/37 officials), sector du_lich_nong_thon;
- commune 0000B has 30 of 37 officials with a computer (fails the officials' condition,
  shortfall 7 → 7 × 15 = 105 million VND).

Villages (``households_both: min``):

- 0000A/Thôn 1: 100 households, 60 internet, 55 device → 55 ≥ 50; fibre, 4G, 1 provider:
  eligible.
- 0000A/Thôn 2: 60 internet, 45 device → 45 < 50, shortfall 5 households (10 million VND).
- 0000A/Thôn 3: 80 households, 70/70, no fibre (shortfall 1 village, 150), no provider
  (shortfall 1, 50), empty sector → its commune's: gap 200.
- 0000B/Bản 1 and Bản 2: 50 households, 40/40, fibre, 4G, 2 providers, sector chan_nuoi:
  their own conditions are met, but their commune fails the officials' condition.
"""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.errors import MissingColumnError, ParamsError
from ntmplan.tasks.pilots import village_figures as F
from ntmplan.tasks.pilots import village_view as VU
from ntmplan.tasks.pilots import villages as V
from tests.tasks.pilots.fixtures import commune, only_weight, survey


def village(code, name, **changes):
    row = {
        "province_code": "01",
        "commune_code": code,
        "year": 2025,
        "village_name": name,
        "village_type": "thon",
        "households": 100,
        "households_internet": 60,
        "households_smart_device": 55,
        "fixed_broadband": True,
        "mobile_broadband": True,
        "prominent_sector": "trong_trot",
        "dx_demand": 4,
        "digital_providers": 1,
    }
    row.update(changes)
    return row


def communes():
    return survey(commune("0000A"), commune("0000B", officials_computer=30))


def villages():
    return pd.DataFrame(
        [
            village("0000A", "Thôn 1"),
            village("0000A", "Thôn 2", households_smart_device=45),
            village(
                "0000A",
                "Thôn 3",
                households=80,
                households_internet=70,
                households_smart_device=70,
                fixed_broadband=False,
                digital_providers=0,
                prominent_sector=None,
            ),
            village(
                "0000B",
                "Bản 1",
                village_type="ban",
                households=50,
                households_internet=40,
                households_smart_device=40,
                prominent_sector="chan_nuoi",
                dx_demand=3,
                digital_providers=2,
            ),
            village(
                "0000B",
                "Bản 2",
                village_type="ban",
                households=50,
                households_internet=40,
                households_smart_device=40,
                prominent_sector="chan_nuoi",
                dx_demand=3,
                digital_providers=2,
            ),
        ]
    )


@pytest.fixture()
def vparams(params):
    params["pilots"]["village"].update(
        number=3, fallback_cheapest=False, households_both="min", sector_from_commune=True
    )
    params["pilots"]["village"]["pin"] = []
    params["pilots"]["village"]["exclude"] = []
    return params


def by_key(frame, key_col="commune_code"):
    return frame.set_index(frame[key_col].astype(str))


class TestVillageUnits:
    def test_village_figures_replace_the_communes(self, vparams):
        u = by_key(VU.village_units(villages(), communes(), vparams))
        assert list(u.index) == [
            "0000A/Thôn 1",
            "0000A/Thôn 2",
            "0000A/Thôn 3",
            "0000B/Bản 1",
            "0000B/Bản 2",
        ]
        assert u.loc["0000A/Thôn 3", "villages"] == 1
        assert u.loc["0000A/Thôn 3", "villages_fiber"] == 0
        assert u.loc["0000A/Thôn 3", "households"] == 80
        # officials stay the commune's
        assert u.loc["0000B/Bản 1", "officials_computer"] == 30
        assert u.loc["0000B/Bản 1", "officials"] == 37
        assert u.loc["0000B/Bản 1", VU.PARENT_NAME] == "Xã 0000B"
        assert u.loc["0000A/Thôn 2", "households_internet_smart"] == 45  # min(60, 45)

    def test_empty_sector_takes_the_communes(self, vparams):
        u = by_key(VU.village_units(villages(), communes(), vparams))
        assert u.loc["0000A/Thôn 3", "prominent_sector"] == "du_lich_nong_thon"
        vparams["pilots"]["village"]["sector_from_commune"] = False
        u = by_key(VU.village_units(villages(), communes(), vparams))
        assert u.loc["0000A/Thôn 3", "prominent_sector"] is None

    def test_village_of_an_unsurveyed_commune_is_left_out(self, vparams):
        v = pd.concat([villages(), pd.DataFrame([village("0000Z", "Thôn 9")])])
        u = VU.village_units(v, communes(), vparams)
        assert len(u) == 5

    def test_lower_bound_rule(self, vparams):
        vparams["pilots"]["village"]["households_both"] = "lower_bound"
        u = by_key(VU.village_units(villages(), communes(), vparams))
        assert u.loc["0000A/Thôn 2", "households_internet_smart"] == 5  # 60 + 45 − 100

    def test_unknown_rule_is_a_params_error(self, vparams):
        vparams["pilots"]["village"]["households_both"] = "max"
        with pytest.raises(ParamsError):
            VU.village_units(villages(), communes(), vparams)

    def test_missing_column(self, vparams):
        with pytest.raises(MissingColumnError, match="fixed_broadband"):
            VU.village_units(villages().drop(columns="fixed_broadband"), communes(), vparams)

    def test_params_view_holds_only_the_village_type(self, vparams):
        view = VU.village_params(vparams)
        assert list(view["pilots"]["types"]) == ["smart_village"]
        assert list(vparams["pilots"]["types"]) == ["smart_commune", "ecommerce_commune"]


class TestEvaluateVillages:
    def test_no_villages_gives_none(self, vparams):
        assert V.evaluate_villages(None, communes(), vparams) is None
        assert V.evaluate_villages(villages().iloc[:0], communes(), vparams) is None
        assert F.village_summary(None, vparams) is None
        assert V.village_table(None, vparams) is None

    def test_conditions_at_village_level(self, vparams):
        r = V.evaluate_villages(villages(), communes(), vparams)
        e = r["eligibility"].set_index(r["units"]["commune_code"])
        assert e["eligible"].to_dict() == {
            "0000A/Thôn 1": True,
            "0000A/Thôn 2": False,
            "0000A/Thôn 3": False,
            "0000B/Bản 1": False,
            "0000B/Bản 2": False,
        }
        assert e.loc["0000A/Thôn 2", "shortfall_households"] == 5
        assert e.loc["0000A/Thôn 3", "shortfall_villages_fiber"] == 1
        assert e.loc["0000A/Thôn 3", "shortfall_providers"] == 1
        assert "ở 1 thôn" not in e.loc["0000A/Thôn 3", "missing_vi"]
        assert "cáp quang" in e.loc["0000A/Thôn 3", "missing_vi"]
        assert bool(e.loc["0000A/Thôn 3", "gate_sector"])  # the commune's sector

    def test_village_whose_commune_fails_the_officials_condition(self, vparams):
        r = V.evaluate_villages(villages(), communes(), vparams)
        e = r["eligibility"].set_index(r["units"]["commune_code"])
        row = e.loc["0000B/Bản 1"]
        assert bool(row["gate_households"]) and bool(row["gate_infrastructure"])
        assert not bool(row["gate_officials_computer"])
        assert row["shortfall_officials_computer"] == 7
        assert row["missing_vi"] == "thiếu máy tính nối mạng cho 7 cán bộ xã"
        g = r["gaps"].set_index(r["units"]["commune_code"])
        assert g.loc["0000B/Bản 1", "total_gap_mvnd"] == 105.0

    def test_choice_takes_only_eligible_villages_without_fallback(self, vparams):
        r = V.evaluate_villages(villages(), communes(), vparams)
        assert list(r["chosen"]["commune_code"]) == ["0000A/Thôn 1"]
        assert F.chosen_gap_mvnd(r) == 0.0

    def test_fallback_counts_the_communes_officials_once(self, vparams):
        only_weight(vparams, "households_connected")
        vparams["pilots"]["village"].update(fallback_cheapest=True, number=4)
        r = V.evaluate_villages(villages(), communes(), vparams)
        # eligible Thôn 1, then by lowest gap: Thôn 2 (10), Bản 1 and Bản 2 (105 each; same
        # score 80, code order)
        assert list(r["chosen"]["commune_code"]) == [
            "0000A/Thôn 1",
            "0000A/Thôn 2",
            "0000B/Bản 1",
            "0000B/Bản 2",
        ]
        assert F.chosen_gap_mvnd(r) == 115.0  # 10 + 105 (commune 0000B's officials once)

    def test_pins_and_excludes_use_village_keys(self, vparams):
        vparams["pilots"]["village"]["pin"] = ["0000B/Bản 2", "0000X/Thôn 1"]
        vparams["pilots"]["village"]["exclude"] = ["0000A/Thôn 1"]
        r = V.evaluate_villages(villages(), communes(), vparams)
        assert list(r["chosen"]["commune_code"]) == ["0000B/Bản 2"]
        s = F.village_summary(r, vparams)
        assert s["pins_not_found"] == ["0000X/Thôn 1"]

    def test_ranking_by_the_commune_score(self, vparams):
        only_weight(vparams, "households_connected")
        r = V.evaluate_villages(villages(), communes(), vparams)
        score = r["ranked"].set_index("commune_code")["score"]
        assert score["0000A/Thôn 1"] == pytest.approx(55.0)  # 55 / 100
        assert score["0000B/Bản 1"] == pytest.approx(80.0)  # 40 / 50
        assert score["0000A/Thôn 3"] == pytest.approx(87.5)  # 70 / 80


class TestTablesAndSummary:
    def test_village_table(self, vparams):
        r = V.evaluate_villages(villages(), communes(), vparams)
        t = V.village_table(r, vparams)
        first = t.iloc[0]
        assert first["village_name"] == "Thôn 1" and first["eligible"] == "✓"
        assert first["village_type_vi"] == "Thôn"
        assert t.set_index("village_name").loc["Bản 1", "village_type_vi"] == "Bản"
        assert t.set_index("village_name").loc["Bản 1", "village_commune_name"] == "Xã 0000B"
        assert "commune_code" not in t.columns

    def test_summary(self, vparams):
        r = V.evaluate_villages(villages(), communes(), vparams)
        s = F.village_summary(r, vparams)
        assert s["villages"] == 5 and s["communes"] == 2
        assert s["eligible_count"] == 1 and s["target"] == 3
        assert s["funnel"][0] == {"condition": "all", "passing": 5}
        assert s["funnel"][-1]["passing"] == 1
        f = r["funnel"].set_index("condition")["condition_vi"]
        assert f["gate_rural"] == "Thuộc xã (đơn vị nông thôn)"
        assert f["gate_officials_computer"] == "Cán bộ của xã có máy tính nối Internet"
        assert s["chosen"][0]["village_name"] == "Thôn 1"
        assert s["chosen"][0]["commune_code"] == "0000A"
        assert s["statement_vi"] == (
            "Thôn nông thôn mới thông minh: 1 trong 5 thôn có số liệu (2 xã) đủ điều kiện; "
            "đề xuất 1 thôn: Thôn 1 (Xã 0000A) — chưa đủ 3 thôn theo mục tiêu của tỉnh."
        )

    def test_registration_columns(self, vparams):
        r = V.evaluate_villages(villages(), communes(), vparams)
        reg = V.village_registration(r, vparams, "01", "Thành phố Hà Nội")
        assert tuple(reg.columns) == V.REGISTRATION_VILLAGE_COLUMNS
        row = reg.iloc[0]
        assert row["share_households_internet"] == 0.6
        assert row["share_households_smart_device"] == 0.55
        assert bool(row["fixed_broadband"]) and row["province_name"] == "Thành phố Hà Nội"


class TestVillageOfAWard:
    def test_ward_villages_are_out_of_scope(self, vparams):
        # the commune of Thôn 1 is a ward: the "rural" gate fails, and spending cannot fix it
        communes_ = survey(commune("0000A", unit_type="phường"), commune("0000B"))
        r = V.evaluate_villages(villages(), communes_, vparams)
        e = r["eligibility"].set_index(r["units"]["commune_code"])
        assert not bool(e.loc["0000A/Thôn 1", "gate_rural"])
        assert not bool(e.loc["0000A/Thôn 1", "eligible"])
        ranked = r["ranked"].set_index("commune_code")
        assert not bool(ranked.loc["0000A/Thôn 1", "attainable"])
        assert e.loc["0000A/Thôn 1", "missing_vi"].startswith("là phường")
