"""Tests for ntmplan.tasks.budget.assumption_table, through the package re-exports; values worked out by hand."""

from __future__ import annotations

from ntmplan.core.params import default_params, load_params
from ntmplan.tasks import budget


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
        # the profile's own comment, not the defaults' one
        reference = out.loc["budget.category_weights.zone_iii", "reference"]
        assert reference.startswith("giả định (dự thảo quy định phân bổ vốn 2026–2030)")
        assert (
            reference
            != budget.assumptions(default_params())
            .set_index("key")
            .loc["budget.category_weights.zone_iii", "reference"]
        )
