"""Tests for ntmplan.tasks.datashare.labels (and the package's re-exports): every output column has a label."""

from __future__ import annotations

from pathlib import Path

from ntmplan.tasks import datashare as D
from tests.survey.legacy_fixtures import Q1, Q2, UNITS, convert, survey


def test_labels_cover_outputs():
    _, report = convert()
    q = D.quality_report(
        survey(Q1, Q2), None, survey({**Q1, "year": 2023, "households": 1000}), units=UNITS
    )
    frames = [
        report.unmatched,
        report.totals,
        report.mapping,
        report.partial_units,
        report.counts_table(),
    ]
    frames += [
        q[k]
        for k in (
            "overview",
            "completeness",
            "ranges",
            "duplicates",
            "missing_units",
            "unknown_units",
            "jumps",
        )
    ]
    for frame in frames:
        for col in frame.columns:
            assert col in D.LABELS, col
    assert Path(D.__file__).parent.name == "datashare"
