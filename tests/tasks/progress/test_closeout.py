"""Close-out arithmetic against the 2025 targets (hand-computed)."""

from __future__ import annotations

import pytest

from ntmplan.tasks import progress
from tests.tasks.progress.fixtures import params, survey


def closeout(rows, **kw):
    p = params(**kw)
    return progress.closeout_targets(progress.commune_measures(survey(rows), p), p).set_index(
        "target_id"
    )


class TestCloseoutTargets:
    def test_exactly_at_the_target_counts_as_met(self):
        out = closeout([("a", 2025, 10, 0.6, True), ("b", 2025, 10, 0.6, True)])
        row = out.loc["files_online"]
        assert bool(row["met"]) and row["margin"] == pytest.approx(0.0)
        assert row["communes_short"] == 0

    def test_weighted_target_communes_short(self):
        # shares 0.2, 0.5, 0.9 (10 officials each): value 16/30 = 0.5333; deficit 18 − 16 = 2;
        # gains 4 (first commune) ≥ 2: one commune short.
        out = closeout(
            [("a", 2025, 10, 0.2, True), ("b", 2025, 10, 0.5, True), ("c", 2025, 10, 0.9, True)]
        )
        row = out.loc["files_online"]
        assert row["value"] == pytest.approx(16 / 30)
        assert not row["met"] and row["margin"] == pytest.approx(16 / 30 - 0.6)
        assert row["communes_short"] == 1

    def test_counted_target_communes_short(self):
        # 9 of 10 communes meet 8.4: ⌈0.97 × 10⌉ − 9 = 1 short; value 0.9, margin −0.07.
        rows = [(f"c{i}", 2025, 10, 0.7, i < 9) for i in range(10)]
        row = closeout(rows).loc["criterion_8_4"]
        assert row["value"] == pytest.approx(0.9) and row["margin"] == pytest.approx(-0.07)
        assert row["communes"] == 10 and row["communes_met"] == 9
        assert row["communes_short"] == 1 and not row["met"]

    def test_last_year_up_to_the_closeout_year(self):
        rows = [
            ("a", 2024, 10, 0.1, False),
            ("a", 2025, 10, 0.7, True),
            ("a", 2026, 10, 0.9, False),
        ]
        out = closeout(rows)
        assert (out["year"] == 2025).all()
        assert out.loc["files_online", "value"] == pytest.approx(0.7)
        assert bool(out.loc["criterion_8_4", "met"])

    def test_only_later_years_gives_no_row(self):
        assert closeout([("a", 2026, 10, 0.9, True)]).empty

    def test_labels_from_the_targets(self):
        out = closeout([("a", 2025, 10, 0.7, True)])
        assert out.loc["criterion_8_4", "label_vi"] == "Chỉ tiêu 8.4"

    def test_missing_column(self):
        with pytest.raises(KeyError, match="kind"):
            progress.closeout_targets(
                progress.commune_measures(survey([("a", 2025, 10, 0.7, True)]), params()).drop(
                    columns="kind"
                ),
                params(),
            )
