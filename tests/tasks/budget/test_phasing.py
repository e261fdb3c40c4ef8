"""Tests for ntmplan.tasks.budget.phasing, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.core.params import default_params, load_params
from ntmplan.tasks import budget
from ntmplan.tasks.budget.phasing import outside_task, phasing_rule
from tests.tasks.budget.helpers import simple_params


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


class TestPhasingRule:
    def test_own_and_other_items(self):
        b = simple_params()["budget"]
        b["other_items"] = {
            "kho": {"cost_mvnd": 1, "phasing": {"rule": "front_loaded", "weights": [1]}},
            "may": {"cost_mvnd": 1},
        }
        assert phasing_rule("pilots", b) == b["phasing"]["pilots"]
        assert phasing_rule("kho", b) == {
            **b["phasing"]["other"],
            "rule": "front_loaded",
            "weights": [1],
        }
        assert phasing_rule("may", b) == b["phasing"]["other"]


class TestTaskSchedule:
    """The budget spends on an activity only in the years of its task (plan.tasks start/end)."""

    @staticmethod
    def _params(start: str = "2023Q1", end: str = "2025Q4") -> dict:
        p = default_params()
        p["plan"]["tasks"]["task_2"]["start"] = start
        p["plan"]["tasks"]["task_2"]["end"] = end
        return p

    def test_task_years_bound_the_rule(self):
        rule = {"rule": "even", "weights": [], "task": "task_2"}
        assert budget.active_years(rule, self._params()) == [2023, 2024, 2025]
        # 2022Q4–2024Q1 touches the years 2022, 2023 and 2024
        assert budget.active_years(rule, self._params("2022Q4", "2024Q1")) == [2022, 2023, 2024]

    def test_from_year_only_delays(self):
        p = self._params()
        late = {"rule": "even", "weights": [], "task": "task_2", "from_year": 2024}
        early = {"rule": "even", "weights": [], "task": "task_2", "from_year": 2021}
        assert budget.active_years(late, p) == [2024, 2025]
        assert budget.active_years(early, p) == [2023, 2024, 2025]

    def test_task_starting_2023_spends_nothing_before(self):
        # communication 90 tr.đ, task 2 from Quý I/2023 to Quý IV/2025: 90 / 3 = 30 a year, 0 in 2021–2022
        p = self._params()
        p["budget"]["phasing"]["communication"] = {"rule": "even", "weights": [], "task": "task_2"}
        costs = pd.DataFrame(
            {
                "activity": ["communication"],
                "item": ["a"],
                "year": pd.array([pd.NA], dtype="Int64"),
                "cost_mvnd": [90.0],
                "basis": [""],
            }
        )
        out = budget.phase(costs, p).set_index("year")["amount_mvnd"]
        assert out.to_dict() == pytest.approx({2023: 30.0, 2024: 30.0, 2025: 30.0})
        assert out.reindex([2021, 2022], fill_value=0.0).tolist() == [0.0, 0.0]

    def test_fixed_lines_before_the_task_are_moved_into_it(self):
        # 04 lines 2021: 10, 2022: 10, 2023: 5; task 4 starts 2023 → the 20 of 2021–2022 spread evenly
        # over 2023–2025 (20 / 3 each): 2023 = 5 + 6.667, 2024 = 2025 = 6.667; total 25 kept
        p = default_params()
        p["plan"]["tasks"]["task_4"].update(start="2023Q1", end="2025Q4")
        p["budget"]["phasing"]["training"] = {"rule": "even", "weights": [], "task": "task_4"}
        costs = pd.DataFrame(
            {
                "activity": ["training"] * 3,
                "item": ["a", "b", "c"],
                "year": pd.array([2021, 2022, 2023], dtype="Int64"),
                "cost_mvnd": [10.0, 10.0, 5.0],
                "basis": ["", "", ""],
            }
        )
        assert outside_task(costs, p).tolist() == [True, True, False]
        out = budget.phase(costs, p).set_index("year")["amount_mvnd"]
        assert out.to_dict() == pytest.approx({2023: 5 + 20 / 3, 2024: 20 / 3, 2025: 20 / 3})

    def test_default_spending_starts_with_each_task(self):
        # both profiles: each standard activity's first year with money is its task's start year
        for profile in ("2021_2025", "2026_2030"):
            p = load_params(profile=profile)
            for activity, rule in p["budget"]["phasing"].items():
                if not rule.get("task"):
                    continue
                start_year = int(p["plan"]["tasks"][rule["task"]]["start"][:4])
                first = budget.active_years(rule, p)[0]
                assert first == max(start_year, p["programme"]["start_year"]), (profile, activity)

    def test_default_2021_2025_years(self):
        p = default_params()
        years = {
            a: budget.active_years(phasing_rule(a, p["budget"]), p) for a in p["budget"]["phasing"]
        }
        assert years["plan_preparation"] == [2022]  # task 1: Quý III–IV/2022
        assert years["communication"] == years["training"] == [2023, 2024, 2025]
        assert years["support_policy"] == [2023, 2024, 2025]  # task 6: Quý I/2023 – Quý IV/2025
        assert years["other"] == [2021, 2022, 2023, 2024, 2025]

    def test_errors(self):
        p = default_params()
        with pytest.raises(KeyError, match="task_9"):
            budget.active_years({"rule": "even", "task": "task_9"}, p)
        p["plan"]["tasks"]["task_2"].update(start="2027Q1", end="2028Q4")
        with pytest.raises(ValueError, match="no year within the programme period"):
            budget.active_years({"rule": "even", "task": "task_2"}, p)
