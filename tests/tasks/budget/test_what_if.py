"""Tests for ntmplan.tasks.budget.what_if (and core apply_overrides on budget params), through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pytest

from ntmplan.core.errors import ParamsError
from ntmplan.core.params import apply_overrides, default_params
from ntmplan.tasks import budget
from tests.tasks.budget.helpers import SOURCES, simple_params


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
