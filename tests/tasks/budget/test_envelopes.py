"""Tests for ntmplan.tasks.budget.envelopes, through the package re-exports; values worked out by hand."""

from __future__ import annotations

import pandas as pd
import pytest

from ntmplan.tasks import budget
from tests.tasks.budget.helpers import envelope_params, simple_params, tidy_frame


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
