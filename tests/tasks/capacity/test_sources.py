"""Tests of ntmplan.tasks.capacity.sources (assumptions table).

Expected values are worked out by hand in the comments (fixtures in ``conftest.py``).
"""

from __future__ import annotations

from ntmplan.tasks import capacity


class TestAssumptions:
    def test_every_price_is_marked_as_assumption(self):
        a = capacity.assumptions()
        prices = a[a["key"].str.contains("mvnd") | a["key"].str.contains("channels")]
        assert len(prices) > 10
        assert prices["source"].str.contains("assumption").all()

    def test_resolved_values_and_province_items(self, params):
        params["capacity"]["support_policy"]["monthly_allowance_mvnd"] = 0.75
        params["capacity"]["support_policy"]["items"] = {
            "x": {"name_vi": "X", "unit_cost_mvnd": 1.0}
        }
        a = capacity.assumptions(params).set_index("key")
        assert a.loc["capacity.support_policy.monthly_allowance_mvnd", "value"] == "0.75"
        assert "tỉnh" in a.loc["capacity.support_policy.items.x", "source"]
