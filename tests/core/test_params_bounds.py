"""Tests for ntmplan.core.params_bounds: every params value is checked (finite, in range, sane
size) when the params are loaded, before any kernel starts, naming the file and the key."""

from __future__ import annotations

import time

import pytest

from ntmplan.core import paths
from ntmplan.core.errors import ParamsError
from ntmplan.core.params import load_params


def write(tmp_path, text, name="p.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def problems_of(tmp_path, text):
    path = write(tmp_path, text)
    with pytest.raises(ParamsError) as exc:
        load_params("01", params_file=path)
    return path, exc.value.problems


def only(tmp_path, text, key, en):
    path, problems = problems_of(tmp_path, text)
    found = [p for p in problems if p.column == key]
    assert found, [(p.column, p.rule_en) for p in problems]
    assert any(en in p.rule_en for p in found), [p.rule_en for p in found]
    assert all(p.file == str(path) for p in found)
    assert all(p.rule_vi and p.rule_vi != p.rule_en for p in found)
    return found


class TestShippedParamsLoad:
    def test_defaults_and_every_profile(self):
        for profile in sorted(p.stem for p in paths.PROFILES_DIR.glob("*.yaml")):
            assert load_params(profile=profile)["programme"]["profile"] == profile

    def test_every_province_overlay(self):
        for path in sorted(paths.PROVINCE_PARAMS_DIR.glob("*.yaml")):
            load_params(path.name[:2])

    def test_default_scenarios_stay_valid(self):
        # socialised_factor 1.5 (high_socialised) is a multiplier, not a share
        load_params(overrides={"budget": {"socialised_factor": 1.5, "unit_cost_factor": 1.2}})


class TestFinite:
    @pytest.mark.parametrize("value", [".nan", ".inf", "-.inf", ".NaN"])
    def test_threshold_not_finite(self, tmp_path, value):
        only(
            tmp_path,
            f"pilots:\n  thresholds:\n    households_internet_smart_share: {value}\n",
            "pilots.thresholds.households_internet_smart_share",
            "finite",
        )

    def test_nan_inside_an_open_mapping(self, tmp_path):
        only(
            tmp_path,
            "budget:\n  envelopes:\n    central: .nan\n",
            "budget.envelopes.central",
            "finite",
        )

    def test_nan_inside_a_list(self, tmp_path):
        only(tmp_path, "status:\n  quantiles: [0.1, .nan]\n", "status.quantiles[1]", "finite")

    def test_huge_number(self, tmp_path):
        only(
            tmp_path,
            "budget:\n  best_use_budget_mvnd: 1.0e308\n",
            "budget.best_use_budget_mvnd",
            "at most",
        )


class TestRanges:
    @pytest.mark.parametrize(
        "text, key",
        [
            (
                "pilots:\n  thresholds:\n    villages_4g_share: 1.5\n",
                "pilots.thresholds.villages_4g_share",
            ),
            (
                "status:\n  targets:\n    files_online:\n      target: 60\n",
                "status.targets.files_online.target",
            ),
            ("budget:\n  splits:\n    pilots: {central: 1.2}\n", "budget.splits.pilots.central"),
            (
                "budget:\n  share_bounds:\n    central: {max: 2.0}\n",
                "budget.share_bounds.central.max",
            ),
            ("status:\n  quantiles: [0.1, 5]\n", "status.quantiles[1]"),
            ("pilots:\n  robustness:\n    spread: 1.5\n", "pilots.robustness.spread"),
            (
                "capacity:\n  groups:\n    officials:\n      share_by_year: {2023: 2.0}\n",
                "capacity.groups.officials.share_by_year.2023",
            ),
        ],
    )
    def test_shares_stay_in_0_1(self, tmp_path, text, key):
        only(tmp_path, text, key, "between 0 and 1")

    @pytest.mark.parametrize(
        "text, key",
        [
            ("budget:\n  envelopes:\n    central: -5\n", "budget.envelopes.central"),
            (
                "budget:\n  envelopes:\n    central: {2023: -1500}\n",
                "budget.envelopes.central.2023",
            ),
            (
                "budget:\n  unit_costs:\n    smart_package_mvnd: -2000\n",
                "budget.unit_costs.smart_package_mvnd",
            ),
            (
                "pilots:\n  types:\n    smart_commune: {number: -1}\n",
                "pilots.types.smart_commune.number",
            ),
            ("budget:\n  socialised_factor: -0.5\n", "budget.socialised_factor"),
            (
                "budget:\n  other_items:\n    x: {label: x, cost_mvnd: -3}\n",
                "budget.other_items.x.cost_mvnd",
            ),
        ],
    )
    def test_money_counts_envelopes_not_negative(self, tmp_path, text, key):
        only(tmp_path, text, key, "at least 0")

    def test_start_after_end(self, tmp_path):
        only(
            tmp_path,
            "programme:\n  start_year: 2030\n  end_year: 2025\n",
            "programme.start_year",
            "must not be after end_year",
        )

    def test_absurd_end_year_fails_fast(self, tmp_path):
        start = time.monotonic()
        only(tmp_path, "programme:\n  end_year: 1000000000\n", "programme.end_year", "2000")
        assert time.monotonic() - start < 5

    def test_too_many_programme_years(self, tmp_path):
        only(
            tmp_path,
            "programme:\n  start_year: 2021\n  end_year: 2099\n",
            "programme.end_year",
            "at most 15",
        )

    def test_min_above_max(self, tmp_path):
        only(
            tmp_path,
            "datashare:\n  quality:\n    ranges:\n      households: {min: 500.0, max: 100.0}\n",
            "datashare.quality.ranges.households.min",
            "must not be above",
        )

    def test_cap_zero(self, tmp_path):
        only(
            tmp_path,
            "status:\n  indicators:\n    digital_society:\n      digital_services: {cap: 0.0}\n",
            "status.indicators.digital_society.digital_services.cap",
            "greater than 0",
        )

    def test_every_problem_in_one_report(self, tmp_path):
        _, problems = problems_of(
            tmp_path,
            "programme:\n  start_year: 2030\n  end_year: 2025\n"
            "pilots:\n  thresholds:\n    villages_4g_share: .nan\n"
            "budget:\n  envelopes:\n    central: -1\n",
        )
        keys = {p.column for p in problems}
        assert {
            "programme.start_year",
            "pilots.thresholds.villages_4g_share",
            "budget.envelopes.central",
        } <= keys


class TestSizes:
    def test_other_items_capped_quickly(self, tmp_path):
        items = "".join(f"    i{n}: {{label: x, cost_mvnd: 1.0}}\n" for n in range(22_005))
        start = time.monotonic()
        found = only(
            tmp_path, "budget:\n  other_items:\n" + items, "budget.other_items", "at most 500"
        )
        assert "22005" in found[0].rule_en
        assert time.monotonic() - start < 10

    def test_seed_and_draws(self, tmp_path):
        only(
            tmp_path,
            "pilots:\n  robustness:\n    draws: 1000000000\n",
            "pilots.robustness.draws",
            "at most",
        )


class TestGoodValuesPass:
    def test_valid_overlay(self, tmp_path):
        path = write(
            tmp_path,
            "programme:\n  start_year: 2026\n  end_year: 2030\n"
            "budget:\n  envelopes:\n    central: {2026: 1500, 2027: 5e3}\n    provincial: 2000\n"
            "  other_items:\n    a: {label: A, cost_mvnd: 12.5, year: 2027, split: {provincial: 1.0}}\n",
        )
        p = load_params("01", params_file=path)
        assert p["budget"]["envelopes"]["central"][2027] == 5000.0


class TestScenarios:
    def test_scenario_override_out_of_bounds(self, tmp_path):
        only(
            tmp_path,
            "budget:\n  scenarios:\n"
            "    - {name: a, label: A, overrides: {budget: {splits: {pilots: {central: 3.0}}}}}\n"
            "    - {name: b, label: B, overrides: {programme: {start_year: 2030}}}\n",
            "budget.scenarios[0].overrides.budget.splits.pilots.central",
            "between 0 and 1",
        )

    def test_scenario_start_after_end(self, tmp_path):
        only(
            tmp_path,
            "budget:\n  scenarios:\n"
            "    - {name: b, label: B, overrides: {programme: {start_year: 2030}}}\n",
            "budget.scenarios[0].overrides.programme.start_year",
            "must not be after",
        )


class TestYearKeys:
    def test_envelope_year_key_out_of_range(self, tmp_path):
        only(
            tmp_path,
            "budget:\n  envelopes:\n    central: {20230: 1500}\n",
            "budget.envelopes.central.20230",
            "year must be within",
        )

    def test_number_named_other_items_are_not_years(self, tmp_path):
        path = write(tmp_path, "budget:\n  other_items:\n    1: {label: A, cost_mvnd: 5.0}\n")
        assert load_params("01", params_file=path)["budget"]["other_items"][1]["cost_mvnd"] == 5.0


class TestPerGroupValues:
    def test_each_group_value_follows_the_share_rule(self, tmp_path):
        text = (
            "pilots:\n  thresholds:\n    households_internet_smart_share:"
            " {group_1: 1.6, group_2: 0.5, group_3: 0.4}\n"
        )
        only(
            tmp_path,
            text,
            "pilots.thresholds.households_internet_smart_share.group_1",
            "share must be between 0 and 1",
        )

    def test_negative_group_minimum(self, tmp_path):
        text = "pilots:\n  thresholds:\n    digital_providers_min: {group_1: 2, group_2: 1, group_3: -1}\n"
        only(tmp_path, text, "pilots.thresholds.digital_providers_min.group_3", "at least 0")

    def test_valid_per_group_values_load(self, tmp_path):
        path = write(
            tmp_path,
            "pilots:\n  thresholds:\n    households_internet_smart_share:"
            " {group_1: 0.6, group_2: 0.5, group_3: 0.4}\n",
        )
        p = load_params("01", params_file=path)
        assert p["pilots"]["thresholds"]["households_internet_smart_share"]["group_3"] == 0.4
