"""Tests for ntmplan.tasks.budget — one class per public function, expected values worked out by hand."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from ntmplan.core.errors import ParamsError
from ntmplan.core.params import apply_overrides, default_params, load_params
from ntmplan.tasks import budget

SOURCES = ["central", "provincial", "district", "commune", "socialised", "other"]


# ---------------------------------------------------------------- fixtures


def make_survey(rows: list[dict]) -> pd.DataFrame:
    """Build a validated-looking survey frame (DESIGN.md columns) from a few overrides per row."""
    base = {
        "province_code": "01",
        "commune_code": "00000",
        "commune_name": "Xã",
        "unit_type": "xã",
        "year": 2025,
        "households": 1000,
        "population": 4000,
        "villages": 8,
        "officials": 20,
        "villages_fiber": 8,
        "villages_4g": 8,
        "postal_point": True,
        "radio_it": True,
        "households_internet": 700,
        "households_smart_device": 700,
        "households_internet_smart": 600,
        "officials_computer": 20,
        "officials_email": 20,
        "officials_eoffice": 20,
        "files_online_share": 0.7,
        "criterion_8_4": True,
        "digital_services": 1,
        "community_tech_members": 5,
        "cooperatives": 2,
        "cooperatives_digital": 1,
        "ocop_products": 3,
        "ocop_products_online": 1,
        "households_selling_online": 30,
        "prominent_sector": "trong_trot",
        "digital_providers": 2,
        "dx_demand": 4,
        "ntm_level": "dat_chuan",
        "commune_category": None,
    }
    frame = pd.DataFrame([{**base, **r} for r in rows])
    ints = ["year", "households", "population", "villages", "officials", "community_tech_members"]
    return frame.astype({c: "int64" for c in ints})


@pytest.fixture
def survey():
    # two rural communes and one urban ward (out of scope for per-commune costs)
    return make_survey(
        [
            {"commune_code": "00001", "commune_name": "Xã Một", "unit_type": "xã"},
            {"commune_code": "00002", "commune_name": "Xã Hai", "unit_type": "xã"},
            {"commune_code": "00003", "commune_name": "Phường Ba", "unit_type": "phường"},
        ]
    )


def simple_params() -> dict:
    """Defaults with round unit costs and simple phasing, so totals are easy by hand."""
    p = default_params()
    b = p["budget"]
    b["unit_costs"].update(
        {
            "plan_preparation_mvnd": 100.0,
            "communication_province_per_year_mvnd": 10.0,
            "communication_per_commune_year_mvnd": 1.0,
            "training_province_per_year_mvnd": 20.0,
            "training_per_commune_year_mvnd": 2.0,
            "smart_package_mvnd": 1000.0,
            "ecommerce_package_mvnd": 500.0,
            "gap_estimate_per_pilot_mvnd": 50.0,
            "data_per_commune_mvnd": 3.0,
            "data_system_mvnd": 200.0,
            "team_allowance_per_member_month_mvnd": 0.5,
            "allowance_months_per_year": 12,
            "team_members_per_commune": 5,
        }
    )
    even = {"rule": "even", "weights": [], "from_year": 0}
    b["phasing"] = {a: dict(even) for a in b["phasing"]}
    b["phasing"]["support_policy"] = {"rule": "from_year", "weights": [], "from_year": 2023}
    b["envelopes"] = {}
    return p


def tidy_frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["activity", "year", "source", "amount_mvnd"])


# ---------------------------------------------------------------- programme years, inputs


class TestProgrammeYears:
    def test_default_profile(self):
        assert budget.programme_years(default_params()) == [2021, 2022, 2023, 2024, 2025]

    def test_2026_profile(self):
        assert budget.programme_years(load_params(profile="2026_2030")) == [
            2026,
            2027,
            2028,
            2029,
            2030,
        ]

    def test_end_before_start(self):
        p = default_params()
        p["programme"]["end_year"] = 2020
        with pytest.raises(ValueError, match="end_year"):
            budget.programme_years(p)


class TestCapacityLines:
    def test_none_and_empty(self):
        assert budget.capacity_lines(None) is None
        assert budget.capacity_lines({"budget_lines": []}) is None
        assert budget.capacity_lines({"other": 1}) is None

    def test_reads_lines(self):
        lines = budget.capacity_lines(
            {"budget_lines": [{"activity": "training", "year": "2022", "cost_mvnd": 12.5}]}
        )
        assert lines.to_dict("records") == [
            {"activity": "training", "year": 2022, "cost_mvnd": 12.5}
        ]

    def test_unknown_activity(self):
        with pytest.raises(ValueError, match="unknown activities"):
            budget.capacity_lines(
                {"budget_lines": [{"activity": "pilots", "year": 2022, "cost_mvnd": 1}]}
            )

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns: cost_mvnd"):
            budget.capacity_lines({"budget_lines": [{"activity": "training", "year": 2022}]})

    def test_negative_cost(self):
        with pytest.raises(ValueError, match="≥ 0"):
            budget.capacity_lines(
                {"budget_lines": [{"activity": "training", "year": 2022, "cost_mvnd": -1}]}
            )


class TestChosenPilots:
    def test_none(self):
        assert budget.chosen_pilots(None) is None
        assert budget.chosen_pilots({"communes": 3}) is None

    def test_reads_types_in_order(self):
        s = {
            "chosen": {
                "smart_commune": [
                    {"commune_code": "00002", "commune_name": "Xã Hai", "gap_mvnd": 0.0},
                    {"commune_code": "00001", "commune_name": "Xã Một", "gap_mvnd": 30.0},
                ],
                "ecommerce_commune": [],
            }
        }
        out = budget.chosen_pilots(s)
        assert out["commune_code"].tolist() == ["00002", "00001"]
        assert out["pilot_type"].tolist() == ["smart_commune", "smart_commune"]
        assert out["gap_cost_mvnd"].tolist() == [0.0, 30.0]

    def test_empty_lists(self):
        out = budget.chosen_pilots({"chosen": {"smart_commune": []}})
        assert out.empty and "gap_cost_mvnd" in out

    def test_bad_shape(self):
        with pytest.raises(ValueError, match="pilot type"):
            budget.chosen_pilots({"chosen": [{"commune_code": "1"}]})

    def test_negative_gap(self):
        with pytest.raises(ValueError, match="≥ 0"):
            budget.chosen_pilots(
                {"chosen": {"smart_commune": [{"commune_code": "1", "gap_mvnd": -5}]}}
            )


# ---------------------------------------------------------------- costs


class TestActiveYears:
    def test_from_year_zero_is_start(self):
        assert budget.active_years({"rule": "even", "from_year": 0}, default_params()) == [
            2021,
            2022,
            2023,
            2024,
            2025,
        ]

    def test_from_year(self):
        assert budget.active_years({"rule": "even", "from_year": 2024}, default_params()) == [
            2024,
            2025,
        ]

    def test_before_start_clamped(self):
        p = load_params(profile="2026_2030")
        assert budget.active_years({"rule": "even", "from_year": 2022}, p)[0] == 2026

    def test_after_end(self):
        with pytest.raises(ValueError, match="after the programme end"):
            budget.active_years({"rule": "even", "from_year": 2030}, default_params())


class TestActivityCosts:
    def test_totals_by_hand_without_other_notebooks(self, survey):
        costs = budget.activity_costs(
            {"survey": survey, "pilots": None, "capacity": None}, simple_params()
        )
        by = costs.groupby("activity")["cost_mvnd"].sum()
        # scope = 2 rural communes (the ward is out of scope); 3 surveyed units; 5 years
        assert by["plan_preparation"] == pytest.approx(100.0)
        assert by["communication"] == pytest.approx(10 * 5 + 1 * 2 * 5)  # 60
        assert by["pilots"] == pytest.approx(
            1000 + 50 + 500 + 50
        )  # 1 smart + 1 e-commerce, each + gap estimate = 1600
        assert by["training"] == pytest.approx(20 * 5 + 2 * 2 * 5)  # 120
        assert by["data"] == pytest.approx(3 * 3 + 200)  # 209
        assert by["support_policy"] == pytest.approx(
            5 * 2 * 0.5 * 12 * 3
        )  # 10 members, 2023–2025 = 180
        assert costs["cost_mvnd"].sum() == pytest.approx(2269.0)
        assert costs["year"].isna().all()
        assert costs["basis"].str.contains("budget.unit_costs").all()

    def test_uses_capacity_lines_with_years(self, survey):
        cap = {
            "budget_lines": [
                {"activity": "training", "year": 2022, "cost_mvnd": 40.0},
                {"activity": "training", "year": 2023, "cost_mvnd": 60.0},
                {"activity": "support_policy", "year": 2024, "cost_mvnd": 7.0},
            ]
        }
        costs = budget.activity_costs({"survey": survey, "capacity": cap}, simple_params())
        train = costs[costs["activity"] == "training"]
        assert train["cost_mvnd"].sum() == pytest.approx(100.0)
        assert train["year"].tolist() == [2022, 2023]
        assert costs.loc[costs["activity"] == "support_policy", "cost_mvnd"].sum() == pytest.approx(
            7.0
        )
        # communication not in the capacity lines → params estimate (60, see above)
        assert costs.loc[costs["activity"] == "communication", "cost_mvnd"].sum() == pytest.approx(
            60.0
        )

    def test_uses_chosen_pilots_gap_costs(self, survey):
        pil = {
            "chosen": {
                "smart_commune": [
                    {"commune_code": "00001", "commune_name": "Xã Một", "gap_mvnd": 120.0},
                    {"commune_code": "00002", "commune_name": "Xã Hai", "gap_mvnd": 0.0},
                ],
                "ecommerce_commune": [
                    {"commune_code": "00002", "commune_name": "Xã Hai", "gap_mvnd": 30.0}
                ],
            }
        }
        costs = budget.activity_costs({"survey": survey, "pilots": pil}, simple_params())
        # 2 smart × 1000 + gaps 120 + 0; 1 e-commerce × 500 + gap 30 = 2650
        assert costs.loc[costs["activity"] == "pilots", "cost_mvnd"].sum() == pytest.approx(2650.0)
        assert costs["basis"].str.contains("Xã Một").any()

    def test_pilot_count_caps_and_extends(self, survey):
        p = simple_params()
        p["budget"]["pilots"]["smart_count"] = 3
        p["budget"]["pilots"]["ecommerce_count"] = 0
        pil = {
            "chosen": {
                "smart_commune": [
                    {"commune_code": "00001", "commune_name": "Xã Một", "gap_mvnd": 120.0}
                ]
            }
        }
        costs = budget.activity_costs({"survey": survey, "pilots": pil}, p)
        # 3 × 1000 + 120 (known) + 2 × 50 (estimate) = 3220; no e-commerce
        assert costs.loc[costs["activity"] == "pilots", "cost_mvnd"].sum() == pytest.approx(3220.0)
        p["budget"]["pilots"]["smart_count"] = 0
        costs = budget.activity_costs({"survey": survey, "pilots": pil}, p)
        assert "pilots" not in set(costs["activity"])

    def test_bad_pilot_count(self, survey):
        p = simple_params()
        p["budget"]["pilots"]["smart_count"] = -1
        with pytest.raises(ValueError, match="smart_count"):
            budget.activity_costs({"survey": survey}, p)

    def test_unit_cost_factor(self, survey):
        p = simple_params()
        p["budget"]["unit_cost_factor"] = 1.5
        costs = budget.activity_costs({"survey": survey}, p)
        assert costs["cost_mvnd"].sum() == pytest.approx(2269.0 * 1.5)
        assert costs["basis"].str.contains("unit_cost_factor").all()

    def test_other_items(self, survey):
        p = simple_params()
        p["budget"]["other_items"] = {
            "cold_storage": {"label": "Kho lạnh", "cost_mvnd": 300, "year": 2024}
        }
        costs = budget.activity_costs({"survey": survey}, p)
        row = costs[costs["activity"] == "cold_storage"].iloc[0]
        assert row["cost_mvnd"] == 300.0 and row["year"] == 2024 and row["item"] == "Kho lạnh"

    def test_other_items_errors(self, survey):
        p = simple_params()
        p["budget"]["other_items"] = {"pilots": {"cost_mvnd": 1}}
        with pytest.raises(ValueError, match="clashes"):
            budget.activity_costs({"survey": survey}, p)
        p["budget"]["other_items"] = {"x": {"label": "x"}}
        with pytest.raises(ValueError, match="cost_mvnd"):
            budget.activity_costs({"survey": survey}, p)
        p["budget"]["other_items"] = {"x": {"cost_mvnd": 1, "colour": "red"}}
        with pytest.raises(ValueError, match="unknown keys"):
            budget.activity_costs({"survey": survey}, p)

    def test_missing_survey(self):
        with pytest.raises(ValueError, match="survey"):
            budget.activity_costs({"pilots": None}, simple_params())

    def test_missing_column(self, survey):
        with pytest.raises(ValueError, match="missing columns: unit_type"):
            budget.activity_costs({"survey": survey.drop(columns="unit_type")}, simple_params())


# ---------------------------------------------------------------- phasing


class TestPhaseWeights:
    def test_even(self):
        w = budget.phase_weights({"rule": "even", "weights": [], "from_year": 0}, default_params())
        assert w.to_dict() == pytest.approx({2021: 0.2, 2022: 0.2, 2023: 0.2, 2024: 0.2, 2025: 0.2})

    def test_front_loaded_with_weights_padded(self):
        # weights 3, 1 on the first two active years (2022, 2023), then 0 → 0.75, 0.25
        w = budget.phase_weights(
            {"rule": "front_loaded", "weights": [3, 1], "from_year": 2022}, default_params()
        )
        assert w.to_dict() == pytest.approx(
            {2021: 0.0, 2022: 0.75, 2023: 0.25, 2024: 0.0, 2025: 0.0}
        )

    def test_front_loaded_default_weights(self):
        # 5 years: 5, 4, 3, 2, 1 over 15
        w = budget.phase_weights(
            {"rule": "front_loaded", "weights": [], "from_year": 0}, default_params()
        )
        assert w.tolist() == pytest.approx([5 / 15, 4 / 15, 3 / 15, 2 / 15, 1 / 15])

    def test_from_year(self):
        w = budget.phase_weights(
            {"rule": "from_year", "weights": [], "from_year": 2023}, default_params()
        )
        assert w.tolist() == pytest.approx([0, 0, 1 / 3, 1 / 3, 1 / 3])

    def test_errors(self):
        p = default_params()
        with pytest.raises(ValueError, match="unknown phasing rule"):
            budget.phase_weights({"rule": "back_loaded"}, p)
        with pytest.raises(ValueError, match="≥ 0"):
            budget.phase_weights({"rule": "front_loaded", "weights": [1, -1]}, p)
        with pytest.raises(ValueError, match="all 0"):
            budget.phase_weights({"rule": "front_loaded", "weights": [0, 0]}, p)


class TestPhase:
    def test_even_front_loaded_from_year(self):
        p = simple_params()
        p["budget"]["phasing"]["pilots"] = {
            "rule": "front_loaded",
            "weights": [0.6, 0.4],
            "from_year": 2024,
        }
        costs = pd.DataFrame(
            {
                "activity": ["communication", "pilots", "support_policy"],
                "item": ["a", "b", "c"],
                "year": pd.array([pd.NA, pd.NA, pd.NA], dtype="Int64"),
                "cost_mvnd": [50.0, 1000.0, 30.0],
                "basis": ["", "", ""],
            }
        )
        out = budget.phase(costs, p).set_index(["activity", "year"])["amount_mvnd"]
        assert out["communication"].to_dict() == pytest.approx({y: 10.0 for y in range(2021, 2026)})
        assert out["pilots"].to_dict() == pytest.approx({2024: 600.0, 2025: 400.0})
        assert out["support_policy"].to_dict() == pytest.approx(
            {2023: 10.0, 2024: 10.0, 2025: 10.0}
        )

    def test_fixed_years_kept_and_summed(self):
        costs = pd.DataFrame(
            {
                "activity": ["training", "training", "training"],
                "item": ["a", "b", "c"],
                "year": pd.array([2022, 2022, 2024], dtype="Int64"),
                "cost_mvnd": [5.0, 7.0, 3.0],
                "basis": ["", "", ""],
            }
        )
        out = budget.phase(costs, simple_params())
        assert out.to_dict("records") == [
            {"activity": "training", "year": 2022, "amount_mvnd": 12.0},
            {"activity": "training", "year": 2024, "amount_mvnd": 3.0},
        ]

    def test_total_preserved(self, survey):
        p = default_params()
        costs = budget.activity_costs({"survey": survey}, p)
        assert budget.phase(costs, p)["amount_mvnd"].sum() == pytest.approx(
            costs["cost_mvnd"].sum()
        )

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns: cost_mvnd"):
            budget.phase(pd.DataFrame({"activity": [], "year": []}), simple_params())


# ---------------------------------------------------------------- sources


class TestBudgetTiers:
    def test_current_has_no_district(self):
        assert budget.budget_tiers(default_params(), "current") == [
            "central",
            "provincial",
            "commune",
        ]

    def test_legacy_has_district(self):
        assert "district" in budget.budget_tiers(default_params(), "legacy")

    def test_unknown_scheme(self):
        with pytest.raises(ValueError, match="unknown scheme"):
            budget.budget_tiers(default_params(), "1990")


class TestActiveSources:
    def test_current(self):
        assert budget.active_sources(default_params(), "current") == [
            "central",
            "provincial",
            "commune",
            "socialised",
            "other",
        ]

    def test_legacy(self):
        assert budget.active_sources(default_params(), "legacy") == SOURCES

    def test_tier_not_a_source(self):
        p = default_params()
        p["programme"]["budget_tiers"] = ["central", "ward"]
        with pytest.raises(ValueError, match="ward"):
            budget.active_sources(p, "current")


def split_params(split: dict, factor: float = 1.0) -> dict:
    p = simple_params()
    p["budget"]["splits"]["pilots"] = {s: 0.0 for s in SOURCES} | split
    p["budget"]["socialised_factor"] = factor
    return p


class TestSourceShares:
    def test_district_redistributed_in_current_scheme(self):
        p = split_params({"central": 0.4, "provincial": 0.3, "district": 0.2, "commune": 0.1})
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        # district 0.2 → provincial : commune = 0.3 : 0.1 → +0.15, +0.05
        assert got.to_dict() == pytest.approx(
            {"central": 0.4, "provincial": 0.45, "commune": 0.15, "socialised": 0.0, "other": 0.0}
        )

    def test_legacy_keeps_district(self):
        p = split_params({"central": 0.4, "provincial": 0.3, "district": 0.2, "commune": 0.1})
        got = budget.source_shares(["pilots"], p, "legacy").set_index("source")["share"]
        assert got["district"] == pytest.approx(0.2) and got["provincial"] == pytest.approx(0.3)

    def test_district_to_zero_targets_split_equally(self):
        p = split_params({"central": 0.8, "district": 0.2})
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        assert got["provincial"] == pytest.approx(0.1) and got["commune"] == pytest.approx(0.1)

    def test_socialised_factor_down(self):
        p = split_params({"central": 0.5, "provincial": 0.3, "socialised": 0.2}, factor=0.5)
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        # socialised 0.2 → 0.1; the 0.1 freed goes 0.5 : 0.3 → +0.0625, +0.0375
        assert got["socialised"] == pytest.approx(0.1)
        assert got["central"] == pytest.approx(0.5625) and got["provincial"] == pytest.approx(
            0.3375
        )

    def test_socialised_factor_capped_at_one(self):
        p = split_params({"central": 0.5, "provincial": 0.3, "socialised": 0.2}, factor=6.0)
        got = budget.source_shares(["pilots"], p, "current").set_index("source")["share"]
        assert got["socialised"] == pytest.approx(1.0) and got["central"] == pytest.approx(0.0)

    def test_shares_sum_to_one_for_defaults(self):
        p = default_params()
        for scheme in ("current", "legacy"):
            got = budget.source_shares(list(p["budget"]["splits"]), p, scheme)
            assert got.groupby("activity")["share"].sum().to_numpy() == pytest.approx(1.0)

    def test_bad_splits(self):
        with pytest.raises(ValueError, match="sum to 1"):
            budget.source_shares(["pilots"], split_params({"central": 0.5}), "current")
        with pytest.raises(ValueError, match="≥ 0"):
            budget.source_shares(
                ["pilots"], split_params({"central": 1.5, "provincial": -0.5}), "current"
            )
        p = split_params({"central": 1.0})
        p["budget"]["splits"]["pilots"]["bank"] = 0.0
        with pytest.raises(ValueError, match="unknown sources"):
            budget.source_shares(["pilots"], p, "current")

    def test_other_item_own_split(self):
        p = simple_params()
        p["budget"]["other_items"] = {"kho": {"cost_mvnd": 10, "split": {"socialised": 1.0}}}
        got = budget.source_shares(["kho"], p, "current").set_index("source")["share"]
        assert got["socialised"] == 1.0


class TestSplitSources:
    def test_legacy_vs_current(self):
        p = split_params({"central": 0.4, "provincial": 0.3, "district": 0.2, "commune": 0.1})
        phased = pd.DataFrame({"activity": ["pilots"], "year": [2023], "amount_mvnd": [1000.0]})
        cur = (
            budget.split_sources(phased, p, "current").set_index("source")["amount_mvnd"].to_dict()
        )
        leg = budget.split_sources(phased, p, "legacy").set_index("source")["amount_mvnd"].to_dict()
        assert cur == pytest.approx({"central": 400.0, "provincial": 450.0, "commune": 150.0})
        assert leg == pytest.approx(
            {"central": 400.0, "provincial": 300.0, "district": 200.0, "commune": 100.0}
        )

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns: amount_mvnd"):
            budget.split_sources(pd.DataFrame({"activity": [], "year": []}), simple_params())


# ---------------------------------------------------------------- envelopes


class TestEnvelopeTable:
    def test_number_and_per_year(self):
        p = simple_params()
        p["budget"]["envelopes"] = {"central": 100, "provincial": {"2022": 50, 2023: None}}
        env = budget.envelope_table(p)
        assert len(env) == 6  # 5 years of central + 1 provincial year
        assert env[env["source"] == "provincial"].to_dict("records") == [
            {"source": "provincial", "year": 2022, "envelope_mvnd": 50.0}
        ]

    def test_errors(self):
        p = simple_params()
        p["budget"]["envelopes"] = {"bank": 1}
        with pytest.raises(ValueError, match="unknown source"):
            budget.envelope_table(p)
        p["budget"]["envelopes"] = {"central": {2030: 1}}
        with pytest.raises(ValueError, match="outside"):
            budget.envelope_table(p)
        p["budget"]["envelopes"] = {"central": -1}
        with pytest.raises(ValueError, match="≥ 0"):
            budget.envelope_table(p)
        p["budget"]["envelopes"] = {"central": {2022: "many"}}
        with pytest.raises(ValueError, match="number"):
            budget.envelope_table(p)


def envelope_params(envelopes: dict, fallback: dict) -> dict:
    p = simple_params()
    p["budget"]["envelopes"] = envelopes
    p["budget"]["fallback"] = {s: "" for s in SOURCES} | fallback
    return p


@pytest.fixture
def small_tidy():
    # 2021: central requirement 60 (A) + 40 (B) = 100; provincial 10 (A)
    return tidy_frame(
        [
            ("A", 2021, "central", 60.0),
            ("B", 2021, "central", 40.0),
            ("A", 2021, "provincial", 10.0),
            ("A", 2022, "central", 10.0),
        ]
    )


class TestApplyEnvelopes:
    def test_overflow_moved_to_fallback(self, small_tidy):
        p = envelope_params({"central": {2021: 50}}, {"central": "provincial"})
        after, gaps = budget.apply_envelopes(small_tidy, p)
        got = after.set_index(["activity", "year", "source"])["amount_mvnd"].to_dict()
        # central kept at 50/100 = half: A 30, B 20; overflow A 30, B 20 → provincial (A 10 + 30)
        assert got == pytest.approx(
            {
                ("A", 2021, "central"): 30.0,
                ("A", 2021, "provincial"): 40.0,
                ("A", 2022, "central"): 10.0,
                ("B", 2021, "central"): 20.0,
                ("B", 2021, "provincial"): 20.0,
            }
        )
        assert gaps[["activity", "source", "overflow_mvnd", "moved_to", "unfunded_mvnd"]].to_dict(
            "records"
        ) == [
            {
                "activity": "A",
                "source": "central",
                "overflow_mvnd": 30.0,
                "moved_to": "provincial",
                "unfunded_mvnd": 0.0,
            },
            {
                "activity": "B",
                "source": "central",
                "overflow_mvnd": 20.0,
                "moved_to": "provincial",
                "unfunded_mvnd": 0.0,
            },
        ]

    def test_unfunded_when_no_fallback(self, small_tidy):
        p = envelope_params({"central": {2021: 50}}, {})
        after, gaps = budget.apply_envelopes(small_tidy, p)
        unf = after[after["source"] == budget.UNFUNDED].set_index("activity")["amount_mvnd"]
        assert unf.to_dict() == pytest.approx({"A": 30.0, "B": 20.0})
        assert gaps["unfunded_mvnd"].sum() == pytest.approx(50.0)
        assert set(gaps["moved_to"]) == {""}
        # per activity-year the amounts still add up to the requirement
        assert after["amount_mvnd"].sum() == pytest.approx(small_tidy["amount_mvnd"].sum())

    def test_chain_overflows_fallback_too(self, small_tidy):
        p = envelope_params(
            {"central": {2021: 50}, "provincial": {2021: 45}}, {"central": "provincial"}
        )
        after, gaps = budget.apply_envelopes(small_tidy, p)
        got = (
            after[after["year"] == 2021].set_index(["activity", "source"])["amount_mvnd"].to_dict()
        )
        # provincial after the move: A 40 + B 20 = 60 > 45 → keep 0.75: A 30, B 15; A 10, B 5 unfunded
        assert got == pytest.approx(
            {
                ("A", "central"): 30.0,
                ("A", "provincial"): 30.0,
                ("A", budget.UNFUNDED): 10.0,
                ("B", "central"): 20.0,
                ("B", "provincial"): 15.0,
                ("B", budget.UNFUNDED): 5.0,
            }
        )
        assert gaps["unfunded_mvnd"].sum() == pytest.approx(15.0)

    def test_loop_in_fallbacks_ends_unfunded(self, small_tidy):
        p = envelope_params(
            {"central": {2021: 50}, "provincial": {2021: 45}},
            {"central": "provincial", "provincial": "central"},
        )
        after, gaps = budget.apply_envelopes(small_tidy, p)
        assert after.loc[after["source"] == budget.UNFUNDED, "amount_mvnd"].sum() == pytest.approx(
            15.0
        )

    def test_fallback_skips_source_at_ceiling(self):
        # commune overflows first? No: order is budget.sources; central at ceiling → commune → provincial
        tidy = tidy_frame([("A", 2021, "central", 10.0), ("A", 2021, "commune", 30.0)])
        p = envelope_params(
            {"central": {2021: 10}, "commune": {2021: 20}},
            {"commune": "central", "central": "provincial"},
        )
        after, _ = budget.apply_envelopes(tidy, p)
        got = after.set_index("source")["amount_mvnd"].to_dict()
        # commune's 10 over goes past central (at its ceiling) to central's fallback, provincial
        assert got == pytest.approx({"central": 10.0, "provincial": 10.0, "commune": 20.0})

    def test_no_envelopes_passthrough(self, small_tidy):
        after, gaps = budget.apply_envelopes(small_tidy, envelope_params({}, {}))
        assert after["amount_mvnd"].tolist() == small_tidy["amount_mvnd"].tolist() and gaps.empty

    def test_unknown_fallback(self, small_tidy):
        p = envelope_params({"central": 1}, {"central": "bank"})
        with pytest.raises(ValueError, match="unknown source"):
            budget.apply_envelopes(small_tidy, p)

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns: source"):
            budget.apply_envelopes(
                pd.DataFrame({"activity": [], "year": [], "amount_mvnd": []}), simple_params()
            )


# ---------------------------------------------------------------- totals and checks


class TestTotals:
    def test_by_hand(self, small_tidy):
        t = budget.totals(small_tidy)
        assert t["total"] == pytest.approx(120.0)
        assert t["by_source"].to_dict() == pytest.approx({"central": 110.0, "provincial": 10.0})
        assert t["by_year"].to_dict() == pytest.approx({2021: 110.0, 2022: 10.0})
        assert t["by_activity"].to_dict() == pytest.approx({"A": 80.0, "B": 40.0})
        assert t["year_x_source"].loc[2022, "provincial"] == 0.0

    def test_every_grouping_sums_to_total(self, survey):
        p = default_params()
        p["budget"]["envelopes"] = {"central": 300.0}
        res = budget.build({"survey": survey}, p)
        t = res["totals"]
        for key in ("by_source", "by_year", "by_activity"):
            assert t[key].sum() == pytest.approx(t["total"])
        for key in ("year_x_source", "activity_x_source"):
            assert t[key].to_numpy().sum() == pytest.approx(t["total"])
        assert t["total"] == pytest.approx(res["costs"]["cost_mvnd"].sum())
        for rows in ("year", "activity"):
            piv = budget.pivot(res["tidy"], rows, p)
            total_row = piv.iloc[-1, 1:]
            assert total_row.iloc[-1] == pytest.approx(t["total"])
            assert piv.iloc[:-1, -1].sum() == pytest.approx(t["total"])

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns"):
            budget.totals(pd.DataFrame({"activity": []}))


class TestChecks:
    def test_all_ok(self, small_tidy):
        p = simple_params()
        p["budget"]["share_bounds"] = {"c": {"sources": ["central"], "min": 0.0, "max": 1.0}}
        out = budget.checks(small_tidy, p)
        assert out["ok"].all()

    def test_unfunded_and_bounds_fail(self, small_tidy):
        p = simple_params()
        # central 110 of 120 funded = 91.7% > 60%
        p["budget"]["share_bounds"] = {"c": {"sources": ["central"], "min": 0.0, "max": 0.6}}
        tidy = pd.concat(
            [small_tidy, tidy_frame([("B", 2022, budget.UNFUNDED, 5.0)])], ignore_index=True
        )
        out = budget.checks(tidy, p).set_index(["check", "subject"])
        assert not out.loc[("financed", "B"), "ok"] and out.loc[("financed", "B"), "value"] == 5.0
        assert out.loc[("financed", "A"), "ok"]
        assert not out.loc[("share_bounds", "c"), "ok"]
        assert out.loc[("share_bounds", "c"), "value"] == pytest.approx(110 / 120)

    def test_total_kept_and_years(self, small_tidy):
        costs = pd.DataFrame({"activity": ["A", "B"], "cost_mvnd": [80.0, 41.0]})
        tidy = pd.concat([small_tidy, tidy_frame([("A", 2019, "central", 0.0)])], ignore_index=True)
        out = budget.checks(tidy, simple_params(), costs).set_index(["check", "subject"])
        assert out.loc[("total_kept", "A"), "ok"] and not out.loc[("total_kept", "B"), "ok"]
        assert not out.loc[("years_in_period", "year"), "ok"]

    def test_unknown_bound_source(self, small_tidy):
        p = simple_params()
        p["budget"]["share_bounds"] = {"x": {"sources": ["bank"], "min": 0.0, "max": 1.0}}
        with pytest.raises(ValueError, match="bank"):
            budget.checks(small_tidy, p)


# ---------------------------------------------------------------- pipeline and scenarios


class TestBuild:
    def test_totals_and_fallback_flags(self, survey):
        res = budget.build({"survey": survey, "pilots": None, "capacity": None}, simple_params())
        assert res["totals"]["total"] == pytest.approx(2269.0)
        assert res["inputs_used"] == {"pilots": "params", "capacity": "params"}
        assert res["checks"]["ok"].all()
        assert res["scheme"] == "current" and "district" not in set(res["tidy"]["source"])

    def test_legacy_scheme_has_district(self, survey):
        res = budget.build({"survey": survey}, simple_params(), scheme="legacy")
        assert "district" in set(res["tidy"]["source"])
        assert res["totals"]["total"] == pytest.approx(2269.0)

    def test_capacity_flag(self, survey):
        cap = {"budget_lines": [{"activity": "training", "year": 2022, "cost_mvnd": 1.0}]}
        assert (
            budget.build({"survey": survey, "capacity": cap}, simple_params())["inputs_used"][
                "capacity"
            ]
            == "04_capacity"
        )


class TestWithOverrides:
    def test_merges(self):
        p = apply_overrides(simple_params(), {"budget": {"socialised_factor": 0.5}})
        assert p["budget"]["socialised_factor"] == 0.5

    def test_unknown_key(self):
        with pytest.raises(ParamsError):
            apply_overrides(simple_params(), {"budget": {"socialized_factor": 0.5}})

    def test_open_mapping_filled_by_province_accepts_new_keys(self):
        p = simple_params()
        p["budget"]["envelopes"] = {"central": 100.0}  # as a province overlay would set
        merged = apply_overrides(p, {"budget": {"envelopes": {"provincial": 50.0}}})
        # an open mapping is replaced, like a params layer
        assert merged["budget"]["envelopes"] == {"provincial": 50.0}
        assert p["budget"]["envelopes"] == {"central": 100.0}  # input untouched

    def test_nested_merge_keeps_siblings(self):
        merged = apply_overrides(simple_params(), {"budget": {"pilots": {"smart_count": 2}}})
        assert merged["budget"]["pilots"]["smart_count"] == 2
        assert merged["budget"]["pilots"]["default_ecommerce_count"] == 1


class TestScenarios:
    def test_side_by_side_by_hand(self, survey):
        p = simple_params()
        p["budget"]["scenarios"] = [
            {"name": "base", "label": "Cơ sở", "overrides": {}},
            {"name": "dear", "label": "Đắt", "overrides": {"budget": {"unit_cost_factor": 2.0}}},
            {
                "name": "one",
                "label": "Một",
                "overrides": {"budget": {"pilots": {"smart_count": 1, "ecommerce_count": 0}}},
            },
        ]
        out = budget.scenarios({"survey": survey}, p).set_index("scenario")
        assert out.loc["base", "total_mvnd"] == pytest.approx(2269.0)
        assert out.loc["dear", "total_mvnd"] == pytest.approx(4538.0)
        assert out.loc["one", "total_mvnd"] == pytest.approx(
            2269.0 - 550.0
        )  # no e-commerce package + estimate
        src_cols = [f"{s}_mvnd" for s in SOURCES]
        assert out[src_cols].sum(axis=1).to_numpy() + out[
            "unfunded_mvnd"
        ].to_numpy() == pytest.approx(out["total_mvnd"].to_numpy())

    def test_default_scenarios_run(self, survey):
        out = budget.scenarios({"survey": survey}, default_params())
        assert out["scenario"].tolist()[0] == "baseline"
        low = out.set_index("scenario")
        assert (
            low.loc["low_socialised", "socialised_share"] < low.loc["baseline", "socialised_share"]
        )

    def test_bad_entries(self, survey):
        p = simple_params()
        p["budget"]["scenarios"] = [{"label": "no name"}]
        with pytest.raises(ValueError, match="name"):
            budget.scenarios({"survey": survey}, p)
        p["budget"]["scenarios"] = [{"name": "a", "overrides": {}}, {"name": "a", "overrides": {}}]
        with pytest.raises(ValueError, match="duplicate"):
            budget.scenarios({"survey": survey}, p)
        p["budget"]["scenarios"] = [{"name": "a", "overrides": {"budget": {"nope": 1}}}]
        with pytest.raises(ParamsError):
            budget.scenarios({"survey": survey}, p)


# ---------------------------------------------------------------- central allocation


class TestAllocateCentral:
    def test_published_weights_by_hand(self):
        s = make_survey(
            [
                {"commune_code": "00001", "commune_category": "zone_iii"},
                {"commune_code": "00002", "commune_category": "zone_i;border"},
                {"commune_code": "00003", "commune_category": None},
                {"commune_code": "00004", "unit_type": "đặc khu", "commune_category": None},
                {"commune_code": "00005", "commune_category": "zone_ii"},
                {"commune_code": "00006", "unit_type": "phường", "commune_category": "zone_iii"},
            ]
        )
        p = load_params(profile="2026_2030")
        out = budget.allocate_central(s, 2150.0, p).set_index("commune_code")
        # weights 50, max(30, 50) = 50, other 25, special zone → island 50, 40; the ward is out of scope
        # total 215 → 2150 × w / 215 = 10 × w
        assert out["amount_mvnd"].to_dict() == pytest.approx(
            {"00001": 500.0, "00002": 500.0, "00003": 250.0, "00004": 500.0, "00005": 400.0}
        )
        assert out.loc["00002", "category_applied"] == "border"
        assert out.loc["00004", "category_applied"] == "island"
        assert out.loc["00003", "category_applied"] == "other"
        assert out["share"].sum() == pytest.approx(1.0)

    def test_default_profile_weights_are_params(self):
        s = make_survey(
            [{"commune_code": "00001", "commune_category": "zone_iii"}, {"commune_code": "00002"}]
        )
        p = default_params()
        p["budget"]["category_weights"] = dict.fromkeys(p["budget"]["category_weights"], 1.0) | {
            "zone_iii": 3.0
        }
        out = budget.allocate_central(s, 100.0, p).set_index("commune_code")
        assert out["amount_mvnd"].to_dict() == pytest.approx({"00001": 75.0, "00002": 25.0})

    def test_errors(self):
        s = make_survey([{"commune_code": "00001", "commune_category": "zone_x"}])
        with pytest.raises(ValueError, match="zone_x"):
            budget.allocate_central(s, 100.0, default_params())
        with pytest.raises(ValueError, match="≥ 0"):
            budget.allocate_central(make_survey([{}]), -1.0, default_params())
        with pytest.raises(ValueError, match="missing columns: commune_category"):
            budget.allocate_central(
                make_survey([{}]).drop(columns="commune_category"), 1.0, default_params()
            )


# ---------------------------------------------------------------- best use


def gaps_frame(costs: list[float], attainable=None, eligible=None, values=None) -> pd.DataFrame:
    n = len(costs)
    df = pd.DataFrame(
        {
            "commune_code": [f"{i:05d}" for i in range(1, n + 1)],
            "commune_name": [f"Xã {i}" for i in range(1, n + 1)],
            "total_gap_mvnd": costs,
            "attainable": attainable if attainable is not None else [True] * n,
            "eligible": eligible if eligible is not None else [c == 0 for c in costs],
        }
    )
    if values is not None:
        df["value"] = values
    return df


def brute_force(costs, values, budget_mvnd):
    """Best (max value, then min cost) subset by enumeration — the reference answer."""
    best = (-1.0, 0.0, ())
    for k in range(len(costs) + 1):
        for combo in itertools.combinations(range(len(costs)), k):
            c = sum(costs[i] for i in combo)
            v = sum(values[i] for i in combo)
            if c <= budget_mvnd + 1e-9 and (
                v > best[0] + 1e-9 or (abs(v - best[0]) <= 1e-9 and c < best[1] - 1e-9)
            ):
                best = (v, c, combo)
    return best


class TestBestUse:
    def test_small_case_by_hand_tie_break_cheaper(self):
        # A 40, B 30, C 30, D 35, budget 100: three communes fit as {A,B,C}=100 or {B,C,D}=95 → the cheaper
        # E costs 5 but cannot meet all conditions; F already meets them (cost 0)
        df = gaps_frame([40, 30, 30, 35, 5, 0], attainable=[True, True, True, True, False, True])
        out = budget.best_use(df, 100.0).set_index("commune_code")
        assert sorted(out.index[out["funded"]]) == ["00002", "00003", "00004"]
        assert (
            not out.loc["00005", "funded"]
            and out.loc["00006", "already_meets"]
            and not out.loc["00006", "funded"]
        )
        assert out["meets_after"].sum() == 4

    def test_against_brute_force(self):
        rng = np.random.default_rng(7)
        for _ in range(25):
            n = int(rng.integers(1, 9))
            costs = rng.integers(1, 60, n).astype(float).tolist()
            values = rng.integers(1, 10, n).astype(float).tolist()
            cap = float(rng.integers(0, 150))
            for vals in (None, values):
                df = gaps_frame(costs, values=vals)
                out = budget.best_use(df, cap, value_col="value" if vals else None)
                got = out[out["funded"]]
                want_v, want_c, _ = brute_force(costs, vals or [1.0] * n, cap)
                assert got["priority_value"].sum() == pytest.approx(want_v)
                assert got["total_gap_mvnd"].sum() == pytest.approx(want_c)

    def test_count_matches_greedy(self):
        rng = np.random.default_rng(11)
        for _ in range(20):
            costs = rng.integers(1, 80, 10).astype(float).tolist()
            df = gaps_frame(costs)
            cap = float(rng.integers(0, 300))
            milp_out = budget.best_use(df, cap)
            greedy_out = budget.greedy_use(df, cap)
            # cheapest-first is optimal for the count, so both agree on count and cost
            assert milp_out["funded"].sum() == greedy_out["funded"].sum()
            assert milp_out.loc[milp_out["funded"], "total_gap_mvnd"].sum() == pytest.approx(
                greedy_out.loc[greedy_out["funded"], "total_gap_mvnd"].sum()
            )

    def test_beats_greedy_with_values(self):
        # X cost 6 value 7 (ratio 1.17) is taken first by greedy, leaving 4: value 7.
        # Y + Z (5 + 5, value 10) is better.
        df = gaps_frame([6, 5, 5], values=[7, 5, 5])
        best = budget.best_use(df, 10.0, value_col="value")
        greedy = budget.greedy_use(df, 10.0, value_col="value")
        assert best.loc[best["funded"], "priority_value"].sum() == 10
        assert greedy.loc[greedy["funded"], "priority_value"].sum() == 7

    def test_zero_budget_and_no_candidates(self):
        assert not budget.best_use(gaps_frame([10, 20]), 0.0)["funded"].any()
        assert not budget.best_use(gaps_frame([0, 0]), 50.0)["funded"].any()

    def test_errors(self):
        with pytest.raises(ValueError, match="missing columns: attainable"):
            budget.best_use(gaps_frame([1]).drop(columns="attainable"), 10.0)
        with pytest.raises(ValueError, match="≥ 0"):
            budget.best_use(gaps_frame([1]), -1.0)
        with pytest.raises(ValueError, match="≥ 0"):
            budget.best_use(gaps_frame([-1.0]), 1.0)


class TestGreedyUse:
    def test_cheapest_first(self):
        # budget 60: 10 + 20 fit (30), 25 fits (55), 40 does not
        out = budget.greedy_use(gaps_frame([40, 10, 25, 20]), 60.0).set_index("commune_code")
        assert sorted(out.index[out["funded"]]) == ["00002", "00003", "00004"]

    def test_missing_column(self):
        with pytest.raises(ValueError, match="missing columns"):
            budget.greedy_use(pd.DataFrame({"commune_code": ["1"]}), 1.0)


# ---------------------------------------------------------------- display, export, summary


class TestLabelled:
    def test_labels(self, small_tidy):
        p = simple_params()
        tidy = tidy_frame(
            [("pilots", 2021, "central", 1.0), ("pilots", 2021, budget.UNFUNDED, 1.0)]
        )
        out = budget.labelled(tidy, p)
        assert out["activity"].iloc[0] == p["budget"]["activities"]["pilots"]
        assert out["source"].tolist() == [
            p["budget"]["sources"]["central"],
            p["budget"]["unfunded_label"],
        ]


class TestPivot:
    def test_year_by_source_with_totals(self, small_tidy):
        p = simple_params()
        piv = budget.pivot(small_tidy, "year", p)
        central = p["budget"]["sources"]["central"]
        assert piv.columns[0] == budget.LABELS["year"]
        assert piv[central].tolist() == [100.0, 10.0, 110.0]
        assert piv["Tổng / Total"].tolist() == [110.0, 10.0, 120.0]

    def test_bad_rows(self, small_tidy):
        with pytest.raises(ValueError, match="'year' or 'activity'"):
            budget.pivot(small_tidy, "source", simple_params())


class TestExportTables:
    def test_sheets_and_headers(self, survey):
        p = simple_params()
        res = budget.build({"survey": survey}, p)
        sheets = budget.export_tables(
            res, p, extra={"Phân bổ xã": budget.allocate_central(survey, 10.0, p)}
        )
        assert list(sheets) == [
            "Chi tiết",
            "Năm x Nguồn (triệu đồng)",
            "Hoạt động x Nguồn (triệu đồng)",
            "Chi phí",
            "Vượt trần",
            "Phân bổ xã",
        ]
        assert budget.LABELS["amount_mvnd"] in sheets["Chi tiết"].columns
        assert sheets["Chi tiết"][budget.LABELS["amount_mvnd"]].sum() == pytest.approx(2269.0)
        assert budget.LABELS["commune_code"] in sheets["Phân bổ xã"].columns


class TestSummary:
    def test_keys_and_values(self, survey):
        import json

        p = simple_params()
        p["budget"]["envelopes"] = {"socialised": 0.0}
        res = budget.build({"survey": survey}, p)
        s = budget.summary(res, p, extra={"scenarios": {"base": 1.0}})
        json.dumps(s)
        assert s["total_mvnd"] == pytest.approx(2269.0)
        # socialised envelope 0 and no fallback for socialised → its whole requirement is unfunded
        socialised_required = res["required"].query("source == 'socialised'")["amount_mvnd"].sum()
        assert socialised_required > 0
        assert s["gap_mvnd"] == pytest.approx(socialised_required, abs=1e-3)
        assert s["funded_mvnd"] == pytest.approx(2269.0 - s["gap_mvnd"], abs=1e-3)
        assert sum(s["by_source_mvnd"].values()) == pytest.approx(s["funded_mvnd"], abs=1e-2)
        assert sum(i["amount_mvnd"] for i in s["unfunded_items"]) == pytest.approx(
            s["gap_mvnd"], abs=1e-2
        )
        assert all(i["source"] == "socialised" for i in s["unfunded_items"])
        assert s["checks_failed"] and s["scenarios"] == {"base": 1.0}
        assert list(s["by_year_mvnd"]) == ["2021", "2022", "2023", "2024", "2025"]
        assert s["inputs_used"] == {"pilots": "params", "capacity": "params"}


class TestControlOverrides:
    def test_empty(self):
        assert budget.control_overrides(simple_params()) == {}

    def test_values_and_kept_envelopes(self):
        p = simple_params()
        p["budget"]["envelopes"] = {"central": {2022: 10.0}, "provincial": 500.0}
        got = budget.control_overrides(
            p,
            envelopes={"provincial": "1 200,5", "commune": "", "socialised": None, "other": 0},
            socialised_factor=0.5,
            smart_count=2,
        )
        assert got == {
            "budget": {
                "envelopes": {"central": {2022: 10.0}, "provincial": 1200.5, "other": 0.0},
                "socialised_factor": 0.5,
                "pilots": {"smart_count": 2},
            }
        }
        # and it applies cleanly on top of the params
        merged = apply_overrides(p, got)
        assert merged["budget"]["envelopes"]["provincial"] == 1200.5
        assert merged["budget"]["pilots"]["ecommerce_count"] is None

    def test_bad_envelope(self):
        with pytest.raises(ValueError, match="number"):
            budget.control_overrides(simple_params(), envelopes={"central": "nhiều"})
        with pytest.raises(ValueError, match="≥ 0"):
            budget.control_overrides(simple_params(), envelopes={"central": -5})


class TestWriteXlsx:
    def test_number_formats_and_headers(self, survey, tmp_path):
        from openpyxl import load_workbook

        p = simple_params()
        res = budget.build({"survey": survey}, p)
        path = budget.write_xlsx(tmp_path / "budget.xlsx", budget.export_tables(res, p))
        wb = load_workbook(path)
        ws = wb["Chi tiết"]
        headers = [c.value for c in ws[1]]
        assert budget.LABELS["amount_mvnd"] in headers
        col = headers.index(budget.LABELS["amount_mvnd"]) + 1
        assert ws.cell(row=2, column=col).number_format == "#,##0.0"
        assert sum(
            ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)
        ) == pytest.approx(2269.0)
        piv = wb["Năm x Nguồn (triệu đồng)"]
        assert piv.cell(row=piv.max_row, column=1).value == "Tổng / Total"
        assert piv.cell(row=piv.max_row, column=piv.max_column).value == pytest.approx(2269.0)

    def test_same_bytes_twice(self, survey, tmp_path):
        p = simple_params()
        sheets = budget.export_tables(budget.build({"survey": survey}, p), p)
        a = budget.write_xlsx(tmp_path / "a.xlsx", sheets).read_bytes()
        b = budget.write_xlsx(tmp_path / "b.xlsx", sheets).read_bytes()
        assert a == b

    def test_empty(self, tmp_path):
        with pytest.raises(ValueError, match="sheet"):
            budget.write_xlsx(tmp_path / "x.xlsx", {})


class TestAssumptions:
    def test_every_budget_leaf_has_a_source(self):
        out = budget.assumptions(default_params())
        assert len(out) > 50
        assert (out["reference"].str.len() > 0).all()
        row = out.set_index("key").loc["budget.unit_costs.smart_package_mvnd"]
        assert row["value"] == "2000.0" and row["reference"].startswith("assumption")

    def test_profile_comments_replace_defaults(self):
        out = budget.assumptions(load_params(profile="2026_2030")).set_index("key")
        assert out.loc["budget.category_weights.zone_iii", "value"] == "50.0"
        assert out.loc["budget.category_weights.zone_iii", "reference"].startswith("[2026]")


class TestLabelHelpers:
    def test_labels_and_formats(self):
        p = simple_params()
        assert budget.activity_label("pilots", p) == p["budget"]["activities"]["pilots"]
        assert budget.source_label(budget.UNFUNDED, p) == p["budget"]["unfunded_label"]
        assert budget.format_number(1234.5) == "1.234,5"
        assert budget.format_share(0.573) == "57,3%"


class TestCentralEnvelope:
    def test_params_or_central_total(self):
        p = simple_params()
        res = {
            "tidy": tidy_frame(
                [
                    ("A", 2021, "central", 60.0),
                    ("A", 2022, "central", 15.0),
                    ("A", 2021, "commune", 5.0),
                ]
            )
        }
        assert budget.central_envelope(res, p) == pytest.approx(75.0)
        p["budget"]["central_envelope_mvnd"] = 1000.0
        assert budget.central_envelope(res, p) == 1000.0


class TestExtraFigures:
    def test_keys_by_hand(self):
        df = gaps_frame([40, 30, 30, 35, 5, 0], attainable=[True, True, True, True, False, True])
        best = budget.best_use(df, 100.0)
        greedy = budget.greedy_use(df, 100.0)
        alloc = pd.DataFrame({"amount_mvnd": [500.0, 250.0]})
        scen = pd.DataFrame(
            [
                {
                    "scenario": "base",
                    "label": "Cơ sở",
                    "total_mvnd": 10.0,
                    "unfunded_mvnd": 1.0,
                    "socialised_share": 0.2,
                }
            ]
        )
        out = budget.extra_figures(scen, alloc, best, greedy, 100.0)
        assert out["scenarios"]["base"]["total_mvnd"] == 10.0
        assert out["central_allocation"] == {
            "envelope_mvnd": 750.0,
            "communes": 2,
            "max_mvnd": 500.0,
            "min_mvnd": 250.0,
        }
        # 4 candidates (A–D; E cannot meet all, F already meets); B, C, D funded for 95; F + 3 meet after
        assert out["best_use"] == {
            "budget_mvnd": 100.0,
            "candidates": 4,
            "funded": 3,
            "cost_mvnd": 95.0,
            "meets_after": 4,
            "greedy_funded": 3,
            "greedy_cost_mvnd": 95.0,
        }

    def test_empty(self):
        assert budget.extra_figures() == {}


class TestBudgetCharts:
    """Smoke tests of ntmplan.tasks.budget.charts (figures are built, nothing shown)."""

    def test_every_chart_builds(self, survey):
        from ntmplan.tasks.budget import charts as bc

        p = simple_params()
        p["budget"]["envelopes"] = {"central": 10.0}
        res = budget.build({"survey": survey}, p)
        assert not res["gaps"].empty
        figs = [
            bc.by_year_chart(res["tidy"], p),
            bc.by_activity_chart(res["tidy"], p),
            bc.shares_chart(res["tidy"], p),
            bc.gap_chart(res["gaps"], p),
            bc.gap_chart(res["gaps"].iloc[0:0], p),
            bc.scenario_chart(budget.scenarios({"survey": survey}, p), p),
            bc.allocation_chart(budget.allocate_central(survey, 100.0, p), p, top=1),
        ]
        assert all(len(f.axes) >= 1 for f in figs)

    def test_interactive_panel_builds(self, survey):
        pytest.importorskip("ipywidgets")
        from ntmplan.tasks.budget import charts as bc

        panel = bc.interactive_panel({"survey": survey}, simple_params())
        assert len(panel.children) == 2
