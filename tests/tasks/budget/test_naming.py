"""Tests for ntmplan.tasks.budget.naming, through the package re-exports; values worked out by hand."""

from __future__ import annotations

from ntmplan.core import fmt
from ntmplan.tasks import budget
from ntmplan.tasks.budget.naming import label_of_activity, label_of_source
from tests.tasks.budget.helpers import simple_params


class TestLabelHelpers:
    def test_labels_and_formats(self):
        p = simple_params()
        assert budget.activity_label("pilots", p) == p["budget"]["activities"]["pilots"]
        assert budget.source_label(budget.UNFUNDED, p) == p["budget"]["unfunded_label"]
        assert budget.format_number(1234.5) == "1.234,5"
        assert budget.format_share(0.573) == "57,3%"


class TestNumberFormat:
    def test_format_number_writes_ints_with_decimals(self):
        # unlike ntmplan.core.fmt.number, which writes an int without decimals
        assert budget.format_number(100) == "100,0"
        assert fmt.number(100) == "100"
        assert (
            budget.format_number(-1234567.891, 2) == fmt.number(-1234567.891, 2) == "-1.234.567,89"
        )
        assert budget.format_number(0, 0) == fmt.number(0.0, 0) == "0"

    def test_format_share_is_the_core_percent(self):
        assert budget.format_share is fmt.percent


class TestLabelOf:
    def test_activity_and_source_from_the_budget_section(self):
        b = simple_params()["budget"]
        b["other_items"] = {"kho": {"label": "Kho lạnh", "cost_mvnd": 1}}
        assert label_of_activity("pilots", b) == b["activities"]["pilots"]
        assert label_of_activity("kho", b) == "Kho lạnh"
        assert label_of_activity("zzz", b) == "zzz"
        assert label_of_source(budget.UNFUNDED, b) == b["unfunded_label"]
        assert label_of_source("zzz", b) == "zzz"
