"""Tests for ntmplan.batch.results: the results table printed by the command line."""

from __future__ import annotations

from ntmplan.batch.results import RunResult, summary_table


class TestSummaryTable:
    def test_control_characters_are_not_printed(self):
        text = summary_table(
            [RunResult("01_status", "01", "failed", 1.0, "/x", error="bad\x1b[31m red")]
        )
        assert "\x1b" not in text and "bad" in text
